import { z } from 'zod';
import { pageQuery } from '../../platform/http.ts';
import { regionCode } from '../org/index.ts';
import { guide, itemTypes, themes, type ItemTypeCode, type ThemeKey } from './guide-schema.ts';

export const implementationCode = z
  .string()
  // 31 characters: credit code (18) + 行使层级 (1) + 基本编码 (12).
  .regex(/^[0-9A-HJ-NPQRTUWXY]{18}[1-7][0-9A-Z]{12}$/, 'implementationCodeInvalid');
export const codeParam = z.strictObject({ code: implementationCode });
export const versionParam = z.strictObject({ code: implementationCode, number: z.coerce.number().int().min(1).max(100_000) });

const itemTypeEnum = z.enum(Object.keys(itemTypes) as [ItemTypeCode, ...ItemTypeCode[]]);
const themeEnum = z.enum(Object.keys(themes) as [ThemeKey, ...ThemeKey[]]);

export const searchQuery = pageQuery.extend({
  q: z.string().trim().min(1).max(50).optional(),
  regionCode: regionCode.optional(),
  departmentId: z.uuid().optional(),
  type: itemTypeEnum.optional(),
  theme: themeEnum.optional(),
  handlingType: z.enum(['immediate', 'promised']).optional(),
});

export const itemSummary = z
  .object({
    implementationCode: z.string(),
    basicCode: z.string(),
    name: z.string(),
    department: z.object({ id: z.uuid(), name: z.string() }),
    regionCode,
    itemType: z.string(),
    itemTypeName: z.string(),
    handlingType: z.enum(['immediate', 'promised']),
    maxVisits: z.number(),
    onlineDepth: z.number(),
    canBookOnline: z.boolean(),
    themes: z.array(z.string()),
    status: z.enum(['draft', 'published', 'withdrawn']),
    publishedVersion: z.number().nullable(),
    version: z.number(),
  })
  .meta({ id: 'ItemSummary' });
/** One result of the residents' search: an item, or a bundle (一件事一次办, its page is /bundles/:id). */
export const searchResult = z
  .discriminatedUnion('kind', [
    itemSummary.extend({ kind: z.literal('item') }),
    z.object({
      kind: z.literal('bundle'),
      id: z.uuid(),
      name: z.string(),
      description: z.string(),
      regionCode,
      themes: z.array(z.string()),
    }),
  ])
  .meta({ id: 'SearchResult' });
export const itemDetail = itemSummary
  .extend({
    guide,
    formSchema: z.record(z.string(), z.unknown()),
    guideVersion: z.number(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'ItemDetail' });
export const formValidateBody = z.strictObject({ data: z.record(z.string(), z.unknown()) });
export const formValidateResponse = z
  .object({ valid: z.boolean(), errors: z.array(z.object({ field: z.string(), reason: z.string(), message: z.string() })) })
  .meta({ id: 'FormValidation' });

export const createItemBody = z.strictObject({ departmentId: z.uuid(), guide, popularity: z.number().int().min(0).max(100).optional() });
export const saveDraftBody = z.strictObject({ guide, version: z.number().int().min(1).optional() });
export const withdrawBody = z.strictObject({ reason: z.string().trim().min(4).max(500) });

export const versionSummary = z
  .object({
    number: z.number(),
    status: z.enum(['draft', 'review', 'published', 'superseded', 'withdrawn']),
    createdAt: z.string(),
    submittedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'VersionSummary' });
export const versionDetail = versionSummary
  .extend({ guide, missing: z.array(z.object({ element: z.string(), reason: z.string() })) })
  .meta({ id: 'VersionDetail' });
export const diffQuery = z.strictObject({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
export const change = z
  .object({
    path: z.string(),
    kind: z.enum(['added', 'removed', 'changed']),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .meta({ id: 'GuideChange' });
export const regionQuery = z.strictObject({ regionCode });

export const completenessResponse = z
  .object({
    regionCode,
    items: z.number(),
    complete: z.number(),
    rate: z.number(),
    departments: z.array(
      z.object({
        departmentId: z.uuid(),
        departmentName: z.string(),
        items: z.number(),
        complete: z.number(),
        rate: z.number(),
        incomplete: z.array(z.object({ implementationCode: z.string(), name: z.string(), missing: z.array(z.string()) })),
      }),
    ),
  })
  .meta({ id: 'Completeness' });

export const importQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).default('true') });
export const exportQuery = z.strictObject({ regionCode, format: z.enum(['xlsx', 'csv']).default('xlsx') });
export const importReport = z
  .object({
    dryRun: z.boolean(),
    rows: z.number(),
    imported: z.number(),
    errors: z.array(z.object({ sheet: z.string(), row: z.number(), column: z.string(), reason: z.string() })),
    actions: z.array(z.object({ row: z.number(), implementationCode: z.string(), name: z.string(), action: z.enum(['create', 'update']) })),
  })
  .meta({ id: 'ImportReport' });
