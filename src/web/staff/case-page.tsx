import { ArrowLeftOutlined, MessageOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Row, Tag } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api.ts';
import type { Account } from '../api-types.ts';
import { useItem } from '../catalog/queries.ts';
import type { Guide } from '../catalog/types.ts';
import { CaseClockCard } from '../cases/case-clock.tsx';
import { CaseCountersignsCard } from '../cases/case-countersigns.tsx';
import { CaseDocumentsCard } from '../cases/case-documents.tsx';
import { CaseHeader } from '../cases/case-header.tsx';
import { ActionError, CaseLoader } from '../cases/case-loader.tsx';
import { replacedMaterials } from '../cases/case-materials.tsx';
import { CaseTimelineCard } from '../cases/case-timeline.tsx';
import type { CaseDetail } from '../cases/types.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { CaseActions } from './case-actions.tsx';
import { MaterialViewer } from './material-viewer.tsx';
import { RevealApplicant } from './reveal-applicant.tsx';
import { useFeedback } from '../ui/feedback.tsx';

/** /staff/cases/:id — a case for the staff who handle it: actions, form, materials, clock, timeline with internal comments. */
export function StaffCasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  usePageTitle(t('staffCase.title'));
  return (
    <RequireAccount allow={(account) => account.kind === 'staff'} deniedText={t('guard.noPermissionStaff')}>
      {(account) => (
        <CaseLoader id={id} back={{ to: '/staff', label: t('cases.back.workbench') }}>
          {(c, reload) => <StaffCaseView c={c} account={account} onReload={reload} />}
        </CaseLoader>
      )}
    </RequireAccount>
  );
}

function StaffCaseView({ c, account, onReload }: { c: CaseDetail; account: Account; onReload: () => void }) {
  const { t } = useTranslation();
  const item = useItem(c.implementationCode);
  const guide = item.data?.guide;
  const names = Object.fromEntries(c.materials.map((material) => [material.requirementKey, material.name]));
  const handler = c.handlerId === null ? t('staffCase.handlerNone') : c.handlerId === account.id ? t('staffCase.handlerMe') : null;
  usePageTitle(`${c.itemName} · ${c.number ?? ''}`);
  return (
    <div className="tb-page tb-stack" data-testid="staff-case">
      <Link to="/staff" className="tb-back-anchor">
        <ArrowLeftOutlined aria-hidden="true" /> {t('cases.back.workbench')}
      </Link>
      <CaseHeader
        c={c}
        extra={
          handler ? (
            <Tag>
              {t('staffCase.handler')}：{handler}
            </Tag>
          ) : null
        }
        applicant={
          c.applicantKind === 'person' && c.allowedActions.length > 0 ? (
            <RevealApplicant caseId={c.id} masked={c.applicantName} />
          ) : undefined
        }
      />
      <CaseActions c={c} guide={guide} onReload={onReload} />
      {c.extension.status === 'requested' ? (
        <Alert type="info" showIcon title={t('staffCase.extension.requested', { reason: c.extension.reason ?? '' })} />
      ) : null}
      {c.decisionReason ? (
        <Alert
          type={c.decision === 'approved' ? 'success' : 'warning'}
          showIcon
          title={`${t('cases.decisionReason')}：${c.decisionReason}`}
        />
      ) : null}
      {/* The materials beside the form, in a wide viewer; the clock, documents and timeline below the form. */}
      <Row gutter={[20, 20]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 9, order: 1 }} className="tb-stack">
          <FormDataCard c={c} guide={guide} />
          <CaseClockCard clock={c.clock} />
          <CaseCountersignsCard countersigns={c.countersigns} />
          <CaseDocumentsCard caseId={c.id} documents={c.documents} />
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 15, order: 2 }} className="tb-stack">
          {c.materials.length > 0 ? <MaterialViewer materials={c.materials} replaced={replacedMaterials(c, guide)} caseId={c.id} /> : null}
        </Col>
      </Row>
      <CaseTimelineCard events={c.timeline} names={names} extra={<CommentForm c={c} onDone={onReload} />} />
    </div>
  );
}

/** 申请表内容: the form data with the labels of the item's form (keys when the guide is unavailable). */
function FormDataCard({ c, guide }: { c: CaseDetail; guide: Guide | undefined }) {
  const { t } = useTranslation();
  const labels = new Map((guide?.form ?? []).map((field) => [field.key, field.label]));
  const entries = Object.entries(c.formData);
  return (
    <Card title={<h2 className="tb-card-heading">{t('staffCase.form')}</h2>} data-testid="case-form">
      {entries.length === 0 ? (
        <p>{t('cases.form.empty')}</p>
      ) : (
        <dl className="tb-facts">
          {entries.map(([key, value]) => (
            <div key={key} className="tb-fact">
              <dt>{labels.get(key) ?? key}</dt>
              <dd className="tb-pre">{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}

/** 内部意见: a comment on the timeline, seen only by staff. */
function CommentForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const [form] = Form.useForm<{ text: string }>();
  const comment = useMutation({ mutationFn: (text: string) => api.post<null>(`/cases/${c.id}/comments`, { text }) });

  async function submit(values: { text: string }) {
    try {
      await comment.mutateAsync(values.text.trim());
      form.resetFields();
      message.success(t('staffCase.comment.done'));
      onDone();
    } catch {
      // shown below
    }
  }

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} className="tb-comment-form">
      <ActionError error={comment.error} />
      <Form.Item
        name="text"
        label={t('staffCase.comment.title')}
        rules={[{ required: true, whitespace: true, message: t('staffCase.comment.placeholder') }]}
      >
        <Input maxLength={2000} placeholder={t('staffCase.comment.placeholder')} />
      </Form.Item>
      <Button htmlType="submit" icon={<MessageOutlined />} loading={comment.isPending}>
        {t('staffCase.comment.submit')}
      </Button>
    </Form>
  );
}
