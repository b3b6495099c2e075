import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldsProps } from './acceptance-fields.tsx';

const SPECIAL_KINDS = [
  'hearing',
  'inspection',
  'testing',
  'quarantine',
  'appraisal',
  'expertReview',
  'publicNotice',
  'bidding',
  'auction',
] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A required text of at least `min` characters, with the sentence to show. */
function textRules(min: number, message: string) {
  return [{ required: true, whitespace: true, min, message }];
}

/** 不予受理: the written reason and, optionally, the remedies. */
export function RejectFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="reason" label={t('staffCase.reject.reason')} rules={textRules(4, t('staffCase.reject.min'))}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 3, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name="remedies" label={t('staffCase.reject.remedies')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </>
  );
}

/** An optional note (即办, 结束特别程序). */
export function NoteFields({ label }: { label: string }) {
  return (
    <Form.Item name="text" label={label}>
      <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
    </Form.Item>
  );
}

/** 审查: approve or deny, with the opinion. */
export function ReviewFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="opinion" label={t('staffCase.review.opinion')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'approve', label: t('cases.opinion.approve') },
            { value: 'deny', label: t('cases.opinion.deny') },
          ]}
        />
      </Form.Item>
      <Form.Item name="comment" label={t('staffCase.review.comment')} rules={textRules(2, t('staffCase.review.min'))}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 6 }} />
      </Form.Item>
    </>
  );
}

/** 会签: the department's opinion (agree or disagree) with its comment. */
export function CountersignFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="opinion" label={t('staffCase.countersign.opinion')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'agree', label: t('cases.countersignOpinion.agree') },
            { value: 'disagree', label: t('cases.countersignOpinion.disagree') },
          ]}
        />
      </Form.Item>
      <Form.Item name="comment" label={t('staffCase.countersign.comment')} rules={textRules(2, t('staffCase.countersign.min'))}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 6 }} />
      </Form.Item>
    </>
  );
}

/** 决定: approved, or denied with its reasons. */
export function DecideFields({ form }: FieldsProps) {
  const { t } = useTranslation();
  const decision = Form.useWatch<string | undefined>('decision', form);
  const denied = decision === 'denied';
  return (
    <>
      <Form.Item name="decision" label={t('staffCase.decide.decision')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'approved', label: t('cases.decision.approved') },
            { value: 'denied', label: t('cases.decision.denied') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('staffCase.decide.reason')}
        extra={t('staffCase.decide.reasonHelp')}
        rules={denied ? textRules(4, t('staffCase.decide.min')) : []}
        required={denied}
      >
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 6 }} />
      </Form.Item>
    </>
  );
}

/** 特别程序: which, why, and how long it is expected to take. */
export function SpecialFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="kind" label={t('staffCase.special.kind')} rules={[{ required: true, message: t('staffCase.special.kind') }]}>
        <Select options={SPECIAL_KINDS.map((kind) => ({ value: kind, label: t(`cases.special.${kind}`) }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('staffCase.special.reason')} rules={textRules(4, t('staffCase.special.min'))}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Form.Item name="expectedDays" label={t('staffCase.special.expectedDays')}>
        <InputNumber min={1} max={365} />
      </Form.Item>
    </>
  );
}

/** 申请延期: the reason. */
export function ExtensionFields({ c }: FieldsProps) {
  const { t } = useTranslation();
  const allowance = c.extension.allowance;
  return (
    <>
      <p>{t('staffCase.extension.intro', { days: allowance.days, level: allowance.approverLevel, basis: allowance.basis })}</p>
      <Form.Item name="reason" label={t('staffCase.extension.reason')} rules={textRules(4, t('staffCase.extension.min'))}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </>
  );
}

/** 审批延期: approve or refuse, with a comment. */
export function DecideExtensionFields({ c }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      {c.extension.reason ? <p className="tb-pre">{t('staffCase.extension.requested', { reason: c.extension.reason })}</p> : null}
      <Form.Item name="approve" label={t('staffCase.extension.decision')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: true, label: t('staffCase.extension.approve') },
            { value: false, label: t('staffCase.extension.refuse') },
          ]}
        />
      </Form.Item>
      <Form.Item name="comment" label={t('staffCase.extension.comment')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </>
  );
}

/** 转办: the colleague's account id and the reason. */
export function TransferFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="assigneeId"
        label={t('staffCase.transfer.assignee')}
        extra={t('staffCase.transfer.assigneeHelp')}
        rules={[{ required: true, pattern: UUID, message: t('staffCase.transfer.invalidId') }]}
      >
        <Input className="tb-code-field" autoComplete="off" />
      </Form.Item>
      <Form.Item name="reason" label={t('staffCase.transfer.reason')} rules={textRules(2, t('staffCase.transfer.min'))}>
        <Input maxLength={500} />
      </Form.Item>
    </>
  );
}

/** 事后核查: passed or failed (revokes), with the findings. */
export function PostCheckFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="passed" label={t('staffCase.postCheck.result')}>
        <Radio.Group
          options={[
            { value: true, label: t('staffCase.postCheck.passed') },
            { value: false, label: t('staffCase.postCheck.failed') },
          ]}
        />
      </Form.Item>
      <Form.Item name="findings" label={t('staffCase.postCheck.findings')} rules={textRules(4, t('staffCase.postCheck.min'))}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 6 }} />
      </Form.Item>
    </>
  );
}
