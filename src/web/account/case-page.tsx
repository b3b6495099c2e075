import { ArrowLeftOutlined, EditOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useItem } from '../catalog/queries.ts';
import { CaseClockCard } from '../cases/case-clock.tsx';
import { CaseCountersignsCard } from '../cases/case-countersigns.tsx';
import { CaseDocumentsCard } from '../cases/case-documents.tsx';
import { CaseHeader } from '../cases/case-header.tsx';
import { ActionError, CaseLoader } from '../cases/case-loader.tsx';
import { CaseMaterialsCard, replacedMaterials } from '../cases/case-materials.tsx';
import { CaseTimelineCard } from '../cases/case-timeline.tsx';
import { useCaseAction } from '../cases/queries.ts';
import type { CaseDetail } from '../cases/types.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { CommitmentsCard } from './case-commitments.tsx';
import { SupplementCard } from './case-supplement.tsx';
import { useFeedback } from '../ui/feedback.tsx';
import { CaseRatingCard } from '../evaluations/case-rating-card.tsx';

/** /me/cases/:id — the applicant's case: status, what to do next, clock, notices, commitments, materials, documents, history. */
export function MyCasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  usePageTitle(t('myCases.title'));
  return (
    <RequireAccount>
      {() => (
        <CaseLoader id={id} back={{ to: '/me/cases', label: t('cases.back.mine') }}>
          {(c, reload) => <MyCaseView c={c} onReload={reload} />}
        </CaseLoader>
      )}
    </RequireAccount>
  );
}

function MyCaseView({ c, onReload }: { c: CaseDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const justSubmitted = Boolean((location.state as { submitted?: boolean } | null)?.submitted);
  const item = useItem(c.implementationCode);
  const requirements = item.data?.guide.materials ?? [];
  const openNotice = c.allowedActions.includes('supplement') ? c.notices.filter((notice) => !notice.supplementedAt).at(-1) : undefined;
  const names = Object.fromEntries(c.materials.map((material) => [material.requirementKey, material.name]));
  usePageTitle(c.itemName);
  return (
    <div className="tb-page tb-stack" data-testid="my-case">
      <Link to="/me/cases" className="tb-back-anchor">
        <ArrowLeftOutlined aria-hidden="true" /> {t('cases.back.mine')}
      </Link>
      {justSubmitted && c.status === 'submitted' ? (
        <Alert type="success" showIcon title={t('myCases.submittedBanner')} data-testid="submitted-banner" />
      ) : null}
      <CaseHeader c={c} />
      <NextStep c={c} />
      <CaseRatingCard c={c} />
      <DraftActions c={c} onReload={onReload} />
      {openNotice ? <SupplementCard c={c} notice={openNotice} requirements={requirements} onReload={onReload} /> : null}
      <CommitmentsCard c={c} requirements={requirements} onReload={onReload} />
      <CaseClockCard clock={c.clock} />
      <CaseCountersignsCard countersigns={c.countersigns} />
      <CaseMaterialsCard materials={c.materials} replaced={replacedMaterials(c, item.data?.guide)} />
      <CaseDocumentsCard caseId={c.id} documents={c.documents} />
      <CaseTimelineCard events={c.timeline} names={names} />
      {c.allowedActions.includes('withdraw') ? <WithdrawButton c={c} onReload={onReload} /> : null}
    </div>
  );
}

/** What the applicant should do or know now, in one sentence, with the decision's reasons when there are any. */
function NextStep({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const awaitingSignature = c.commitments.some((commitment) => commitment.status === 'awaitingSignature');
  const supplyDue = c.commitments.some((commitment) => commitment.kind === 'deficiency' && commitment.status !== 'fulfilled');
  let key = 'inProgress';
  let type: 'info' | 'warning' | 'success' | 'error' = 'info';
  if (c.status === 'draft') key = 'draft';
  else if (c.status === 'submitted' || c.status === 'prereview') key = 'submitted';
  else if (c.status === 'correction') {
    key = 'correction';
    type = 'warning';
  } else if (c.status === 'suspended') {
    key = 'suspended';
    type = 'warning';
  } else if (awaitingSignature) {
    key = 'sign';
    type = 'warning';
  } else if (supplyDue) {
    key = 'supply';
    type = 'warning';
  } else if (c.status === 'decided') {
    key = c.decision === 'denied' ? 'decidedDenied' : 'decidedApproved';
    type = c.decision === 'denied' ? 'error' : 'success';
  } else if (c.status === 'issued') {
    key = 'issued';
    type = 'success';
  } else if (['completed', 'delivered'].includes(c.status)) {
    key = 'completed';
    type = 'success';
  } else if (c.status === 'rejected') {
    key = 'rejected';
    type = 'error';
  } else if (c.status === 'withdrawn') key = 'withdrawn';
  else if (c.status === 'revoked') {
    key = 'revoked';
    type = 'error';
  }
  const reason =
    c.decisionReason && (c.status === 'rejected' || c.decision === 'denied' || c.status === 'revoked')
      ? `${c.status === 'rejected' ? t('cases.rejectedReason') : t('cases.decisionReason')}：${c.decisionReason}`
      : undefined;
  const action = c.status === 'issued' ? <Link to="/me/licenses">{t('myCases.toLicenses')}</Link> : undefined;
  return <Alert type={type} showIcon title={t(`myCases.next.${key}`)} description={reason} action={action} data-testid="next-step-note" />;
}

/** A draft: continue filling it in, or submit it as it is. */
function DraftActions({ c, onReload }: { c: CaseDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const navigate = useNavigate();
  const action = useCaseAction(c);
  if (c.status !== 'draft') return null;
  return (
    <Card>
      <ActionError error={action.error} onReload={onReload} />
      <div className="tb-actions">
        <Button icon={<EditOutlined />} onClick={() => void navigate(`/apply/${c.implementationCode}?draft=${c.id}`)}>
          {t('myCases.continueDraft')}
        </Button>
        {c.allowedActions.includes('submit') ? (
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={action.isPending}
            onClick={() =>
              void action.mutateAsync({ path: 'submit' }).then(
                () => message.success(t('cases.done')),
                () => undefined,
              )
            }
          >
            {t('myCases.submitDraft')}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}

/** 撤回申请, after a confirmation that says what it means, with an optional reason. */
function WithdrawButton({ c, onReload }: { c: CaseDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const action = useCaseAction(c);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason?: string }>();

  async function withdraw(values: { reason?: string }) {
    try {
      await action.mutateAsync({ path: 'withdraw', body: values.reason?.trim() ? { reason: values.reason.trim() } : {} });
      setOpen(false);
      message.success(t('myCases.withdraw.done'));
    } catch {
      // shown in the dialog
    }
  }

  return (
    <div className="tb-actions">
      <Button danger icon={<RollbackOutlined />} onClick={() => setOpen(true)} data-testid="withdraw">
        {t('myCases.withdraw.button')}
      </Button>
      <Modal open={open} title={t('myCases.withdraw.title')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <p>{t('myCases.withdraw.text')}</p>
        <ActionError error={action.error} onReload={onReload} />
        <Form form={form} layout="vertical" onFinish={(values) => void withdraw(values)}>
          <Form.Item name="reason" label={t('myCases.withdraw.reason')}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
          <div className="tb-actions tb-modal-actions">
            <Button onClick={() => setOpen(false)}>{t('cases.cancel')}</Button>
            <Button danger type="primary" htmlType="submit" loading={action.isPending}>
              {t('myCases.withdraw.button')}
            </Button>
          </div>
        </Form>
      </Modal>
    </div>
  );
}
