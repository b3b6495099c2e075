import { z } from 'zod';
import { pageQuery } from '../../platform/http.ts';
import { regionCode } from '../org/index.ts';

/**
 * Dates arrive as plain strings and are checked by the service, so that a wrong one is the
 * catalog's CALENDAR_DATE_INVALID (with the accepted range) rather than a generic field error.
 */
const dateText = z.string().max(32);
/** A region code, or `national` for the national overrides. */
export const regionOrNational = z.union([z.literal('national'), regionCode]);
/** In an answer: '' for national, else the region's standard code. */
const regionOrBlank = z.union([z.literal(''), regionCode]);
const year = z.coerce.number().int().min(2000).max(2100);

export const yearQuery = z.strictObject({ year: year.optional(), regionCode: regionCode.optional() });
export const workingDaysQuery = z.strictObject({
  from: dateText,
  days: z.coerce.number().int().min(0).max(1000),
  regionCode: regionCode.optional(),
});
export const overridesQuery = pageQuery.extend({ regionCode: regionOrNational.optional(), year: year.optional() });
export const overrideParams = z.strictObject({ regionCode: regionOrNational, date: dateText });
export const overrideBody = z.strictObject({
  isWorkingDay: z.boolean(),
  name: z.string().trim().min(1).max(40),
  version: z.number().int().min(1).optional(),
});
export type OverrideBody = z.infer<typeof overrideBody>;

export const calendarDay = z.object({
  date: z.string(),
  isWorkingDay: z.boolean(),
  name: z.string(),
  /** The English name of a national holiday; null for overrides (named by the administrator). */
  nameEn: z.string().nullable(),
  source: z.enum(['national', 'override']),
  /** '' for the national calendar and national overrides, else the region that set the override. */
  regionCode: regionOrBlank,
});
export const calendarYear = z.object({ year: z.number(), regionCode: regionOrBlank, items: z.array(calendarDay), total: z.number() });
export const workingDaysAnswer = z.object({ from: z.string(), days: z.number(), due: z.string() });
export const override = z.object({
  regionCode: regionOrBlank,
  date: z.string(),
  isWorkingDay: z.boolean(),
  name: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  /** Whether the caller may change or delete it. */
  editable: z.boolean(),
});
