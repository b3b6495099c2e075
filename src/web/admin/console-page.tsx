import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ADMIN_ROLES } from '../api-types.ts';
import type { Account, Department, Hall, HallWindow } from '../api-types.ts';
import { useDepartments, useHalls } from '../queries.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { AdminNav } from './admin-nav.tsx';
import { DepartmentDialog, type EditableDepartment } from './department-dialog.tsx';

/** 管理后台: the departments, halls and windows of the administrator's region. */
export function ConsolePage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.title'));
  return (
    <RequireAccount allow={(account) => account.roles.some((role) => ADMIN_ROLES.includes(role))} deniedText={t('guard.noPermissionAdmin')}>
      {(account) => <ConsoleView account={account} />}
    </RequireAccount>
  );
}

function ConsoleView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const region = account.region;
  return (
    <div className="tb-page tb-stack">
      <Typography.Title level={1} className="tb-page-title">
        {t('admin.title')}
      </Typography.Title>
      <AdminNav account={account} />
      {region ? (
        <>
          <Typography.Paragraph>{t('admin.scope', { region: region.name })}</Typography.Paragraph>
          <DepartmentTable regionCode={region.code} account={account} />
          <HallTable regionCode={region.code} />
        </>
      ) : (
        <Alert type="warning" showIcon title={t('admin.noRegion')} />
      )}
    </div>
  );
}

function LoadError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return <Alert type="error" showIcon title={t('errors.loadFailed')} description={errorText(error)} className="tb-gap" />;
}

function DepartmentTable({ regionCode, account }: { regionCode: string; account: Account }) {
  const { t } = useTranslation();
  const departments = useDepartments(regionCode);
  const [editing, setEditing] = useState<EditableDepartment | 'new' | null>(null);
  const isSystemAdmin = account.roles.includes('systemAdmin');
  const canEdit = (d: Department) => isSystemAdmin || (account.roles.includes('departmentAdmin') && account.department?.id === d.id);
  const columns: TableColumnsType<Department> = [
    { title: t('admin.name'), dataIndex: 'name', key: 'name' },
    { title: t('admin.shortName'), dataIndex: 'shortName', key: 'shortName', responsive: ['md'] },
    {
      title: t('admin.creditCode'),
      dataIndex: 'creditCode',
      key: 'creditCode',
      responsive: ['sm'],
      render: (code: string | null) => <span className="tb-code">{code ?? '—'}</span>,
    },
    {
      title: t('orgAdmin.columns.actions'),
      key: 'actions',
      render: (_, d) =>
        canEdit(d) ? (
          <Button size="small" onClick={() => setEditing(d)} aria-label={t('orgAdmin.departments.editOf', { name: d.name })}>
            {t('orgAdmin.departments.edit')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card
      title={<h2 className="tb-card-heading">{t('admin.departments')}</h2>}
      extra={
        isSystemAdmin ? (
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('orgAdmin.departments.create')}
          </Button>
        ) : null
      }
    >
      {editing ? (
        <DepartmentDialog regionCode={regionCode} department={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      {departments.isError ? <LoadError error={departments.error} /> : null}
      <Table<Department>
        rowKey="id"
        columns={columns}
        dataSource={departments.data?.items ?? []}
        loading={departments.isPending}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}

function HallTable({ regionCode }: { regionCode: string }) {
  const { t, i18n } = useTranslation();
  const halls = useHalls(regionCode);
  const label = (key: string, fallback: string) => (i18n.exists(key) ? t(key) : fallback);
  const columns: TableColumnsType<Hall> = [
    { title: t('admin.name'), dataIndex: 'name', key: 'name' },
    { title: t('admin.level'), dataIndex: 'level', key: 'level', render: (level: string) => label(`hallLevel.${level}`, level) },
    { title: t('admin.address'), dataIndex: 'address', key: 'address', responsive: ['md'] },
    { title: t('admin.windows'), key: 'windows', render: (_, hall) => hall.windows.length },
  ];
  const windowColumns: TableColumnsType<HallWindow> = [
    { title: t('admin.windowNumber'), dataIndex: 'number', key: 'number' },
    { title: t('admin.windowName'), dataIndex: 'name', key: 'name' },
    {
      title: t('admin.windowKind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (kind: string) => <Tag>{label(`windowKind.${kind}`, kind)}</Tag>,
    },
  ];
  return (
    <Card title={<h2 className="tb-card-heading">{t('admin.halls')}</h2>}>
      {halls.isError ? <LoadError error={halls.error} /> : null}
      <Table<Hall>
        rowKey="id"
        columns={columns}
        dataSource={halls.data?.items ?? []}
        loading={halls.isPending}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        expandable={{
          rowExpandable: (hall) => hall.windows.length > 0,
          expandedRowRender: (hall) => (
            <Table<HallWindow>
              rowKey="id"
              size="small"
              columns={windowColumns}
              dataSource={hall.windows}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
          ),
        }}
      />
    </Card>
  );
}
