import { BellOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, Pagination, Segmented, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CaseStatusTag, DueDate, useDateFormat } from '../cases/labels.tsx';
import { useMyCases } from '../cases/queries.ts';
import type { CaseSummary } from '../cases/types.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { useCasesToRate } from './needs-card.tsx';

const TABS = ['all', 'needsMe', 'inProgress', 'done', 'toRate'] as const;
type Tab = (typeof TABS)[number];

/** /me/cases — my cases, newest first, in tabs (全部, 待我处理, 办理中, 已办结), searchable, with calls to action. */
export function MyCasesPage() {
  const { t } = useTranslation();
  usePageTitle(t('myCases.title'));
  return <RequireAccount>{() => <MyCasesView />}</RequireAccount>;
}

function MyCasesView() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'all';
  const q = params.get('q') ?? '';
  const cases = useMyCases(page, true, { group: tab === 'all' ? undefined : tab, q });
  const filtered = tab !== 'all' || q !== '';
  const toRate = new Set(useCasesToRate().items.map((c) => c.id));
  const go = (next: { tab?: Tab; q?: string; page?: number }) => {
    const merged = { tab: next.tab ?? tab, q: next.q ?? q, page: next.page ?? 1 };
    setParams({
      ...(merged.tab !== 'all' ? { tab: merged.tab } : {}),
      ...(merged.q ? { q: merged.q } : {}),
      ...(merged.page > 1 ? { page: String(merged.page) } : {}),
    });
  };
  return (
    <div className="tb-page tb-stack">
      <div className="tb-toolbar">
        <Typography.Title level={1} className="tb-page-title">
          {t('myCases.title')}
        </Typography.Title>
        <Link to="/me/notifications">
          <BellOutlined aria-hidden="true" /> {t('myCases.notifications')}
        </Link>
      </div>
      <div className="tb-my-cases-bar">
        <Segmented<Tab>
          value={tab}
          onChange={(value) => go({ tab: value })}
          options={TABS.map((name) => ({
            value: name,
            label: <span data-testid={`my-tab-${name}`}>{t(`flows.myCases.tabs.${name}`)}</span>,
          }))}
          aria-label={t('myCases.title')}
        />
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          placeholder={t('flows.myCases.search')}
          aria-label={t('flows.myCases.search')}
          onSearch={(value) => go({ q: value.trim() })}
          className="tb-my-cases-search"
          data-testid="my-cases-search"
        />
      </div>
      {cases.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : cases.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('errors.loadFailed')}
          description={errorText(cases.error)}
          action={<Button onClick={() => void cases.refetch()}>{t('errors.retry')}</Button>}
        />
      ) : cases.data.total === 0 && filtered ? (
        <Card>
          <Empty description={t('flows.myCases.none')} data-testid="my-cases-none" />
        </Card>
      ) : cases.data.total === 0 ? (
        <Card>
          <Empty
            image={<FolderOpenOutlined className="tb-empty-icon" aria-hidden="true" />}
            styles={{ image: { height: 56 } }}
            description={
              <>
                <p>{t('myCases.empty')}</p>
                <p className="tb-muted">{t('myCases.emptyHint')}</p>
              </>
            }
          >
            <Button type="primary" onClick={() => void navigate('/')}>
              {t('myCases.toPortal')}
            </Button>
          </Empty>
        </Card>
      ) : (
        <>
          <ul className="tb-rows tb-case-rows" data-testid="my-cases">
            {cases.data.items.map((c) => (
              <CaseRow key={c.id} c={c} rate={toRate.has(c.id)} />
            ))}
          </ul>
          {cases.data.total > 20 ? (
            <Pagination
              className="tb-pagination"
              current={page}
              pageSize={20}
              total={cases.data.total}
              showSizeChanger={false}
              onChange={(next) => go({ page: next })}
            />
          ) : null}
        </>
      )}
    </div>
  );
}

function CaseRow({ c, rate }: { c: CaseSummary; rate: boolean }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const navigate = useNavigate();
  const cta =
    c.status === 'correction'
      ? { label: t('flows.myCases.toCorrect'), testId: 'cta-correct', primary: true }
      : c.status === 'draft'
        ? { label: t('flows.myCases.continueDraft'), testId: 'cta-draft', primary: false }
        : rate
          ? { label: t('flows.myCases.toRate'), testId: 'cta-rate', primary: false }
          : null;
  return (
    <li className="tb-row tb-case-row">
      <div className="tb-case-row-head">
        <Link to={`/me/cases/${c.id}`} className="tb-row-title">
          {c.itemName}
        </Link>
        <span className="tb-tags">
          <CaseStatusTag status={c.status} stepKind={c.step.kind} />
          {cta ? (
            <Button
              size="small"
              type={cta.primary ? 'primary' : 'default'}
              onClick={() => void navigate(`/me/cases/${c.id}`)}
              data-testid={cta.testId}
            >
              {cta.label}
            </Button>
          ) : null}
        </span>
      </div>
      <dl className="tb-inline-facts">
        <div>
          <dt>{t('myCases.columns.number')}</dt>
          <dd className={c.number ? 'tb-code' : undefined}>{c.number ?? t('cases.noNumber')}</dd>
        </div>
        <div>
          <dt>{c.submittedAt ? t('myCases.columns.submittedAt') : t('cases.createdAt')}</dt>
          <dd>{dateTime(c.submittedAt ?? c.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('myCases.columns.dueOn')}</dt>
          <dd>
            <DueDate date={c.promisedDueOn} level={c.warningLevel} paused={c.clockPaused} />
          </dd>
        </div>
      </dl>
    </li>
  );
}
