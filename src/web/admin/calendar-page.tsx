import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, apiRequest } from '../api.ts';
import type { Account, Page, Schemas } from '../api-types.ts';
import { regionLevelOf } from '../region-code.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { AdminNav } from './admin-nav.tsx';
import { useFeedback } from '../ui/feedback.tsx';

/** A date of `GET /api/v1/calendar`: a holiday, a 调休 working day or an override. */
type CalendarDay = Schemas['CalendarDay'];
type CalendarYear = Schemas['CalendarYear'];
type YearStatus = CalendarYear['status'];
/** A year of `GET /api/v1/calendar/years`. */
type YearRow = Schemas['CalendarYearStatus'];
const HOLIDAYS = ['newYear', 'springFestival', 'qingming', 'labourDay', 'dragonBoat', 'midAutumn', 'nationalDay'] as const;
type NoticeLine = { holiday: (typeof HOLIDAYS)[number]; name?: string; restFrom: string; restTo: string; workdays: string[] };
/** `GET /api/v1/calendar/notices/{year}`. */
type Notice = Schemas['CalendarNotice'];
type NoticeForm = {
  title: string;
  documentNumber?: string;
  publishedOn?: string;
  lines: Array<{ holiday: NoticeLine['holiday']; name?: string; restFrom: string; restTo: string; workdays?: string }>;
};
/** An override of `GET /api/v1/calendar/overrides`. */
type Override = Schemas['CalendarOverride'];
type OverrideForm = { date: string; isWorkingDay: boolean; name: string; scope: string };

const calendarKeys = {
  all: ['calendar'] as const,
  year: (year: number, regionCode: string) => ['calendar', 'year', year, regionCode] as const,
  overrides: (year: number, regionCode: string) => ['calendar', 'overrides', year, regionCode] as const,
  years: (from: number) => ['calendar', 'years', from] as const,
  notice: (year: number) => ['calendar', 'notice', year] as const,
};

/** National holiday notices are entered by a province-level system admin (the calendar.manage policy of region ''). */
const canEnterNotices = (region: { code: string }) => region.code.length === 2;

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
  const [noticeYear, setNoticeYear] = useState<number | null>(null);
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
          <YearsCard
            from={thisYear - 1}
            region={region}
            onEdit={(y) => {
              setYear(y);
              setNoticeYear(y);
            }}
          />
          {noticeYear !== null && canEnterNotices(region) ? (
            <NoticeFormCard key={noticeYear} year={noticeYear} onClose={() => setNoticeYear(null)} />
          ) : null}
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
        d.source === 'override'
          ? `${t('calendarAdmin.source.override')} · ${regionLabel(d.regionCode)}`
          : t(`calendarAdmin.source.${d.source}`),
    },
  ];
  return (
    <Card title={<h2 className="tb-card-heading">{t('calendarAdmin.yearList', { year })}</h2>}>
      {days.isError ? (
        <Alert type="error" showIcon className="tb-gap" title={t('errors.loadFailed')} description={errorText(days.error)} />
      ) : null}
      {days.data?.status === 'provisional' ? (
        <Alert type="warning" showIcon className="tb-gap" title={t('calendarAdmin.provisional', { year })} data-testid="year-provisional" />
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

function StatusTag({ status }: { status: YearStatus }) {
  const { t } = useTranslation();
  return status === 'official' ? (
    <Tag color="green">{t('calendarAdmin.status.official')}</Tag>
  ) : (
    <Tag color="orange">{t('calendarAdmin.status.provisional')}</Tag>
  );
}

/** Which years are official (their notice known) and which provisional; a province-level admin enters a notice here. */
function YearsCard({ from, region, onEdit }: { from: number; region: { code: string; name: string }; onEdit: (year: number) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const years = useQuery({
    queryKey: calendarKeys.years(from),
    queryFn: () => api.get<Page<YearRow>>('/calendar/years', { from, to: from + 4 }),
  });
  const columns: TableColumnsType<YearRow> = [
    { title: t('calendarAdmin.columns.year'), dataIndex: 'year', key: 'year' },
    { title: t('calendarAdmin.columns.status'), key: 'status', render: (_, y) => <StatusTag status={y.status} /> },
    {
      title: t('calendarAdmin.columns.basis'),
      key: 'basis',
      render: (_, y) =>
        y.basis === 'notice' && y.notice
          ? `${t('calendarAdmin.basis.notice')} · ${y.notice.documentNumber ?? y.notice.title}`
          : y.basis === 'law'
            ? t('calendarAdmin.basis.law', { law: y.law ?? '' })
            : t('calendarAdmin.basis.package'),
    },
    ...(canEnterNotices(region)
      ? [
          {
            title: t('calendarAdmin.columns.actions'),
            key: 'actions',
            render: (_: unknown, y: YearRow) => (
              <Button size="small" onClick={() => onEdit(y.year)}>
                {y.notice ? t('calendarAdmin.notice.edit', { year: y.year }) : t('calendarAdmin.notice.enter', { year: y.year })}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card title={<h2 className="tb-card-heading">{t('calendarAdmin.years')}</h2>} data-testid="calendar-years">
      {years.isError ? (
        <Alert type="error" showIcon className="tb-gap" title={t('errors.loadFailed')} description={errorText(years.error)} />
      ) : null}
      <Typography.Paragraph>
        {t(canEnterNotices(region) ? 'calendarAdmin.yearsIntro' : 'calendarAdmin.yearsIntroCounty')}
      </Typography.Paragraph>
      <Table<YearRow>
        rowKey="year"
        size="small"
        columns={columns}
        dataSource={years.data?.items ?? []}
        loading={years.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}

const splitDates = (text?: string) => (text ?? '').split(/[\s,，、;；]+/).filter(Boolean);

/** Where a notice error points (`body.lines.2.restTo` → "line 3, last day off"), for the message above the form. */
function useNoticeErrorText() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (error: unknown) => {
    const field = error instanceof ApiError ? (error.details as { field?: string } | undefined)?.field : undefined;
    const m = field ? /^body\.lines\.(\d+)\.(\w+)/.exec(field) : null;
    if (!m) return errorText(error);
    return t('calendarAdmin.notice.where', {
      line: Number(m[1]) + 1,
      field: t(`calendarAdmin.notice.fields.${m[2]}`),
      message: errorText(error),
    });
  };
}

/** The notice of a year, line by line: each holiday's days off (first to last) and its 调休 workdays. */
function NoticeFormCard({ year, onClose }: { year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const queryClient = useQueryClient();
  const errorText = useNoticeErrorText();
  const [form] = Form.useForm<NoticeForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const existing = useQuery({
    queryKey: calendarKeys.notice(year),
    queryFn: async () => {
      try {
        return await api.get<Notice>(`/calendar/notices/${year}`);
      } catch (caught) {
        if (caught instanceof ApiError && caught.code === 'CALENDAR_NOTICE_NOT_FOUND') return null;
        throw caught;
      }
    },
  });
  const notice = existing.data ?? null;
  useEffect(() => {
    if (existing.data === undefined) return;
    form.setFieldsValue(
      existing.data
        ? {
            title: existing.data.title,
            documentNumber: existing.data.documentNumber ?? undefined,
            publishedOn: existing.data.publishedOn ?? undefined,
            lines: existing.data.lines.map((l) => ({ ...l, workdays: l.workdays.join(', ') })),
          }
        : {
            title: t('calendarAdmin.notice.defaultTitle', { year }),
            lines: HOLIDAYS.map((holiday) => ({ holiday, restFrom: '', restTo: '', workdays: '' })),
          },
    );
  }, [existing.data, form, t, year]);

  async function save(values: NoticeForm) {
    setBusy(true);
    setError(null);
    try {
      await api.put(`/calendar/notices/${year}`, {
        title: values.title.trim(),
        ...(values.documentNumber?.trim() ? { documentNumber: values.documentNumber.trim() } : {}),
        ...(values.publishedOn ? { publishedOn: values.publishedOn } : {}),
        lines: values.lines.map((l) => ({
          holiday: l.holiday,
          ...(l.name?.trim() ? { name: l.name.trim() } : {}),
          restFrom: l.restFrom,
          restTo: l.restTo,
          workdays: splitDates(l.workdays),
        })),
        ...(notice ? { version: notice.version } : {}),
      });
      message.success(t('calendarAdmin.notice.saved', { year }));
      await queryClient.invalidateQueries({ queryKey: calendarKeys.all });
      onClose();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!notice) return;
    setError(null);
    try {
      await apiRequest('DELETE', `/calendar/notices/${year}`, { headers: { 'If-Match': `"${notice.version}"` } });
      message.success(t('calendarAdmin.notice.removed', { year }));
      await queryClient.invalidateQueries({ queryKey: calendarKeys.all });
      onClose();
    } catch (caught) {
      setError(caught);
    }
  }

  const holidayOptions = HOLIDAYS.map((h) => ({ value: h, label: t(`calendarAdmin.holidays.${h}`) }));
  return (
    <Card title={<h2 className="tb-card-heading">{t('calendarAdmin.notice.title', { year })}</h2>} data-testid="notice-form">
      <Typography.Paragraph>{t('calendarAdmin.notice.intro')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon className="tb-gap" title={errorText(error)} data-testid="notice-error" /> : null}
      <Form<NoticeForm> form={form} layout="vertical" onFinish={(values) => void save(values)} disabled={existing.isPending}>
        <Form.Item
          name="title"
          label={t('calendarAdmin.notice.noticeTitle')}
          rules={[{ required: true, whitespace: true, max: 200, message: t('calendarAdmin.notice.titleRule') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="documentNumber" label={t('calendarAdmin.notice.documentNumber')}>
            <Input maxLength={60} placeholder={t('calendarAdmin.notice.documentNumberPlaceholder')} />
          </Form.Item>
          <Form.Item name="publishedOn" label={t('calendarAdmin.notice.publishedOn')}>
            <Input type="date" min="2000-01-01" max="2100-12-31" />
          </Form.Item>
        </Space>
        <Form.List name="lines">
          {(fields, { add, remove: removeLine }) => (
            <>
              {fields.map((field, index) => (
                <fieldset key={field.key} className="tb-notice-line" aria-label={t('calendarAdmin.notice.line', { n: index + 1 })}>
                  <Space wrap align="end">
                    <Form.Item name={[field.name, 'holiday']} label={t('calendarAdmin.notice.fields.holiday')} rules={[{ required: true }]}>
                      <Select options={holidayOptions} className="tb-filter-select" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'restFrom']}
                      label={t('calendarAdmin.notice.fields.restFrom')}
                      rules={[{ required: true, message: t('calendarAdmin.form.dateRule') }]}
                    >
                      <Input type="date" min={`${year - 1}-12-25`} max={`${year}-12-31`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'restTo']}
                      label={t('calendarAdmin.notice.fields.restTo')}
                      rules={[{ required: true, message: t('calendarAdmin.form.dateRule') }]}
                    >
                      <Input type="date" min={`${year - 1}-12-25`} max={`${year}-12-31`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'workdays']}
                      label={t('calendarAdmin.notice.fields.workdays')}
                      extra={t('calendarAdmin.notice.workdaysHelp')}
                    >
                      <Input placeholder="2027-02-20" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name']} label={t('calendarAdmin.notice.fields.name')}>
                      <Input maxLength={40} placeholder={t('calendarAdmin.notice.namePlaceholder')} />
                    </Form.Item>
                    <Form.Item>
                      <Button onClick={() => removeLine(field.name)} aria-label={t('calendarAdmin.notice.removeLine', { n: index + 1 })}>
                        {t('calendarAdmin.remove')}
                      </Button>
                    </Form.Item>
                  </Space>
                </fieldset>
              ))}
              {fields.length < 10 ? (
                <Form.Item>
                  <Button onClick={() => add({ holiday: 'newYear', restFrom: '', restTo: '', workdays: '' })}>
                    {t('calendarAdmin.notice.addLine')}
                  </Button>
                </Form.Item>
              ) : null}
            </>
          )}
        </Form.List>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('calendarAdmin.notice.submit')}
          </Button>
          <Button onClick={onClose}>{t('calendarAdmin.notice.cancel')}</Button>
          {notice ? (
            <Popconfirm title={t('calendarAdmin.notice.removeConfirm', { year })} onConfirm={() => void remove()}>
              <Button danger>{t('calendarAdmin.notice.remove')}</Button>
            </Popconfirm>
          ) : null}
        </Space>
      </Form>
    </Card>
  );
}
