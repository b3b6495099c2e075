import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db-types.ts';
import type { ItemFigures, PeriodFigures } from './indicators.ts';
import { COMPLETE, day as shanghaiDay, SHARD, workdaysBetweenSql } from './rollup-sql.ts';

/**
 * The only SQL of supervision. Period figures read the daily rollups (supervision_*_daily, kept
 * current by the triggers that rollup-sql.ts generates), never the cases themselves; catalog figures
 * read the published items as they are now.
 */

/** The zero uuid: the "none" value of a rollup dimension (no window, no item). */
export const NONE = '00000000-0000-0000-0000-000000000000';

export type Scope = { regionCode: string; departmentId?: string; itemId?: string; windowId?: string };
export type Period = { from: string; to: string };

const num = (v: unknown) => Number(v ?? 0);
const like = (code: string) => `${code}%`;

/**
 * Catalog figures of the published items whose region lies in the scope. Definitions in
 * indicators.ts: 网上可办 = online_depth ≥ 3; 全程网办 = online_depth 4; 即办件 = handling_type
 * 'immediate'; 最多跑一次 = max_visits ≤ 1; 零跑动 = max_visits 0; 承诺时限压缩比 per item = 1 −
 * promised ÷ legal (working days; calendar days × 5/7), over items with a legal limit; 一窗受理 = some
 * comprehensive window of a hall in the region accepts all, the item's department or the item.
 */
export async function itemFigures(db: Kysely<DB>, s: Scope): Promise<Omit<ItemFigures, 'complete'>> {
  const r = await sql<Record<string, unknown>>`
    WITH i AS (
      SELECT it.id, it.department_id, it.online_depth, it.handling_type, it.max_visits, it.can_book_online, v.guide
      FROM items it JOIN item_versions v ON v.item_id = it.id AND v.status = 'published'
      WHERE it.status = 'published' AND it.region_code LIKE ${like(s.regionCode)}
        ${s.departmentId ? sql`AND it.department_id = ${s.departmentId}` : sql``}
        ${s.itemId ? sql`AND it.id = ${s.itemId}` : sql``}
    ), l AS (
      SELECT i.*,
        CASE WHEN guide->'legalLimit'->>'unit' = 'calendarDay' THEN (guide->'legalLimit'->>'value')::numeric * 5 / 7 ELSE (guide->'legalLimit'->>'value')::numeric END AS legal_wd,
        CASE WHEN guide->'promisedLimit'->>'unit' = 'calendarDay' THEN (guide->'promisedLimit'->>'value')::numeric * 5 / 7 ELSE (guide->'promisedLimit'->>'value')::numeric END AS promised_wd
      FROM i
    ), w AS (
      SELECT w.accepts_all, w.accepted_department_ids, w.accepted_item_ids
      FROM windows w JOIN halls h ON h.id = w.hall_id
      WHERE w.kind = 'comprehensive' AND h.region_code LIKE ${like(s.regionCode)}
    )
    SELECT count(*) AS total,
      count(*) FILTER (WHERE online_depth >= 3) AS online_available,
      count(*) FILTER (WHERE online_depth = 4) AS fully_online,
      count(*) FILTER (WHERE handling_type = 'immediate') AS immediate,
      count(*) FILTER (WHERE max_visits <= 1) AS at_most_one_visit,
      count(*) FILTER (WHERE max_visits = 0) AS zero_visit,
      count(*) FILTER (WHERE can_book_online) AS bookable,
      coalesce(sum(1 - least(promised_wd, legal_wd) / legal_wd) FILTER (WHERE legal_wd > 0), 0)::float8 AS compression_sum,
      count(*) FILTER (WHERE legal_wd > 0) AS compression_items,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM w WHERE w.accepts_all OR l.department_id = ANY (w.accepted_department_ids) OR l.id = ANY (w.accepted_item_ids))) AS one_window
    FROM l`.execute(db);
  const x = r.rows[0];
  return {
    total: num(x.total),
    onlineAvailable: num(x.online_available),
    fullyOnline: num(x.fully_online),
    immediate: num(x.immediate),
    atMostOneVisit: num(x.at_most_one_visit),
    zeroVisit: num(x.zero_visit),
    bookable: num(x.bookable),
    compressionSum: num(x.compression_sum),
    compressionItems: num(x.compression_items),
    oneWindow: num(x.one_window),
  };
}

/** The published guides of the scope, for 办事指南完整率 (completeness.ts judges each). */
export async function publishedGuides(db: Kysely<DB>, s: Scope): Promise<unknown[]> {
  let q = db
    .selectFrom('items as i')
    .innerJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').on('v.status', '=', 'published'))
    .select('v.guide')
    .where('i.status', '=', 'published')
    .where('i.region_code', 'like', like(s.regionCode));
  if (s.departmentId) q = q.where('i.department_id', '=', s.departmentId);
  if (s.itemId) q = q.where('i.id', '=', s.itemId);
  return (await q.execute()).map((r) => r.guide);
}

/** The period and scope filter of a rollup table (`t` = its alias in the query, if any). */
function rollupWhere(s: Scope, p: Period, t = '') {
  const c = (name: string) => sql.raw(t ? `${t}.${name}` : name);
  return sql`${c('day')} BETWEEN ${p.from}::date AND ${p.to}::date AND ${c('region_code')} LIKE ${like(s.regionCode)}
    ${s.departmentId ? sql`AND ${c('department_id')} = ${s.departmentId}` : sql``}
    ${s.itemId ? sql`AND ${c('item_id')} = ${s.itemId}` : sql``}
    ${s.windowId ? sql`AND ${c('window_id')} = ${s.windowId}` : sql``}`;
}

/** Sums of the case and rating rollups over the period (a month of 10 M cases: tens of thousands of rollup rows). */
export async function periodFigures(db: Kysely<DB>, s: Scope, p: Period): Promise<PeriodFigures> {
  const c = (
    await sql<Record<string, unknown>>`
    SELECT coalesce(sum(d.received), 0) AS received, coalesce(sum(CASE WHEN i.online_depth = 4 THEN d.received_online ELSE 0 END), 0) AS received_fully_online,
      coalesce(sum(d.completed), 0) AS completed, coalesce(sum(d.completed_on_time), 0) AS completed_on_time,
      coalesce(sum(d.work_days), 0) AS work_days, coalesce(sum(d.handling_seconds), 0) AS handling_seconds, coalesce(sum(d.rated), 0) AS rated
    FROM supervision_case_daily d LEFT JOIN items i ON i.id = d.item_id
    WHERE ${rollupWhere(s, p, 'd')}`.execute(db)
  ).rows[0];
  const r = (
    await sql<Record<string, unknown>>`
    SELECT coalesce(sum(ratings), 0) AS ratings, coalesce(sum(score_sum), 0) AS score_sum, coalesce(sum(satisfied), 0) AS satisfied,
      coalesce(sum(bad), 0) AS bad, coalesce(sum(bad_called_back), 0) AS bad_called_back, coalesce(sum(bad_rectified), 0) AS bad_rectified
    FROM supervision_rating_daily WHERE ${rollupWhere(s, p)}`.execute(db)
  ).rows[0];
  return {
    received: num(c.received),
    receivedFullyOnline: num(c.received_fully_online),
    completed: num(c.completed),
    completedOnTime: num(c.completed_on_time),
    workDays: num(c.work_days),
    handlingSeconds: num(c.handling_seconds),
    rated: num(c.rated),
    ratings: num(r.ratings),
    scoreSum: num(r.score_sum),
    satisfied: num(r.satisfied),
    bad: num(r.bad),
    badCalledBack: num(r.bad_called_back),
    badRectified: num(r.bad_rectified),
  };
}

/**
 * The same case figures computed from scratch over the cases table (the benchmark's baseline and the
 * tests' cross-check; never used by the API).
 */
export async function periodCaseFiguresFromScratch(db: Kysely<DB>, s: Scope, p: Period) {
  const day = (col: string) => sql.raw(`((${col}) AT TIME ZONE 'Asia/Shanghai')::date`);
  const region = sql`coalesce(h.region_code, c.accept_region_code) LIKE ${like(s.regionCode)}`;
  const r = (
    await sql<Record<string, unknown>>`
    SELECT
      (SELECT count(*) FROM cases c LEFT JOIN halls h ON h.id = c.hall_id WHERE c.status <> 'draft' AND c.submitted_at IS NOT NULL
         AND ${day('c.submitted_at')} BETWEEN ${p.from}::date AND ${p.to}::date AND ${region}) AS received,
      (SELECT count(*) FROM cases c LEFT JOIN halls h ON h.id = c.hall_id WHERE c.status IN ('completed','issued','delivered') AND c.completed_at IS NOT NULL
         AND ${day('c.completed_at')} BETWEEN ${p.from}::date AND ${p.to}::date AND ${region}) AS completed,
      (SELECT count(*) FROM cases c LEFT JOIN halls h ON h.id = c.hall_id WHERE c.status IN ('completed','issued','delivered') AND c.completed_at IS NOT NULL
         AND (c.decided_on IS NULL OR c.promised_due_on IS NULL OR c.decided_on <= c.promised_due_on)
         AND ${day('c.completed_at')} BETWEEN ${p.from}::date AND ${p.to}::date AND ${region}) AS completed_on_time`.execute(db)
  ).rows[0];
  return { received: num(r.received), completed: num(r.completed), completedOnTime: num(r.completed_on_time) };
}

export type BreakdownBy = 'region' | 'department' | 'item' | 'window' | 'staff';
export type BreakdownRow = {
  key: string;
  received: number;
  completed: number;
  completedOnTime: number;
  workDays: number;
  rated: number;
  ratings: number;
  scoreSum: number;
  bad: number;
  accepted: number;
};

/** Figures per region (the children of the scope's region, down to townships), department, item, window or staff member. */
export async function breakdown(db: Kysely<DB>, s: Scope, p: Period, by: BreakdownBy, childLength: number): Promise<BreakdownRow[]> {
  if (by === 'staff') {
    const rows = (
      await sql<Record<string, unknown>>`
      SELECT staff_id AS key, 0 AS received, sum(completed) AS completed, 0 AS completed_on_time, 0 AS work_days, 0 AS rated,
        sum(ratings) AS ratings, sum(score_sum) AS score_sum, sum(bad) AS bad, sum(accepted) AS accepted
      FROM supervision_staff_daily
      WHERE day BETWEEN ${p.from}::date AND ${p.to}::date AND region_code LIKE ${like(s.regionCode)}
        ${s.departmentId ? sql`AND department_id = ${s.departmentId}` : sql``}
      GROUP BY staff_id`.execute(db)
    ).rows;
    return rows.map(toRow);
  }
  const key = by === 'region' ? sql.raw(`left(region_code, ${childLength})`) : sql.raw(`${by}_id::text`);
  const rows = (
    await sql<Record<string, unknown>>`
    WITH c AS (
      SELECT ${key} AS key, sum(received) AS received, sum(completed) AS completed, sum(completed_on_time) AS completed_on_time,
        sum(work_days) AS work_days, sum(rated) AS rated
      FROM supervision_case_daily WHERE ${rollupWhere(s, p)} GROUP BY 1
    ), r AS (
      SELECT ${key} AS key, sum(ratings) AS ratings, sum(score_sum) AS score_sum, sum(bad) AS bad
      FROM supervision_rating_daily WHERE ${rollupWhere(s, p)} GROUP BY 1
    )
    SELECT coalesce(c.key, r.key) AS key, c.received, c.completed, c.completed_on_time, c.work_days, c.rated, r.ratings, r.score_sum, r.bad, 0 AS accepted
    FROM c FULL JOIN r ON r.key = c.key`.execute(db)
  ).rows;
  return rows.map(toRow);
}

function toRow(x: Record<string, unknown>): BreakdownRow {
  return {
    key: String(x.key),
    received: num(x.received),
    completed: num(x.completed),
    completedOnTime: num(x.completed_on_time),
    workDays: num(x.work_days),
    rated: num(x.rated),
    ratings: num(x.ratings),
    scoreSum: num(x.score_sum),
    bad: num(x.bad),
    accepted: num(x.accepted),
  };
}

/** Figures per month (or day) of the period. */
export async function trend(db: Kysely<DB>, s: Scope, p: Period, granularity: 'month' | 'day') {
  const bucket = granularity === 'month' ? sql.raw(`to_char(day, 'YYYY-MM')`) : sql.raw(`to_char(day, 'YYYY-MM-DD')`);
  const rows = (
    await sql<Record<string, unknown>>`
    WITH c AS (
      SELECT ${bucket} AS bucket, sum(received) AS received, sum(completed) AS completed, sum(completed_on_time) AS completed_on_time, sum(rated) AS rated
      FROM supervision_case_daily WHERE ${rollupWhere(s, p)} GROUP BY 1
    ), r AS (
      SELECT ${bucket} AS bucket, sum(ratings) AS ratings, sum(satisfied) AS satisfied, sum(bad) AS bad
      FROM supervision_rating_daily WHERE ${rollupWhere(s, p)} GROUP BY 1
    )
    SELECT coalesce(c.bucket, r.bucket) AS bucket, c.received, c.completed, c.completed_on_time, c.rated, r.ratings, r.satisfied, r.bad
    FROM c FULL JOIN r ON r.bucket = c.bucket ORDER BY 1`.execute(db)
  ).rows;
  return rows.map((x) => ({
    bucket: String(x.bucket),
    received: num(x.received),
    completed: num(x.completed),
    completedOnTime: num(x.completed_on_time),
    rated: num(x.rated),
    ratings: num(x.ratings),
    satisfied: num(x.satisfied),
    bad: num(x.bad),
  }));
}

/** Names for breakdown keys. */
export async function namesOf(db: Kysely<DB>, by: BreakdownBy, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter((k) => k !== NONE);
  if (ids.length === 0) return new Map();
  const rows: { key: string; name: string }[] =
    by === 'region'
      ? await db.selectFrom('regions').select(['code as key', 'name']).where('code', 'in', ids).execute()
      : by === 'department'
        ? await db.selectFrom('departments').select(['id as key', 'name']).where('id', 'in', ids).execute()
        : by === 'item'
          ? await db.selectFrom('items').select(['id as key', 'name']).where('id', 'in', ids).execute()
          : by === 'window'
            ? await db
                .selectFrom('windows as w')
                .innerJoin('halls as h', 'h.id', 'w.hall_id')
                .select(['w.id as key', sql<string>`h.name || ' ' || w.number || '号 ' || w.name`.as('name')])
                .where('w.id', 'in', ids)
                .execute()
            : await db.selectFrom('accounts').select(['id as key', 'display_name as name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.key, r.name]));
}

/** The child regions of a region (its townships for a county), for the tree. */
export function childRegions(db: Kysely<DB>, code: string) {
  return db.selectFrom('regions').select(['code', 'name', 'level']).where('parent_code', '=', code).orderBy('code').execute();
}

export function findRegion(db: Kysely<DB>, code: string) {
  return db.selectFrom('regions').select(['code', 'name', 'level', 'parent_code']).where('code', '=', code).executeTakeFirst();
}

/** Open cases past or near their promised due date (red / yellow warnings) in the region. */
export async function warnedCases(db: Kysely<DB>, s: Scope, limit: number) {
  const base = db
    .selectFrom('cases as c')
    .where('c.status', 'in', ['accepted', 'review', 'special', 'suspended'])
    .where('c.warning_level', 'in', ['red', 'yellow'])
    .where((eb) => eb.or([eb('c.region_code', 'like', like(s.regionCode)), eb('c.accept_region_code', 'like', like(s.regionCode))]))
    .$if(!!s.departmentId, (q) => q.where('c.department_id', '=', s.departmentId!));
  const counts = await base
    .select(['c.warning_level', sql<number>`count(*)`.as('n')])
    .groupBy('c.warning_level')
    .execute();
  const rows = await base
    .innerJoin('departments as d', 'd.id', 'c.department_id')
    .leftJoin('accounts as a', 'a.id', 'c.handler_id')
    .select([
      'c.id',
      'c.number',
      'c.item_name',
      'c.status',
      'c.warning_level',
      'c.promised_due_on',
      'c.applicant_name_masked',
      'd.name as department_name',
      'a.display_name as handler_name',
    ])
    .orderBy(sql`CASE c.warning_level WHEN 'red' THEN 0 ELSE 1 END`)
    .orderBy('c.promised_due_on')
    .limit(limit)
    .execute();
  return {
    red: num(counts.find((c) => c.warning_level === 'red')?.n),
    yellow: num(counts.find((c) => c.warning_level === 'yellow')?.n),
    rows,
  };
}

/** The bad-rating board: the newest bad ratings of the region with their rectification. */
export async function badRatings(db: Kysely<DB>, s: Scope, p: Period, limit: number) {
  return db
    .selectFrom('evaluations as e')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .leftJoin('items as i', 'i.id', 'e.item_id')
    .leftJoin('cases as c', 'c.id', 'e.case_id')
    .leftJoin('windows as w', 'w.id', 'e.window_id')
    .leftJoin('rectifications as r', 'r.evaluation_id', 'e.id')
    .select([
      'e.id',
      'e.score',
      'e.channel',
      'e.tags',
      'e.comment',
      'e.excluded',
      'e.created_at',
      'd.name as department_name',
      'i.name as item_name',
      'c.number as case_number',
      'w.number as window_number',
      'w.name as window_name',
      'r.id as rectification_id',
      'r.status as rectification_status',
      'r.due_on as rectification_due_on',
      'r.callback_at',
    ])
    .where('e.score', '<=', 2)
    .where('e.region_code', 'like', like(s.regionCode))
    .where(sql<SqlBool>`e.created_at >= (${p.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`)
    .where(sql<SqlBool>`e.created_at < ((${p.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`)
    .$if(!!s.departmentId, (q) => q.where('e.department_id', '=', s.departmentId!))
    .orderBy('e.created_at', 'desc')
    .limit(limit)
    .execute();
}

// ------------------------------------------------------------------ targets

export type TargetRow = {
  id: string;
  region_code: string;
  year: number;
  indicator: string;
  comparator: 'gte' | 'lte';
  value: string | number;
  note: string | null;
  version: number;
  updated_at: Date | null;
};

/** The targets that apply to a region in a year: its own or its nearest ancestor's, of the latest year ≤ `year`. */
export async function applicableTargets(db: Kysely<DB>, regionCode: string, year: number): Promise<TargetRow[]> {
  const chain: string[] = [];
  for (const len of [2, 4, 6, 9, 12]) if (regionCode.length >= len) chain.push(regionCode.slice(0, len));
  const rows = await db.selectFrom('assessment_targets').selectAll().where('region_code', 'in', chain).where('year', '<=', year).execute();
  const best = new Map<string, TargetRow>();
  for (const r of rows as TargetRow[]) {
    const cur = best.get(r.indicator);
    if (!cur || r.region_code.length > cur.region_code.length || (r.region_code.length === cur.region_code.length && r.year > cur.year))
      best.set(r.indicator, r);
  }
  return [...best.values()];
}

export function listTargets(db: Kysely<DB>, regionCode: string, year?: number) {
  return db
    .selectFrom('assessment_targets')
    .selectAll()
    .where('region_code', '=', regionCode)
    .$if(year !== undefined, (q) => q.where('year', '=', year!))
    .orderBy('year', 'desc')
    .orderBy('indicator')
    .execute() as Promise<TargetRow[]>;
}

export function findTarget(db: Kysely<DB>, regionCode: string, year: number, indicator: string) {
  return db
    .selectFrom('assessment_targets')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('year', '=', year)
    .where('indicator', '=', indicator)
    .executeTakeFirst() as Promise<TargetRow | undefined>;
}

export function findTargetById(db: Kysely<DB>, id: string) {
  return db.selectFrom('assessment_targets').selectAll().where('id', '=', id).executeTakeFirst() as Promise<TargetRow | undefined>;
}

export function insertTarget(
  db: Kysely<DB>,
  t: {
    region_code: string;
    year: number;
    indicator: string;
    comparator: 'gte' | 'lte';
    value: number;
    note: string | null;
    updated_by: string | null;
    updated_at: Date;
  },
) {
  return db.insertInto('assessment_targets').values(t).returningAll().executeTakeFirstOrThrow() as Promise<TargetRow>;
}

export function updateTarget(
  db: Kysely<DB>,
  id: string,
  version: number,
  t: { comparator: 'gte' | 'lte'; value: number; note: string | null; updated_by: string | null; updated_at: Date },
) {
  return db
    .updateTable('assessment_targets')
    .set({ ...t, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst() as Promise<TargetRow | undefined>;
}

export function deleteTarget(db: Kysely<DB>, id: string, version: number) {
  return db.deleteFrom('assessment_targets').where('id', '=', id).where('version', '=', version).executeTakeFirst();
}

// ------------------------------------------------------------------ working days (supervision_workdays)

/** The calendars the working-day table holds (region codes, '' = national), with their number of days and range. */
export async function workdayCalendars(db: Kysely<DB>) {
  const rows = await sql<{ region_code: string; days: number; first: string; last: string }>`
    SELECT region_code, count(*)::int AS days, min(day) AS first, max(day) AS last FROM supervision_workdays GROUP BY region_code`.execute(
    db,
  );
  return rows.rows;
}

/** The days of each calendar in the table that differ from Monday–Friday (holidays on weekdays, 调休 weekends). */
export async function workdayExceptions(db: Kysely<DB>) {
  const rows = await sql<{ region_code: string; day: string; working: boolean }>`
    SELECT region_code, day, working FROM supervision_workdays WHERE working <> (extract(isodow FROM day) < 6)`.execute(db);
  return rows.rows;
}

/**
 * Takes the working-day table for the rest of the transaction. Every trigger on cases reads it, so
 * this waits for the transactions that counted with the old table to commit, and holds back the
 * ones that would count with it until the new one is in (their contributions stay exact).
 */
export async function lockWorkdays(db: Kysely<DB>): Promise<void> {
  await sql`LOCK TABLE supervision_workdays IN ACCESS EXCLUSIVE MODE`.execute(db);
}

export async function deleteWorkdays(db: Kysely<DB>, regionCodes: string[]): Promise<void> {
  if (regionCodes.length > 0) await db.deleteFrom('supervision_workdays').where('region_code', 'in', regionCodes).execute();
}

/** Writes a calendar's days from `first` to `last`: Monday–Friday except the listed days, with their ordinals. */
export async function fillWorkdays(
  db: Kysely<DB>,
  regionCode: string,
  range: { first: string; last: string },
  exceptions: { day: string; working: boolean }[],
): Promise<void> {
  await sql`
    INSERT INTO supervision_workdays (region_code, day, ordinal, working)
    SELECT ${regionCode}, d, sum(working::int) OVER (ORDER BY d), working
    FROM (SELECT g::date AS d, coalesce(x.working, extract(isodow FROM g) < 6) AS working
      FROM generate_series(${range.first}::timestamp, ${range.last}::timestamp, interval '1 day') g
      LEFT JOIN unnest(${exceptions.map((e) => e.day)}::date[], ${exceptions.map((e) => e.working)}::boolean[]) AS x(day, working)
        ON x.day = g::date) s`.execute(db);
}

/**
 * Adds (sign 1) or subtracts (−1) the working days of completed cases to supervision_case_daily, as
 * the trigger counts them (rollup-sql.ts) with the table as it is now: for the cases decided on or
 * after `from` and accepted before `to` whose region starts with one of `prefixes`. Subtracting,
 * changing the table and adding again in one transaction moves those cases to the new calendar.
 */
export async function addCaseWorkDays(db: Kysely<DB>, sign: 1 | -1, f: { from: string; to: string; prefixes: string[] }) {
  const NONE_KEY = sql.raw(`'${NONE}'::uuid`);
  return sql`
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, shard, work_days)
    SELECT ${sql.raw(shanghaiDay('c.completed_at'))}, coalesce(h.region_code, c.accept_region_code), c.department_id, c.item_id,
      coalesce(c.window_id, ${NONE_KEY}), c.channel, ${sql.raw(SHARD('c.id'))}, ${sign}::int * sum(w.days)
    FROM cases c LEFT JOIN halls h ON h.id = c.hall_id
      JOIN LATERAL (${sql.raw(workdaysBetweenSql('c.region_code', 'c.accepted_on', 'c.decided_on'))}) w ON true
    WHERE c.status IN ${sql.raw(COMPLETE)} AND c.completed_at IS NOT NULL
      AND c.decided_on >= ${f.from}::date AND c.accepted_on < ${f.to}::date AND c.region_code LIKE ANY (${f.prefixes.map(like)}::text[])
    GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(w.days) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel, shard) DO UPDATE SET work_days = t.work_days + excluded.work_days`.execute(
    db,
  );
}
