import { z } from 'zod';
import { regionCode } from '../../platform/region-code.ts';

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalidDate')
  .refine((s) => !Number.isNaN(Date.parse(s)), { params: { reason: 'invalidDate' } });

/** The region (default: the actor's), the period (default: this year to today) and optional filters. */
export const scopeQuery = z.strictObject({
  regionCode: regionCode.optional(),
  from: date.optional(),
  to: date.optional(),
  departmentId: z.uuid().optional(),
  itemId: z.uuid().optional(),
  windowId: z.uuid().optional(),
});
export type ScopeQueryInput = z.infer<typeof scopeQuery>;

export const breakdownQuery = scopeQuery.extend({
  by: z.enum(['region', 'department', 'item', 'window', 'staff']),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const trendQuery = scopeQuery.extend({ granularity: z.enum(['month', 'day']).default('month') });
export const listQuery = scopeQuery.extend({ limit: z.coerce.number().int().min(1).max(200).optional() });

const target = z.object({
  /** The value the period is judged against: the annual target, pro-rated for flows (basis 'prorated'). */
  value: z.number(),
  annualValue: z.number(),
  basis: z.enum(['annual', 'prorated']),
  comparator: z.enum(['gte', 'lte']),
  year: z.number(),
  regionCode,
  met: z.boolean().nullable(),
  gap: z.number().nullable(),
});

export const indicator = z
  .object({
    key: z.string(),
    zh: z.string(),
    en: z.string(),
    unit: z.enum(['ratio', 'count', 'days', 'hours', 'perGuide', 'score']),
    scope: z.enum(['catalog', 'period']),
    better: z.enum(['higher', 'lower']),
    definitionZh: z.string(),
    definitionEn: z.string(),
    value: z.number().nullable(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    target: target.nullable(),
  })
  .meta({ id: 'Indicator' });
const period = z.object({ from: z.string(), to: z.string() });
export const indicatorsResponse = z
  .object({
    region: z.object({ code: regionCode, name: z.string(), level: z.string() }),
    period,
    indicators: z.array(indicator),
  })
  .meta({ id: 'Indicators' });
export const definitionsResponse = z
  .array(indicator.pick({ key: true, zh: true, en: true, unit: true, scope: true, better: true, definitionZh: true, definitionEn: true }))
  .meta({ id: 'IndicatorDefinitions' });

export const breakdownResponse = z
  .object({
    region: z.object({ code: regionCode, name: z.string() }),
    period,
    by: z.string(),
    rows: z.array(
      z.object({
        key: z.string(),
        name: z.string().nullable(),
        received: z.number(),
        completed: z.number(),
        accepted: z.number(),
        ratings: z.number(),
        badRatings: z.number(),
        onTimeRate: z.number().nullable(),
        avgHandlingWorkdays: z.number().nullable(),
        activeRatingRate: z.number().nullable(),
        averageScore: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'Breakdown' });
export const trendResponse = z
  .object({
    period,
    granularity: z.string(),
    points: z.array(
      z.object({
        bucket: z.string(),
        received: z.number(),
        completed: z.number(),
        ratings: z.number(),
        badRatings: z.number(),
        onTimeRate: z.number().nullable(),
        satisfactionRate: z.number().nullable(),
        activeRatingRate: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'Trend' });
export const warnedResponse = z
  .object({
    overdue: z.number(),
    nearDue: z.number(),
    items: z.array(
      z.object({
        id: z.string(),
        number: z.string().nullable(),
        itemName: z.string(),
        status: z.string(),
        warningLevel: z.enum(['none', 'yellow', 'red']),
        promisedDueOn: z.string().nullable(),
        applicantName: z.string(),
        departmentName: z.string(),
        handlerName: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'WarnedCases' });
export const badRatingsResponse = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        score: z.number(),
        channel: z.string(),
        tags: z.array(z.string()),
        comment: z.string().nullable(),
        excluded: z.boolean(),
        createdAt: z.string(),
        departmentName: z.string(),
        itemName: z.string().nullable(),
        caseNumber: z.string().nullable(),
        window: z.string().nullable(),
        rectification: z
          .object({ id: z.string(), status: z.string().nullable(), dueOn: z.string().nullable(), calledBack: z.boolean() })
          .nullable(),
      }),
    ),
  })
  .meta({ id: 'BadRatings' });

export const targetItem = z
  .object({
    id: z.string(),
    regionCode,
    year: z.number(),
    indicator: z.string(),
    comparator: z.enum(['gte', 'lte']),
    value: z.number(),
    note: z.string().nullable(),
    version: z.number(),
    name: z.string(),
  })
  .meta({ id: 'AssessmentTarget' });
export const targetsQuery = z.strictObject({
  regionCode: regionCode.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const setTargetBody = z.strictObject({
  regionCode,
  year: z.number().int().min(2000).max(2100),
  indicator: z.string().min(1).max(60),
  value: z.number().finite(),
  comparator: z.enum(['gte', 'lte']).optional(),
  note: z.string().trim().max(200).nullable().optional(),
  version: z.number().int().min(1).optional(),
});
export type SetTargetBody = z.infer<typeof setTargetBody>;
