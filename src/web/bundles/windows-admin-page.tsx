import { Alert, Button, Card, Form, Input, Modal, Select, Skeleton, Switch, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { Account, Hall, Page } from '../api-types.ts';
import { AdminNav } from '../admin/admin-nav.tsx';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import type { Dept, ServiceWindow, WindowDetail } from './types.ts';

/** /admin/windows — 一窗受理 configuration of the region's county centre: what each window accepts, 调峰, 统一出件. */
export function WindowsAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('windows.title'));
  return (
    <RequireAccount allow={(a) => a.roles.includes('systemAdmin') || a.roles.includes('hallAdmin')} deniedText={t('windows.noPermission')}>
      {(account) => <WindowsView account={account} />}
    </RequireAccount>
  );
}

function WindowsView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const region = account.region?.code ?? '';
  const halls = useQuery({
    queryKey: ['halls', region],
    queryFn: () => api.get<Page<Hall>>('/halls', { regionCode: region, pageSize: 1 }),
  });
  const depts = useQuery({
    queryKey: ['departments', region],
    queryFn: () => api.get<Page<Dept>>('/departments', { regionCode: region, pageSize: 100 }),
  });
  const [editing, setEditing] = useState<ServiceWindow | null>(null);
  const hall = halls.data?.items[0];
  return (
    <div className="tb-page tb-stack">
      <AdminNav account={account} />
      <Typography.Title level={1} className="tb-page-title">
        {t('windows.title')}
      </Typography.Title>
      <p className="tb-muted">{t('windows.intro')}</p>
      {halls.isPending ? (
        <Skeleton active />
      ) : halls.isError ? (
        <Alert type="error" showIcon title={errorText(halls.error)} />
      ) : hall ? (
        <Card title={hall.name}>
          <ul className="tb-rows" data-testid="windows-list">
            {hall.windows.map((w) => (
              <li key={w.id} className="tb-row">
                <div className="tb-case-row-head">
                  <span className="tb-row-title">
                    {w.number} {w.name}
                  </span>
                  <Button size="small" onClick={() => setEditing(w)} data-testid={`edit-window-${w.number}`}>
                    {t('windows.edit')}
                  </Button>
                </div>
                <p>
                  <Tag>{t(`windows.kinds.${w.kind}`)}</Tag>
                  {w.acceptsAll ? (
                    <Tag color="green">{t('windows.acceptsAll')}</Tag>
                  ) : (
                    <Tag>{t('windows.listed', { departments: w.departmentIds.length, items: w.itemIds.length })}</Tag>
                  )}
                  {w.pickup ? <Tag color="cyan">{t('windows.pickup')}</Tag> : null}
                  {w.kind === 'peak' ? (
                    <Tag color={w.peakOpen ? 'orange' : 'default'}>{w.peakOpen ? t('windows.peakOpen') : t('windows.peakClosed')}</Tag>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {editing ? (
        <WindowEditor window={editing} departments={depts.data?.items ?? []} onClose={() => setEditing(null)} region={region} />
      ) : null}
    </div>
  );
}

function WindowEditor({
  window: w,
  departments,
  onClose,
  region,
}: {
  window: ServiceWindow;
  departments: Dept[];
  onClose: () => void;
  region: string;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: ['window', w.id], queryFn: () => api.get<WindowDetail>(`/windows/${w.id}`) });
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<{ acceptsAll: boolean; departmentIds: string[]; itemCodes: string; pickup: boolean; peakOpen: boolean }>();
  async function save() {
    const v = form.getFieldsValue(true);
    const itemCodes = String(v.itemCodes ?? '')
      .split(/[\s,，]+/)
      .filter(Boolean);
    setProblem(null);
    try {
      let next = await api.put<WindowDetail>(`/windows/${w.id}/configuration`, {
        acceptsAll: v.acceptsAll,
        departmentIds: v.acceptsAll ? [] : (v.departmentIds ?? []),
        itemCodes: v.acceptsAll ? [] : itemCodes,
        pickup: v.pickup,
        version: detail.data!.version,
      });
      if (w.kind === 'peak' && v.peakOpen !== next.peakOpen)
        next = await api.post<WindowDetail>(`/windows/${w.id}/peak`, { open: v.peakOpen, version: next.version });
      await queryClient.invalidateQueries({ queryKey: ['halls', region] });
      queryClient.setQueryData(['window', w.id], next);
      onClose();
    } catch (e) {
      setProblem(errorText(e));
    }
  }
  return (
    <Modal open title={`${w.number} ${w.name}`} onOk={() => void save()} onCancel={onClose} okText={t('windows.save')} width={640}>
      {detail.isPending ? (
        <Skeleton active />
      ) : detail.data ? (
        <Form
          form={form}
          layout="vertical"
          data-testid="window-editor"
          initialValues={{
            acceptsAll: detail.data.acceptsAll,
            departmentIds: detail.data.departmentIds,
            pickup: detail.data.pickup,
            peakOpen: detail.data.peakOpen,
            itemCodes: detail.data.items.map((i) => i.implementationCode).join('\n'),
          }}
        >
          <Form.Item name="acceptsAll" label={t('windows.acceptsAll')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="departmentIds" label={t('windows.departments')}>
            <Select mode="multiple" options={departments.map((d) => ({ value: d.id, label: d.name }))} optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="itemCodes" label={t('windows.itemCodes')} extra={detail.data.items.map((i) => i.name).join('、') || undefined}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Form.Item name="pickup" label={t('windows.pickup')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {w.kind === 'peak' ? (
            <Form.Item name="peakOpen" label={t('windows.peakOpen')} valuePropName="checked">
              <Switch />
            </Form.Item>
          ) : null}
          <p className="tb-muted">
            {t('windows.clerks')}：{detail.data.clerks.map((c) => c.displayName).join('、') || '—'}
          </p>
        </Form>
      ) : null}
      {problem ? <Alert type="error" showIcon title={problem} /> : null}
    </Modal>
  );
}
