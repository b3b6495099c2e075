import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaterialRequirement } from '../catalog/types.ts';
import { ActionError } from '../cases/case-loader.tsx';
import { MaterialSlot } from '../cases/material-slot.tsx';
import { useCaseAction, useWallet } from '../cases/queries.ts';
import type { CaseDetail, ChosenMaterial, Commitment } from '../cases/types.ts';
import { useCaseProblems } from '../ui/error-text.ts';
import { useFeedback } from '../ui/feedback.tsx';

type Props = { c: CaseDetail; requirements: MaterialRequirement[]; onReload: () => void };

/**
 * 承诺事项: 容缺 commitments proposed at acceptance (sign, then supply the material before the due
 * date) and the 告知承诺 conditions signed with the application.
 */
export function CommitmentsCard({ c, requirements, onReload }: Props) {
  const { t } = useTranslation();
  const action = useCaseAction(c);
  if (c.commitments.length === 0) return null;
  const conditions = c.commitments.filter((commitment) => commitment.kind === 'condition');
  const deficiencies = c.commitments.filter((commitment) => commitment.kind === 'deficiency');
  return (
    <Card title={<h2 className="tb-card-heading">{t('cases.commitments.title')}</h2>} data-testid="commitments-card">
      <ActionError error={action.error} onReload={onReload} />
      {deficiencies.length > 0 ? (
        <ul className="tb-plain-list tb-commitment-list">
          {deficiencies.map((commitment) => (
            <DeficiencyCommitment key={commitment.id} c={c} commitment={commitment} requirements={requirements} action={action} />
          ))}
        </ul>
      ) : null}
      {conditions.length > 0 ? (
        <>
          <p className="tb-muted">{t('cases.commitments.conditionNote')}</p>
          <ul className="tb-plain-list tb-commitment-list">
            {conditions.map((commitment) => (
              <li key={commitment.id} className="tb-commitment">
                <Tag color="blue">{t('cases.commitmentKind.condition')}</Tag>
                <p className="tb-pre">{commitment.text}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

type DeficiencyProps = {
  c: CaseDetail;
  commitment: Commitment;
  requirements: MaterialRequirement[];
  action: ReturnType<typeof useCaseAction>;
};

function DeficiencyCommitment({ c, commitment, requirements, action }: DeficiencyProps) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const caseProblems = useCaseProblems();
  const wallet = useWallet();
  const [chosen, setChosen] = useState<ChosenMaterial>();
  const [error, setError] = useState<string>();
  const slot = c.materials.find((entry) => entry.requirementKey === commitment.subjectKey);
  const requirement = requirements.find((entry) => entry.key === commitment.subjectKey);
  const canSign = commitment.status === 'awaitingSignature' && c.allowedActions.includes('signCommitment');
  const canSupply = commitment.status !== 'fulfilled' && c.allowedActions.includes('supplyDeferred');
  const name = slot?.name ?? requirement?.name ?? commitment.subjectKey;

  async function sign() {
    await action.mutateAsync({ path: `commitments/${commitment.id}/sign` }).then(
      () => message.success(t('cases.commitments.signed')),
      () => undefined,
    );
  }

  async function supply() {
    if (!chosen) {
      setError(t('apply.materials.needed'));
      return;
    }
    try {
      await action.mutateAsync({ path: 'supply', body: { requirementKey: commitment.subjectKey, materialId: chosen.id } });
      message.success(t('cases.commitments.supplied'));
    } catch (caught) {
      setError(caseProblems(caught).materials[commitment.subjectKey]);
    }
  }

  return (
    <li className="tb-commitment" data-testid={`commitment-${commitment.subjectKey}`}>
      <div className="tb-material-head">
        <Tag color="orange">{t('cases.commitmentKind.deficiency')}</Tag>
        <span className="tb-material-name">{name}</span>
        <Tag>{t(`cases.commitmentStatus.${commitment.status}`, { defaultValue: commitment.status })}</Tag>
      </div>
      <p className="tb-pre">{commitment.text}</p>
      {commitment.dueOn && commitment.status !== 'fulfilled' ? (
        <p className="tb-material-meta">{t('cases.commitments.dueOn', { date: commitment.dueOn })}</p>
      ) : null}
      {canSign ? (
        <Button type="primary" icon={<EditOutlined />} loading={action.isPending} onClick={() => void sign()}>
          {t('cases.commitments.sign')}
        </Button>
      ) : null}
      {canSupply && !canSign ? (
        <div className="tb-supply">
          <ol className="tb-materials tb-slots">
            <MaterialSlot
              requirement={{
                key: commitment.subjectKey,
                name,
                required: true,
                deferrable: true,
                fileTypes: requirement?.fileTypes,
                maxSizeMb: requirement?.maxSizeMb,
              }}
              value={chosen}
              onChange={(material) => {
                setChosen(material);
                setError(undefined);
              }}
              error={error}
              wallet={wallet.data?.items ?? []}
            />
          </ol>
          <Button type="primary" icon={<CheckOutlined />} loading={action.isPending} onClick={() => void supply()}>
            {t('cases.commitments.supply')}
          </Button>
        </div>
      ) : null}
    </li>
  );
}
