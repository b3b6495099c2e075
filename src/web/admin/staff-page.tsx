import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import type { Account, Answer, Page, RoleName, Schemas } from '../api-types.ts';
import { QrCode } from '../licenses/qr-code.tsx';
import { useDepartments, useHalls } from '../queries.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { RoleTags } from '../ui/role-tags.tsx';
import { AdminNav } from './admin-nav.tsx';
import { useFeedback } from '../ui/feedback.tsx';

/** A row of `GET /api/v1/staff`. */
type StaffMember = Schemas['StaffMember'];
type CreateForm = { username: string; displayName: string; password: string; departmentId: string; hallId?: string; roles: RoleName[] };
type Created = Answer<'/api/v1/staff', 'post', 201>;

/** Roles a department admin may grant (the server's `departmentGrantable`); the security admin grants any. */
const DEPARTMENT_GRANTABLE: RoleName[] = ['clerk', 'reviewer', 'approver', 'chiefRepresentative', 'agent'];
const ALL_ROLES: RoleName[] = [
  'clerk',
  'reviewer',
  'approver',
  'chiefRepresentative',
  'departmentAdmin',
  'hallAdmin',
  'supervisor',
  'hotlineOperator',
  'agent',
  'systemAdmin',
  'securityAdmin',
  'auditAdmin',
];
/** 等保 level 3 三员分立: one person holds at most one of these. */
const SEPARATED: RoleName[] = ['systemAdmin', 'securityAdmin', 'auditAdmin'];

const staffKeys = { all: ['staff'] as const, page: (page: number) => ['staff', page] as const };

/** Who may open the page: those who read staff in their scope. */
export function isStaffReader(account: Account): boolean {
  return ['securityAdmin', 'departmentAdmin'].some((role) => account.roles.includes(role));
}

/** Which roles this administrator may grant (none: read only). */
export function grantableRoles(account: Account): RoleName[] {
  if (account.roles.includes('securityAdmin')) return ALL_ROLES;
  if (account.roles.includes('departmentAdmin')) return DEPARTMENT_GRANTABLE;
  return [];
}

/** /admin/staff — 人员与角色: staff of the region or department, their roles, new accounts with TOTP. */
export function StaffPage() {
  const { t } = useTranslation();
  usePageTitle(t('orgAdmin.staff.title'));
  return (
    <RequireAccount allow={isStaffReader} deniedText={t('orgAdmin.staff.noPermission')}>
      {(account) => (
        <div className="tb-page tb-stack">
          <Typography.Title level={1} className="tb-page-title">
            {t('admin.title')}
          </Typography.Title>
          <AdminNav account={account} />
          <Typography.Paragraph>{t('orgAdmin.staff.intro')}</Typography.Paragraph>
          <StaffTable account={account} />
          {grantableRoles(account).length > 0 && account.region ? (
            <CreateStaffCard account={account} regionCode={account.region.code} />
          ) : null}
        </div>
      )}
    </RequireAccount>
  );
}

function StaffTable({ account }: { account: Account }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<StaffMember | null>(null);
  const staff = useQuery({
    queryKey: staffKeys.page(page),
    queryFn: () => api.get<Page<StaffMember>>('/staff', { page, pageSize: 20 }),
  });
  const grantable = grantableRoles(account);
  const columns: TableColumnsType<StaffMember> = [
    {
      title: t('orgAdmin.staff.columns.name'),
      key: 'name',
      render: (_, s) => (
        <>
          <strong>{s.displayName}</strong> <span className="tb-code">{s.username}</span>
        </>
      ),
    },
    { title: t('orgAdmin.staff.columns.department'), key: 'department', responsive: ['md'], render: (_, s) => s.department?.name ?? '—' },
    { title: t('orgAdmin.staff.columns.roles'), key: 'roles', render: (_, s) => <RoleTags roles={s.roles} /> },
    {
      title: t('orgAdmin.staff.columns.status'),
      key: 'status',
      responsive: ['sm'],
      render: (_, s) =>
        s.status === 'active' ? <Tag color="green">{t('orgAdmin.staff.active')}</Tag> : <Tag>{t('orgAdmin.staff.disabled')}</Tag>,
    },
    {
      title: t('orgAdmin.columns.actions'),
      key: 'actions',
      render: (_, s) =>
        grantable.length > 0 && s.id !== account.id ? (
          <Button size="small" onClick={() => setEditing(s)} aria-label={t('orgAdmin.staff.editRolesOf', { name: s.displayName })}>
            {t('orgAdmin.staff.editRoles')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card title={<h2 className="tb-card-heading">{t('orgAdmin.staff.list')}</h2>}>
      {staff.isError ? (
        <Alert type="error" showIcon className="tb-gap" title={t('errors.loadFailed')} description={errorText(staff.error)} />
      ) : null}
      <Table<StaffMember>
        rowKey="id"
        columns={columns}
        dataSource={staff.data?.items ?? []}
        loading={staff.isPending}
        pagination={{
          current: page,
          pageSize: 20,
          total: staff.data?.total ?? 0,
          onChange: setPage,
          hideOnSinglePage: true,
          showSizeChanger: false,
        }}
        scroll={{ x: 'max-content' }}
      />
      {editing ? <RolesDialog member={editing} grantable={grantable} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

/** Roles as checkboxes; the separated admin roles exclude each other, as the server checks. */
function RoleChecklist({
  value,
  onChange,
  grantable,
}: {
  value?: RoleName[];
  onChange?: (roles: RoleName[]) => void;
  grantable: RoleName[];
}) {
  const { t } = useTranslation();
  const current = value ?? [];
  const heldSeparated = current.find((role) => SEPARATED.includes(role));
  return (
    <Checkbox.Group
      value={current}
      onChange={(next) => onChange?.(next as RoleName[])}
      options={ALL_ROLES.map((role) => ({
        value: role,
        label: t(`roles.${role}`),
        disabled: !grantable.includes(role) || (SEPARATED.includes(role) && heldSeparated !== undefined && heldSeparated !== role),
      }))}
      className="tb-role-checklist"
    />
  );
}

function RolesDialog({ member, grantable, onClose }: { member: StaffMember; grantable: RoleName[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<RoleName[]>(member.roles as RoleName[]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await api.put(`/staff/${member.id}/roles`, { roles, version: member.version });
      message.success(t('orgAdmin.staff.rolesSaved', { name: member.displayName }));
      await queryClient.invalidateQueries({ queryKey: staffKeys.all });
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
      title={t('orgAdmin.staff.rolesOf', { name: member.displayName })}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('orgAdmin.save')}
      cancelText={t('orgAdmin.cancel')}
      confirmLoading={busy}
    >
      {error ? <Alert type="error" showIcon className="tb-gap" title={errorText(error)} /> : null}
      <Typography.Paragraph type="secondary">{t('orgAdmin.staff.separationHelp')}</Typography.Paragraph>
      <RoleChecklist value={roles} onChange={setRoles} grantable={grantable} />
    </Modal>
  );
}

function CreateStaffCard({ account, regionCode }: { account: Account; regionCode: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateForm>();
  const departments = useDepartments(regionCode);
  const halls = useHalls(regionCode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const grantable = grantableRoles(account);
  const ownDepartmentOnly = !account.roles.includes('securityAdmin');
  const departmentOptions = (departments.data?.items ?? [])
    .filter((d) => !ownDepartmentOnly || d.id === account.department?.id)
    .map((d) => ({ value: d.id, label: d.name }));

  async function create(values: CreateForm) {
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<Created>('/staff', {
        ...values,
        username: values.username.trim(),
        displayName: values.displayName.trim(),
      });
      setCreated(result);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: staffKeys.all });
    } catch (caught) {
      if (caught instanceof ApiError) {
        const fields = caught.fieldErrors();
        form.setFields(
          Object.entries(fields).map(([name, text]) => ({ name: name as keyof CreateForm, errors: [text || errorText(caught)] })),
        );
      }
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={<h2 className="tb-card-heading">{t('orgAdmin.staff.create')}</h2>}>
      {error ? <Alert type="error" showIcon className="tb-gap" title={errorText(error)} /> : null}
      {created ? (
        <Alert
          type="success"
          showIcon
          className="tb-gap"
          title={t('orgAdmin.staff.created', { username: created.username })}
          description={
            <div className="tb-stack">
              <span>{t('orgAdmin.staff.totpOnce')}</span>
              <QrCode value={created.otpauthUri} size={180} label={t('orgAdmin.staff.totpQr')} />
              <Button size="small" onClick={() => setCreated(null)}>
                {t('orgAdmin.staff.totpDone')}
              </Button>
            </div>
          }
        />
      ) : null}
      <Form<CreateForm>
        form={form}
        layout="vertical"
        className="tb-narrow-form"
        onFinish={(values) => void create(values)}
        initialValues={{ roles: ['clerk'] }}
      >
        <Form.Item
          name="username"
          label={t('orgAdmin.staff.username')}
          extra={t('orgAdmin.staff.usernameHelp')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: t('orgAdmin.staff.usernameRule') }]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('orgAdmin.staff.displayName')}
          rules={[{ required: true, whitespace: true, max: 40, message: t('orgAdmin.staff.displayNameRule') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('orgAdmin.staff.password')}
          extra={t('orgAdmin.staff.passwordHelp')}
          rules={[{ required: true, min: 8, message: t('orgAdmin.staff.passwordRule') }]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('orgAdmin.staff.department')}
          rules={[{ required: true, message: t('orgAdmin.staff.departmentRule') }]}
        >
          <Select options={departmentOptions} loading={departments.isPending} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="hallId" label={t('orgAdmin.staff.hall')} extra={t('orgAdmin.staff.hallHelp')}>
          <Select allowClear options={(halls.data?.items ?? []).map((h) => ({ value: h.id, label: h.name }))} loading={halls.isPending} />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('orgAdmin.staff.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('orgAdmin.staff.rolesRule') }]}
        >
          <RoleChecklist grantable={grantable} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('orgAdmin.staff.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
