import { z } from 'zod';
import type { FieldProblem } from '../../platform/errors.ts';
import { fieldProblemsOf } from '../../platform/field-problems.ts';
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
    // A regex's message and a refine's params name the reason (errors.ts fieldReasonCatalog), never a sentence.
    case 'region':
      return z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'regionCodeInvalid');
    case 'idNumber':
      return z.string().refine((v) => validateIdNumber(v).ok, { params: { reason: 'idNumberInvalid' } });
    case 'creditCode':
      return z.string().refine((v) => validateCreditCode(v).ok, { params: { reason: 'creditCodeInvalid' } });
    case 'phone':
      return z.string().refine(isPhoneNumber, { params: { reason: 'phoneInvalid' } });
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

/**
 * Validates form data on the server; returns the problems by field path (empty when valid): a reason of
 * the field-reason catalog each, put into the reader's language when the answer is written.
 */
export function validateFormData(fields: FormField[], data: unknown): FieldProblem[] {
  const r = formZodSchema(fields).safeParse(data, { reportInput: true });
  if (r.success) return [];
  // An unknown key is a problem of that key.
  return fieldProblemsOf(r.error.issues).flatMap(({ keys, ...p }) =>
    Array.isArray(keys) ? keys.map((k) => ({ ...p, field: [p.field, k].filter(Boolean).join('.') })) : [p],
  );
}
