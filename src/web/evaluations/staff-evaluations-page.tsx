import {
  Alert,
  Button,
  Card,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Account } from '../api-types.ts';
import { useDateFormat } from '../cases/labels.tsx';
import { QrCode } from '../licenses/qr-code.tsx';
import { useErrorText } from '../ui/error-text.ts';
import { useFeedback } from '../ui/feedback.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import {
  evaluationApi,
  useAppeals,
  useEvaluationMutation,
  useLetters,
  useMyWindows,
  useRectification,
  useRectifications,
  useStaffEvaluations,
} from './queries.ts';
import { ScoreTag } from './rating-form.tsx';
import type { Appeal, Evaluation, IssuedToken, Letter, Rectification, RectificationDetail, RectificationStep } from './types.ts';
import './evaluations.css';

const TABS = ['evaluations', 'rectifications', 'appeals', 'letters', 'windowCode'] as const;
type TabKey = (typeof TABS)[number];
const isSupervisor = (a: Account) => a.roles.includes('supervisor');
const isWindowStaff = (a: Account) => a.roles.includes('clerk') || a.roles.includes('chiefRepresentative');

/**
 * /staff/evaluations — 好差评 for staff: my department's ratings (and those naming me), the bad-rating
 * follow-up (回访, 核实, 整改, 反馈; supervisors sign off), appeals (申诉; supervisors decide), 督办函
 * (supervisors send, departments reply) and, for window staff, the one-visit rating code.
 */
export function StaffEvaluationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('evaluations.staff.title'));
  return (
    <RequireAccount allow={(account) => account.kind === 'staff'} deniedText={t('guard.noPermissionStaff')}>
      {(account) => <StaffEvaluationsView account={account} />}
    </RequireAccount>
  );
}

function StaffEvaluationsView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'evaluations';
  const [letterFor, setLetterFor] = useState<{ evaluationId?: string; caseId?: string } | null>(null);
  const items = TABS.filter((key) => key !== 'windowCode' || isWindowStaff(account)).map((key) => ({
    key,
    label: t(`evaluations.staff.tabs.${key}`),
    children:
      key === 'evaluations' ? (
        <EvaluationsTab account={account} onLetter={(evaluationId) => setLetterFor({ evaluationId })} />
      ) : key === 'rectifications' ? (
        <RectificationsTab account={account} />
      ) : key === 'appeals' ? (
        <AppealsTab account={account} />
      ) : key === 'letters' ? (
        <LettersTab account={account} onSend={() => setLetterFor({})} />
      ) : (
        <WindowCodeTab />
      ),
  }));
  return (
    <div className="tb-page tb-stack" data-testid="staff-evaluations">
      <Typography.Title level={1} className="tb-page-title">
        {t('evaluations.staff.title')}
      </Typography.Title>
      <Card>
        <Tabs activeKey={tab} items={items} onChange={(key) => setParams({ tab: key })} />
      </Card>
      {letterFor ? <SendLetterDialog initial={letterFor} onClose={() => setLetterFor(null)} /> : null}
    </div>
  );
}

// ───────────────────────── ratings

function EvaluationsTab({ account, onLetter }: { account: Account; onLetter: (evaluationId: string) => void }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const [bad, setBad] = useState<'all' | 'true'>('all');
  const [page, setPage] = useState(1);
  const [appealFor, setAppealFor] = useState<Evaluation | null>(null);
  const [rectificationId, setRectificationId] = useState<string | null>(null);
  const list = useStaffEvaluations(bad, page);
  const columns: TableProps<Evaluation>['columns'] = [
    { key: 'createdAt', title: t('evaluations.staff.columns.createdAt'), render: (_, e) => dateTime(e.createdAt) },
    {
      key: 'score',
      title: t('evaluations.staff.columns.score'),
      render: (_, e) => (
        <Space direction="vertical" size={2}>
          <ScoreTag score={e.score} />
          {e.tags.length ? <span>{e.tags.map((tag) => t(`evaluations.tag.${tag}`)).join('、')}</span> : null}
          {e.comment ? <Typography.Text type="secondary">{e.comment}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      key: 'item',
      title: t('evaluations.staff.columns.item'),
      render: (_, e) => (
        <>
          {e.itemName ?? e.windowName ?? '—'}
          {e.caseNumber ? <div className="tb-card-meta">{e.caseNumber}</div> : null}
        </>
      ),
    },
    { key: 'channel', title: t('evaluations.staff.columns.channel'), render: (_, e) => t(`evaluations.channel.${e.channel}`) },
    { key: 'staff', title: t('evaluations.staff.columns.staff'), render: (_, e) => e.staff.map((s) => s.name).join('、') || '—' },
    {
      key: 'status',
      title: t('evaluations.staff.columns.status'),
      render: (_, e) => (
        <Space wrap size={4}>
          {e.excluded ? <Tag>{t('evaluations.staff.excluded')}</Tag> : null}
          {e.rectification ? (
            <Tag color={e.rectification.warningLevel === 'red' ? 'red' : 'orange'}>
              {t(`evaluations.rect.status.${e.rectification.status}`)}
            </Tag>
          ) : null}
          {e.appeal ? <Tag color="purple">{t(`evaluations.appeal.status.${e.appeal.status}`)}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('evaluations.staff.columns.actions'),
      render: (_, e) => (
        <Space wrap size={4}>
          {e.rectification ? (
            <Button size="small" onClick={() => setRectificationId(e.rectification!.id)} data-testid="evaluation-rectification">
              {t('evaluations.staff.tabs.rectifications')}
            </Button>
          ) : null}
          {e.bad && !e.appeal && e.staff.some((s) => s.id === account.id) ? (
            <Button size="small" onClick={() => setAppealFor(e)} data-testid="appeal-button">
              {t('evaluations.staff.appeal')}
            </Button>
          ) : null}
          {e.bad && isSupervisor(account) ? (
            <Button size="small" onClick={() => onLetter(e.id)}>
              {t('evaluations.letters.send')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <div className="tb-eval-list">
      <div className="tb-eval-filters">
        <Radio.Group
          value={bad}
          optionType="button"
          onChange={(e) => {
            setBad(e.target.value);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('evaluations.staff.all') },
            { value: 'true', label: t('evaluations.staff.onlyBad') },
          ]}
        />
      </div>
      <ListError error={list.error} />
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('evaluations.staff.empty')} /> }}
        pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, showSizeChanger: false }}
      />
      {appealFor ? <AppealDialog evaluation={appealFor} onClose={() => setAppealFor(null)} /> : null}
      <RectificationDrawer id={rectificationId} account={account} onClose={() => setRectificationId(null)} />
    </div>
  );
}

function ListError({ error }: { error: unknown }) {
  const errorText = useErrorText();
  return error ? <Alert type="error" showIcon title={errorText(error)} /> : null;
}

function AppealDialog({ evaluation, onClose }: { evaluation: Evaluation; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const send = useEvaluationMutation((v: { kind: string; reason: string }) => evaluationApi.appeal(evaluation.id, v));
  return (
    <Modal open title={t('evaluations.appeal.title')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph>{t('evaluations.appeal.intro')}</Typography.Paragraph>
      {send.error ? <Alert type="error" showIcon title={errorText(send.error)} /> : null}
      <Form
        layout="vertical"
        initialValues={{ kind: 'mistaken' }}
        onFinish={(v: { kind: string; reason: string }) =>
          void send.mutateAsync(v).then(
            () => {
              message.success(t('evaluations.appeal.done'));
              onClose();
            },
            () => undefined,
          )
        }
      >
        <Form.Item name="kind" label={t('evaluations.staff.columns.kind')}>
          <Radio.Group
            options={['mistaken', 'malicious', 'unrelated'].map((k) => ({ value: k, label: t(`evaluations.appeal.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('evaluations.appeal.reason')} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 6 }} data-testid="appeal-reason" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          {t('evaluations.appeal.submit')}
        </Button>
      </Form>
    </Modal>
  );
}

// ───────────────────────── rectifications

function RectificationsTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useRectifications(status, overdue, page);
  const columns: TableProps<Rectification>['columns'] = [
    { key: 'createdAt', title: t('evaluations.staff.columns.createdAt'), render: (_, r) => dateTime(r.createdAt) },
    { key: 'score', title: t('evaluations.staff.columns.score'), render: (_, r) => <ScoreTag score={r.score} /> },
    {
      key: 'item',
      title: t('evaluations.staff.columns.item'),
      render: (_, r) => (
        <>
          {r.itemName ?? '—'}
          {r.caseNumber ? <div className="tb-card-meta">{r.caseNumber}</div> : null}
        </>
      ),
    },
    { key: 'department', title: t('evaluations.staff.columns.department'), dataIndex: 'departmentName' },
    { key: 'status', title: t('evaluations.staff.columns.status'), render: (_, r) => <RectificationStatusTags r={r} /> },
    { key: 'callbackDueOn', title: t('evaluations.staff.columns.callbackDueOn'), dataIndex: 'callbackDueOn' },
    { key: 'dueOn', title: t('evaluations.staff.columns.dueOn'), dataIndex: 'dueOn' },
    {
      key: 'actions',
      title: t('evaluations.staff.columns.actions'),
      render: (_, r) => (
        <Button
          size="small"
          type={r.allowedActions.length ? 'primary' : 'default'}
          onClick={() => setOpenId(r.id)}
          data-testid="open-rectification"
        >
          {r.allowedActions.length ? t('evaluations.staff.open') : t('evaluations.staff.view')}
        </Button>
      ),
    },
  ];
  return (
    <div className="tb-eval-list">
      <div className="tb-eval-filters">
        <Select
          value={status}
          style={{ minWidth: 140 }}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          aria-label={t('evaluations.staff.columns.status')}
          options={[
            { value: '', label: t('evaluations.staff.all') },
            ...['open', 'verifying', 'rectifying', 'feedback', 'signOff', 'closed', 'voided'].map((s) => ({
              value: s,
              label: t(`evaluations.rect.status.${s}`),
            })),
          ]}
        />
        <Space>
          <Switch
            checked={overdue}
            onChange={(v) => {
              setOverdue(v);
              setPage(1);
            }}
            aria-label={t('evaluations.staff.overdueOnly')}
          />
          {t('evaluations.staff.overdueOnly')}
        </Space>
      </div>
      <ListError error={list.error} />
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('evaluations.staff.empty')} /> }}
        pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, showSizeChanger: false }}
      />
      <RectificationDrawer id={openId} account={account} onClose={() => setOpenId(null)} />
    </div>
  );
}

function RectificationStatusTags({ r }: { r: Pick<Rectification, 'status' | 'overdue' | 'callbackOverdue' | 'warningLevel'> }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={4}>
      <Tag color={r.status === 'closed' ? 'green' : r.status === 'voided' ? 'default' : 'blue'}>
        {t(`evaluations.rect.status.${r.status}`)}
      </Tag>
      {r.callbackOverdue ? <Tag color="red">{t('evaluations.rect.callbackOverdue')}</Tag> : null}
      {r.overdue ? (
        <Tag color="red">{t('evaluations.rect.overdue')}</Tag>
      ) : r.warningLevel === 'yellow' ? (
        <Tag color="gold">{t('evaluations.rect.warning.yellow')}</Tag>
      ) : null}
    </Space>
  );
}

const stepPaths: Record<RectificationStep, string> = {
  callback: 'callback',
  verify: 'verify',
  rectify: 'rectify',
  feedback: 'feedback',
  signOff: 'sign-off',
};

function RectificationDrawer({ id, account, onClose }: { id: string | null; account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const detail = useRectification(id);
  const r = detail.data;
  void account;
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      title={t('evaluations.rect.detailTitle')}
      width={Math.min(560, typeof window === 'undefined' ? 560 : window.innerWidth)}
      destroyOnHidden
    >
      <ListError error={detail.error} />
      {r ? (
        <div className="tb-stack" data-testid="rectification-detail">
          <RectificationStatusTags r={r} />
          <Card size="small" title={t('evaluations.rect.rating')}>
            <ScoreTag score={r.evaluation.score} /> {t(`evaluations.channel.${r.evaluation.channel}`)} · {dateTime(r.evaluation.createdAt)}
            <div>
              {r.evaluation.itemName ?? r.evaluation.windowName}
              {r.caseNumber ? `（${r.caseNumber}）` : ''}
            </div>
            {r.evaluation.tags.length ? <div>{r.evaluation.tags.map((tag) => t(`evaluations.tag.${tag}`)).join('、')}</div> : null}
            {r.evaluation.comment ? <Typography.Paragraph type="secondary">{r.evaluation.comment}</Typography.Paragraph> : null}
            <div className="tb-card-meta">
              {t('evaluations.staff.columns.callbackDueOn')} {r.callbackDueOn} · {t('evaluations.staff.columns.dueOn')} {r.dueOn}
            </div>
          </Card>
          {r.allowedActions.map((step) => (
            <StepForm key={`${step}-${r.version}`} r={r} step={step} />
          ))}
          <Typography.Title level={3}>{t('evaluations.rect.timeline')}</Typography.Title>
          <Timeline
            items={r.events.map((e) => ({
              key: `${e.at}-${e.action}`,
              children: (
                <>
                  <strong>
                    {e.action === 'open' || e.action === 'void'
                      ? e.toStatus
                        ? t(`evaluations.rect.status.${e.toStatus}`)
                        : e.action
                      : t(`evaluations.rect.step.${e.action}`)}
                  </strong>{' '}
                  · {e.actorName} · {dateTime(e.at)}
                  {e.note ? <div>{e.note}</div> : null}
                </>
              ),
            }))}
          />
        </div>
      ) : null}
    </Drawer>
  );
}

/** The form of one step (回访, 核实, 整改, 反馈, 签核). */
function StepForm({ r, step }: { r: RectificationDetail; step: RectificationStep }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const run = useEvaluationMutation((body: Record<string, unknown>) =>
    evaluationApi.step(r.id, stepPaths[step], { version: r.version, ...body }),
  );
  const submit = (body: Record<string, unknown>) =>
    void run.mutateAsync(body).then(
      () => message.success(t('evaluations.rect.done')),
      () => undefined,
    );
  const text = (name: string, label: string, min = 4) => (
    <Form.Item name={name} label={label} rules={[{ required: true, min }]}>
      <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} data-testid={`step-${name}`} />
    </Form.Item>
  );
  return (
    <Card size="small" title={t(`evaluations.rect.step.${step}`)} data-testid={`step-${step}`}>
      {run.error ? <Alert type="error" showIcon title={errorText(run.error)} /> : null}
      <Form
        layout="vertical"
        onFinish={submit}
        initialValues={
          step === 'callback'
            ? { method: 'phone', reached: true }
            : step === 'verify'
              ? { finding: 'substantiated' }
              : step === 'signOff'
                ? { approved: true }
                : {}
        }
      >
        {step === 'callback' ? (
          <>
            <Form.Item name="method" label={t('evaluations.rect.fields.method')}>
              <Select options={['phone', 'sms', 'visit', 'online'].map((m) => ({ value: m, label: t(`evaluations.rect.method.${m}`) }))} />
            </Form.Item>
            <Form.Item name="reached" label={t('evaluations.rect.fields.reached')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {text('summary', t('evaluations.rect.fields.summary'))}
          </>
        ) : step === 'verify' ? (
          <>
            <Form.Item name="finding" label={t('evaluations.rect.fields.finding')}>
              <Radio.Group
                options={['substantiated', 'partlySubstantiated', 'unsubstantiated'].map((f) => ({
                  value: f,
                  label: t(`evaluations.rect.finding.${f}`),
                }))}
              />
            </Form.Item>
            {text('note', t('evaluations.rect.fields.note'))}
          </>
        ) : step === 'rectify' ? (
          text('measures', t('evaluations.rect.fields.measures'))
        ) : step === 'feedback' ? (
          text('text', t('evaluations.rect.fields.feedback'))
        ) : (
          <>
            <Form.Item name="approved" label={t('evaluations.rect.fields.approved')}>
              <Radio.Group
                options={[
                  { value: true, label: t('evaluations.rect.fields.approve') },
                  { value: false, label: t('evaluations.rect.fields.returnIt') },
                ]}
              />
            </Form.Item>
            <Form.Item name="comment" label={t('evaluations.rect.fields.comment')}>
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={run.isPending} data-testid={`submit-${step}`}>
          {t(`evaluations.rect.step.${step}`)}
        </Button>
      </Form>
    </Card>
  );
}

// ───────────────────────── appeals

function AppealsTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<Appeal | null>(null);
  const list = useAppeals(status, page);
  const columns: TableProps<Appeal>['columns'] = [
    { key: 'createdAt', title: t('evaluations.staff.columns.createdAt'), render: (_, a) => dateTime(a.createdAt) },
    { key: 'score', title: t('evaluations.staff.columns.score'), render: (_, a) => <ScoreTag score={a.score} /> },
    { key: 'item', title: t('evaluations.staff.columns.item'), render: (_, a) => a.itemName ?? '—' },
    { key: 'appellant', title: t('evaluations.staff.columns.appellant'), render: (_, a) => a.appellant.name },
    { key: 'kind', title: t('evaluations.staff.columns.kind'), render: (_, a) => t(`evaluations.appeal.kind.${a.kind}`) },
    {
      key: 'reason',
      title: t('evaluations.staff.columns.reason'),
      render: (_, a) => (
        <>
          {a.reason}
          {a.decisionComment ? <div className="tb-card-meta">{a.decisionComment}</div> : null}
        </>
      ),
    },
    {
      key: 'status',
      title: t('evaluations.staff.columns.status'),
      render: (_, a) => (
        <Tag color={a.status === 'upheld' ? 'green' : a.status === 'rejected' ? 'red' : 'blue'}>
          {t(`evaluations.appeal.status.${a.status}`)}
        </Tag>
      ),
    },
    {
      key: 'actions',
      title: t('evaluations.staff.columns.actions'),
      render: (_, a) =>
        a.status === 'pending' && isSupervisor(account) && a.appellant.id !== account.id ? (
          <Button size="small" type="primary" onClick={() => setDeciding(a)} data-testid="decide-appeal">
            {t('evaluations.appeal.decide')}
          </Button>
        ) : null,
    },
  ];
  return (
    <div className="tb-eval-list">
      <div className="tb-eval-filters">
        <Select
          value={status}
          style={{ minWidth: 140 }}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          aria-label={t('evaluations.staff.columns.status')}
          options={[
            { value: '', label: t('evaluations.staff.all') },
            ...['pending', 'upheld', 'rejected'].map((s) => ({ value: s, label: t(`evaluations.appeal.status.${s}`) })),
          ]}
        />
      </div>
      <ListError error={list.error} />
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('evaluations.staff.empty')} /> }}
        pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, showSizeChanger: false }}
      />
      {deciding ? <DecideAppealDialog appeal={deciding} onClose={() => setDeciding(null)} /> : null}
    </div>
  );
}

function DecideAppealDialog({ appeal, onClose }: { appeal: Appeal; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const decide = useEvaluationMutation((v: { upheld: boolean; comment: string }) =>
    evaluationApi.decideAppeal(appeal.id, { version: appeal.version, ...v }),
  );
  return (
    <Modal open title={t('evaluations.appeal.decide')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph>{appeal.reason}</Typography.Paragraph>
      {decide.error ? <Alert type="error" showIcon title={errorText(decide.error)} /> : null}
      <Form
        layout="vertical"
        initialValues={{ upheld: false }}
        onFinish={(v: { upheld: boolean; comment: string }) =>
          void decide.mutateAsync(v).then(
            () => {
              message.success(t('evaluations.rect.done'));
              onClose();
            },
            () => undefined,
          )
        }
      >
        <Form.Item name="upheld">
          <Radio.Group
            options={[
              { value: true, label: t('evaluations.appeal.uphold') },
              { value: false, label: t('evaluations.appeal.reject') },
            ]}
          />
        </Form.Item>
        <Form.Item name="comment" label={t('evaluations.appeal.comment')} rules={[{ required: true, min: 4 }]}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={decide.isPending}>
          {t('evaluations.appeal.decide')}
        </Button>
      </Form>
    </Modal>
  );
}

// ───────────────────────── 督办函

function LettersTab({ account, onSend }: { account: Account; onSend: () => void }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [replying, setReplying] = useState<Letter | null>(null);
  const list = useLetters(overdue, page);
  const columns: TableProps<Letter>['columns'] = [
    {
      key: 'number',
      title: t('evaluations.staff.columns.number'),
      render: (_, l) => (
        <>
          {l.number}
          <div className="tb-card-meta">
            {dateTime(l.sentAt)} · {l.sentBy}
          </div>
        </>
      ),
    },
    { key: 'department', title: t('evaluations.staff.columns.department'), dataIndex: 'departmentName' },
    {
      key: 'subject',
      title: t('evaluations.staff.columns.subject'),
      render: (_, l) => (
        <>
          {l.subject}
          <div className="tb-card-meta">{l.body}</div>
          {l.reply ? (
            <div>
              ↳ {l.reply}（{l.repliedBy}）
            </div>
          ) : null}
        </>
      ),
    },
    { key: 'case', title: t('evaluations.staff.columns.case'), render: (_, l) => l.caseNumber ?? '—' },
    {
      key: 'replyDueOn',
      title: t('evaluations.staff.columns.replyDueOn'),
      render: (_, l) => (
        <>
          {l.replyDueOn}
          {l.overdue ? (
            <Tag color="red" className="tb-ml">
              {t('evaluations.letters.overdue')}
            </Tag>
          ) : null}
        </>
      ),
    },
    {
      key: 'status',
      title: t('evaluations.staff.columns.status'),
      render: (_, l) => <Tag color={l.status === 'replied' ? 'green' : 'blue'}>{t(`evaluations.letters.status.${l.status}`)}</Tag>,
    },
    {
      key: 'actions',
      title: t('evaluations.staff.columns.actions'),
      render: (_, l) =>
        l.status === 'sent' && account.department?.id === l.departmentId ? (
          <Button size="small" type="primary" onClick={() => setReplying(l)} data-testid="reply-letter">
            {t('evaluations.letters.reply')}
          </Button>
        ) : null,
    },
  ];
  return (
    <div className="tb-eval-list">
      <div className="tb-eval-filters">
        <Space>
          <Switch
            checked={overdue}
            onChange={(v) => {
              setOverdue(v);
              setPage(1);
            }}
            aria-label={t('evaluations.letters.overdue')}
          />
          {t('evaluations.letters.overdue')}
        </Space>
        {isSupervisor(account) ? (
          <Button type="primary" onClick={onSend} data-testid="send-letter">
            {t('evaluations.letters.send')}
          </Button>
        ) : null}
      </div>
      <ListError error={list.error} />
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('evaluations.staff.empty')} /> }}
        pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, showSizeChanger: false }}
      />
      {replying ? <ReplyLetterDialog letter={replying} onClose={() => setReplying(null)} /> : null}
    </div>
  );
}

function SendLetterDialog({ initial, onClose }: { initial: { evaluationId?: string; caseId?: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const [about, setAbout] = useState<'evaluation' | 'case'>(initial.caseId || !initial.evaluationId ? 'case' : 'evaluation');
  const send = useEvaluationMutation((v: Record<string, unknown>) => evaluationApi.sendLetter(v));
  type Values = { subjectId: string; subject: string; body: string; replyDueOn?: string };
  const submit = (v: Values) =>
    void send
      .mutateAsync({
        [about === 'case' ? 'caseId' : 'evaluationId']: v.subjectId.trim(),
        subject: v.subject,
        body: v.body,
        ...(v.replyDueOn ? { replyDueOn: v.replyDueOn } : {}),
      })
      .then(
        () => {
          message.success(t('evaluations.letters.done'));
          onClose();
        },
        () => undefined,
      );
  return (
    <Modal open title={t('evaluations.letters.sendTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      {send.error ? <Alert type="error" showIcon title={errorText(send.error)} /> : null}
      <Form layout="vertical" onFinish={submit} initialValues={{ subjectId: initial.evaluationId ?? initial.caseId ?? '' }}>
        <Form.Item label={t('evaluations.letters.caseNumberOrRating')}>
          <Radio.Group
            value={about}
            onChange={(e) => setAbout(e.target.value)}
            optionType="button"
            options={[
              { value: 'case', label: t('evaluations.letters.byCase') },
              { value: 'evaluation', label: t('evaluations.letters.byEvaluation') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="subjectId"
          label={about === 'case' ? t('evaluations.letters.caseId') : t('evaluations.letters.evaluationId')}
          rules={[{ required: true, pattern: /^[0-9a-f-]{36}$/i }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="subject" label={t('evaluations.letters.subject')} rules={[{ required: true, min: 4 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('evaluations.letters.body')} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea maxLength={4000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="replyDueOn" label={t('evaluations.letters.replyDueOn')}>
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          {t('evaluations.letters.send')}
        </Button>
      </Form>
    </Modal>
  );
}

function ReplyLetterDialog({ letter, onClose }: { letter: Letter; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const reply = useEvaluationMutation((v: { text: string }) =>
    evaluationApi.replyLetter(letter.id, { version: letter.version, text: v.text }),
  );
  return (
    <Modal open title={t('evaluations.letters.replyTitle', { number: letter.number })} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph>
        <strong>{letter.subject}</strong>
      </Typography.Paragraph>
      <Typography.Paragraph>{letter.body}</Typography.Paragraph>
      {reply.error ? <Alert type="error" showIcon title={errorText(reply.error)} /> : null}
      <Form
        layout="vertical"
        onFinish={(v: { text: string }) =>
          void reply.mutateAsync(v).then(
            () => {
              message.success(t('evaluations.rect.done'));
              onClose();
            },
            () => undefined,
          )
        }
      >
        <Form.Item name="text" label={t('evaluations.letters.replyText')} rules={[{ required: true, min: 4 }]}>
          <Input.TextArea maxLength={4000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={reply.isPending}>
          {t('evaluations.letters.reply')}
        </Button>
      </Form>
    </Modal>
  );
}

// ───────────────────────── 一次一评: the window's rating code

function WindowCodeTab() {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const errorText = useErrorText();
  const windows = useMyWindows();
  const [windowId, setWindowId] = useState<string | undefined>(undefined);
  const [caseId, setCaseId] = useState('');
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const issue = useEvaluationMutation((body: { windowId: string; caseId?: string }) => evaluationApi.issueWindowToken(body));
  if (windows.data && windows.data.items.length === 0) return <Alert type="info" showIcon title={t('evaluations.staff.noWindowRole')} />;
  const chosen = windowId ?? (windows.data?.items.find((w) => w.seated) ?? windows.data?.items[0])?.id;
  const path = issued ? new URL(issued.url).pathname : '';
  return (
    <div className="tb-stack" data-testid="window-code">
      <Typography.Paragraph>{t('evaluations.windowCode.intro', { minutes: 15 })}</Typography.Paragraph>
      <div className="tb-eval-filters">
        <Select
          value={chosen}
          style={{ minWidth: 200 }}
          aria-label={t('evaluations.windowCode.window')}
          loading={windows.isPending}
          options={windows.data?.items.map((w) => ({ value: w.id, label: `${w.number} ${w.name}` }))}
          onChange={setWindowId}
        />
        <Input
          value={caseId}
          onChange={(e) => setCaseId(e.target.value)}
          placeholder={t('evaluations.windowCode.caseId')}
          style={{ maxWidth: 340 }}
          aria-label={t('evaluations.windowCode.caseId')}
        />
        <Button
          type="primary"
          disabled={!chosen}
          loading={issue.isPending}
          data-testid="issue-code"
          onClick={() =>
            chosen &&
            void issue
              .mutateAsync({ windowId: chosen, ...(caseId.trim() ? { caseId: caseId.trim() } : {}) })
              .then(setIssued, () => undefined)
          }
        >
          {t('evaluations.windowCode.issue')}
        </Button>
      </div>
      {issue.error ? <Alert type="error" showIcon title={errorText(issue.error)} /> : null}
      {issued ? (
        <div className="tb-window-code">
          <QrCode value={issued.url} size={220} label={t('evaluations.windowCode.qrLabel')} />
          <div className="tb-stack">
            <a href={path} target="_blank" rel="noreferrer" className="tb-window-code-link" data-testid="window-code-link">
              {issued.url}
            </a>
            <span>{t('evaluations.windowCode.expires', { time: dateTime(issued.expiresAt) })}</span>
            <Button href={path} target="_blank">
              {t('evaluations.windowCode.openTablet')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
