import { Alert, Form, Input, Radio } from 'antd';
import type { FormInstance } from 'antd';
import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../api-types.ts';
import { isPhoneNumber, validateIdNumber } from '../../../shared/identifiers.ts';
import { IdCardButton } from '../../staff/id-card-button.tsx';
import type { IdCardReading } from '../../staff/id-card-reader.ts';
import type { Guide } from '../../catalog/types.ts';
import type { ApplyValues, WalkInApplicant } from './apply-state.ts';
import { prefillValues, simpleFields } from './apply-state.ts';
import { ApplyFormField, fieldProblem } from './form-fields.tsx';

/** The antd form's values: the item's form under `formData`, the applicant beside it. */
export type FormStepValues = { formData: Record<string, unknown>; organizationId?: string; applicant?: WalkInApplicant };

type Props = {
  guide: Guide;
  form: FormInstance<FormStepValues>;
  account: Account;
  values: ApplyValues;
  /** Server problems by field key (`formData` keys, or `applicant.*`). */
  fieldErrors: Record<string, string>;
  onSubmit: () => void;
};

/**
 * 填写申请表: who applies (myself or my company; the walk-in applicant when a clerk files) and the
 * item's form fields, prefilled from the verified identity where the guide says so.
 */
export function FormStep({ guide, form, account, values, fieldErrors, onSubmit }: Props) {
  const { t } = useTranslation();
  const fields = simpleFields(guide.form);
  const tables = guide.form.filter((field) => field.type === 'table');
  const prefill = useMemo(() => prefillValues(guide.form, account, values.organizationId), [guide.form, account, values.organizationId]);
  const initialValues: FormStepValues = {
    formData: { ...prefill, ...values.formData },
    organizationId: values.organizationId ?? '',
    applicant: values.applicant,
  };

  useEffect(() => {
    const entries = Object.entries(fieldErrors);
    if (entries.length === 0) return;
    form.setFields(
      entries.map(([key, message]) => {
        if (key.startsWith('applicant.')) return { name: key.split('.'), errors: [message] };
        // The server's message is in the reader's language already; the client's sentence only fills a blank one.
        const field = fields.find((entry) => entry.key === key);
        const value = form.getFieldValue(['formData', key]);
        return { name: ['formData', key], errors: [message || (field ? fieldProblem(t, field, value) : '')] };
      }),
    );
    const first = entries[0][0];
    form.scrollToField(first.startsWith('applicant.') ? first.split('.') : ['formData', first], { block: 'center', focus: true });
    // Only when new server problems arrive (the form and fields are stable for the step).
  }, [fieldErrors]);

  /** Choosing the company fills the fields the guide prefills from it. */
  function onValuesChange(changed: Partial<FormStepValues>) {
    if (!('organizationId' in changed)) return;
    const fromOrganization = prefillValues(guide.form, account, changed.organizationId || undefined);
    const orgFields = fields.filter((field) => field.prefill?.startsWith('organization.'));
    form.setFieldsValue({ formData: Object.fromEntries(orgFields.map((field) => [field.key, fromOrganization[field.key] ?? ''])) });
  }

  return (
    <section aria-labelledby="form-title" className="tb-step-body">
      <h2 id="form-title" className="tb-sub-heading">
        {t('apply.steps.form')}
      </h2>
      <Form<FormStepValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onSubmit}
        onValuesChange={onValuesChange}
        scrollToFirstError={{ block: 'center', focus: true }}
        requiredMark
        className="tb-apply-form"
      >
        {values.fixedApplicant ? (
          <p className="tb-fixed-applicant">
            {t('apply.applicant.title')}
            {t('guide.colon')}
            <strong>{values.fixedApplicant}</strong>
          </p>
        ) : (
          <ApplicantFields account={account} />
        )}
        {fields.length > 0 ? <p className="tb-muted">{t('apply.form.intro')}</p> : <p>{t('apply.form.empty')}</p>}
        {fields.map((field) => (
          <ApplyFormField key={field.key} field={field} prefilled={Boolean(prefill[field.key])} />
        ))}
        {tables.map((table) => (
          <Alert key={table.key} type="info" showIcon className="tb-gap" title={t('apply.form.tableSkipped', { label: table.label })} />
        ))}
        {/* Enter in a field submits (goes to the next step). */}
        <button type="submit" className="tb-visually-hidden" tabIndex={-1} aria-hidden="true" />
      </Form>
    </section>
  );
}

/** 申请人: an enterprise user chooses themselves or their company; a clerk at the window enters the walk-in applicant. */
function ApplicantFields({ account }: { account: Account }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  // 读卡: a reading (a device, or the clerk's manual entry through the stand-in) fills the applicant's name and number.
  const onRead = useCallback(
    (reading: IdCardReading) => {
      form.setFieldValue(['applicant', 'name'], reading.name);
      form.setFieldValue(['applicant', 'idNumber'], reading.idNumber);
      void form.validateFields([
        ['applicant', 'name'],
        ['applicant', 'idNumber'],
      ]);
    },
    [form],
  );
  if (account.kind === 'staff') {
    return (
      <fieldset className="tb-fieldset tb-gap">
        <legend>{t('apply.applicant.walkIn')}</legend>
        <IdCardButton onRead={onRead} />
        <Form.Item
          name={['applicant', 'name']}
          label={t('apply.applicant.name')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('register.nameInvalid') }]}
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name={['applicant', 'idNumber']}
          label={t('apply.applicant.idNumber')}
          rules={[
            { required: true, message: t('apply.form.required', { field: t('apply.applicant.idNumber') }) },
            {
              validator: async (_rule, value: string) => {
                if (value && !validateIdNumber(value.trim()).ok) throw new Error(t('apply.form.idNumber'));
              },
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" className="tb-code-field" />
        </Form.Item>
        <Form.Item
          name={['applicant', 'phone']}
          label={t('apply.applicant.phone')}
          rules={[
            { required: true, message: t('apply.form.required', { field: t('apply.applicant.phone') }) },
            {
              validator: async (_rule, value: string) => {
                if (value && !isPhoneNumber(value.trim())) throw new Error(t('apply.form.phone'));
              },
            },
          ]}
        >
          <Input type="tel" inputMode="numeric" maxLength={11} autoComplete="off" />
        </Form.Item>
      </fieldset>
    );
  }
  if (account.organizations.length === 0) return null;
  return (
    <Form.Item name="organizationId" label={t('apply.applicant.asOrganization')}>
      <Radio.Group
        className="tb-vertical-radios"
        options={[
          { value: '', label: t('apply.applicant.self') },
          ...account.organizations.map((organization) => ({
            value: organization.id,
            label: t('apply.applicant.organization', { name: organization.name }),
          })),
        ]}
      />
    </Form.Item>
  );
}
