import { paginationItemRender } from '../ui/a11y.tsx';
import { BankOutlined, EnvironmentOutlined, ShopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Pagination, Radio, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Hall } from '../api-types.ts';
import { useDepartments, useHalls } from '../queries.ts';
import { useErrorText } from '../ui/error-text.ts';
import { filterDepartments, filterHalls } from './search.ts';

type Props = { regionCode: string; query: string };

/** Hall groups a visitor can filter by: centres (province/city/county), township centres, village points. */
const HALL_GROUPS = ['centre', 'township', 'village'] as const;
type HallGroup = (typeof HALL_GROUPS)[number] | 'all';
const LEVEL_ORDER = ['province', 'city', 'county', 'township', 'village'];
const HALLS_PER_PAGE = 8;
const DEPARTMENTS_PER_PAGE = 10;

function hallGroup(hall: Hall): HallGroup {
  return hall.level === 'township' || hall.level === 'village' ? hall.level : 'centre';
}

function byLevel(a: Hall, b: Hall): number {
  return LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level);
}

/** 服务大厅: the halls of a region with their windows, grouped by level and filtered by the search words. */
export function HallList({ regionCode, query }: Props) {
  const { t } = useTranslation();
  const halls = useHalls(regionCode);
  const [group, setGroup] = useState<HallGroup>('all');
  const [page, setPage] = useState(1);
  const matching = halls.data ? filterHalls(halls.data.items, query).sort(byLevel) : [];
  const counts = Object.fromEntries(HALL_GROUPS.map((g) => [g, matching.filter((hall) => hallGroup(hall) === g).length]));
  const shown = group === 'all' ? matching : matching.filter((hall) => hallGroup(hall) === group);
  const current = Math.min(page, Math.max(1, Math.ceil(shown.length / HALLS_PER_PAGE)));
  const options = [
    { value: 'all', label: `${t('home.hallGroup.all')} ${matching.length}` },
    ...HALL_GROUPS.filter((g) => counts[g] > 0).map((g) => ({ value: g, label: `${t(`home.hallGroup.${g}`)} ${counts[g]}` })),
  ];
  return (
    <Section id="halls" icon={<ShopOutlined />} title={t('home.halls')} count={halls.data ? matching.length : undefined}>
      <QueryState query={halls} empty={matching.length === 0} emptyText={query ? t('home.noMatch', { query }) : t('home.hallsEmpty')}>
        {options.length > 2 ? (
          <Radio.Group
            className="tb-filter"
            aria-label={t('home.hallGroup.label')}
            optionType="button"
            value={group}
            onChange={(event) => {
              setGroup(event.target.value as HallGroup);
              setPage(1);
            }}
            options={options}
          />
        ) : null}
        <ul className="tb-cards">
          {shown.slice((current - 1) * HALLS_PER_PAGE, current * HALLS_PER_PAGE).map((hall) => (
            <li key={hall.id}>
              <HallCard hall={hall} />
            </li>
          ))}
        </ul>
        <ListPagination total={shown.length} pageSize={HALLS_PER_PAGE} current={current} onChange={setPage} />
      </QueryState>
    </Section>
  );
}

/** Pagination under a list; hidden when one page is enough. */
function ListPagination({
  total,
  pageSize,
  current,
  onChange,
}: {
  total: number;
  pageSize: number;
  current: number;
  onChange: (page: number) => void;
}) {
  return (
    <Pagination
      className="tb-pagination"
      size="small"
      total={total}
      pageSize={pageSize}
      current={current}
      onChange={onChange}
      showSizeChanger={false}
      hideOnSinglePage
      itemRender={paginationItemRender}
    />
  );
}

function HallCard({ hall }: { hall: Hall }) {
  const { t, i18n } = useTranslation();
  const levelKey = `hallLevel.${hall.level}`;
  return (
    <Card size="small" className="tb-hall-card">
      <h3 className="tb-card-title">{hall.name}</h3>
      <p className="tb-card-meta">
        {i18n.exists(levelKey) ? <Tag color="blue">{t(levelKey)}</Tag> : null}
        <span>{t('home.windowCount', { count: hall.windows.length })}</span>
      </p>
      {hall.address ? (
        <p className="tb-card-line">
          <EnvironmentOutlined aria-hidden="true" /> <span className="tb-visually-hidden">{t('home.address')}: </span>
          {hall.address}
        </p>
      ) : null}
      {hall.windows.length > 0 ? (
        <ul className="tb-window-tags" aria-label={t('home.windows')}>
          {hall.windows.map((window) => (
            <li key={window.id}>
              <Tag className="tb-window-tag">
                {window.number} · {window.name}
              </Tag>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

/** 办事部门: the departments of a region, filtered by the search words. */
export function DepartmentList({ regionCode, query }: Props) {
  const { t } = useTranslation();
  const departments = useDepartments(regionCode);
  const [page, setPage] = useState(1);
  const items = departments.data ? filterDepartments(departments.data.items, query) : [];
  const current = Math.min(page, Math.max(1, Math.ceil(items.length / DEPARTMENTS_PER_PAGE)));
  return (
    <Section id="departments" icon={<BankOutlined />} title={t('home.departments')} count={departments.data ? items.length : undefined}>
      <QueryState
        query={departments}
        empty={items.length === 0}
        emptyText={query ? t('home.noMatch', { query }) : t('home.departmentsEmpty')}
      >
        <ul className="tb-rows">
          {items.slice((current - 1) * DEPARTMENTS_PER_PAGE, current * DEPARTMENTS_PER_PAGE).map((department) => (
            <li key={department.id} className="tb-row">
              <Link to={`/departments/${department.id}/items`} className="tb-row-title">
                {department.name}
              </Link>
              {department.creditCode ? (
                <span className="tb-row-meta">
                  {t('home.creditCode')}: <span className="tb-code">{department.creditCode}</span>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
        <ListPagination total={items.length} pageSize={DEPARTMENTS_PER_PAGE} current={current} onChange={setPage} />
      </QueryState>
    </Section>
  );
}

function Section({
  id,
  icon,
  title,
  count,
  children,
}: {
  id: string;
  icon: ReactNode;
  title: string;
  count?: number;
  children: ReactNode;
}) {
  return (
    <section className="tb-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="tb-section-title">
        <span aria-hidden="true">{icon}</span> {title}
        {count !== undefined ? <span className="tb-count">{count}</span> : null}
      </h2>
      {children}
    </section>
  );
}

type QueryLike = { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };

/** Loading skeleton, error with retry, empty state, or the content. */
export function QueryState({
  query,
  empty,
  emptyText,
  children,
}: {
  query: QueryLike;
  empty: boolean;
  emptyText: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (query.isPending) return <Skeleton active />;
  if (query.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('errors.loadFailed')}
        description={errorText(query.error)}
        action={<Button onClick={() => void query.refetch()}>{t('errors.retry')}</Button>}
      />
    );
  }
  if (empty) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  return <>{children}</>;
}
