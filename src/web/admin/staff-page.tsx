import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import type { Account, Page, RoleName, Schemas } from '../api-types.ts';
import { useDepartments, useHalls } from '../queries.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { RoleTags } from '../ui/role-tags.tsx';
import { AdminNav } from './admin-nav.tsx';
import { useFeedback } from '../ui/feedback.tsx';
import { formatDateTime } from '../cases/labels.tsx';

/** A row of `GET /api/v1/staff`. */
type StaffMember = Schemas['StaffMember'];
type CreateForm = { username: string; displayName: string; departmentId: string; hallId?: string; roles: RoleName[]; phone?: string };
/** A one-time activation code: shown once to the creator, or sent to the holder by SMS. */
type Activation = { code?: string; sentTo?: string; expiresAt: string };
type Created = { username: string; activation: Activation | null; requested: boolean };
type StaffRequest = {
  id: string;
  kind: 'create' | 'roles' | 'reissue';
  username: string | null;
  roles: string[];
  requesterRole: string;
  status: string;
  mayDecide: boolean;
  version: number;
};

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
/** 等保 level 3 三员分立: one person holds at most one of these; granting or removing one is a request another approves. */
const SEPARATED: RoleName[] = ['systemAdmin', 'securityAdmin', 'auditAdmin'];
const touchesSeparated = (roles: string[]) => roles.some((role) => SEPARATED.includes(role as RoleName));

const staffKeys = { all: ['staff'] as const, page: (page: number) => ['staff', page] as const, requests: ['staff', 'requests'] as const };

/** Who reads staff in their scope: the security admin (region), the department admin (department), the root. */
export function isStaffReader(account: Account): boolean {
  return ['securityAdmin', 'departmentAdmin', 'platformRoot'].some((role) => account.roles.includes(role));
}

/** Who may open the page: staff readers, and the separated administrators who decide requests. */
export function isStaffPageUser(account: Account): boolean {
  return isStaffReader(account) || ['systemAdmin', 'auditAdmin'].some((role) => account.roles.includes(role));
}

/** Which roles this administrator may grant or ask for (none: read only); the separated ones go through a request. */
export function grantableRoles(account: Account): RoleName[] {
  if (account.roles.includes('securityAdmin')) return ALL_ROLES;
  if (account.roles.includes('platformRoot')) return SEPARATED;
  if (account.roles.includes('departmentAdmin')) return DEPARTMENT_GRANTABLE;
  return [];
}

/** The activation code as its creator sees it once (or where the SMS went). */
function ActivationNotice({ activation }: { activation: Activation }) {
  const { t } = useTranslation();
  return (
    <div className="tb-stack">
      {activation.code ? (
        <strong data-testid="activation-code">{t('staffActivation.code', { code: activation.code })}</strong>
      ) : (
        <span>{t('staffActivation.sent', { phone: activation.sentTo })}</span>
      )}
      <span>{t('staffActivation.expires', { time: formatDateTime(activation.expiresAt) })}</span>
    </div>
  );
}

/** /admin/staff — 人员与角色: staff of the region or department, their roles, new accounts with TOTP. */
export function StaffPage() {
  const { t } = useTranslation();
  usePageTitle(t('orgAdmin.staff.title'));
  return (
    <RequireAccount allow={isStaffPageUser} deniedText={t('orgAdmin.staff.noPermission')}>
      {(account) => (
        <div className="tb-page tb-stack">
          <Typography.Title level={1} className="tb-page-title">
            {t('admin.title')}
          </Typography.Title>
          <AdminNav account={account} />
          <Typography.Paragraph>{t('orgAdmin.staff.intro')}</Typography.Paragraph>
          <RequestsCard />
          {isStaffReader(account) ? <StaffTable account={account} /> : null}
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
  const [resetting, setResetting] = useState<StaffMember | null>(null);
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
        s.status === 'active' ? (
          <Tag color="green">{t('orgAdmin.staff.active')}</Tag>
        ) : s.status === 'pending' ? (
          <Tag color="gold">{t('staffActivation.pending')}</Tag>
        ) : (
          <Tag>{t('orgAdmin.staff.disabled')}</Tag>
        ),
    },
    {
      title: t('orgAdmin.columns.actions'),
      key: 'actions',
      render: (_, s) =>
        grantable.length > 0 && s.id !== account.id ? (
          <Space size="small" wrap>
            <Button size="small" onClick={() => setEditing(s)} aria-label={t('orgAdmin.staff.editRolesOf', { name: s.displayName })}>
              {t('orgAdmin.staff.editRoles')}
            </Button>
            <Button size="small" onClick={() => setResetting(s)} aria-label={t('staffActivation.resetOf', { name: s.displayName })}>
              {t('staffActivation.reset')}
            </Button>
          </Space>
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
      {resetting ? <ResetDialog member={resetting} onClose={() => setResetting(null)} /> : null}
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
      if (touchesSeparated([...roles, ...member.roles])) {
        await api.post('/staff-requests', { kind: 'roles', accountId: member.id, roles, version: member.version });
        message.success(t('staffRequests.filed'));
      } else {
        await api.put(`/staff/${member.id}/roles`, { roles, version: member.version });
        message.success(t('orgAdmin.staff.rolesSaved', { name: member.displayName }));
      }
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
  const isRoot = account.roles.includes('platformRoot');
  const ownDepartmentOnly = !account.roles.includes('securityAdmin') && !isRoot;
  // Only a security admin binds staff to a hall (a front desk); the root's administrators may have a region only.
  const bindsHalls = account.roles.includes('securityAdmin');
  const departmentOptions = (departments.data?.items ?? [])
    .filter((d) => !ownDepartmentOnly || d.id === account.department?.id)
    .map((d) => ({ value: d.id, label: d.name }));

  async function create(values: CreateForm) {
    setBusy(true);
    setError(null);
    try {
      const body = {
        ...values,
        ...(isRoot && !values.departmentId ? { regionCode } : {}),
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        phone: values.phone?.trim() || undefined,
      };
      if (touchesSeparated(values.roles)) {
        await api.post('/staff-requests', { kind: 'create', ...body });
        setCreated({ username: body.username, activation: null, requested: true });
      } else {
        const result = await api.post<{ username: string; activation: Activation }>('/staff', body);
        setCreated({ username: result.username, activation: result.activation, requested: false });
      }
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
          title={created.requested ? t('staffRequests.filed') : t('orgAdmin.staff.created', { username: created.username })}
          description={
            <div className="tb-stack">
              {created.activation ? <ActivationNotice activation={created.activation} /> : null}
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
        <Form.Item name="phone" label={t('staffActivation.phone')} extra={t('staffActivation.phoneHelp')}>
          <Input inputMode="tel" maxLength={11} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('orgAdmin.staff.department')}
          rules={[{ required: !isRoot, message: t('orgAdmin.staff.departmentRule') }]}
        >
          <Select options={departmentOptions} loading={departments.isPending} showSearch optionFilterProp="label" allowClear={isRoot} />
        </Form.Item>
        {bindsHalls ? (
          <Form.Item name="hallId" label={t('orgAdmin.staff.hall')} extra={t('orgAdmin.staff.hallHelp')}>
            <Select allowClear options={(halls.data?.items ?? []).map((h) => ({ value: h.id, label: h.name }))} loading={halls.isPending} />
          </Form.Item>
        ) : null}
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

/** Resets a staff member's credentials: a new activation code (a request for the separated administrators). */
function ResetDialog({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [activation, setActivation] = useState<Activation | null>(null);

  async function reset() {
    setBusy(true);
    setError(null);
    try {
      if (touchesSeparated(member.roles)) {
        await api.post('/staff-requests', { kind: 'reissue', accountId: member.id });
        message.success(t('staffRequests.filed'));
        onClose();
      } else {
        setActivation(await api.post<Activation>(`/staff/${member.id}/activation`, {}));
      }
      await queryClient.invalidateQueries({ queryKey: staffKeys.all });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t('staffActivation.resetOf', { name: member.displayName })}
      onCancel={onClose}
      onOk={activation ? onClose : () => void reset()}
      okText={activation ? t('orgAdmin.staff.totpDone') : t('staffActivation.reset')}
      cancelText={t('orgAdmin.cancel')}
      confirmLoading={busy}
    >
      {error ? <Alert type="error" showIcon className="tb-gap" title={errorText(error)} /> : null}
      {activation ? <ActivationNotice activation={activation} /> : <p>{t('staffActivation.resetConfirm', { name: member.displayName })}</p>}
    </Modal>
  );
}

/** Pending separated-administrator requests of the region, each approved or rejected (with a reason) by another duty. */
function RequestsCard() {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState<StaffRequest | null>(null);
  const [reason, setReason] = useState('');
  const [activation, setActivation] = useState<Activation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const requests = useQuery({
    queryKey: staffKeys.requests,
    queryFn: () => api.get<Page<StaffRequest>>('/staff-requests', { status: 'pending', pageSize: 50 }),
  });

  async function decide(r: StaffRequest, decision: 'approve' | 'reject', why?: string) {
    setError(null);
    try {
      const answer = await api.post<{ activation: Activation | null }>(`/staff-requests/${r.id}/decision`, {
        decision,
        version: r.version,
        ...(why ? { reason: why } : {}),
      });
      message.success(decision === 'approve' ? t('staffRequests.approved') : t('staffRequests.rejected'));
      if (answer.activation) setActivation(answer.activation);
      setRejecting(null);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: staffKeys.all });
    } catch (caught) {
      setError(caught);
    }
  }

  const columns: TableColumnsType<StaffRequest> = [
    { title: t('staffRequests.columns.kind'), key: 'kind', render: (_, r) => t(`staffRequests.kinds.${r.kind}`) },
    { title: t('staffRequests.columns.account'), key: 'account', render: (_, r) => <span className="tb-code">{r.username ?? '—'}</span> },
    { title: t('staffRequests.columns.roles'), key: 'roles', render: (_, r) => <RoleTags roles={r.roles} /> },
    { title: t('staffRequests.columns.requester'), key: 'requester', responsive: ['md'], render: (_, r) => t(`roles.${r.requesterRole}`) },
    {
      title: t('staffRequests.columns.actions'),
      key: 'actions',
      render: (_, r) =>
        r.mayDecide ? (
          <Space size="small" wrap>
            <Button size="small" type="primary" onClick={() => void decide(r, 'approve')}>
              {t('staffRequests.approve')}
            </Button>
            <Button size="small" danger onClick={() => setRejecting(r)}>
              {t('staffRequests.reject')}
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('staffRequests.notYours')}</Typography.Text>
        ),
    },
  ];
  if (requests.isError) return null;
  return (
    <Card title={<h2 className="tb-card-heading">{t('staffRequests.title')}</h2>}>
      <Typography.Paragraph type="secondary">{t('staffRequests.intro')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon className="tb-gap" title={errorText(error)} /> : null}
      {activation ? (
        <Alert
          type="success"
          showIcon
          className="tb-gap"
          title={<ActivationNotice activation={activation} />}
          closable
          onClose={() => setActivation(null)}
        />
      ) : null}
      <Table<StaffRequest>
        rowKey="id"
        columns={columns}
        dataSource={requests.data?.items ?? []}
        loading={requests.isPending}
        pagination={false}
        locale={{ emptyText: t('staffRequests.empty') }}
        scroll={{ x: 'max-content' }}
      />
      {rejecting ? (
        <Modal
          open
          title={t('staffRequests.rejectTitle')}
          onCancel={() => setRejecting(null)}
          onOk={() =>
            reason.trim() ? void decide(rejecting, 'reject', reason.trim()) : setError(new Error(t('staffRequests.reasonRule')))
          }
          okText={t('staffRequests.reject')}
          cancelText={t('orgAdmin.cancel')}
        >
          <label htmlFor="reject-reason">{t('staffRequests.reason')}</label>
          <Input.TextArea id="reject-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </Modal>
      ) : null}
    </Card>
  );
}
