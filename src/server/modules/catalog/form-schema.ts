import { z } from 'zod';
import { isPhoneNumber, validateCreditCode, validateIdNumber } from '../../platform/identifiers.ts';
import type { FormField } from './guide-schema.ts';

type SimpleField = Exclude<FormField, { type: 'table' }>;

function fieldSchema(f: SimpleField): z.ZodType {
  switch (f.type) {
    case 'number': {
      let n = z.number();
      if (f.min !== undefined) n = n.min(f.min);
      if (f.max !== undefined) n = n.max(f.max);
      return n;
    }
    case 'date':
      return z.iso.date();
    case 'select':
      return f.options?.length ? z.enum(f.options as [string, ...string[]]) : z.string().min(1);
    case 'region':
      return z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'a region code');
    case 'idNumber':
      return z.string().refine((v) => validateIdNumber(v).ok, '身份证号码不正确 / invalid ID number');
    case 'creditCode':
      return z.string().refine((v) => validateCreditCode(v).ok, '统一社会信用代码不正确 / invalid credit code');
    case 'phone':
      return z.string().refine(isPhoneNumber, '手机号码不正确 / invalid phone number');
    default:
      return z
        .string()
        .trim()
        .min(1)
        .max(f.maxLength ?? 500);
  }
}

/** The zod schema of an item's application form: required fields, types, national number checks. */
export function formZodSchema(fields: FormField[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) {
    const s =
      f.type === 'table'
        ? z
            .array(
              z.strictObject(Object.fromEntries(f.columns.map((c) => [c.key, c.required ? fieldSchema(c) : fieldSchema(c).optional()]))),
            )
            .max(f.maxRows)
        : fieldSchema(f);
    shape[f.key] = f.required ? (f.type === 'table' ? (s as z.ZodArray<z.ZodType>).min(1) : s) : s.optional();
  }
  return z.strictObject(shape);
}

/** The form as JSON Schema (draft 2020-12), for other systems and the web client. */
export function formJsonSchema(fields: FormField[]) {
  return z.toJSONSchema(formZodSchema(fields), { unrepresentable: 'any' });
}

export type FormErrors = { field: string; message: string }[];

/** Validates form data on the server; returns the errors by field path (empty when valid). */
export function validateFormData(fields: FormField[], data: unknown): FormErrors {
  const r = formZodSchema(fields).safeParse(data);
  if (r.success) return [];
  return r.error.issues.map((i) => ({
    field: i.path.map(String).join('.') || (i.code === 'unrecognized_keys' ? ((i as { keys?: string[] }).keys?.join(',') ?? '') : ''),
    message: i.message,
  }));
}
