import { ScrollRegion, paginationItemRender } from '../ui/a11y.tsx';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Col, Empty, List, Row, Segmented, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.ts';
import type { Account, Schemas } from '../api-types.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { EChart } from './echart.tsx';
import { TargetsButton } from './targets-dialog.tsx';
import './dashboard.css';
import { formatDateTime } from '../cases/labels.tsx';

// ------------------------------------------------------------------ API shapes (GET /api/v1/supervision/*)

type Indicator = Schemas['Indicator'];
type Indicators = Schemas['Indicators'];
type Breakdown = Schemas['Breakdown'];
type BreakdownRow = Breakdown['rows'][number];
type Trend = Schemas['Trend'];
type Warned = Schemas['WarnedCases'];
type BadRating = Schemas['BadRatings']['items'][number];

/** Who sees the dashboard: supervisors and system admins (the API checks the region). */
export function isSupervisionReader(account: Account): boolean {
  return account.roles.includes('supervisor') || account.roles.includes('systemAdmin');
}

type PeriodKey = 'year' | 'month' | 'lastMonth' | 'last12';

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The dates of a preset period, ending today. */
export function periodOf(key: PeriodKey, today = new Date()): { from: string; to: string } {
  const y = today.getFullYear();
  const m = today.getMonth();
  if (key === 'month') return { from: `${y}-${pad(m + 1)}-01`, to: ymd(today) };
  if (key === 'lastMonth') return { from: ymd(new Date(y, m - 1, 1)), to: ymd(new Date(y, m, 0)) };
  if (key === 'last12') return { from: ymd(new Date(y, m - 11, 1)), to: ymd(today) };
  return { from: `${y}-01-01`, to: ymd(today) };
}

const percent = (v: number | null, digits = 2) => (v === null ? '—' : `${(v * 100).toFixed(digits)}%`);

/** /dashboard — 效能监督看板: indicators against targets, trend, townships, warned cases, bad ratings, rankings. */
export function DashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('dashboard.title'));
  return (
    <RequireAccount allow={isSupervisionReader} deniedText={t('dashboard.noPermission')}>
      {(account) => <DashboardView account={account} />}
    </RequireAccount>
  );
}

function DashboardView({ account }: { account: Account }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const home = account.region;
  const [regionStack, setRegionStack] = useState<{ code: string; name: string }[]>(home ? [home] : []);
  const [periodKey, setPeriodKey] = useState<PeriodKey>('year');
  const region = regionStack.at(-1);
  const period = useMemo(() => periodOf(periodKey), [periodKey]);
  const q = { regionCode: region?.code, ...period };
  const enabled = !!region;
  const key = (what: string, extra = '') => ['supervision', what, region?.code, period.from, period.to, extra];

  const indicators = useQuery({ queryKey: key('indicators'), queryFn: () => api.get<Indicators>('/supervision/indicators', q), enabled });
  const trend = useQuery({
    queryKey: key('trend'),
    queryFn: () => api.get<Trend>('/supervision/trend', { ...q, granularity: 'month' }),
    enabled,
  });
  const townships = useQuery({
    queryKey: key('breakdown', 'region'),
    queryFn: () => api.get<Breakdown>('/supervision/breakdown', { ...q, by: 'region' }),
    enabled,
  });
  const staff = useQuery({
    queryKey: key('breakdown', 'staff'),
    queryFn: () => api.get<Breakdown>('/supervision/breakdown', { ...q, by: 'staff', limit: 50 }),
    enabled,
  });
  const windows = useQuery({
    queryKey: key('breakdown', 'window'),
    queryFn: () => api.get<Breakdown>('/supervision/breakdown', { ...q, by: 'window', limit: 50 }),
    enabled,
  });
  const departments = useQuery({
    queryKey: key('breakdown', 'department'),
    queryFn: () => api.get<Breakdown>('/supervision/breakdown', { ...q, by: 'department', limit: 50 }),
    enabled,
  });
  const warned = useQuery({
    queryKey: key('warned'),
    queryFn: () => api.get<Warned>('/supervision/warned-cases', { regionCode: region?.code, limit: 20 }),
    enabled,
  });
  const bad = useQuery({
    queryKey: key('bad'),
    queryFn: () => api.get<{ items: BadRating[] }>('/supervision/bad-ratings', { ...q, limit: 30 }),
    enabled,
  });

  if (!region) return <Alert type="warning" showIcon title={t('dashboard.noPermission')} />;
  const en = i18n.language.startsWith('en');
  const failed = [indicators, trend, townships, warned, bad].find((x) => x.isError);

  return (
    <div className="tb-page tb-stack tb-dashboard">
      <Typography.Title level={1} className="tb-page-title">
        {t('dashboard.title')}
      </Typography.Title>
      <div className="tb-toolbar tb-dashboard-toolbar">
        <Breadcrumb
          aria-label={t('dashboard.region')}
          items={regionStack.map((r, i) => ({
            title:
              i === regionStack.length - 1 ? (
                <span data-testid="dashboard-region">{r.name}</span>
              ) : (
                <Typography.Link onClick={() => setRegionStack(regionStack.slice(0, i + 1))}>{r.name}</Typography.Link>
              ),
          }))}
        />
        <Segmented<PeriodKey>
          aria-label={t('dashboard.period')}
          value={periodKey}
          onChange={setPeriodKey}
          options={(['year', 'month', 'lastMonth', 'last12'] as const).map((k) => ({ value: k, label: t(`dashboard.periods.${k}`) }))}
        />
        <Typography.Text type="secondary">
          {period.from} – {period.to}
        </Typography.Text>
        {account.roles.includes('systemAdmin') && indicators.data ? (
          <TargetsButton regionCode={region.code} definitions={indicators.data.indicators} />
        ) : null}
      </div>
      {failed ? <Alert type="error" showIcon title={t('dashboard.loadFailed')} description={errorText(failed.error)} /> : null}

      <section aria-labelledby="dash-indicators">
        <Typography.Title level={2} id="dash-indicators" className="tb-dashboard-h2">
          {t('dashboard.indicators')}
        </Typography.Title>
        {indicators.data ? (
          <>
            <IndicatorGrid
              title={t('dashboard.catalogScope')}
              items={indicators.data.indicators.filter((i) => i.scope === 'catalog')}
              en={en}
            />
            <IndicatorGrid
              title={t('dashboard.periodScope')}
              items={indicators.data.indicators.filter((i) => i.scope === 'period')}
              en={en}
            />
          </>
        ) : (
          <Card loading />
        )}
      </section>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('dashboard.trend')} size="small">
            {trend.data ? <TrendChart points={trend.data.points} /> : <Card loading variant="borderless" />}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('dashboard.townships')} size="small">
            <TownshipTable
              rows={townships.data?.rows ?? []}
              loading={townships.isPending}
              regionCode={region.code}
              onOpen={(row) => setRegionStack([...regionStack, { code: row.key, name: row.name ?? row.key }])}
            />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            title={t('dashboard.warned')}
            size="small"
            extra={
              warned.data ? (
                <Space size={4}>
                  <Tag color="red">{t('dashboard.overdueCount', { n: warned.data.overdue })}</Tag>
                  <Tag color="gold">{t('dashboard.nearDueCount', { n: warned.data.nearDue })}</Tag>
                </Space>
              ) : null
            }
          >
            <WarnedList data={warned.data} loading={warned.isPending} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.badBoard')} size="small" data-testid="bad-rating-board">
            <BadBoard items={bad.data?.items ?? []} loading={bad.isPending} />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.staffRanking')} size="small">
            <Ranking rows={staff.data?.rows ?? []} loading={staff.isPending} kind="staff" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.windowRanking')} size="small">
            <Ranking rows={(windows.data?.rows ?? []).filter((r) => r.name)} loading={windows.isPending} kind="window" />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('dashboard.departmentRanking')} size="small">
            <Ranking rows={departments.data?.rows ?? []} loading={departments.isPending} kind="department" />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function formatValue(i: Indicator): string {
  if (i.value === null) return '—';
  if (i.unit === 'ratio') return percent(i.value);
  if (i.unit === 'days' || i.unit === 'hours' || i.unit === 'perGuide' || i.unit === 'score') return i.value.toFixed(2);
  return i.value.toLocaleString();
}

function formatTarget(i: Indicator, v: number): string {
  if (i.unit === 'ratio') return percent(v, 0);
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

function IndicatorGrid({ title, items, en }: { title: string; items: Indicator[]; en: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={3} className="tb-dashboard-h3">
        {title}
      </Typography.Title>
      <Row gutter={[12, 12]} className="tb-dashboard-indicators">
        {items.map((i) => (
          <Col xs={12} sm={8} md={6} xl={4} key={i.key}>
            <Card size="small" data-testid={`indicator-${i.key}`} className={i.target?.met === false ? 'tb-indicator-missed' : undefined}>
              <Statistic
                title={
                  <Tooltip title={en ? i.definitionEn : i.definitionZh}>
                    <span tabIndex={0} className="tb-indicator-name">
                      {en ? i.en : i.zh} <QuestionCircleOutlined aria-label={en ? i.definitionEn : i.definitionZh} />
                    </span>
                  </Tooltip>
                }
                value={formatValue(i)}
              />
              {i.unit === 'ratio' && i.denominator !== null && i.key !== 'timeLimitCompression' ? (
                <Typography.Text type="secondary" className="tb-indicator-sub">
                  {t('dashboard.ofTotal', { n: (i.numerator ?? 0).toLocaleString(), of: i.denominator.toLocaleString() })}
                </Typography.Text>
              ) : null}
              {i.target ? (
                <div className="tb-indicator-target">
                  <Typography.Text type="secondary">
                    {t('dashboard.target', { value: `${i.target.comparator === 'gte' ? '≥' : '≤'} ${formatTarget(i, i.target.value)}` })}
                    {i.target.basis === 'prorated' ? t('dashboard.targetProrated', { annual: formatTarget(i, i.target.annualValue) }) : ''}
                  </Typography.Text>{' '}
                  {i.target.met === null ? (
                    <Tag>{t('dashboard.noData')}</Tag>
                  ) : i.target.met ? (
                    <Tag color="green">
                      {t('dashboard.met')}
                      {i.target.gap ? ` · ${t('dashboard.gapAbove', { gap: formatTarget(i, Number(i.target.gap.toFixed(4))) })}` : ''}
                    </Tag>
                  ) : (
                    <Tag color="red">
                      {t('dashboard.missed')} ·{' '}
                      {t('dashboard.gapBelow', { gap: formatTarget(i, Number(Math.abs(i.target.gap ?? 0).toFixed(4))) })}
                    </Tag>
                  )}
                </div>
              ) : null}
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}

function TrendChart({ points }: { points: Trend['points'] }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 44, right: 44, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: points.map((p) => p.bucket) },
      yAxis: [{ type: 'value' }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
      series: [
        { name: t('dashboard.trendReceived'), type: 'bar', data: points.map((p) => p.received) },
        { name: t('dashboard.trendCompleted'), type: 'bar', data: points.map((p) => p.completed) },
        {
          name: t('dashboard.trendOnTime'),
          type: 'line',
          yAxisIndex: 1,
          data: points.map((p) => (p.onTimeRate === null ? null : +(p.onTimeRate * 100).toFixed(2))),
        },
        {
          name: t('dashboard.trendSatisfaction'),
          type: 'line',
          yAxisIndex: 1,
          data: points.map((p) => (p.satisfactionRate === null ? null : +(p.satisfactionRate * 100).toFixed(2))),
        },
      ],
    }),
    [points, t],
  );
  if (points.length === 0) return <Empty description={t('dashboard.noData')} />;
  return <EChart option={option} label={t('dashboard.trend')} />;
}

function TownshipTable({
  rows,
  loading,
  regionCode,
  onOpen,
}: {
  rows: BreakdownRow[];
  loading: boolean;
  regionCode: string;
  onOpen: (row: BreakdownRow) => void;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<BreakdownRow> = [
    {
      title: t('dashboard.columns.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string | null, row) =>
        row.key === regionCode ? <span>{name}</span> : <Typography.Link onClick={() => onOpen(row)}>{name ?? row.key}</Typography.Link>,
    },
    { title: t('dashboard.columns.received'), dataIndex: 'received', key: 'received', align: 'right' },
    { title: t('dashboard.columns.completed'), dataIndex: 'completed', key: 'completed', align: 'right' },
    {
      title: t('dashboard.columns.onTimeRate'),
      dataIndex: 'onTimeRate',
      key: 'onTime',
      align: 'right',
      render: (v: number | null) => percent(v, 1),
    },
    {
      title: t('dashboard.columns.averageScore'),
      dataIndex: 'averageScore',
      key: 'score',
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
    },
  ];
  return (
    <ScrollRegion label={t('dashboard.townships')}>
      <Table<BreakdownRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={{ pageSize: 8, hideOnSinglePage: true, itemRender: paginationItemRender }}
      />
    </ScrollRegion>
  );
}

function WarnedList({ data, loading }: { data: Warned | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Warned['items'][number]> = [
    {
      title: t('dashboard.columns.level'),
      dataIndex: 'warningLevel',
      key: 'level',
      render: (l: 'red' | 'yellow') => <Tag color={l === 'red' ? 'red' : 'gold'}>{t(`dashboard.level.${l}`)}</Tag>,
    },
    {
      title: t('dashboard.columns.number'),
      dataIndex: 'number',
      key: 'number',
      render: (n: string | null, row) => <Link to={`/staff/cases/${row.id}`}>{n}</Link>,
    },
    { title: t('dashboard.columns.item'), dataIndex: 'itemName', key: 'item' },
    { title: t('dashboard.columns.department'), dataIndex: 'departmentName', key: 'department' },
    { title: t('dashboard.columns.due'), dataIndex: 'promisedDueOn', key: 'due' },
    { title: t('dashboard.columns.handler'), dataIndex: 'handlerName', key: 'handler', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <ScrollRegion label={t('dashboard.warned')}>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: t('dashboard.noWarned') }}
        pagination={{ pageSize: 6, hideOnSinglePage: true, itemRender: paginationItemRender }}
      />
    </ScrollRegion>
  );
}

function BadBoard({ items, loading }: { items: BadRating[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <List<BadRating>
      loading={loading}
      dataSource={items}
      locale={{ emptyText: t('dashboard.noBad') }}
      pagination={items.length > 6 ? { pageSize: 6, size: 'small' } : false}
      renderItem={(b) => (
        <List.Item data-testid="bad-rating">
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <Tag color="red">{t(`dashboard.score.s${b.score}`)}</Tag>
                <span>{b.itemName ?? b.window ?? t('dashboard.unnamed')}</span>
                {b.caseNumber ? <Typography.Text type="secondary">{b.caseNumber}</Typography.Text> : null}
              </Space>
            }
            description={
              <Space orientation="vertical" size={2}>
                {b.comment ? <Typography.Text>{b.comment}</Typography.Text> : null}
                <Space wrap size={4}>
                  <Typography.Text type="secondary">{b.departmentName}</Typography.Text>
                  <Typography.Text type="secondary">· {t(`dashboard.channel.${b.channel}`)}</Typography.Text>
                  <Typography.Text type="secondary">· {formatDateTime(b.createdAt)}</Typography.Text>
                  {b.excluded ? (
                    <Tag>{t('dashboard.excluded')}</Tag>
                  ) : (
                    <Tag color={b.rectification?.status === 'closed' ? 'green' : 'orange'}>
                      {t(`dashboard.rectification.${b.rectification?.status ?? 'none'}`)}
                    </Tag>
                  )}
                  {b.rectification?.calledBack ? <Tag color="blue">{t('dashboard.calledBack')}</Tag> : null}
                </Space>
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

function Ranking({ rows, loading, kind }: { rows: BreakdownRow[]; loading: boolean; kind: 'staff' | 'window' | 'department' }) {
  const { t } = useTranslation();
  const sorted = [...rows].sort(
    (a, b) => b.completed + b.accepted - (a.completed + a.accepted) || (b.averageScore ?? 0) - (a.averageScore ?? 0),
  );
  const columns: TableColumnsType<BreakdownRow> = [
    { title: '#', key: 'rank', width: 40, render: (_v, _r, i) => i + 1 },
    { title: t('dashboard.columns.name'), dataIndex: 'name', key: 'name', render: (v: string | null) => v ?? t('dashboard.unnamed') },
    ...(kind === 'staff'
      ? [{ title: t('dashboard.columns.accepted'), dataIndex: 'accepted', key: 'accepted', align: 'right' as const }]
      : [{ title: t('dashboard.columns.received'), dataIndex: 'received', key: 'received', align: 'right' as const }]),
    { title: t('dashboard.columns.completed'), dataIndex: 'completed', key: 'completed', align: 'right' },
    ...(kind === 'staff'
      ? []
      : [
          {
            title: t('dashboard.columns.onTimeRate'),
            dataIndex: 'onTimeRate',
            key: 'onTime',
            align: 'right' as const,
            render: (v: number | null) => percent(v, 1),
          },
        ]),
    { title: t('dashboard.columns.ratings'), dataIndex: 'ratings', key: 'ratings', align: 'right' },
    {
      title: t('dashboard.columns.averageScore'),
      dataIndex: 'averageScore',
      key: 'score',
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
    },
    { title: t('dashboard.columns.badRatings'), dataIndex: 'badRatings', key: 'bad', align: 'right' },
  ];
  return (
    <ScrollRegion label={t(`dashboard.${kind}Ranking`)}>
      <Table<BreakdownRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={sorted}
        loading={loading}
        pagination={{ pageSize: 10, hideOnSinglePage: true, itemRender: paginationItemRender }}
      />
    </ScrollRegion>
  );
}
