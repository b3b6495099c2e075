import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import {
  addWorkingDays,
  calendarWith,
  type EnteredNotice,
  isDateInRange,
  isPackageYear,
  lawOf,
  MAX_DATE,
  MIN_DATE,
  nationalDays,
  shanghaiDate,
  type WorkingCalendar,
} from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { CalendarNoticesTable, CalendarOverridesTable, DB } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageQuery } from '../../platform/http.ts';
import { authorize, can } from '../../platform/policies.ts';
import { notifyAccounts } from '../notifications/index.ts';
import { findRegion } from '../org/index.ts';
import { checkNotice, type NoticeLine, noticeDays } from './notice.ts';
import * as repo from './repo.ts';

type OverrideRow = Selectable<CalendarOverridesTable>;
type NoticeRow = Selectable<CalendarNoticesTable>;

/** '' (national) and every ancestor prefix of a region code, the region itself last: 610922 → '', 61, 6109, 610922. */
export function regionChain(regionCode: string): string[] {
  return ['', ...[2, 4, 6, 9, 12].filter((n) => n <= regionCode.length).map((n) => regionCode.slice(0, n))];
}

// ------------------------------------------------------------------ the cached calendar of a region

/** How long a node keeps a region's calendar: other nodes see a change within this time. */
export const CALENDAR_CACHE_MS = 60_000;
const CACHE_MAX_REGIONS = 5_000;

type Loaded = { calendar: WorkingCalendar; overrides: OverrideRow[]; notices: NoticeRow[]; regionExists: boolean };
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
  const value = readRegion(ctx.db, regionCode);
  // Stored before it settles, so concurrent callers share one query and a clear drops it too.
  cache.set(regionCode, { at: now, value });
  value.catch(() => {
    if (cache.get(regionCode)?.value === value) cache.delete(regionCode);
  });
  return value;
}

/** A region's calendar as the database holds it now (no cache). */
async function readRegion(db: Kysely<DB>, regionCode: string): Promise<Loaded> {
  const [overrides, notices, region] = await Promise.all([
    repo.listOverridesOf(db, regionChain(regionCode)),
    repo.listNotices(db),
    regionCode === '' ? Promise.resolve(true) : findRegion(db, regionCode),
  ]);
  const calendar = calendarWith(
    overrides.map((o) => ({ date: o.date, isWorkingDay: o.is_working_day })),
    notices.map(enteredNotice),
  );
  return { calendar, overrides, notices, regionExists: Boolean(region) };
}

const linesOf = (n: NoticeRow) => n.lines as NoticeLine[];
const enteredNotice = (n: NoticeRow): EnteredNotice => ({ year: n.year, days: noticeDays(linesOf(n)) });

/**
 * The working calendar of a region ('' = national): the entered notices, else chinese-days, else
 * the law (provisional years), then national overrides, then
 * those of each ancestor of the region code (61, 6109, 610922…), the most specific winning.
 * Cached per region for at most 60 seconds; the node that changes an override clears it at once.
 */
export async function loadCalendar(ctx: AppContext, regionCode: string): Promise<WorkingCalendar> {
  return (await loadRegion(ctx, regionCode)).calendar;
}

/**
 * A region's calendar read now, bypassing the cache (for work that must not see another node's
 * stale copy: the supervision working-day table).
 */
export async function loadCalendarUncached(ctx: AppContext, regionCode: string): Promise<WorkingCalendar> {
  return (await readRegion(ctx.db, regionCode)).calendar;
}

/** The region codes with overrides of their own ('' excluded): each has a calendar that differs from its parent's. */
export function calendarRegions(ctx: AppContext): Promise<string[]> {
  return repo.overrideRegionCodes(ctx.db);
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
  source: 'national' | 'notice' | 'law' | 'override';
  regionCode: string;
};

type YearBasis = 'package' | 'notice' | 'law';

function basisOf(year: number, notices: NoticeRow[]): YearBasis {
  return notices.some((n) => n.year === year) ? 'notice' : isPackageYear(year) ? 'package' : 'law';
}
const statusOf = (basis: YearBasis): 'official' | 'provisional' => (basis === 'law' ? 'provisional' : 'official');

/**
 * Every date of a year that is not an ordinary weekday or weekend: the national holidays and 调休
 * days (of the entered notice, chinese-days, or the law), and overrides; with the year's status.
 */
export async function calendarYear(ctx: AppContext, q: { year?: number; regionCode?: string }) {
  const regionCode = q.regionCode ?? '';
  const year = q.year ?? Number(shanghaiDate(ctx.now()).slice(0, 4));
  const { overrides, notices } = await loadExistingRegion(ctx, regionCode);
  const basis = basisOf(year, notices);
  const prefix = `${year}-`;
  const days = new Map<string, CalendarDay>();
  if (basis !== 'notice') {
    const source = basis === 'package' ? 'national' : 'law';
    for (const d of nationalDays(year)) days.set(d.date, { ...d, source, regionCode: '' });
  }
  // A notice may name dates of the year before (元旦 from 12-31): those show in that year too.
  for (const n of notices)
    for (const d of noticeDays(linesOf(n)))
      if (d.date.startsWith(prefix))
        days.set(d.date, { date: d.date, isWorkingDay: d.isWorkingDay, name: d.name, nameEn: d.nameEn, source: 'notice', regionCode: '' });
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
  return { year, regionCode, status: statusOf(basis), basis, items, total: items.length };
}

/** Official or provisional, and why, for each year from `from` to `to` (default: last year to three years on). */
export async function listYears(ctx: AppContext, q: { from?: number; to?: number }) {
  const thisYear = Number(shanghaiDate(ctx.now()).slice(0, 4));
  const from = q.from ?? (q.to !== undefined ? q.to - 4 : thisYear - 1);
  const to = q.to ?? from + 4;
  const { notices } = await loadRegion(ctx, '');
  const items = [];
  for (let year = Math.max(from, 2000); year <= Math.min(to, 2100); year++) {
    const basis = basisOf(year, notices);
    const n = notices.find((x) => x.year === year);
    items.push({
      year,
      status: statusOf(basis),
      basis,
      law: basis === 'law' ? lawOf(year) : null,
      notice: n
        ? { title: n.title, documentNumber: n.document_number, version: n.version, updatedAt: new Date(n.updated_at).toISOString() }
        : null,
    });
  }
  return { items, total: items.length };
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
    await ctx.jobs.enqueue(trx, 'calendar.changed', {});
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
    await ctx.jobs.enqueue(trx, 'calendar.changed', {});
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

// ------------------------------------------------------------------ notices

/** The notice entered for a year. */
export async function getNotice(ctx: AppContext, year: number): Promise<NoticeRow> {
  const row = await repo.findNotice(ctx.db, year);
  if (!row) throw new AppError('CALENDAR_NOTICE_NOT_FOUND', { year });
  return row;
}

export type SetNoticeInput = {
  year: number;
  title: string;
  documentNumber?: string;
  publishedOn?: string;
  lines: NoticeLine[];
  version?: number;
};

/** The lines as stored: the fields of NoticeLine, a line's own name only when given. */
const storedLines = (lines: NoticeLine[]) =>
  lines.map((l) => ({
    holiday: l.holiday,
    ...(l.name ? { name: l.name } : {}),
    restFrom: l.restFrom,
    restTo: l.restTo,
    workdays: l.workdays,
  }));

/**
 * Enters (or replaces, at `version`: required once it exists) the State Council's holiday notice of
 * a year, which makes the year official: its lines replace the law's computed holidays. National,
 * so a province-level system admin (calendar.manage of ''). Audited as calendar.notice.set; the
 * supervision working days are refreshed by the calendar.changed job.
 */
export async function setNotice(ctx: AppContext, actor: Actor, input: SetNoticeInput): Promise<{ notice: NoticeRow; created: boolean }> {
  authorize(actor, 'calendar.manage', { type: 'region', code: '' });
  if (input.publishedOn !== undefined) requireDate(input.publishedOn, 'body.publishedOn');
  checkNotice(input.year, input.lines);
  const now = ctx.now();
  const values = {
    title: input.title,
    document_number: input.documentNumber ?? null,
    published_on: input.publishedOn ?? null,
    lines: JSON.stringify(storedLines(input.lines)),
    entered_by: actor.accountId,
    updated_at: now,
  };
  const result = await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findNotice(trx, input.year, true);
    if (before && input.version === undefined) throw new AppError('VERSION_REQUIRED');
    if (input.version !== undefined && before?.version !== input.version) throw new AppError('VERSION_CONFLICT');
    const after = before
      ? await repo.updateNotice(trx, input.year, before.version, values)
      : await repo.insertNotice(trx, input.year, { ...values, created_at: now });
    if (!after) throw new AppError('VERSION_CONFLICT');
    await ctx.jobs.enqueue(trx, 'calendar.changed', {});
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: auditActor(actor),
      action: 'calendar.notice.set',
      entityType: 'calendarNotice',
      entityId: String(input.year),
      before: before ?? null,
      after,
      ip: actor.ip,
    });
    return { notice: after, created: !before };
  });
  clearCalendarCache(ctx);
  return result;
}

/** Removes a year's notice (at `version`): the year is provisional again. Audited as calendar.notice.delete. */
export async function deleteNotice(ctx: AppContext, actor: Actor, input: { year: number; version: number }): Promise<void> {
  authorize(actor, 'calendar.manage', { type: 'region', code: '' });
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findNotice(trx, input.year, true);
    if (!before) throw new AppError('CALENDAR_NOTICE_NOT_FOUND', { year: input.year });
    if (before.version !== input.version || !(await repo.deleteNotice(trx, input.year, input.version)))
      throw new AppError('VERSION_CONFLICT');
    await ctx.jobs.enqueue(trx, 'calendar.changed', {});
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: auditActor(actor),
      action: 'calendar.notice.delete',
      entityType: 'calendarNotice',
      entityId: String(input.year),
      before,
      after: null,
      ip: actor.ip,
    });
  });
  clearCalendarCache(ctx);
}

// ------------------------------------------------------------------ December reminder

/**
 * In December (Asia/Shanghai), when next year is still provisional, tells every active system admin
 * in-app — once per year and region (calendar_notice_reminders), however often the daily job runs.
 * Returns the regions reminded now.
 */
export async function remindProvisionalYear(ctx: AppContext): Promise<{ year: number | null; regions: string[] }> {
  const today = shanghaiDate(ctx.now());
  if (today.slice(5, 7) !== '12') return { year: null, regions: [] };
  const year = Number(today.slice(0, 4)) + 1;
  const notices = await repo.listNotices(ctx.db);
  if (!calendarWith([], notices.map(enteredNotice)).isProvisionalYear(year)) return { year, regions: [] };
  const byRegion = new Map<string, string[]>();
  for (const a of await repo.systemAdmins(ctx.db)) {
    const ids = byRegion.get(a.region_code!) ?? [];
    ids.push(a.id);
    byRegion.set(a.region_code!, ids);
  }
  const title = `${year}年节假日安排尚未录入`;
  const body =
    `国务院办公厅${year}年部分节假日安排的通知尚未录入，系统暂按《全国年节及纪念日放假办法》推算${year}年的法定节假日（含补假，不含调休）。` +
    `到期日落在${year}年的办件会标注“暂定”。通知发布后，请省级系统管理员在“管理后台 → 工作日历”录入。`;
  const regions: string[] = [];
  for (const [regionCode, ids] of byRegion) {
    const sent = await ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.insertReminder(trx, { year, region_code: regionCode, sent_at: ctx.now(), recipients: ids.length }))) return false;
      await notifyAccounts(trx, ids, { kind: 'calendar.provisional', title, body });
      return true;
    });
    if (sent) regions.push(regionCode);
  }
  return { year, regions };
}
