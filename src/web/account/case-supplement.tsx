import { SendOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaterialRequirement } from '../catalog/types.ts';
import { ActionError } from '../cases/case-loader.tsx';
import { useDateFormat } from '../cases/labels.tsx';
import { MaterialSlot } from '../cases/material-slot.tsx';
import { useCaseAction, useWallet } from '../cases/queries.ts';
import type { CaseDetail, CaseNotice, ChosenMaterial } from '../cases/types.ts';
import { useCaseProblems } from '../ui/error-text.ts';
import { useFeedback } from '../ui/feedback.tsx';

type Props = { c: CaseDetail; notice: CaseNotice; requirements: MaterialRequirement[]; onReload: () => void };

/** 补正材料: one upload slot per material the one-time notice lists; all are sent together. */
export function SupplementCard({ c, notice, requirements, onReload }: Props) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const { dateTime } = useDateFormat();
  const caseProblems = useCaseProblems();
  const wallet = useWallet();
  const action = useCaseAction(c);
  const [chosen, setChosen] = useState<Record<string, ChosenMaterial>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  function choose(key: string, material: ChosenMaterial | undefined) {
    setChosen((current) => {
      const copy = { ...current };
      if (material) copy[key] = material;
      else delete copy[key];
      return copy;
    });
    setErrors((current) => ({ ...current, [key]: '' }));
  }

  async function submit() {
    const missing = notice.items.filter((item) => !chosen[item.requirementKey]);
    if (missing.length > 0) {
      setErrors(Object.fromEntries(missing.map((item) => [item.requirementKey, t('apply.materials.needed')])));
      return;
    }
    try {
      await action.mutateAsync({
        path: 'supplement',
        body: {
          materials: notice.items.map((item) => ({ requirementKey: item.requirementKey, materialId: chosen[item.requirementKey].id })),
        },
      });
      message.success(t('myCases.supplement.done'));
    } catch (error) {
      setErrors(caseProblems(error).materials);
    }
  }

  return (
    <Card
      title={<h2 className="tb-card-heading">{t('myCases.supplement.title')}</h2>}
      className="tb-attention-card"
      data-testid="supplement-card"
    >
      <p>{t('myCases.supplement.intro')}</p>
      <p className="tb-muted">{t('myCases.supplement.issuedAt', { date: dateTime(notice.issuedAt) })}</p>
      {notice.note ? <p className="tb-pre">{t('myCases.supplement.noticeNote', { note: notice.note })}</p> : null}
      <ActionError error={action.error} onReload={onReload} />
      <ol className="tb-materials tb-slots">
        {notice.items.map((item) => {
          const requirement = requirements.find((entry) => entry.key === item.requirementKey);
          const slot = c.materials.find((entry) => entry.requirementKey === item.requirementKey);
          return (
            <MaterialSlot
              key={item.requirementKey}
              requirement={{
                key: item.requirementKey,
                name: item.name,
                required: slot?.required ?? true,
                deferrable: slot?.deferrable ?? false,
                fileTypes: requirement?.fileTypes,
                maxSizeMb: requirement?.maxSizeMb,
              }}
              value={chosen[item.requirementKey]}
              onChange={(material) => choose(item.requirementKey, material)}
              error={errors[item.requirementKey] || undefined}
              wallet={wallet.data?.items ?? []}
              hint={
                <strong className="tb-problem">
                  {t(`cases.problem.${item.problem}`)}
                  {item.note ? `：${item.note}` : ''}
                </strong>
              }
            />
          );
        })}
      </ol>
      <div className="tb-actions tb-form-foot">
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={action.isPending}
          onClick={() => void submit()}
          data-testid="submit-supplement"
        >
          {t('myCases.supplement.submit')}
        </Button>
      </div>
    </Card>
  );
}
