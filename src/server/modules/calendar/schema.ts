import { z } from 'zod';
import { holidayKeys } from '../../platform/calendar.ts';
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

export const calendarDay = z
  .object({
    date: z.string(),
    isWorkingDay: z.boolean(),
    name: z.string(),
    /** The English name of a national holiday; null for overrides (named by the administrator). */
    nameEn: z.string().nullable(),
    /**
     * `national`: the State Council's notice as chinese-days carries it; `notice`: as an administrator
     * entered it; `law`: computed from 《全国年节及纪念日放假办法》 (a provisional year); `override`: a local change.
     */
    source: z.enum(['national', 'notice', 'law', 'override']),
    /** '' for the national calendar and national overrides, else the region that set the override. */
    regionCode: regionOrBlank,
  })
  .meta({ id: 'CalendarDay' });
/** `official` when the year's notice is known (`basis`: chinese-days or entered); `provisional` when computed from the law. */
const yearStatusFields = {
  status: z.enum(['official', 'provisional']),
  basis: z.enum(['package', 'notice', 'law']),
};
export const calendarYear = z
  .object({
    year: z.number(),
    regionCode: regionOrBlank,
    ...yearStatusFields,
    items: z.array(calendarDay),
    total: z.number(),
  })
  .meta({ id: 'CalendarYear' });

// ------------------------------------------------------------------ notices (国务院节假日安排通知)

export const noticeYearParams = z.strictObject({ year });
export const noticeLine = z.strictObject({
  holiday: z.enum(holidayKeys as [(typeof holidayKeys)[number], ...(typeof holidayKeys)[number][]]),
  /** A combined break's own name ("中秋节、国庆节"); default: the holiday's. */
  name: z.string().trim().min(1).max(40).optional(),
  restFrom: dateText,
  restTo: dateText,
  /** 调休 workdays: the weekend days worked for this break. */
  workdays: z.array(dateText).max(5).default([]),
});
export const noticeBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  /** 文号, e.g. 国办发明电〔2026〕7号. */
  documentNumber: z.string().trim().min(1).max(60).optional(),
  publishedOn: dateText.optional(),
  lines: z.array(noticeLine).min(1).max(10),
  version: z.number().int().min(1).optional(),
});
export type NoticeBody = z.infer<typeof noticeBody>;
export const notice = z
  .object({
    year: z.number(),
    title: z.string(),
    documentNumber: z.string().nullable(),
    publishedOn: z.string().nullable(),
    lines: z.array(
      z.object({
        holiday: z.enum(holidayKeys as [(typeof holidayKeys)[number], ...(typeof holidayKeys)[number][]]),
        name: z.string().optional(),
        restFrom: z.string(),
        restTo: z.string(),
        workdays: z.array(z.string()),
      }),
    ),
    /** The dates the lines name, in order. */
    days: z.array(z.object({ date: z.string(), isWorkingDay: z.boolean(), name: z.string(), nameEn: z.string() })),
    enteredBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'CalendarNotice' });
export const yearsQuery = z
  .strictObject({ from: year.optional(), to: year.optional() })
  .refine((q) => q.from === undefined || q.to === undefined || (q.from <= q.to && q.to - q.from < 30), {
    params: { reason: 'yearRangeInvalid' },
    path: ['to'],
  });
export const yearStatus = z
  .object({
    year: z.number(),
    ...yearStatusFields,
    /** The law computed from (provisional years), e.g. 国务院令第795号. */
    law: z.string().nullable(),
    notice: z.object({ title: z.string(), documentNumber: z.string().nullable(), version: z.number(), updatedAt: z.string() }).nullable(),
  })
  .meta({ id: 'CalendarYearStatus' });
export const workingDaysAnswer = z.object({ from: z.string(), days: z.number(), due: z.string() }).meta({ id: 'WorkingDays' });
export const override = z
  .object({
    regionCode: regionOrBlank,
    date: z.string(),
    isWorkingDay: z.boolean(),
    name: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    version: z.number(),
    /** Whether the caller may change or delete it. */
    editable: z.boolean(),
  })
  .meta({ id: 'CalendarOverride' });
