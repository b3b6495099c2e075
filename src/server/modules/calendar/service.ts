import type { Selectable } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import {
  addWorkingDays,
  calendarWith,
  isDateInRange,
  MAX_DATE,
  MIN_DATE,
  nationalDays,
  shanghaiDate,
  type WorkingCalendar,
} from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { CalendarOverridesTable } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageQuery } from '../../platform/http.ts';
import { authorize, can } from '../../platform/policies.ts';
import { findRegion } from '../org/index.ts';
import * as repo from './repo.ts';

type OverrideRow = Selectable<CalendarOverridesTable>;

/** '' (national) and every ancestor prefix of a region code, the region itself last: 610922 → '', 61, 6109, 610922. */
export function regionChain(regionCode: string): string[] {
  return ['', ...[2, 4, 6, 9, 12].filter((n) => n <= regionCode.length).map((n) => regionCode.slice(0, n))];
}

// ------------------------------------------------------------------ the cached calendar of a region

/** How long a node keeps a region's calendar: other nodes see a change within this time. */
export const CALENDAR_CACHE_MS = 60_000;
const CACHE_MAX_REGIONS = 5_000;

type Loaded = { calendar: WorkingCalendar; overrides: OverrideRow[]; regionExists: boolean };
type Entry = { at: number; value: Promise<Loaded> };
/** Per database (so test platforms in one process never share), per region code. */
const caches = new WeakMap<object, Map<string, Entry>>();

function cacheOf(ctx: AppContext): Map<string, Entry> {
  let cache = caches.get(ctx.db);
  if (!cache) caches.set(ctx.db, (cache = new Map()));
  return cache;
}

function loadRegion(ctx: AppContext, regionCode: string): Promise<Loaded> {
  const cache = cacheOf(ctx);
  const now = Date.now();
  const hit = cache.get(regionCode);
  if (hit && now - hit.at < CALENDAR_CACHE_MS) return hit.value;
  if (cache.size >= CACHE_MAX_REGIONS) cache.clear();
  const value = (async (): Promise<Loaded> => {
    const [overrides, region] = await Promise.all([
      repo.listOverridesOf(ctx.db, regionChain(regionCode)),
      regionCode === '' ? Promise.resolve(true) : findRegion(ctx.db, regionCode),
    ]);
    const calendar = calendarWith(overrides.map((o) => ({ date: o.date, isWorkingDay: o.is_working_day })));
    return { calendar, overrides, regionExists: Boolean(region) };
  })();
  // Stored before it settles, so concurrent callers share one query and a clear drops it too.
  cache.set(regionCode, { at: now, value });
  value.catch(() => {
    if (cache.get(regionCode)?.value === value) cache.delete(regionCode);
  });
  return value;
}

/**
 * The working calendar of a region ('' = national): chinese-days, then national overrides, then
 * those of each ancestor of the region code (61, 6109, 610922…), the most specific winning.
 * Cached per region for at most 60 seconds; the node that changes an override clears it at once.
 */
export async function loadCalendar(ctx: AppContext, regionCode: string): Promise<WorkingCalendar> {
  return (await loadRegion(ctx, regionCode)).calendar;
}

/** Forgets every cached region calendar of this database (after a change, a change may affect a whole subtree). */
export function clearCalendarCache(ctx: AppContext): void {
  caches.get(ctx.db)?.clear();
}

async function loadExistingRegion(ctx: AppContext, regionCode: string): Promise<Loaded> {
  const loaded = await loadRegion(ctx, regionCode);
  if (!loaded.regionExists) throw new AppError('REGION_NOT_FOUND');
  return loaded;
}

function requireDate(date: string, field: string): void {
  if (!isDateInRange(date)) throw new AppError('CALENDAR_DATE_INVALID', { field, value: date, min: MIN_DATE, max: MAX_DATE });
}

// ------------------------------------------------------------------ public reading

export type CalendarDay = {
  date: string;
  isWorkingDay: boolean;
  name: string;
  nameEn: string | null;
  source: 'national' | 'override';
  regionCode: string;
};

/** Every date of a year that is not an ordinary weekday or weekend: national holidays and 调休 days, and overrides. */
export async function calendarYear(ctx: AppContext, q: { year?: number; regionCode?: string }) {
  const regionCode = q.regionCode ?? '';
  const year = q.year ?? Number(shanghaiDate(new Date()).slice(0, 4));
  const { overrides } = await loadExistingRegion(ctx, regionCode);
  const days = new Map<string, CalendarDay>();
  for (const d of nationalDays(year)) days.set(d.date, { ...d, source: 'national', regionCode: '' });
  const prefix = `${year}-`;
  for (const o of overrides) {
    if (!o.date.startsWith(prefix)) continue;
    days.set(o.date, {
      date: o.date,
      isWorkingDay: o.is_working_day,
      name: o.name,
      nameEn: null,
      source: 'override',
      regionCode: o.region_code,
    });
  }
  const items = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  return { year, regionCode, items, total: items.length };
}

/** The date a limit of `days` working days ends, counted from the day after `from`. */
export async function workingDaysDue(ctx: AppContext, q: { from: string; days: number; regionCode?: string }) {
  requireDate(q.from, 'querystring.from');
  const { calendar } = await loadExistingRegion(ctx, q.regionCode ?? '');
  return { from: q.from, days: q.days, due: addWorkingDays(calendar, q.from, q.days) };
}

// ------------------------------------------------------------------ administration

const auditActor = (actor: Actor) => ({ accountId: actor.accountId, kind: actor.kind });
const entityId = (regionCode: string, date: string) => `${regionCode || 'national'}/${date}`;

/**
 * Overrides that apply to a region (national, its ancestors, itself) or were set below it;
 * each says whether the actor may change it. System admins only.
 */
export async function listOverrides(ctx: AppContext, actor: Actor, q: PageQuery & { regionCode?: string; year?: number }) {
  authorize(actor, 'calendar.manage', { type: 'region', code: actor.regionCode ?? '' });
  const regionCode = q.regionCode ?? actor.regionCode ?? '';
  if (regionCode !== '' && !(await findRegion(ctx.db, regionCode))) throw new AppError('REGION_NOT_FOUND');
  const { items, total } = await repo.listOverrides(ctx.db, {
    chain: regionChain(regionCode),
    subtree: regionCode,
    from: q.year ? `${q.year}-01-01` : undefined,
    to: q.year ? `${q.year}-12-31` : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    items: items.map((row) => ({ row, editable: can(actor, 'calendar.manage', { type: 'region', code: row.region_code }) })),
    total,
  };
}

async function authorizeOverride(ctx: AppContext, actor: Actor, regionCode: string, date: string) {
  requireDate(date, 'params.date');
  authorize(actor, 'calendar.manage', { type: 'region', code: regionCode });
  if (regionCode !== '' && !(await findRegion(ctx.db, regionCode))) throw new AppError('REGION_NOT_FOUND');
}

export type SetOverrideInput = { regionCode: string; date: string; isWorkingDay: boolean; name: string; version?: number };

/**
 * Creates or changes the override of a region ('' = national) for a date. With `version`, the
 * existing override must be at that version. Audited as calendar.override.set.
 */
export async function setOverride(
  ctx: AppContext,
  actor: Actor,
  input: SetOverrideInput,
): Promise<{ override: OverrideRow; created: boolean }> {
  await authorizeOverride(ctx, actor, input.regionCode, input.date);
  const result = await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findOverride(trx, input.regionCode, input.date, true);
    if (input.version !== undefined && before?.version !== input.version) throw new AppError('VERSION_CONFLICT');
    const after = before
      ? await repo.updateOverride(trx, input.regionCode, input.date, before.version, {
          is_working_day: input.isWorkingDay,
          name: input.name,
        })
      : await repo.insertOverride(trx, {
          region_code: input.regionCode,
          date: input.date,
          is_working_day: input.isWorkingDay,
          name: input.name,
          created_by: actor.accountId,
        });
    if (!after) throw new AppError('VERSION_CONFLICT'); // another request created or changed it meanwhile
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: auditActor(actor),
      action: 'calendar.override.set',
      entityType: 'calendarOverride',
      entityId: entityId(input.regionCode, input.date),
      before: before ?? null,
      after,
      ip: actor.ip,
    });
    return { override: after, created: !before };
  });
  clearCalendarCache(ctx);
  return result;
}

/** Removes an override (at `version` when given); the national rule applies again. Audited as calendar.override.delete. */
export async function deleteOverride(
  ctx: AppContext,
  actor: Actor,
  input: { regionCode: string; date: string; version?: number },
): Promise<void> {
  await authorizeOverride(ctx, actor, input.regionCode, input.date);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findOverride(trx, input.regionCode, input.date, true);
    if (!before) throw new AppError('CALENDAR_OVERRIDE_NOT_FOUND');
    if (input.version !== undefined && before.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (!(await repo.deleteOverride(trx, input.regionCode, input.date, before.version))) throw new AppError('VERSION_CONFLICT');
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: auditActor(actor),
      action: 'calendar.override.delete',
      entityType: 'calendarOverride',
      entityId: entityId(input.regionCode, input.date),
      before,
      after: null,
      ip: actor.ip,
    });
  });
  clearCalendarCache(ctx);
}
