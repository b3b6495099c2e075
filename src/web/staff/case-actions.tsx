import { Button, Form, Modal } from 'antd';
import type { ComponentType, KeyboardEvent, ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Guide } from '../catalog/types.ts';
import { ActionError } from '../cases/case-loader.tsx';
import { useActionLabel } from '../cases/labels.tsx';
import { actionPaths, useCaseAction } from '../cases/queries.ts';
import type { CaseAction, CaseDetail } from '../cases/types.ts';
import { useCaseProblems } from '../ui/error-text.ts';
import { AcceptFields, NoticeFields, noticeBody, noticeInitial } from './acceptance-fields.tsx';
import type { FieldsProps, NoticeValues } from './acceptance-fields.tsx';
import { useFeedback } from '../ui/feedback.tsx';
import {
  CountersignFields,
  DecideExtensionFields,
  DecideFields,
  ExtensionFields,
  NoteFields,
  PostCheckFields,
  RejectFields,
  ReviewFields,
  SpecialFields,
  TransferFields,
} from './handling-fields.tsx';

type Values = Record<string, unknown>;

/** How one action is asked for: its fields, first values, the body it posts, and its sentences. */
type ActionSpec = {
  Fields?: ComponentType<FieldsProps>;
  /** A sentence shown instead of fields (claim, complete). */
  confirm?: string;
  initial?: (c: CaseDetail) => Values;
  body?: (values: Values) => Values;
  done: string;
  primary?: boolean;
  danger?: boolean;
};

const trimmed = (values: Values) =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]),
  );

function NoteOf({ labelKey }: { labelKey: string }) {
  const { t } = useTranslation();
  return <NoteFields label={t(labelKey)} />;
}

const specs: Partial<Record<CaseAction, ActionSpec>> = {
  claim: { confirm: 'staffCase.claim.confirm', done: 'staffCase.claim.done' },
  accept: {
    Fields: AcceptFields,
    primary: true,
    done: 'staffCase.accept.done',
    initial: () => ({ deferred: [], supplyWithinDays: 5, signedOnSite: false }),
    body: (values) => ({
      deferred: ((values.deferred as string[] | undefined) ?? []).map((requirementKey) => ({ requirementKey })),
      supplyWithinDays: values.supplyWithinDays ?? 5,
      signedOnSite: Boolean(values.signedOnSite),
    }),
  },
  notifyDeficiency: {
    Fields: NoticeFields,
    initial: noticeInitial,
    body: (values) => noticeBody(values as NoticeValues),
    done: 'staffCase.notice.done',
  },
  reject: { Fields: RejectFields, danger: true, body: trimmed, done: 'staffCase.reject.done' },
  handleImmediately: {
    Fields: () => <NoteOf labelKey="staffCase.immediate.text" />,
    primary: true,
    body: trimmed,
    done: 'staffCase.immediate.done',
    confirm: 'staffCase.immediate.intro',
  },
  review: { Fields: ReviewFields, primary: true, initial: () => ({ opinion: 'approve' }), body: trimmed, done: 'staffCase.review.done' },
  countersign: {
    Fields: CountersignFields,
    primary: true,
    initial: () => ({ opinion: 'agree' }),
    body: trimmed,
    done: 'staffCase.countersign.done',
  },
  decide: { Fields: DecideFields, primary: true, initial: () => ({ decision: 'approved' }), body: trimmed, done: 'staffCase.decide.done' },
  complete: { confirm: 'staffCase.complete.confirm', primary: true, done: 'staffCase.complete.done' },
  startSpecial: { Fields: SpecialFields, body: trimmed, done: 'staffCase.special.done' },
  endSpecial: { Fields: () => <NoteOf labelKey="staffCase.special.endText" />, body: trimmed, done: 'staffCase.special.endDone' },
  requestExtension: { Fields: ExtensionFields, body: trimmed, done: 'staffCase.extension.done' },
  decideExtension: {
    Fields: DecideExtensionFields,
    initial: () => ({ approve: true }),
    body: trimmed,
    done: 'staffCase.extension.decided',
  },
  transfer: { Fields: TransferFields, body: trimmed, done: 'staffCase.transfer.done' },
  postCheck: { Fields: PostCheckFields, initial: () => ({ passed: true }), body: trimmed, done: 'staffCase.postCheck.done' },
};

/** The order of the buttons: the step's main actions first. */
const ORDER: CaseAction[] = [
  'accept',
  'notifyDeficiency',
  'handleImmediately',
  'reject',
  'claim',
  'review',
  'countersign',
  'decide',
  'complete',
  'postCheck',
  'startSpecial',
  'endSpecial',
  'requestExtension',
  'decideExtension',
  'transfer',
];

/**
 * 办理操作: one button per action the server allows now, each opening its form in a dialog — in a bar that stays at the
 * top of the window while the clerk scrolls the form and materials (受理, 一次性告知 and 不予受理 never need a scroll).
 */
export function CaseActions({
  c,
  guide,
  onReload,
  extra,
}: {
  c: CaseDetail;
  guide: Guide | undefined;
  onReload: () => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const actionLabel = useActionLabel();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const actions = ORDER.filter((action) => c.allowedActions.includes(action) && specs[action]);
  return (
    <section className="tb-action-bar" aria-label={t('staffCase.actions')} data-testid="case-actions">
      <h2 className="tb-action-bar-title">{t('staffCase.actions')}</h2>
      {actions.length === 0 ? (
        <p className="tb-action-bar-none">{t('staffCase.noActions')}</p>
      ) : (
        <div className="tb-actions">
          {actions.map((action) => (
            <Button
              key={action}
              type={specs[action]?.primary ? 'primary' : 'default'}
              danger={specs[action]?.danger}
              onClick={() => setOpen(action)}
              data-testid={`action-${action}`}
            >
              {actionLabel(action)}
            </Button>
          ))}
        </div>
      )}
      {extra}
      {open ? <ActionDialog key={open} c={c} action={open} guide={guide} onClose={() => setOpen(null)} onReload={onReload} /> : null}
    </section>
  );
}

type DialogProps = { c: CaseDetail; action: CaseAction; guide: Guide | undefined; onClose: () => void; onReload: () => void };

/** The dialog of one action: its form (Enter in a one-line field, or Ctrl+Enter anywhere, submits), errors at the materials they concern. */
function ActionDialog({ c, action, guide, onClose, onReload }: DialogProps) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const actionLabel = useActionLabel();
  const caseProblems = useCaseProblems();
  const mutation = useCaseAction(c);
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<Record<string, string>>({});
  const spec = specs[action]!;
  const Fields = spec.Fields;

  async function submit(values: Values) {
    setProblems({});
    const body = spec.body ? spec.body(values) : {};
    if (action === 'notifyDeficiency' && (body.items as unknown[]).length === 0) {
      setProblems({ '': t('staffCase.notice.pickOne') });
      return;
    }
    try {
      await mutation.mutateAsync({ path: actionPaths[action]!, body });
      message.success(t(spec.done));
      onClose();
    } catch (error) {
      setProblems(caseProblems(error).materials);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.submit();
    }
  }

  return (
    <Modal open title={actionLabel(action)} onCancel={onClose} footer={null} destroyOnHidden width={640} data-testid={`dialog-${action}`}>
      <ActionError
        error={mutation.error}
        onReload={() => {
          onReload();
          onClose();
        }}
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={spec.initial?.(c)}
        onFinish={(values) => void submit(values)}
        onKeyDown={onKeyDown}
      >
        {spec.confirm ? <p>{t(spec.confirm)}</p> : null}
        {Fields ? <Fields c={c} form={form} problems={problems} guide={guide} /> : null}
        {problems[''] ? (
          <p className="tb-field-error" role="alert">
            {problems['']}
          </p>
        ) : null}
        <div className="tb-actions tb-modal-actions">
          <Button onClick={onClose}>{t('cases.cancel')}</Button>
          <Button type="primary" danger={spec.danger} htmlType="submit" loading={mutation.isPending} data-testid="dialog-submit">
            {actionLabel(action)}
          </Button>
        </div>
      </Form>
    </Modal>
  );
}
