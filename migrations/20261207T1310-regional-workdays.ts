import { sql, type Kysely } from 'kysely';

/**
 * One working-day calendar per region. supervision_workdays held the national calendar as it was when
 * migration 20261123T0800 ran, so 平均办理工作日 ignored every override and every notice learned later.
 * It now holds a calendar per region code ('' = national, plus each region with overrides), which the
 * application refills from the calendar service at start and whenever an override or a notice
 * changes (modules/supervision/workdays-service.ts); a completed case counts its working days with
 * the calendar of the longest region code prefixing its own (deciding) region, as its clock does.
 *
 * Frozen: literal text as modules/supervision/rollup-sql.ts generated it (sql/rollup-triggers.sql).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE supervision_workdays ADD COLUMN region_code text NOT NULL DEFAULT ''`,
    `ALTER TABLE supervision_workdays DROP CONSTRAINT supervision_workdays_pkey`,
    `ALTER TABLE supervision_workdays ADD PRIMARY KEY (day, region_code)`,
    `CREATE OR REPLACE FUNCTION supervision_rollup_cases_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH c AS (SELECT s.sign, s.id, coalesce(h.region_code, s.accept_region_code) AS region_code, s.department_id, s.item_id,
      coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.status, s.submitted_at, s.completed_at, s.accepted_on,
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id, s.region_code AS calendar_region,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
      SELECT ((submitted_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, region_code, department_id, item_id, window_id, channel,
        sign AS received, CASE WHEN channel = 'online' THEN sign ELSE 0 END AS received_online,
        0 AS completed, 0 AS on_time, 0 AS work_days, 0::bigint AS seconds, 0 AS rated, (hashtext(id::text) & 15) AS shard
      FROM c WHERE submitted_at IS NOT NULL AND status <> 'draft'
      UNION ALL
      SELECT ((completed_at) AT TIME ZONE 'Asia/Shanghai')::date, region_code, department_id, item_id, window_id, channel, 0, 0, sign,
        CASE WHEN decided_on IS NULL OR promised_due_on IS NULL OR decided_on <= promised_due_on THEN sign ELSE 0 END,
        sign * coalesce(w.days, 0),
        sign * coalesce(extract(epoch FROM c.completed_at - c.submitted_at)::bigint, 0),
        CASE WHEN EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = c.id AND NOT e.excluded) THEN sign ELSE 0 END, (hashtext(c.id::text) & 15)
      FROM c LEFT JOIN LATERAL (SELECT b.ordinal - a.ordinal AS days FROM supervision_workdays a
        JOIN supervision_workdays b ON b.region_code = a.region_code AND b.day = c.decided_on
        WHERE a.day = c.accepted_on AND starts_with(c.calendar_region, a.region_code)
        ORDER BY length(a.region_code) DESC LIMIT 1) w ON true
      WHERE complete)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, shard, received, received_online, completed, completed_on_time, work_days, handling_seconds, rated)
    SELECT day, region_code, department_id, item_id, window_id, channel, shard, sum(received), sum(received_online), sum(completed), sum(on_time), sum(work_days), sum(seconds), sum(rated)
    FROM parts GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(received) <> 0 OR sum(completed) <> 0 OR sum(on_time) <> 0 OR sum(work_days) <> 0 OR sum(seconds) <> 0 OR sum(rated) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel, shard) DO UPDATE SET
      received = t.received + excluded.received, received_online = t.received_online + excluded.received_online,
      completed = t.completed + excluded.completed, completed_on_time = t.completed_on_time + excluded.completed_on_time,
      work_days = t.work_days + excluded.work_days, handling_seconds = t.handling_seconds + excluded.handling_seconds,
      rated = t.rated + excluded.rated;
WITH c AS (SELECT s.sign, s.id, coalesce(h.region_code, s.accept_region_code) AS region_code, s.department_id, s.item_id,
      coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.status, s.submitted_at, s.completed_at, s.accepted_on,
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id, s.region_code AS calendar_region,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
      SELECT accepted_on AS day, accept_clerk_id AS staff_id, region_code, department_id, sign AS accepted, 0 AS completed
      FROM c WHERE accepted_on IS NOT NULL AND accept_clerk_id IS NOT NULL
      UNION ALL
      SELECT ((completed_at) AT TIME ZONE 'Asia/Shanghai')::date, handler_id, region_code, department_id, 0, sign FROM c WHERE complete AND handler_id IS NOT NULL)
    INSERT INTO supervision_staff_daily AS t (day, staff_id, region_code, department_id, accepted, completed)
    SELECT day, staff_id, region_code, department_id, sum(accepted), sum(completed) FROM parts GROUP BY 1, 2, 3, 4
    HAVING sum(accepted) <> 0 OR sum(completed) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, staff_id, region_code, department_id) DO UPDATE SET
      accepted = t.accepted + excluded.accepted, completed = t.completed + excluded.completed;
RETURN NULL; END $fn$`,
    `CREATE OR REPLACE FUNCTION supervision_rollup_cases_update() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH c AS (SELECT s.sign, s.id, coalesce(h.region_code, s.accept_region_code) AS region_code, s.department_id, s.item_id,
      coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.status, s.submitted_at, s.completed_at, s.accepted_on,
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id, s.region_code AS calendar_region,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT n.*, 1 AS sign FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.status,n.submitted_at,n.completed_at,n.accepted_on,n.decided_on,n.promised_due_on,n.hall_id,n.window_id,n.accept_region_code,n.department_id,n.item_id,n.channel,n.accept_clerk_id,n.handler_id,n.region_code) IS DISTINCT FROM (o.status,o.submitted_at,o.completed_at,o.accepted_on,o.decided_on,o.promised_due_on,o.hall_id,o.window_id,o.accept_region_code,o.department_id,o.item_id,o.channel,o.accept_clerk_id,o.handler_id,o.region_code)
    UNION ALL SELECT o.*, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (n.status,n.submitted_at,n.completed_at,n.accepted_on,n.decided_on,n.promised_due_on,n.hall_id,n.window_id,n.accept_region_code,n.department_id,n.item_id,n.channel,n.accept_clerk_id,n.handler_id,n.region_code) IS DISTINCT FROM (o.status,o.submitted_at,o.completed_at,o.accepted_on,o.decided_on,o.promised_due_on,o.hall_id,o.window_id,o.accept_region_code,o.department_id,o.item_id,o.channel,o.accept_clerk_id,o.handler_id,o.region_code)) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
      SELECT ((submitted_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, region_code, department_id, item_id, window_id, channel,
        sign AS received, CASE WHEN channel = 'online' THEN sign ELSE 0 END AS received_online,
        0 AS completed, 0 AS on_time, 0 AS work_days, 0::bigint AS seconds, 0 AS rated, (hashtext(id::text) & 15) AS shard
      FROM c WHERE submitted_at IS NOT NULL AND status <> 'draft'
      UNION ALL
      SELECT ((completed_at) AT TIME ZONE 'Asia/Shanghai')::date, region_code, department_id, item_id, window_id, channel, 0, 0, sign,
        CASE WHEN decided_on IS NULL OR promised_due_on IS NULL OR decided_on <= promised_due_on THEN sign ELSE 0 END,
        sign * coalesce(w.days, 0),
        sign * coalesce(extract(epoch FROM c.completed_at - c.submitted_at)::bigint, 0),
        CASE WHEN EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = c.id AND NOT e.excluded) THEN sign ELSE 0 END, (hashtext(c.id::text) & 15)
      FROM c LEFT JOIN LATERAL (SELECT b.ordinal - a.ordinal AS days FROM supervision_workdays a
        JOIN supervision_workdays b ON b.region_code = a.region_code AND b.day = c.decided_on
        WHERE a.day = c.accepted_on AND starts_with(c.calendar_region, a.region_code)
        ORDER BY length(a.region_code) DESC LIMIT 1) w ON true
      WHERE complete)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, shard, received, received_online, completed, completed_on_time, work_days, handling_seconds, rated)
    SELECT day, region_code, department_id, item_id, window_id, channel, shard, sum(received), sum(received_online), sum(completed), sum(on_time), sum(work_days), sum(seconds), sum(rated)
    FROM parts GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(received) <> 0 OR sum(completed) <> 0 OR sum(on_time) <> 0 OR sum(work_days) <> 0 OR sum(seconds) <> 0 OR sum(rated) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel, shard) DO UPDATE SET
      received = t.received + excluded.received, received_online = t.received_online + excluded.received_online,
      completed = t.completed + excluded.completed, completed_on_time = t.completed_on_time + excluded.completed_on_time,
      work_days = t.work_days + excluded.work_days, handling_seconds = t.handling_seconds + excluded.handling_seconds,
      rated = t.rated + excluded.rated;
WITH c AS (SELECT s.sign, s.id, coalesce(h.region_code, s.accept_region_code) AS region_code, s.department_id, s.item_id,
      coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.status, s.submitted_at, s.completed_at, s.accepted_on,
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id, s.region_code AS calendar_region,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT n.*, 1 AS sign FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.status,n.submitted_at,n.completed_at,n.accepted_on,n.decided_on,n.promised_due_on,n.hall_id,n.window_id,n.accept_region_code,n.department_id,n.item_id,n.channel,n.accept_clerk_id,n.handler_id,n.region_code) IS DISTINCT FROM (o.status,o.submitted_at,o.completed_at,o.accepted_on,o.decided_on,o.promised_due_on,o.hall_id,o.window_id,o.accept_region_code,o.department_id,o.item_id,o.channel,o.accept_clerk_id,o.handler_id,o.region_code)
    UNION ALL SELECT o.*, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (n.status,n.submitted_at,n.completed_at,n.accepted_on,n.decided_on,n.promised_due_on,n.hall_id,n.window_id,n.accept_region_code,n.department_id,n.item_id,n.channel,n.accept_clerk_id,n.handler_id,n.region_code) IS DISTINCT FROM (o.status,o.submitted_at,o.completed_at,o.accepted_on,o.decided_on,o.promised_due_on,o.hall_id,o.window_id,o.accept_region_code,o.department_id,o.item_id,o.channel,o.accept_clerk_id,o.handler_id,o.region_code)) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
      SELECT accepted_on AS day, accept_clerk_id AS staff_id, region_code, department_id, sign AS accepted, 0 AS completed
      FROM c WHERE accepted_on IS NOT NULL AND accept_clerk_id IS NOT NULL
      UNION ALL
      SELECT ((completed_at) AT TIME ZONE 'Asia/Shanghai')::date, handler_id, region_code, department_id, 0, sign FROM c WHERE complete AND handler_id IS NOT NULL)
    INSERT INTO supervision_staff_daily AS t (day, staff_id, region_code, department_id, accepted, completed)
    SELECT day, staff_id, region_code, department_id, sum(accepted), sum(completed) FROM parts GROUP BY 1, 2, 3, 4
    HAVING sum(accepted) <> 0 OR sum(completed) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, staff_id, region_code, department_id) DO UPDATE SET
      accepted = t.accepted + excluded.accepted, completed = t.completed + excluded.completed;
RETURN NULL; END $fn$`,
    `CREATE OR REPLACE FUNCTION supervision_rollup_cases_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH c AS (SELECT s.sign, s.id, coalesce(h.region_code, s.accept_region_code) AS region_code, s.department_id, s.item_id,
      coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.status, s.submitted_at, s.completed_at, s.accepted_on,
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id, s.region_code AS calendar_region,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
      SELECT ((submitted_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, region_code, department_id, item_id, window_id, channel,
        sign AS received, CASE WHEN channel = 'online' THEN sign ELSE 0 END AS received_online,
        0 AS completed, 0 AS on_time, 0 AS work_days, 0::bigint AS seconds, 0 AS rated, (hashtext(id::text) & 15) AS shard
      FROM c WHERE submitted_at IS NOT NULL AND status <> 'draft'
      UNION ALL
      SELECT ((completed_at) AT TIME ZONE 'Asia/Shanghai')::date, region_code, department_id, item_id, window_id, channel, 0, 0, sign,
        CASE WHEN decided_on IS NULL OR promised_due_on IS NULL OR decided_on <= promised_due_on THEN sign ELSE 0 END,
        sign * coalesce(w.days, 0),
        sign * coalesce(extract(epoch FROM c.completed_at - c.submitted_at)::bigint, 0),
        CASE WHEN EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = c.id AND NOT e.excluded) THEN sign ELSE 0 END, (hashtext(c.id::text) & 15)
      FROM c LEFT JOIN LATERAL (SELECT b.ordinal - a.ordinal AS days FROM supervision_workdays a
        JOIN supervision_workdays b ON b.region_code = a.region_code AND b.day = c.decided_on
        WHERE a.day = c.accepted_on AND starts_with(c.calendar_region, a.region_code)
        ORDER BY length(a.region_code) DESC LIMIT 1) w ON true
      WHERE complete)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, shard, received, received_online, completed, completed_on_time, work_days, handling_seconds, rated)
    SELECT day, region_code, department_id, item_id, window_id, channel, shard, sum(received), sum(received_online), sum(completed), sum(on_time), sum(work_days), sum(seconds), sum(rated)
    FROM parts GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(received) <> 0 OR sum(completed) <> 0 OR sum(on_time) <> 0 OR sum(work_days) <> 0 OR sum(seconds) <> 0 OR sum(rated) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel, shard) DO UPDATE SET
      received = t.received + excluded.received, received_online = t.received_online + excluded.received_online,
      completed = t.completed + excluded.completed, completed_on_time = t.completed_on_time + excluded.completed_on_time,
      work_days = t.work_days + excluded.work_days, handling_seconds = t.handling_seconds + excluded.handling_seconds,
      rated = t.rated + excluded.rated;
WITH c AS (SELECT s.sign, s.id, coalesce(h.region_code, s.accept_region_code) AS region_code, s.department_id, s.item_id,
      coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.status, s.submitted_at, s.completed_at, s.accepted_on,
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id, s.region_code AS calendar_region,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
      SELECT accepted_on AS day, accept_clerk_id AS staff_id, region_code, department_id, sign AS accepted, 0 AS completed
      FROM c WHERE accepted_on IS NOT NULL AND accept_clerk_id IS NOT NULL
      UNION ALL
      SELECT ((completed_at) AT TIME ZONE 'Asia/Shanghai')::date, handler_id, region_code, department_id, 0, sign FROM c WHERE complete AND handler_id IS NOT NULL)
    INSERT INTO supervision_staff_daily AS t (day, staff_id, region_code, department_id, accepted, completed)
    SELECT day, staff_id, region_code, department_id, sum(accepted), sum(completed) FROM parts GROUP BY 1, 2, 3, 4
    HAVING sum(accepted) <> 0 OR sum(completed) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, staff_id, region_code, department_id) DO UPDATE SET
      accepted = t.accepted + excluded.accepted, completed = t.completed + excluded.completed;
RETURN NULL; END $fn$`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
