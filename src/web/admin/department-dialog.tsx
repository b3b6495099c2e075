import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import type { Department } from '../api-types.ts';
import { queryKeys } from '../queries.ts';
import { useErrorText } from '../ui/error-text.ts';
import { useFeedback } from '../ui/feedback.tsx';

/** A department as `GET /api/v1/departments` answers it, with the fields the form edits. */
export type EditableDepartment = Department & {
  key?: string;
  kind?: string;
  phone?: string | null;
  address?: string | null;
  version?: number;
};
type DepartmentForm = { key: string; name: string; shortName: string; creditCode: string; kind: string; phone?: string; address?: string };

/**
 * Creates a department in the region (`POST /departments`) or edits one (`PATCH /departments/:id`
 * with its version): the server validates the 统一社会信用代码 and answers field errors, shown beside the fields.
 */
export function DepartmentDialog({
  regionCode,
  department,
  onClose,
}: {
  regionCode: string;
  department: EditableDepartment | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DepartmentForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const editing = department !== null;

  async function save(values: DepartmentForm) {
    setBusy(true);
    setError(null);
    const phone = values.phone?.trim() || undefined;
    const address = values.address?.trim() || undefined;
    try {
      if (editing) {
        await api.patch(`/departments/${department.id}`, {
          name: values.name.trim(),
          shortName: values.shortName.trim(),
          phone: phone ?? null,
          address: address ?? null,
          version: department.version,
        });
      } else {
        await api.post('/departments', {
          key: values.key.trim(),
          name: values.name.trim(),
          shortName: values.shortName.trim(),
          creditCode: values.creditCode.trim().toUpperCase(),
          regionCode,
          kind: values.kind,
          phone,
          address,
        });
      }
      message.success(t('orgAdmin.departments.saved', { name: values.name.trim() }));
      await queryClient.invalidateQueries({ queryKey: queryKeys.departments(regionCode) });
      onClose();
    } catch (caught) {
      if (caught instanceof ApiError) {
        const fields = caught.fieldErrors();
        if (caught.code === 'CREDIT_CODE_INVALID') fields.creditCode = errorText(caught);
        form.setFields(
          Object.entries(fields).map(([name, text]) => ({ name: name as keyof DepartmentForm, errors: [text || errorText(caught)] })),
        );
      }
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={editing ? t('orgAdmin.departments.editTitle', { name: department.name }) : t('orgAdmin.departments.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('orgAdmin.save')}
      cancelText={t('orgAdmin.cancel')}
      confirmLoading={busy}
    >
      {error ? <Alert type="error" showIcon className="tb-gap" title={errorText(error)} /> : null}
      <Form<DepartmentForm>
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        initialValues={
          editing
            ? {
                key: department.key ?? '',
                name: department.name,
                shortName: department.shortName ?? '',
                creditCode: department.creditCode ?? '',
                kind: department.kind ?? 'government',
                phone: department.phone ?? '',
                address: department.address ?? '',
              }
            : { kind: 'government' }
        }
      >
        <Form.Item
          name="name"
          label={t('orgAdmin.departments.name')}
          rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('orgAdmin.departments.nameRule') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="shortName"
          label={t('orgAdmin.departments.shortName')}
          rules={[{ required: true, whitespace: true, max: 40, message: t('orgAdmin.departments.shortNameRule') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="key"
          label={t('orgAdmin.departments.key')}
          extra={t('orgAdmin.departments.keyHelp')}
          rules={[{ required: !editing, pattern: /^[a-zA-Z][a-zA-Z0-9]{1,39}$/, message: t('orgAdmin.departments.keyRule') }]}
        >
          <Input maxLength={40} disabled={editing} className="tb-code" />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('orgAdmin.departments.creditCode')}
          extra={t('orgAdmin.departments.creditCodeHelp')}
          rules={[{ required: !editing, len: 18, message: t('orgAdmin.departments.creditCodeRule') }]}
        >
          <Input maxLength={18} disabled={editing} className="tb-code" />
        </Form.Item>
        <Form.Item name="kind" label={t('orgAdmin.departments.kind')}>
          <Select
            disabled={editing}
            options={(['government', 'publicInstitution', 'enterprise'] as const).map((value) => ({
              value,
              label: t(`orgAdmin.departments.kinds.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('orgAdmin.departments.phone')}
          rules={[{ pattern: /^[0-9-]{5,20}$/, message: t('orgAdmin.departments.phoneRule') }]}
        >
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="address" label={t('orgAdmin.departments.address')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
