import { ScrollRegion } from '../ui/a11y.tsx';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, apiUrl } from '../api.ts';
import type { Account, Page, Schemas } from '../api-types.ts';
import { useErrorText } from '../ui/error-text.ts';
import { useFeedback } from '../ui/feedback.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';

/** A row of `GET /api/v1/supervision/reports`. */
type Report = Schemas['Report'];
type Kind = Report['kind'];

const isReader = (a: Account) => a.roles.includes('supervisor') || a.roles.includes('systemAdmin');

/** /dashboard/reports — 考核通报: the region's daily statistics, weekly dispatches and monthly 通报 as PDF and Excel. */
export function ReportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('reports.title'));
  return (
    <RequireAccount allow={isReader} deniedText={t('reports.noPermission')}>
      {(account) => <ReportsView account={account} />}
    </RequireAccount>
  );
}

function ReportsView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('monthly');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const reports = useQuery({
    queryKey: ['supervision-reports'],
    queryFn: () => api.get<Page<Report>>('/supervision/reports', { pageSize: 50 }),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'pending') ? 2000 : false),
  });

  async function ask() {
    setBusy(true);
    setError(null);
    try {
      await api.post('/supervision/reports', { kind });
      message.success(t('reports.asked'));
      await queryClient.invalidateQueries({ queryKey: ['supervision-reports'] });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const columns: TableColumnsType<Report> = [
    {
      title: t('reports.columns.kind'),
      key: 'kind',
      render: (_, r) => (
        <Tag color={r.kind === 'monthly' ? 'blue' : r.kind === 'weekly' ? 'cyan' : 'default'}>{t(`reports.kinds.${r.kind}`)}</Tag>
      ),
    },
    {
      title: t('reports.columns.period'),
      key: 'period',
      render: (_, r) => <span className="tb-code">{r.from === r.to ? r.from : `${r.from} — ${r.to}`}</span>,
    },
    {
      title: t('reports.columns.scope'),
      key: 'scope',
      responsive: ['md'],
      render: (_, r) => r.departmentName ?? account.region?.name ?? r.regionCode,
    },
    {
      title: t('reports.columns.files'),
      key: 'files',
      render: (_, r) =>
        r.status === 'ready' ? (
          <span className="tb-tags">
            <a href={apiUrl(r.pdfUrl!.replace(/^\/api\/v1/, ''))} target="_blank" rel="noopener">
              PDF
            </a>
            <a href={apiUrl(r.xlsxUrl!.replace(/^\/api\/v1/, ''))}>Excel</a>
          </span>
        ) : r.status === 'pending' ? (
          <Tag color="processing">{t('reports.pending')}</Tag>
        ) : (
          <Tag color="error">{t('reports.failed')}</Tag>
        ),
    },
  ];
  return (
    <div className="tb-page tb-stack">
      <Typography.Title level={1} className="tb-page-title">
        {t('reports.title')}
      </Typography.Title>
      <p>
        <Link to="/dashboard">{t('reports.back')}</Link>
      </p>
      <Typography.Paragraph>{t('reports.intro')}</Typography.Paragraph>
      <Card title={<h2 className="tb-card-heading">{t('reports.ask')}</h2>}>
        {error ? <Alert type="error" showIcon className="tb-gap" title={errorText(error)} /> : null}
        <div className="tb-toolbar">
          <span className="tb-field">
            <label htmlFor="report-kind">{t('reports.kind')}</label>
            <Select<Kind>
              id="report-kind"
              value={kind}
              onChange={setKind}
              options={(['daily', 'weekly', 'monthly'] as const).map((k) => ({ value: k, label: t(`reports.kinds.${k}`) }))}
              className="tb-filter-select"
            />
          </span>
          <Button type="primary" onClick={() => void ask()} loading={busy} data-testid="ask-report">
            {t('reports.askButton')}
          </Button>
        </div>
      </Card>
      <Card title={<h2 className="tb-card-heading">{t('reports.list')}</h2>}>
        {reports.isError ? (
          <Alert type="error" showIcon className="tb-gap" title={t('errors.loadFailed')} description={errorText(reports.error)} />
        ) : null}
        <ScrollRegion label={t('reports.list')}>
          <Table<Report>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={reports.data?.items ?? []}
            loading={reports.isPending}
            pagination={false}
          />
        </ScrollRegion>
      </Card>
    </div>
  );
}
