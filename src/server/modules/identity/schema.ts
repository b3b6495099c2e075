import { z } from 'zod';
import { regionCode } from '../../platform/region-code.ts';
import { roles } from '../../platform/actor.ts';

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.@-]{3,64}$/, '3–64 letters, digits or _ . @ -');
/** A person's name as on the ID card: Chinese (with ·) or Latin letters, 2–40 characters. */
export const personNameSchema = z
  .string()
  .trim()
  .normalize('NFKC')
  .regex(/^[\p{Script=Han}·A-Za-z ]{2,40}$/u, 'a name as on the ID card');

export const loginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(128),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const loginResponse = z.object({ token: z.string(), csrfToken: z.string(), account: z.lazy(() => meResponse) });

export const smsCodeBody = z.strictObject({ phone: z.string().max(20), purpose: z.enum(['register', 'login']) });

export const registerBody = z.strictObject({
  username: usernameSchema,
  password: z.string().min(1).max(128),
  name: personNameSchema,
  idNumber: z.string().max(32),
  phone: z.string().max(20),
  smsCode: z.string().regex(/^\d{6}$/),
});

export const registerResponse = z.object({ id: z.uuid(), username: z.string(), personId: z.uuid(), realNameLevel: z.number() });

export const organizationSummary = z.object({ id: z.uuid(), name: z.string(), creditCode: z.string(), role: z.string().optional() });

export const meResponse = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['applicant', 'staff']),
  roles: z.array(z.string()),
  department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  region: z.object({ code: regionCode, name: z.string() }).nullable(),
  person: z
    .object({ id: z.uuid(), name: z.string(), idNumber: z.string(), phone: z.string().nullable(), realNameLevel: z.number() })
    .nullable(),
  organizations: z.array(organizationSummary),
  csrfToken: z.string().optional(),
});

export const personResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  regionCode: regionCode.nullable(),
  realNameLevel: z.number(),
});

export const organizationBody = z.strictObject({ name: z.string().trim().min(2).max(100), creditCode: z.string().max(32) });

export const staffCreateBody = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(128),
  departmentId: z.uuid(),
  hallId: z.uuid().optional(),
  roles: z.array(z.enum(roles)).min(1).max(12),
});

export const staffRolesBody = z.strictObject({ roles: z.array(z.enum(roles)).max(12), version: z.number().int().min(1).optional() });

export const staffItem = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  status: z.string(),
  regionCode: regionCode.nullable(),
  department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  version: z.number(),
});

export const idParam = z.strictObject({ id: z.uuid() });
