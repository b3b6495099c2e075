/**
 * The SQL of the supervision rollups (效能监察): the statement-level triggers that keep
 * supervision_*_daily current on every INSERT/UPDATE/DELETE of cases, evaluations and
 * rectifications (subtracting the old rows' contributions, adding the new ones', in the same
 * transaction, whoever the writer is). The contributions are the indicator definitions of
 * indicators.ts.
 *
 * This module generates the SQL; it never runs it. Migrations hold their own copy as literal text
 * (a migration imports nothing from src), and `sql-snapshots.test.ts` writes what this module
 * generates to sql/*.sql, so a change to a trigger shows in the diff of a committed file and needs
 * a new migration holding the new text (the test checks that the latest one does).
 */

/** The "none" key of a rollup dimension (a case without a window, a rating without an item). */
export const NONE = '00000000-0000-0000-0000-000000000000';
/** The statuses of a completed case (办结). */
export const COMPLETE = `('completed','issued','delivered')`;
/** The Asia/Shanghai date of a timestamp column. */
export const day = (col: string) => `((${col}) AT TIME ZONE 'Asia/Shanghai')::date`;
/**
 * The rollup shard of a case (0–15, from its id; migration 20261204T1700): concurrent writers of the
 * same day, region, department, item, window and channel update different rows; readers sum.
 */
export const SHARD = (idCol: string) => `(hashtext(${idCol}::text) & 15)`;

export type TriggerKind = 'insert' | 'update' | 'delete';
const kinds: TriggerKind[] = ['insert', 'update', 'delete'];

/** The case columns a contribution reads; an UPDATE that changes none of them is skipped. */
export const CASE_COLS = [
  'status',
  'submitted_at',
  'completed_at',
  'accepted_on',
  'decided_on',
  'promised_due_on',
  'hall_id',
  'window_id',
  'accept_region_code',
  'department_id',
  'item_id',
  'channel',
  'accept_clerk_id',
  'handler_id',
  'region_code',
];

/**
 * The working days d with `from` < d ≤ `to` by the calendar of the case's region (`region`: the
 * deciding region, whose calendar the case clock uses). supervision_workdays holds one calendar per
 * region that has overrides ('' = national; refilled by the application from the calendar service):
 * the longest region code that prefixes the case's is its calendar. A subquery for LEFT JOIN LATERAL;
 * no row (a day outside the table) counts 0.
 */
export function workdaysBetweenSql(region: string, from: string, to: string): string {
  return `SELECT b.ordinal - a.ordinal AS days FROM supervision_workdays a
        JOIN supervision_workdays b ON b.region_code = a.region_code AND b.day = ${to}
        WHERE a.day = ${from} AND starts_with(${region}, a.region_code)
        ORDER BY length(a.region_code) DESC LIMIT 1`;
}

/** The rows a trigger counts: the new ones (+1), the old ones (−1), or, for an UPDATE, those whose `changed` columns differ. */
export function sourceOf(kind: TriggerKind, changed?: string[]): string {
  const ins = 'SELECT n.*, 1 AS sign FROM new_rows n';
  const del = 'SELECT o.*, -1 AS sign FROM old_rows o';
  if (kind === 'insert') return ins;
  if (kind === 'delete') return del;
  if (!changed) return `${ins} UNION ALL ${del}`;
  const diff = `(${changed.map((c) => `n.${c}`).join(',')}) IS DISTINCT FROM (${changed.map((c) => `o.${c}`).join(',')})`;
  return `SELECT n.*, 1 AS sign FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ${diff}
    UNION ALL SELECT o.*, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${diff}`;
}

/**
 * A case contributes on its submission day: received (办件量), received online; on its completion
 * day (办结 = completed/issued/delivered): completed, completed by the promised due date (按时办结),
 * working days from acceptance to decision (by its region's calendar, as the case clock counts: the
 * days after acceptance up to the decision day), seconds from submission to completion, and rated (at
 * least one counted rating). Region = the region of the hall that took it, else the accepting region.
 */
export function caseRollupSql(src: string): string[] {
  const shard = `, ${SHARD('id')} AS shard`;
  const shardCol = ', shard';
  const groups = '1, 2, 3, 4, 5, 6, 7';
  const c = `SELECT s.sign, s.id, coalesce(h.region_code, s.accept_region_code) AS region_code, s.department_id, s.item_id,
      coalesce(s.window_id, '${NONE}'::uuid) AS window_id, s.channel, s.status, s.submitted_at, s.completed_at, s.accepted_on,
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id, s.region_code AS calendar_region,
      (s.status IN ${COMPLETE} AND s.completed_at IS NOT NULL) AS complete
    FROM (${src}) s LEFT JOIN halls h ON h.id = s.hall_id`;
  const daily = `WITH c AS (${c}), parts AS (
      SELECT ${day('submitted_at')} AS day, region_code, department_id, item_id, window_id, channel,
        sign AS received, CASE WHEN channel = 'online' THEN sign ELSE 0 END AS received_online,
        0 AS completed, 0 AS on_time, 0 AS work_days, 0::bigint AS seconds, 0 AS rated${shard}
      FROM c WHERE submitted_at IS NOT NULL AND status <> 'draft'
      UNION ALL
      SELECT ${day('completed_at')}, region_code, department_id, item_id, window_id, channel, 0, 0, sign,
        CASE WHEN decided_on IS NULL OR promised_due_on IS NULL OR decided_on <= promised_due_on THEN sign ELSE 0 END,
        sign * coalesce(w.days, 0),
        sign * coalesce(extract(epoch FROM c.completed_at - c.submitted_at)::bigint, 0),
        CASE WHEN EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = c.id AND NOT e.excluded) THEN sign ELSE 0 END, ${SHARD('c.id')}
      FROM c LEFT JOIN LATERAL (${workdaysBetweenSql('c.calendar_region', 'c.accepted_on', 'c.decided_on')}) w ON true
      WHERE complete)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel${shardCol}, received, received_online, completed, completed_on_time, work_days, handling_seconds, rated)
    SELECT day, region_code, department_id, item_id, window_id, channel${shardCol}, sum(received), sum(received_online), sum(completed), sum(on_time), sum(work_days), sum(seconds), sum(rated)
    FROM parts GROUP BY ${groups}
    HAVING sum(received) <> 0 OR sum(completed) <> 0 OR sum(on_time) <> 0 OR sum(work_days) <> 0 OR sum(seconds) <> 0 OR sum(rated) <> 0
    ORDER BY ${groups}
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel${shardCol}) DO UPDATE SET
      received = t.received + excluded.received, received_online = t.received_online + excluded.received_online,
      completed = t.completed + excluded.completed, completed_on_time = t.completed_on_time + excluded.completed_on_time,
      work_days = t.work_days + excluded.work_days, handling_seconds = t.handling_seconds + excluded.handling_seconds,
      rated = t.rated + excluded.rated`;
  const staff = `WITH c AS (${c}), parts AS (
      SELECT accepted_on AS day, accept_clerk_id AS staff_id, region_code, department_id, sign AS accepted, 0 AS completed
      FROM c WHERE accepted_on IS NOT NULL AND accept_clerk_id IS NOT NULL
      UNION ALL
      SELECT ${day('completed_at')}, handler_id, region_code, department_id, 0, sign FROM c WHERE complete AND handler_id IS NOT NULL)
    INSERT INTO supervision_staff_daily AS t (day, staff_id, region_code, department_id, accepted, completed)
    SELECT day, staff_id, region_code, department_id, sum(accepted), sum(completed) FROM parts GROUP BY 1, 2, 3, 4
    HAVING sum(accepted) <> 0 OR sum(completed) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, staff_id, region_code, department_id) DO UPDATE SET
      accepted = t.accepted + excluded.accepted, completed = t.completed + excluded.completed`;
  return [daily, staff];
}

/**
 * A counted rating (not excluded by an upheld appeal) contributes on the day it was given: one
 * rating, its score, satisfied (score ≥ 3: 非常满意, 满意, 基本满意), bad (score ≤ 2), and for a bad
 * rating whether the rater was called back (回访) and the rectification closed (整改办结); to each
 * staff member it names; and to its case's completion day as "rated" when it is the case's first.
 * Region = the region of the hall where it was given (a township's), else the rating's region.
 */
export function evaluationRollupSql(kind: TriggerKind): string[] {
  const src = sourceOf(kind);
  const e = `SELECT s.sign, s.id, s.case_id, ${day('s.created_at')} AS day, coalesce(h.region_code, s.region_code) AS region_code, s.department_id,
      coalesce(s.item_id, '${NONE}'::uuid) AS item_id, coalesce(s.window_id, '${NONE}'::uuid) AS window_id, s.channel, s.score, s.staff_ids,
      (r.callback_at IS NOT NULL) AS called_back, (r.status = 'closed') AS rectified
    FROM (${src}) s LEFT JOIN rectifications r ON r.evaluation_id = s.id LEFT JOIN halls h ON h.id = s.hall_id WHERE NOT s.excluded`;
  const daily = `WITH e AS (${e})
    INSERT INTO supervision_rating_daily AS t (day, region_code, department_id, item_id, window_id, channel, ratings, score_sum, satisfied, bad, bad_called_back, bad_rectified)
    SELECT day, region_code, department_id, item_id, window_id, channel, sum(sign), sum(sign * score),
      sum(CASE WHEN score >= 3 THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END),
      sum(CASE WHEN score <= 2 AND called_back THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 AND rectified THEN sign ELSE 0 END)
    FROM e GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, satisfied = t.satisfied + excluded.satisfied,
      bad = t.bad + excluded.bad, bad_called_back = t.bad_called_back + excluded.bad_called_back, bad_rectified = t.bad_rectified + excluded.bad_rectified`;
  const staff = `WITH e AS (${e}), u AS (SELECT day, unnest(staff_ids) AS staff_id, region_code, department_id, sign, score FROM e)
    INSERT INTO supervision_staff_daily AS t (day, staff_id, region_code, department_id, ratings, score_sum, bad)
    SELECT day, staff_id, region_code, department_id, sum(sign), sum(sign * score), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END)
    FROM u GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, staff_id, region_code, department_id) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, bad = t.bad + excluded.bad`;
  const notNew = kind === 'delete' ? '' : 'AND e.id NOT IN (SELECT id FROM new_rows)';
  const oldCounted = kind === 'insert' ? 'false' : 'EXISTS (SELECT 1 FROM old_rows o WHERE o.case_id = a.case_id AND NOT o.excluded)';
  const affected =
    kind === 'insert'
      ? 'SELECT case_id FROM new_rows'
      : kind === 'delete'
        ? 'SELECT case_id FROM old_rows'
        : 'SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows';
  // Two transactions rating the same case at once would both see "not rated before" under READ
  // COMMITTED: a transaction-level advisory lock per case (for statements touching ≤ 1000 cases, i.e.
  // every request; bulk generators write alone) serialises them, and the next statement's fresh
  // snapshot sees the other's committed rating.
  const lock = `PERFORM pg_advisory_xact_lock(hashtextextended('supervision.rated:' || a.case_id::text, 0))
    FROM (SELECT DISTINCT case_id FROM (${affected}) x WHERE case_id IS NOT NULL ORDER BY case_id) a
    WHERE (SELECT count(DISTINCT case_id) FROM (${affected}) y) <= 1000`;
  const rated = `WITH a AS (SELECT DISTINCT case_id FROM (${affected}) x WHERE case_id IS NOT NULL),
      f AS (SELECT a.case_id,
        EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded) AS now_rated,
        (EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded ${notNew}) OR ${oldCounted}) AS was_rated
      FROM a)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, shard, rated)
    SELECT ${day('c.completed_at')}, coalesce(h.region_code, c.accept_region_code), c.department_id, c.item_id, coalesce(c.window_id, '${NONE}'::uuid), c.channel,
      ${SHARD('c.id')}, sum(CASE WHEN f.now_rated THEN 1 ELSE -1 END)
    FROM f JOIN cases c ON c.id = f.case_id LEFT JOIN halls h ON h.id = c.hall_id
    WHERE f.now_rated <> f.was_rated AND c.status IN ${COMPLETE} AND c.completed_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel, shard) DO UPDATE SET rated = t.rated + excluded.rated`;
  return [daily, staff, lock, rated];
}

/** A rectification adds "called back" and "closed" to its (counted, bad) rating's day. */
export function rectificationRollupSql(kind: TriggerKind): string[] {
  return [
    `WITH r AS (${sourceOf(kind)})
    INSERT INTO supervision_rating_daily AS t (day, region_code, department_id, item_id, window_id, channel, bad_called_back, bad_rectified)
    SELECT ${day('e.created_at')}, coalesce(h.region_code, e.region_code), e.department_id, coalesce(e.item_id, '${NONE}'::uuid), coalesce(e.window_id, '${NONE}'::uuid), e.channel,
      sum(CASE WHEN r.callback_at IS NOT NULL THEN r.sign ELSE 0 END), sum(CASE WHEN r.status = 'closed' THEN r.sign ELSE 0 END)
    FROM r JOIN evaluations e ON e.id = r.evaluation_id LEFT JOIN halls h ON h.id = e.hall_id WHERE NOT e.excluded AND e.score <= 2
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      bad_called_back = t.bad_called_back + excluded.bad_called_back, bad_rectified = t.bad_rectified + excluded.bad_rectified`,
  ];
}

/** The trigger function of a table's INSERT, UPDATE or DELETE (CREATE OR REPLACE: later migrations redefine it). */
export function triggerFunctionSql(table: string, kind: TriggerKind, statements: string[]): string {
  const body = statements.map((s) => `${s};`).join('\n');
  return `CREATE OR REPLACE FUNCTION supervision_rollup_${table}_${kind}() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN\n${body}\nRETURN NULL; END $fn$`;
}

/** The statement-level trigger that calls a table's function, with its transition tables. */
export function triggerSql(table: string, kind: TriggerKind): string {
  const fn = `supervision_rollup_${table}_${kind}`;
  const refs =
    kind === 'insert'
      ? 'NEW TABLE AS new_rows'
      : kind === 'delete'
        ? 'OLD TABLE AS old_rows'
        : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
  return `CREATE TRIGGER ${fn} AFTER ${kind.toUpperCase()} ON ${table} REFERENCING ${refs} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`;
}

/** The rollup tables and what each kind of change of them contributes. */
export const rollupTables = {
  cases: (kind: TriggerKind) => caseRollupSql(sourceOf(kind, kind === 'update' ? CASE_COLS : undefined)),
  evaluations: evaluationRollupSql,
  rectifications: rectificationRollupSql,
} as const;

/** Every trigger function as this module defines it now, by function name. */
export function rollupFunctions(): { name: string; sql: string }[] {
  return Object.entries(rollupTables).flatMap(([table, build]) =>
    kinds.map((kind) => ({ name: `supervision_rollup_${table}_${kind}`, sql: triggerFunctionSql(table, kind, build(kind)) })),
  );
}

/** Every trigger, by name (they call the functions above; their text has not changed since migration 20261123T0800). */
export function rollupTriggers(): { name: string; sql: string }[] {
  return Object.keys(rollupTables).flatMap((table) =>
    kinds.map((kind) => ({ name: `supervision_rollup_${table}_${kind}`, sql: triggerSql(table, kind) })),
  );
}
