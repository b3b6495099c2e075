import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { Account, Answer } from '../api-types.ts';
import { useDepartments } from '../queries.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { AdminNav } from './admin-nav.tsx';
import { useFeedback } from '../ui/feedback.tsx';

/** A row of `GET /api/v1/license-types` (证照目录). */
type LicenseType = Answer<'/api/v1/license-types', 'get'>[number];
/** A row of `GET /api/v1/departments/:id/seals`. */
type Seal = Answer<'/api/v1/departments/{id}/seals', 'get'>[number];

const sealKeys = { all: ['seals'] as const, department: (id: string) => ['seals', id] as const };

/** Who manages seals: a region's system admin, or a department admin for their department. */
export function isSealAdmin(account: Account): boolean {
  return account.roles.includes('systemAdmin') || account.roles.includes('departmentAdmin');
}

/** /admin/licenses — 证照目录与电子印章: the license types, and each department's seals (rotate, revoke). */
export function LicensesAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('orgAdmin.licenses.title'));
  return (
    <RequireAccount allow={isSealAdmin} deniedText={t('orgAdmin.licenses.noPermission')}>
      {(account) => (
        <div className="tb-page tb-stack">
          <Typography.Title level={1} className="tb-page-title">
            {t('admin.title')}
          </Typography.Title>
          <AdminNav account={account} />
          <LicenseTypesCard />
          <SealsCard account={account} />
        </div>
      )}
    </RequireAccount>
  );
}

function LicenseTypesCard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const types = useQuery({ queryKey: ['license-types'], queryFn: () => api.get<LicenseType[]>('/license-types'), staleTime: 5 * 60_000 });
  const columns: TableColumnsType<LicenseType> = [
    { title: t('orgAdmin.licenses.columns.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('orgAdmin.licenses.columns.code'),
      key: 'code',
      render: (_, x) => (
        <span>
          <span className="tb-code">{x.code}</span>{' '}
          {x.codeConfirmed ? (
            <Tag color="green">{t('orgAdmin.licenses.confirmed')}</Tag>
          ) : (
            <Tag color="orange">{t('orgAdmin.licenses.unconfirmed')}</Tag>
          )}
        </span>
      ),
    },
    { title: t('orgAdmin.licenses.columns.authority'), dataIndex: 'authority', key: 'authority', responsive: ['md'] },
    {
      title: t('orgAdmin.licenses.columns.holder'),
      key: 'holder',
      responsive: ['sm'],
      render: (_, x) => t(`orgAdmin.licenses.holder.${x.holderKind === 'organization' ? 'organization' : 'person'}`),
    },
    {
      title: t('orgAdmin.licenses.columns.validity'),
      key: 'validity',
      responsive: ['sm'],
      render: (_, x) => (x.validityYears ? t('orgAdmin.licenses.years', { count: x.validityYears }) : t('orgAdmin.licenses.permanent')),
    },
  ];
  return (
    <Card title={<h2 className="tb-card-heading">{t('orgAdmin.licenses.types')}</h2>}>
      <Typography.Paragraph type="secondary">{t('orgAdmin.licenses.typesHelp')}</Typography.Paragraph>
      {types.isError ? (
        <Alert type="error" showIcon className="tb-gap" title={t('errors.loadFailed')} description={errorText(types.error)} />
      ) : null}
      <Table<LicenseType>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={types.data ?? []}
        loading={types.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}

function SealsCard({ account }: { account: Account }) {
  const { t } = useTranslation();
  const departments = useDepartments(account.region?.code);
  const isSystemAdmin = account.roles.includes('systemAdmin');
  const options = (departments.data?.items ?? [])
    .filter((d) => isSystemAdmin || d.id === account.department?.id)
    .map((d) => ({ value: d.id, label: d.name }));
  const [chosen, setChosen] = useState<string | undefined>(account.department?.id);
  const departmentId = chosen ?? options[0]?.value;
  return (
    <Card title={<h2 className="tb-card-heading">{t('orgAdmin.licenses.seals')}</h2>}>
      <Typography.Paragraph type="secondary">{t('orgAdmin.licenses.sealsHelp')}</Typography.Paragraph>
      <div className="tb-toolbar">
        <span className="tb-field">
          <label htmlFor="seal-department">{t('orgAdmin.licenses.department')}</label>
          <Select
            id="seal-department"
            value={departmentId}
            onChange={setChosen}
            options={options}
            showSearch
            optionFilterProp="label"
            loading={departments.isPending}
            className="tb-filter-select"
          />
        </span>
      </div>
      {departmentId ? <SealTable departmentId={departmentId} /> : null}
    </Card>
  );
}

function SealTable({ departmentId }: { departmentId: string }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [revoking, setRevoking] = useState<Seal | null>(null);
  const seals = useQuery({
    queryKey: sealKeys.department(departmentId),
    queryFn: () => api.get<Seal[]>(`/departments/${departmentId}/seals`),
  });

  async function rotate() {
    setError(null);
    try {
      const seal = await api.post<Seal>(`/departments/${departmentId}/seals/rotate`);
      message.success(t('orgAdmin.licenses.rotated', { esId: seal.esId }));
      await queryClient.invalidateQueries({ queryKey: sealKeys.department(departmentId) });
    } catch (caught) {
      setError(caught);
    }
  }

  const columns: TableColumnsType<Seal> = [
    {
      title: t('orgAdmin.licenses.columns.seal'),
      key: 'seal',
      render: (_, s) => (
        <>
          <strong>{s.name}</strong>
          <br />
          <span className="tb-code">{s.esId}</span>
        </>
      ),
    },
    { title: t('orgAdmin.licenses.columns.status'), key: 'status', render: (_, s) => <SealStatus status={s.status} /> },
    {
      title: t('orgAdmin.licenses.columns.period'),
      key: 'period',
      responsive: ['sm'],
      render: (_, s) => `${s.validFrom.slice(0, 10)} — ${s.validUntil.slice(0, 10)}`,
    },
    {
      title: t('orgAdmin.columns.actions'),
      key: 'actions',
      render: (_, s) =>
        s.status === 'revoked' ? (
          s.revokedAt ? (
            t('orgAdmin.licenses.revokedAt', { at: s.revokedAt.slice(0, 10) })
          ) : null
        ) : (
          <Button size="small" danger onClick={() => setRevoking(s)} aria-label={t('orgAdmin.licenses.revokeOf', { esId: s.esId })}>
            {t('orgAdmin.licenses.revoke')}
          </Button>
        ),
    },
  ];
  return (
    <>
      {seals.isError ? (
        <Alert type="error" showIcon className="tb-gap" title={t('errors.loadFailed')} description={errorText(seals.error)} />
      ) : null}
      {error ? <Alert type="error" showIcon className="tb-gap" title={errorText(error)} /> : null}
      <Table<Seal>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={seals.data ?? []}
        loading={seals.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <div className="tb-gap">
        <Popconfirm title={t('orgAdmin.licenses.rotateConfirm')} onConfirm={() => void rotate()}>
          <Button>{t('orgAdmin.licenses.rotate')}</Button>
        </Popconfirm>
      </div>
      {revoking ? <RevokeDialog seal={revoking} onClose={() => setRevoking(null)} departmentId={departmentId} /> : null}
    </>
  );
}

function SealStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = status === 'active' ? 'green' : status === 'revoked' ? 'red' : 'default';
  const known = ['active', 'retired', 'revoked'].includes(status);
  return <Tag color={color}>{known ? t(`orgAdmin.licenses.status.${status}`) : status}</Tag>;
}

function RevokeDialog({ seal, departmentId, onClose }: { seal: Seal; departmentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tooShort = reason.trim().length < 4;

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/seals/${seal.id}/revoke`, { reason: reason.trim() });
      message.success(t('orgAdmin.licenses.revoked', { esId: seal.esId }));
      await queryClient.invalidateQueries({ queryKey: sealKeys.department(departmentId) });
      onClose();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t('orgAdmin.licenses.revokeTitle', { esId: seal.esId })}
      onCancel={onClose}
      onOk={() => void revoke()}
      okText={t('orgAdmin.licenses.revoke')}
      okButtonProps={{ danger: true, disabled: tooShort }}
      cancelText={t('orgAdmin.cancel')}
      confirmLoading={busy}
    >
      <Alert type="warning" showIcon className="tb-gap" title={t('orgAdmin.licenses.revokeWarning')} />
      {error ? <Alert type="error" showIcon className="tb-gap" title={errorText(error)} /> : null}
      <label htmlFor="seal-revoke-reason">{t('orgAdmin.licenses.reason')}</label>
      <Input.TextArea id="seal-revoke-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} rows={3} />
    </Modal>
  );
}
