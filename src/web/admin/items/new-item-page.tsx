import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import type { Account } from '../../api-types.ts';
import { useEnumLabel } from '../../catalog/labels.tsx';
import { catalogKeys } from '../../catalog/queries.ts';
import type { Guide, GuideInput, HandlingType, ItemSummary } from '../../catalog/types.ts';
import { useDepartments } from '../../queries.ts';
import { useErrorText } from '../../ui/error-text.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { AdminNav, RequireCatalogEditor } from '../admin-nav.tsx';
import { ITEM_TYPES, SERVICE_OBJECTS } from './guide-options.ts';
import { useFeedback } from '../../ui/feedback.tsx';

type NewItemForm = {
  departmentId: string;
  name: string;
  basicCode: string;
  itemType: Guide['itemType'];
  exerciseLevel: number;
  serviceObjects: Guide['serviceObjects'];
  handlingType: HandlingType;
};

/** A new item's first draft: the basics from the form, the rest empty for the editor to fill in. */
export function draftGuide(values: Omit<NewItemForm, 'departmentId'>, situationName: string): GuideInput {
  return {
    name: values.name.trim(),
    basicCode: values.basicCode.trim().toUpperCase(),
    itemType: values.itemType,
    exerciseLevel: values.exerciseLevel,
    coDepartments: [],
    legalBasis: '',
    conditions: '',
    process: '',
    legalLimit: { value: 20, unit: 'workday' },
    promisedLimit: { value: values.handlingType === 'immediate' ? 0 : 10, unit: 'workday' },
    handlingType: values.handlingType,
    maxVisits: 1,
    onlineDepth: 2,
    handlingForms: ['window'],
    crossRegionScope: 'none',
    reformMode: null,
    serviceObjects: values.serviceObjects,
    themes: [],
    keywords: [],
    places: '',
    hours: '',
    consultPhone: '',
    complaintPhone: '',
    canBookOnline: false,
    supportsOnlinePayment: false,
    supportsExpress: false,
    faq: [],
    result: { name: '', type: 'none' },
    fees: [],
    situations: [{ key: 'general', name: situationName, materialKeys: [] }],
    questionnaire: [],
    materials: [],
    form: [],
  };
}

/** /admin/items/new — 新建事项 for a department of the editor's region. */
export function NewItemPage() {
  const { t } = useTranslation();
  usePageTitle(t('itemAdmin.create.title'));
  return <RequireCatalogEditor>{(account) => <NewItemView account={account} />}</RequireCatalogEditor>;
}

function NewItemView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const [form] = Form.useForm<NewItemForm>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const systemAdmin = account.roles.includes('systemAdmin');
  const departments = useDepartments(systemAdmin ? account.region?.code : undefined);
  const departmentOptions = systemAdmin
    ? (departments.data?.items ?? []).map((department) => ({ value: department.id, label: department.name }))
    : account.department
      ? [{ value: account.department.id, label: account.department.name }]
      : [];
  const required = (field: string) => [{ required: true, message: t('itemAdmin.required', { field }) }];

  async function create({ departmentId, ...values }: NewItemForm) {
    setSaving(true);
    setError(null);
    try {
      const item = await api.post<ItemSummary>('/items', {
        departmentId,
        guide: draftGuide(values, t('itemAdmin.create.defaultSituation')),
      });
      await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
      message.success(t('itemAdmin.create.created'));
      navigate(`/admin/items/${item.implementationCode}`);
    } catch (caught) {
      setError(caught);
      setSaving(false);
    }
  }

  return (
    <div className="tb-page tb-stack">
      <Typography.Title level={1} className="tb-page-title">
        {t('itemAdmin.create.title')}
      </Typography.Title>
      <AdminNav account={account} />
      <Card className="tb-form-card">
        <Typography.Paragraph>{t('itemAdmin.create.intro')}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon role="alert" className="tb-gap" title={errorText(error)} /> : null}
        <Form<NewItemForm>
          form={form}
          layout="vertical"
          onFinish={create}
          initialValues={{
            departmentId: systemAdmin ? undefined : account.department?.id,
            exerciseLevel: 4,
            itemType: '01',
            handlingType: 'promised',
            serviceObjects: ['person'],
          }}
        >
          <Form.Item name="departmentId" label={t('itemAdmin.create.department')} rules={required(t('itemAdmin.create.department'))}>
            <Select
              options={departmentOptions}
              loading={systemAdmin && departments.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              disabled={!systemAdmin}
            />
          </Form.Item>
          <Form.Item name="name" label={t('itemAdmin.fields.name')} rules={[...required(t('itemAdmin.fields.name')), { min: 2, max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="basicCode"
            label={t('itemAdmin.fields.basicCode')}
            extra={t('itemAdmin.fields.basicCodeHelp')}
            rules={[
              ...required(t('itemAdmin.fields.basicCode')),
              {
                pattern: /^[0-9A-Z]{12}$/,
                message: t('itemAdmin.fields.basicCodeHelp'),
                transform: (value: string) => value?.trim().toUpperCase(),
              },
            ]}
          >
            <Input className="tb-code" maxLength={12} />
          </Form.Item>
          <Form.Item name="itemType" label={t('itemAdmin.fields.itemType')} rules={required(t('itemAdmin.fields.itemType'))}>
            <Select options={ITEM_TYPES.map((value) => ({ value, label: label('itemType', value) }))} />
          </Form.Item>
          <Form.Item name="exerciseLevel" label={t('itemAdmin.fields.exerciseLevel')} rules={required(t('itemAdmin.fields.exerciseLevel'))}>
            <Select options={[1, 2, 3, 4, 5, 6, 7].map((value) => ({ value, label: label('exerciseLevel', value) }))} />
          </Form.Item>
          <Form.Item
            name="serviceObjects"
            label={t('itemAdmin.fields.serviceObjects')}
            rules={required(t('itemAdmin.fields.serviceObjects'))}
          >
            <Select mode="multiple" options={SERVICE_OBJECTS.map((value) => ({ value, label: label('serviceObjects', value) }))} />
          </Form.Item>
          <Form.Item name="handlingType" label={t('itemAdmin.fields.handlingType')}>
            <Select options={['promised', 'immediate'].map((value) => ({ value, label: label('handlingType', value) }))} />
          </Form.Item>
          <div className="tb-actions">
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('itemAdmin.create.create')}
            </Button>
            <Link to="/admin/items">{t('itemAdmin.create.cancel')}</Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}
