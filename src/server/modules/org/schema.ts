import { z } from 'zod';
import { pageQuery } from '../../platform/http.ts';
import { regionCode } from '../../platform/region-code.ts';

/** A region code in a request or an answer: the standard code (or a prefix) in, the standard code out. */
export { regionCode };
export const regionLevel = z.enum(['province', 'city', 'county', 'township', 'village']);

export const region = z
  .object({ code: regionCode, name: z.string(), level: regionLevel, parentCode: regionCode.nullable() })
  .meta({ id: 'Region' });
export const regionsQuery = pageQuery.extend({
  parentCode: regionCode.optional(),
  level: regionLevel.optional(),
  q: z.string().trim().min(1).max(40).optional(),
});
export const regionDetail = region.extend({ path: z.array(region) }).meta({ id: 'RegionDetail' });
export const regionParam = z.strictObject({ code: regionCode });

const departmentKind = z.enum(['government', 'publicInstitution', 'enterprise']);
export const department = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    shortName: z.string(),
    creditCode: z.string(),
    regionCode,
    kind: departmentKind,
    phone: z.string().nullable(),
    address: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Department' });
export const departmentsQuery = pageQuery.extend({ regionCode: regionCode.optional() });
export const departmentCreateBody = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{1,39}$/),
  name: z.string().trim().min(2).max(100),
  shortName: z.string().trim().min(1).max(40),
  creditCode: z.string().max(32),
  regionCode,
  kind: departmentKind,
  phone: z
    .string()
    .regex(/^[0-9-]{5,20}$/)
    .optional(),
  address: z.string().trim().max(200).optional(),
});
export const departmentPatchBody = z.strictObject({
  name: z.string().trim().min(2).max(100).optional(),
  shortName: z.string().trim().min(1).max(40).optional(),
  phone: z
    .string()
    .regex(/^[0-9-]{5,20}$/)
    .nullable()
    .optional(),
  address: z.string().trim().max(200).nullable().optional(),
  version: z.number().int().min(1).optional(),
});

const windowKind = z.enum(['department', 'comprehensive', 'special', 'peak']);
export const serviceWindow = z
  .object({
    id: z.uuid(),
    number: z.string(),
    name: z.string(),
    kind: windowKind,
    departmentId: z.uuid().nullable(),
    /** 一窗受理 scope: everything of the region, or the listed departments and items (a department window also its own department). */
    acceptsAll: z.boolean(),
    departmentIds: z.array(z.string()),
    itemIds: z.array(z.string()),
    /** 统一出件 window. */
    pickup: z.boolean(),
    /** 调峰: a peak window accepts its listed items only while open. */
    peakOpen: z.boolean(),
    version: z.number(),
  })
  .meta({ id: 'ServiceWindow' });
export const hall = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    level: z.enum(['city', 'county', 'township', 'village']),
    regionCode,
    address: z.string(),
    windows: z.array(serviceWindow),
    version: z.number(),
  })
  .meta({ id: 'Hall' });
export const hallsQuery = pageQuery.extend({ regionCode: regionCode.optional() });
export const windowCreateBody = z.strictObject({
  number: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{1,10}$/),
  name: z.string().trim().min(1).max(60),
  kind: windowKind,
  departmentId: z.uuid().optional(),
});
export const idParam = z.strictObject({ id: z.uuid() });

// ── windows (一窗受理 configuration) ──
const itemCode = z.string().min(10).max(40);
export const windowConfigBody = z.strictObject({
  acceptsAll: z.boolean(),
  departmentIds: z.array(z.uuid()).max(100).default([]),
  itemCodes: z.array(itemCode).max(500).default([]),
  pickup: z.boolean().default(false),
  version: z.number().int().min(1).optional(),
});
export type WindowConfigBody = z.infer<typeof windowConfigBody>;
export const windowPeakBody = z.strictObject({
  open: z.boolean(),
  itemCodes: z.array(itemCode).max(500).optional(),
  version: z.number().int().min(1).optional(),
});
export type WindowPeakBody = z.infer<typeof windowPeakBody>;
export const windowClerkParam = z.strictObject({ id: z.uuid(), accountId: z.uuid() });
export const windowDetail = serviceWindow
  .extend({
    hallId: z.string(),
    hallName: z.string(),
    regionCode,
    departments: z.array(z.object({ id: z.string(), name: z.string() })),
    items: z.array(z.object({ id: z.string(), implementationCode: z.string(), name: z.string(), departmentId: z.string() })),
    clerks: z.array(z.object({ id: z.string(), displayName: z.string(), username: z.string() })),
  })
  .meta({ id: 'WindowDetail' });
