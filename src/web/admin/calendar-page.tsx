import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Popconfirm, Radio, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { Account, Page } from '../api-types.ts';
import { regionLevelOf } from '../region-code.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { AdminNav } from './admin-nav.tsx';
import { useFeedback } from '../ui/feedback.tsx';

/** A date of `GET /api/v1/calendar`: a holiday, a 调休 working day or an override. */
type CalendarDay = {
  date: string;
  isWorkingDay: boolean;
  name: string;
  nameEn: string | null;
  source: 'national' | 'override';
  regionCode: string;
};
type CalendarYear = { year: number; regionCode: string; items: CalendarDay[]; total: number };
/** An override of `GET /api/v1/calendar/overrides`. */
type Override = { regionCode: string; date: string; isWorkingDay: boolean; name: string; version: number; editable: boolean };
type OverrideForm = { date: string; isWorkingDay: boolean; name: string; scope: string };

const calendarKeys = {
  all: ['calendar'] as const,
  year: (year: number, regionCode: string) => ['calendar', 'year', year, regionCode] as const,
  overrides: (year: number, regionCode: string) => ['calendar', 'overrides', year, regionCode] as const,
};

/** Who manages the working calendar: system admins. */
export function isCalendarAdmin(account: Account): boolean {
  return account.roles.includes('systemAdmin');
}

/** /admin/calendar — 工作日历: a year's holidays, 调休 days and overrides; add or remove an override. */
export function CalendarPage() {
  const { t } = useTranslation();
  usePageTitle(t('calendarAdmin.title'));
  return (
    <RequireAccount allow={isCalendarAdmin} deniedText={t('calendarAdmin.noPermission')}>
      {(account) => <CalendarView account={account} />}
    </RequireAccount>
  );
}

function CalendarView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const region = account.region;
  return (
    <div className="tb-page tb-stack">
      <Typography.Title level={1} className="tb-page-title">
        {t('admin.title')}
      </Typography.Title>
      <AdminNav account={account} />
      {!region ? (
        <Alert type="warning" showIcon title={t('calendarAdmin.noRegion')} />
      ) : (
        <>
          <Typography.Paragraph>{t('calendarAdmin.intro')}</Typography.Paragraph>
          <div className="tb-toolbar">
            <Typography.Paragraph className="tb-toolbar-text">{t('calendarAdmin.scope', { region: region.name })}</Typography.Paragraph>
            <span className="tb-field">
              <label htmlFor="calendar-year">{t('calendarAdmin.year')}</label>
              <Select<number>
                id="calendar-year"
                value={year}
                onChange={setYear}
                options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((value) => ({ value, label: String(value) }))}
              />
            </span>
          </div>
          <YearCard year={year} region={region} />
          <OverridesCard year={year} region={region} />
          <OverrideFormCard region={region} onSaved={(date) => setYear(Number(date.slice(0, 4)))} />
        </>
      )}
    </div>
  );
}

function useWeekday() {
  const { t } = useTranslation();
  return (date: string) => t(`calendarAdmin.weekdays.w${new Date(`${date}T00:00:00Z`).getUTCDay()}`);
}

function KindTag({ working }: { working: boolean }) {
  const { t } = useTranslation();
  return working ? <Tag color="blue">{t('calendarAdmin.kind.work')}</Tag> : <Tag color="red">{t('calendarAdmin.kind.off')}</Tag>;
}

function useRegionLabel(region: { code: string; name: string }) {
  const { t } = useTranslation();
  return (code: string) => (code === '' ? t('calendarAdmin.national') : code === region.code ? region.name : code);
}

function YearCard({ year, region }: { year: number; region: { code: string; name: string } }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const weekday = useWeekday();
  const regionLabel = useRegionLabel(region);
  const days = useQuery({
    queryKey: calendarKeys.year(year, region.code),
    queryFn: () => api.get<CalendarYear>('/calendar', { year, regionCode: region.code }),
    staleTime: 60_000,
  });
  const columns: TableColumnsType<CalendarDay> = [
    {
      title: t('calendarAdmin.columns.date'),
      key: 'date',
      render: (_, d) => (
        <span className="tb-code">
          {d.date} {weekday(d.date)}
        </span>
      ),
    },
    { title: t('calendarAdmin.columns.kind'), key: 'kind', render: (_, d) => <KindTag working={d.isWorkingDay} /> },
    { title: t('calendarAdmin.columns.name'), key: 'name', render: (_, d) => (i18n.language === 'en' && d.nameEn ? d.nameEn : d.name) },
    {
      title: t('calendarAdmin.columns.source'),
      key: 'source',
      responsive: ['sm'],
      render: (_, d) =>
        d.source === 'national'
          ? t('calendarAdmin.source.national')
          : `${t('calendarAdmin.source.override')} · ${regionLabel(d.regionCode)}`,
    },
  ];
  return (
    <Card title={<h2 className="tb-card-heading">{t('calendarAdmin.yearList', { year })}</h2>}>
      {days.isError ? (
        <Alert type="error" showIcon className="tb-gap" title={t('errors.loadFailed')} description={errorText(days.error)} />
      ) : null}
      {days.data && days.data.items.length === 0 ? (
        <Alert type="info" showIcon className="tb-gap" title={t('calendarAdmin.empty')} />
      ) : null}
      <Table<CalendarDay>
        rowKey="date"
        size="small"
        columns={columns}
        dataSource={days.data?.items ?? []}
        loading={days.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}

function OverridesCard({ year, region }: { year: number; region: { code: string; name: string } }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const weekday = useWeekday();
  const regionLabel = useRegionLabel(region);
  const [error, setError] = useState<unknown>(null);
  const overrides = useQuery({
    queryKey: calendarKeys.overrides(year, region.code),
    queryFn: () => api.get<Page<Override>>('/calendar/overrides', { year, regionCode: region.code, pageSize: 100 }),
  });

  async function remove(o: Override) {
    setError(null);
    try {
      await api.delete(`/calendar/overrides/${o.regionCode || 'national'}/${o.date}`);
      message.success(t('calendarAdmin.removed'));
      await queryClient.invalidateQueries({ queryKey: calendarKeys.all });
    } catch (caught) {
      setError(caught);
    }
  }

  const columns: TableColumnsType<Override> = [
    {
      title: t('calendarAdmin.columns.date'),
      key: 'date',
      render: (_, o) => (
        <span className="tb-code">
          {o.date} {weekday(o.date)}
        </span>
      ),
    },
    { title: t('calendarAdmin.columns.kind'), key: 'kind', render: (_, o) => <KindTag working={o.isWorkingDay} /> },
    { title: t('calendarAdmin.columns.name'), dataIndex: 'name', key: 'name' },
    { title: t('calendarAdmin.columns.region'), key: 'region', render: (_, o) => regionLabel(o.regionCode) },
    {
      title: t('calendarAdmin.columns.actions'),
      key: 'actions',
      render: (_, o) =>
        o.editable ? (
          <Popconfirm title={t('calendarAdmin.removeConfirm', { date: o.date })} onConfirm={() => remove(o)}>
            <Button size="small" danger>
              {t('calendarAdmin.remove')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <Card title={<h2 className="tb-card-heading">{t('calendarAdmin.overrides', { year })}</h2>}>
      {overrides.isError ? (
        <Alert type="error" showIcon className="tb-gap" title={t('errors.loadFailed')} description={errorText(overrides.error)} />
      ) : null}
      {error ? <Alert type="error" showIcon className="tb-gap" title={errorText(error)} /> : null}
      <Table<Override>
        rowKey={(o) => `${o.regionCode}/${o.date}`}
        size="small"
        columns={columns}
        dataSource={overrides.data?.items ?? []}
        loading={overrides.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}

function OverrideFormCard({ region, onSaved }: { region: { code: string; name: string }; onSaved: (date: string) => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [form] = Form.useForm<OverrideForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const scopes = [
    { value: region.code, label: region.name },
    ...(regionLevelOf(region.code) === 'province' ? [{ value: 'national', label: t('calendarAdmin.national') }] : []),
  ];

  async function save(values: OverrideForm) {
    setBusy(true);
    setError(null);
    try {
      await api.put(`/calendar/overrides/${values.scope ?? region.code}/${values.date}`, {
        isWorkingDay: values.isWorkingDay,
        name: values.name.trim(),
      });
      message.success(t('calendarAdmin.form.saved'));
      await queryClient.invalidateQueries({ queryKey: calendarKeys.all });
      onSaved(values.date);
      form.resetFields(['date', 'name']);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={<h2 className="tb-card-heading">{t('calendarAdmin.form.title')}</h2>}>
      {error ? <Alert type="error" showIcon className="tb-gap" title={errorText(error)} /> : null}
      <Form<OverrideForm>
        form={form}
        layout="vertical"
        initialValues={{ isWorkingDay: false, scope: region.code }}
        onFinish={(values) => void save(values)}
      >
        <Form.Item
          name="date"
          label={t('calendarAdmin.form.date')}
          extra={t('calendarAdmin.form.dateHelp')}
          rules={[{ required: true, message: t('calendarAdmin.form.dateRule') }]}
        >
          <Input type="date" min="2000-01-01" max="2100-12-31" className="tb-filter-select" />
        </Form.Item>
        <Form.Item name="isWorkingDay" label={t('calendarAdmin.form.isWorkingDay')}>
          <Radio.Group
            options={[
              { value: false, label: t('calendarAdmin.form.off') },
              { value: true, label: t('calendarAdmin.form.work') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('calendarAdmin.form.name')}
          rules={[{ required: true, whitespace: true, max: 40, message: t('calendarAdmin.form.nameRule') }]}
        >
          <Input maxLength={40} placeholder={t('calendarAdmin.form.namePlaceholder')} className="tb-filter-select" />
        </Form.Item>
        {scopes.length > 1 ? (
          <Form.Item name="scope" label={t('calendarAdmin.form.region')}>
            <Select options={scopes} className="tb-filter-select" />
          </Form.Item>
        ) : null}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('calendarAdmin.form.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
