import { Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isPhoneNumber, validateCreditCode, validateIdNumber } from '../../../shared/identifiers.ts';
import type { SimpleFormField } from '../../catalog/types.ts';

const REGION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;
const empty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * The sentence for a problem the browser finds before sending, from the field's type (the server checks
 * the same rules and answers its own sentence, in the request's language, which the form shows as is).
 */
export function fieldProblem(t: TFunction, field: SimpleFormField, value: unknown): string {
  if (empty(value)) return t(field.type === 'select' ? 'apply.form.choose' : 'apply.form.required', { field: field.label });
  switch (field.type) {
    case 'idNumber':
      return t('apply.form.idNumber');
    case 'phone':
      return t('apply.form.phone');
    case 'creditCode':
      return t('apply.form.creditCode');
    case 'date':
      return t('apply.form.date');
    case 'region':
      return t('apply.form.region');
    case 'number':
      if (field.min !== undefined && field.max !== undefined) return t('apply.form.numberRange', { min: field.min, max: field.max });
      if (field.min !== undefined) return t('apply.form.numberMin', { min: field.min });
      if (field.max !== undefined) return t('apply.form.numberMax', { max: field.max });
      return t('apply.form.number');
    default:
      return t('apply.form.required', { field: field.label });
  }
}

/** The client-side rules of a field (the server checks them again). */
function rulesOf(t: TFunction, field: SimpleFormField): Rule[] {
  const rules: Rule[] = [];
  if (field.required) {
    // A rule without a type checks strings; a number field's value is a number.
    rules.push(
      field.type === 'number'
        ? { required: true, type: 'number', message: fieldProblem(t, field, undefined) }
        : { required: true, whitespace: true, message: fieldProblem(t, field, undefined) },
    );
  }
  const check = (ok: (value: string) => boolean): Rule => ({
    validator: async (_rule, value: unknown) => {
      if (empty(value) || ok(String(value))) return;
      throw new Error(fieldProblem(t, field, value));
    },
  });
  switch (field.type) {
    // The value is checked as cleanFormData sends it: trimmed, ID numbers and credit codes in upper case.
    case 'idNumber':
      rules.push(check((value) => validateIdNumber(value.trim().toUpperCase()).ok));
      break;
    case 'phone':
      rules.push(check((value) => isPhoneNumber(value.trim())));
      break;
    case 'creditCode':
      rules.push(check((value) => validateCreditCode(value.trim().toUpperCase()).ok));
      break;
    case 'region':
      rules.push(check((value) => REGION_CODE.test(value.trim())));
      break;
    case 'date':
      rules.push(check((value) => /^\d{4}-\d{2}-\d{2}$/.test(value)));
      break;
    case 'number':
      rules.push({
        validator: async (_rule, value: unknown) => {
          if (empty(value)) return;
          const n = Number(value);
          if (Number.isFinite(n) && (field.min === undefined || n >= field.min) && (field.max === undefined || n <= field.max)) return;
          throw new Error(fieldProblem(t, field, value));
        },
      });
      break;
    default:
      break;
  }
  return rules;
}

type ControlProps = { id?: string; value?: unknown; onChange?: (value: unknown) => void; 'aria-invalid'?: boolean };

/**
 * One input for a form field by its type; tables are handled by the caller. Form.Item gives it
 * `id`, `value` and `onChange`, which go to the control.
 */
function FieldInput({ field, ...control }: ControlProps & { field: SimpleFormField }) {
  // The controls differ in their value types; Form.Item hands each the value it stored.
  const props = control as Record<string, never>;
  switch (field.type) {
    case 'number':
      return <InputNumber {...props} className="tb-full" min={field.min} max={field.max} inputMode="decimal" />;
    case 'date':
      return <Input {...props} type="date" className="tb-date-input" />;
    case 'select':
      if ((field.options?.length ?? 0) <= 4) {
        return <Radio.Group {...props} options={(field.options ?? []).map((option) => ({ value: option, label: option }))} />;
      }
      return <Select {...props} showSearch options={(field.options ?? []).map((option) => ({ value: option, label: option }))} />;
    case 'idNumber':
    case 'creditCode':
      return <Input {...props} maxLength={18} autoComplete="off" className="tb-code-field" />;
    case 'phone':
      return <Input {...props} type="tel" inputMode="numeric" maxLength={11} autoComplete="tel" />;
    case 'region':
      return <Input {...props} inputMode="numeric" maxLength={12} />;
    case 'address':
      return <Input.TextArea {...props} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={field.maxLength ?? 500} />;
    default:
      return (field.maxLength ?? 0) > 200 ? (
        <Input.TextArea {...props} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={field.maxLength} showCount />
      ) : (
        <Input {...props} maxLength={field.maxLength ?? 500} />
      );
  }
}

/** A form field of the item's application form, bound to `formData.<key>` of the surrounding antd Form. */
export function ApplyFormField({ field, prefilled }: { field: SimpleFormField; prefilled: boolean }) {
  const { t } = useTranslation();
  const { help } = field;
  const extra = [help, prefilled ? t('apply.form.prefilled') : null].filter(Boolean).join(' ');
  return (
    <Form.Item
      name={['formData', field.key]}
      label={field.label}
      required={field.required}
      rules={rulesOf(t, field)}
      extra={extra || undefined}
      data-testid={`field-${field.key}`}
    >
      <FieldInput field={field} />
    </Form.Item>
  );
}
