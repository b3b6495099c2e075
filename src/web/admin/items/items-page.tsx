import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Progress, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Account } from '../../api-types.ts';
import { useEnumLabel } from '../../catalog/labels.tsx';
import { useCompleteness, useEditorItems } from '../../catalog/queries.ts';
import type { ItemSummary } from '../../catalog/types.ts';
import { useDepartments } from '../../queries.ts';
import { useErrorText } from '../../ui/error-text.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { AdminNav, RequireCatalogEditor } from '../admin-nav.tsx';
import { IMPLEMENTATION_CODE } from './item-code.ts';

const PAGE_SIZE = 20;

/** /admin/items — 事项管理: every item the editor may edit (drafts, published, withdrawn), open by code, new item. */
export function ItemsPage() {
  const { t } = useTranslation();
  usePageTitle(t('itemAdmin.title'));
  return <RequireCatalogEditor>{(account) => <ItemsView account={account} />}</RequireCatalogEditor>;
}

function ItemsView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const region = account.region;
  const ownDepartment = account.roles.includes('systemAdmin') ? undefined : (account.department ?? undefined);
  return (
    <div className="tb-page tb-stack">
      <Typography.Title level={1} className="tb-page-title">
        {t('admin.title')}
      </Typography.Title>
      <AdminNav account={account} />
      {!region ? (
        <Alert type="warning" showIcon title={t('itemAdmin.noRegion')} />
      ) : (
        <>
          <div className="tb-toolbar">
            <Typography.Paragraph className="tb-toolbar-text">
              {t('itemAdmin.scope', { scope: ownDepartment?.name ?? region.name })}
            </Typography.Paragraph>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/items/new')}>
              {t('itemAdmin.newItem')}
            </Button>
          </div>
          <CompletenessCard regionCode={region.code} departmentId={ownDepartment?.id} />
          <OpenItemCard />
          <PublishedItems regionCode={region.code} fixedDepartmentId={ownDepartment?.id} />
        </>
      )}
    </div>
  );
}

function CompletenessCard({ regionCode, departmentId }: { regionCode: string; departmentId?: string }) {
  const { t } = useTranslation();
  const report = useCompleteness(regionCode);
  if (!report.data) return null;
  const own = departmentId ? report.data.departments.find((department) => department.departmentId === departmentId) : undefined;
  const numbers = own ?? report.data;
  if (numbers.items === 0) return null;
  return (
    <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.completeness')}</h2>}>
      <div className="tb-completeness">
        <Progress type="circle" size={72} percent={Math.round(numbers.rate * 100)} aria-hidden="true" />
        <p>
          <strong>{Math.round(numbers.rate * 100)}%</strong> ·{' '}
          {t('itemAdmin.completenessText', { complete: numbers.complete, items: numbers.items })}
        </p>
      </div>
    </Card>
  );
}

/** Open an item by its implementation code. */
function OpenItemCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.openByCode')}</h2>}>
      <Form
        layout="inline"
        className="tb-open-form"
        onFinish={(values: { code: string }) => navigate(`/admin/items/${values.code.trim().toUpperCase()}`)}
      >
        <Form.Item
          name="code"
          label={t('itemAdmin.codeLabel')}
          rules={[
            { required: true, message: t('itemAdmin.codeInvalid') },
            {
              pattern: IMPLEMENTATION_CODE,
              message: t('itemAdmin.codeInvalid'),
              transform: (value: string) => value?.trim().toUpperCase(),
            },
          ]}
        >
          <Input className="tb-code-input" placeholder={t('itemAdmin.codePlaceholder')} maxLength={40} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit">{t('itemAdmin.open')}</Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function PublishedItems({ regionCode, fixedDepartmentId }: { regionCode: string; fixedDepartmentId?: string }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const errorText = useErrorText();
  const [q, setQ] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const departments = useDepartments(fixedDepartmentId ? undefined : regionCode);
  const items = useEditorItems({ q, regionCode, departmentId: fixedDepartmentId ?? departmentId, status, page, pageSize: PAGE_SIZE });
  const columns: TableColumnsType<ItemSummary> = [
    {
      title: t('itemAdmin.columns.name'),
      key: 'name',
      render: (_, item) => <Link to={`/admin/items/${item.implementationCode}`}>{item.name}</Link>,
    },
    { title: t('itemAdmin.columns.department'), key: 'department', responsive: ['md'], render: (_, item) => item.department.name },
    {
      title: t('itemAdmin.columns.handlingType'),
      dataIndex: 'handlingType',
      key: 'handlingType',
      responsive: ['sm'],
      render: (value: string) => label('handlingType', value),
    },
    {
      title: t('itemAdmin.columns.status'),
      dataIndex: 'status',
      key: 'status',
      render: (value: string) => <Tag color={value === 'published' ? 'green' : 'default'}>{label('itemStatus', value)}</Tag>,
    },
    {
      title: t('itemAdmin.columns.version'),
      dataIndex: 'publishedVersion',
      key: 'version',
      responsive: ['sm'],
      render: (value: number | null) => (value ? t('itemAdmin.versionNumber', { number: value }) : '—'),
    },
  ];
  return (
    <Card title={<h2 className="tb-card-heading">{t('itemAdmin.published')}</h2>}>
      <div className="tb-filters">
        <span className="tb-field">
          <label htmlFor="admin-item-status" className="tb-visually-hidden">
            {t('itemAdmin.columns.status')}
          </label>
          <Select<string>
            id="admin-item-status"
            className="tb-filter-select"
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
            options={[
              { value: '', label: t('itemAdmin.allStatuses') },
              ...['draft', 'published', 'withdrawn'].map((value) => ({ value, label: label('itemStatus', value) })),
            ]}
          />
        </span>
        <span className="tb-field">
          <label htmlFor="admin-item-search" className="tb-visually-hidden">
            {t('itemAdmin.searchLabel')}
          </label>
          <Input.Search
            id="admin-item-search"
            allowClear
            placeholder={t('itemAdmin.searchPlaceholder')}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            className="tb-filter-select"
          />
        </span>
        {fixedDepartmentId ? null : (
          <span className="tb-field">
            <label htmlFor="admin-item-department" className="tb-visually-hidden">
              {t('catalog.department')}
            </label>
            <Select<string>
              id="admin-item-department"
              className="tb-filter-select"
              value={departmentId}
              onChange={(value) => {
                setDepartmentId(value);
                setPage(1);
              }}
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                { value: '', label: t('catalog.allDepartments') },
                ...(departments.data?.items ?? []).map((item) => ({ value: item.id, label: item.name })),
              ]}
            />
          </span>
        )}
      </div>
      {items.isError ? (
        <Alert type="error" showIcon className="tb-gap" title={t('errors.loadFailed')} description={errorText(items.error)} />
      ) : null}
      <Table<ItemSummary>
        rowKey="implementationCode"
        columns={columns}
        dataSource={items.data?.items ?? []}
        loading={items.isFetching}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: items.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
