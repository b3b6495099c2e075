import { Alert, Badge, Button, Card, Empty, Grid, Input, Pagination, Table, Tabs, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Account } from '../api-types.ts';
import { CaseStatusTag, DueDate, useDateFormat } from '../cases/labels.tsx';
import { useQueueCounts, useStaffQueue } from '../cases/queries.ts';
import type { CaseSummary, QueueName } from '../cases/types.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { RoleTags } from '../ui/role-tags.tsx';
import { WindowIntake } from './window-intake.tsx';

/** The queues shown as tabs, in the order a window works through them. */
export const QUEUES: readonly QueueName[] = ['toAccept', 'toReview', 'toCountersign', 'toDecide', 'dueSoon', 'overdue', 'mine'];

/**
 * The tabs a staff member sees: only the steps their roles may act on (a clerk does not see 待决定, an approver not
 * 待受理), then 即将超期, 已超期 and 我的. 待会签 shows only while the department has an opinion to give.
 */
export function queuesFor(roles: readonly string[]): QueueName[] {
  const has = (...names: string[]) => names.some((name) => roles.includes(name));
  const steps: QueueName[] = [];
  if (has('clerk', 'chiefRepresentative')) steps.push('toAccept');
  if (has('reviewer')) steps.push('toReview');
  if (has('clerk', 'reviewer', 'approver', 'chiefRepresentative')) steps.push('toCountersign');
  if (has('approver', 'chiefRepresentative')) steps.push('toDecide');
  return [...steps, 'dueSoon', 'overdue', 'mine'];
}

/** The row action of a queue: what the clerk does with the case from this tab. */
const rowAction: Partial<Record<QueueName, string>> = {
  toAccept: 'flows.queue.accept',
  toReview: 'flows.queue.review',
  toCountersign: 'flows.queue.countersign',
  toDecide: 'flows.queue.decide',
};

/** /staff — 工作台: the staff member's queues (待受理, 待审查, 待决定, 即将超期, 已超期, 我的) with counts. */
export function WorkbenchPage() {
  const { t } = useTranslation();
  usePageTitle(t('staff.title'));
  return (
    <RequireAccount allow={(account) => account.kind === 'staff'} deniedText={t('guard.noPermissionStaff')}>
      {(account) => <WorkbenchView account={account} />}
    </RequireAccount>
  );
}

function WorkbenchView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const mine = queuesFor(account.roles);
  const allCounts = useQueueCounts(mine);
  // 待会签 is a tab only while it holds something (most departments never countersign).
  const shown = mine.filter((name, index) => name !== 'toCountersign' || (allCounts[index]?.data ?? 0) > 0 || params.get('queue') === name);
  const counts = shown.map((name) => allCounts[mine.indexOf(name)]);
  const QUEUES = shown;
  const queue = (QUEUES as readonly string[]).includes(params.get('queue') ?? '') ? (params.get('queue') as QueueName) : QUEUES[0]!;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = params.get('q') ?? '';
  const screens = Grid.useBreakpoint();
  const setQueue = (name: string) => setParams(q ? { queue: name, q } : { queue: name });
  const search = (
    <Input.Search
      key={q}
      defaultValue={q}
      allowClear
      enterButton
      placeholder={t('flows.queue.search')}
      aria-label={t('flows.queue.searchLabel')}
      onSearch={(value) => setParams(value.trim() ? { queue, q: value.trim() } : { queue })}
      className="tb-queue-search"
      data-testid="queue-search"
    />
  );
  return (
    <div className="tb-page tb-stack">
      <header className="tb-workbench-head">
        <Typography.Title level={1} className="tb-page-title">
          {t('staff.title')} · {account.displayName}
        </Typography.Title>
        <p className="tb-card-meta">
          <span data-testid="staff-department">{account.department?.name ?? t('staff.none')}</span>
          <span aria-hidden="true">·</span>
          <span>{account.region?.name ?? t('staff.none')}</span>
          <RoleTags roles={account.roles} />
          <Link to="/staff/bundles" data-testid="staff-bundles-link">
            {t('bundles.staffTitle')}
          </Link>
          <Link to="/staff/evaluations" data-testid="staff-evaluations-link">
            {t('evaluations.staff.title')}
          </Link>
        </p>
      </header>
      <Card className="tb-queue-card">
        {screens.sm === false ? (
          <>
            <div className="tb-queue-chips" role="group" aria-label={t('staff.title')}>
              {QUEUES.map((name, index) => (
                <Button
                  key={name}
                  type={name === queue ? 'primary' : 'default'}
                  aria-pressed={name === queue}
                  onClick={() => setQueue(name)}
                  data-testid={`queue-${name}`}
                >
                  {t(`workbench.queues.${name}`)}
                  {counts[index]?.data !== undefined ? <span className="tb-chip-count">{counts[index].data}</span> : null}
                </Button>
              ))}
            </div>
            {search}
            <QueueList queue={queue} q={q} page={page} onPage={(next) => setParams({ queue, q, page: String(next) })} />
          </>
        ) : (
          <>
            {/* Above the tabs, not in antd's tab bar: the bar is a tablist, which may hold only tabs (axe aria-required-children). */}
            {search}
            <Tabs
              activeKey={queue}
              onChange={(key) => setQueue(key)}
              items={QUEUES.map((name, index) => {
                const count = counts[index]?.data;
                return {
                  key: name,
                  label: (
                    <span className="tb-queue-tab" data-testid={`queue-${name}`}>
                      {t(`workbench.queues.${name}`)}
                      {count !== undefined ? (
                        <Badge
                          count={count}
                          showZero
                          overflowCount={999}
                          className={`tb-queue-count tb-queue-${name}`}
                          color={count === 0 ? '#8c8c8c' : name === 'overdue' ? '#cf1322' : name === 'dueSoon' ? '#ad6800' : '#1456c8'}
                        />
                      ) : null}
                    </span>
                  ),
                  children:
                    name === queue ? (
                      <QueueList queue={name} q={q} page={page} onPage={(next) => setParams({ queue: name, q, page: String(next) })} />
                    ) : null,
                };
              })}
            />
          </>
        )}
      </Card>
      {account.roles.some((role) => role === 'clerk' || role === 'chiefRepresentative' || role === 'agent') ? (
        <WindowIntake account={account} />
      ) : null}
    </div>
  );
}

function QueueList({ queue, q, page, onPage }: { queue: QueueName; q: string; page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const list = useStaffQueue(queue, page, q);
  if (list.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('errors.loadFailed')}
        description={errorText(list.error)}
        action={<Button onClick={() => void list.refetch()}>{t('errors.retry')}</Button>}
      />
    );
  }
  if (!list.isPending && list.data.total === 0) return <Empty description={t('workbench.empty')} />;
  if (screens.md === false)
    return (
      <QueueRows
        queue={queue}
        items={list.data?.items ?? []}
        loading={list.isPending}
        total={list.data?.total ?? 0}
        page={page}
        onPage={onPage}
      />
    );
  return (
    <QueueTable
      queue={queue}
      items={list.data?.items ?? []}
      loading={list.isPending || list.isPlaceholderData}
      total={list.data?.total ?? 0}
      page={page}
      onPage={onPage}
    />
  );
}

type ListProps = {
  queue: QueueName;
  items: CaseSummary[];
  loading: boolean;
  total: number;
  page: number;
  onPage: (page: number) => void;
};

/** The row action: opens the case at the step this tab is about (审核受理, 审查, 决定…), one click from the queue. */
function RowAction({ queue, c }: { queue: QueueName; c: CaseSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const label = rowAction[queue];
  return (
    <Button
      size="small"
      type={label ? 'primary' : 'default'}
      onClick={() => void navigate(`/staff/cases/${c.id}`)}
      data-testid={`row-action-${c.number ?? c.id}`}
    >
      {t(label ?? 'flows.queue.open')}
    </Button>
  );
}

/** Desktop: a table; the case number opens the case. */
function QueueTable({ queue, items, loading, total, page, onPage }: ListProps) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const columns: TableProps<CaseSummary>['columns'] = [
    {
      key: 'number',
      title: t('workbench.columns.number'),
      render: (_, c) => (
        <Link to={`/staff/cases/${c.id}`} className="tb-code">
          {c.number ?? '—'}
        </Link>
      ),
    },
    { key: 'item', title: t('workbench.columns.item'), dataIndex: 'itemName' },
    { key: 'applicant', title: t('workbench.columns.applicant'), dataIndex: 'applicantName' },
    { key: 'status', title: t('workbench.columns.status'), render: (_, c) => <StatusCell c={c} /> },
    { key: 'step', title: t('workbench.columns.step'), render: (_, c) => c.step.name },
    {
      key: 'dueOn',
      title: t('workbench.columns.dueOn'),
      render: (_, c) => <DueDate date={c.promisedDueOn} level={c.warningLevel} paused={c.clockPaused} />,
    },
    { key: 'submittedAt', title: t('workbench.columns.submittedAt'), render: (_, c) => dateTime(c.submittedAt) },
    { key: 'actions', title: t('flows.queue.actions'), render: (_, c) => <RowAction queue={queue} c={c} /> },
  ];
  return (
    <Table<CaseSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={{ current: page, pageSize: 20, total, onChange: onPage, showSizeChanger: false, hideOnSinglePage: true }}
      data-testid="queue-table"
    />
  );
}

/** Phones: one row per case with the same facts. */
function QueueRows({ queue, items, total, page, onPage }: ListProps) {
  const { t } = useTranslation();
  return (
    <>
      <ul className="tb-rows tb-case-rows" data-testid="queue-rows">
        {items.map((c) => (
          <li key={c.id} className="tb-row tb-case-row">
            <div className="tb-case-row-head">
              <Link to={`/staff/cases/${c.id}`} className="tb-row-title">
                {c.itemName}
              </Link>
              <StatusCell c={c} />
            </div>
            <div className="tb-row-actions">
              <RowAction queue={queue} c={c} />
            </div>
            <dl className="tb-inline-facts">
              <div>
                <dt>{t('workbench.columns.number')}</dt>
                <dd className="tb-code">{c.number ?? '—'}</dd>
              </div>
              <div>
                <dt>{t('workbench.columns.applicant')}</dt>
                <dd>{c.applicantName}</dd>
              </div>
              <div>
                <dt>{t('workbench.columns.dueOn')}</dt>
                <dd>
                  <DueDate date={c.promisedDueOn} level={c.warningLevel} paused={c.clockPaused} />
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      {total > 20 ? <Pagination simple className="tb-pagination" current={page} pageSize={20} total={total} onChange={onPage} /> : null}
    </>
  );
}

function StatusCell({ c }: { c: CaseSummary }) {
  const { t } = useTranslation();
  return (
    <span className="tb-tags">
      <CaseStatusTag status={c.status} stepKind={c.step.kind} />
      {c.deficiencyOpen ? <Tag color="orange">{t('workbench.deficiency')}</Tag> : null}
    </span>
  );
}
