import { sql, type Kysely } from 'kysely';

/**
 * Sixteen rows per rollup key. Every submission of an item at a window on a day added 1 to the same
 * supervision_case_daily row, so concurrent submissions queued on that row's lock until each
 * transaction committed (the first bound of issue 9's submission benchmark). The row key now ends
 * with a shard taken from the case id (0–15): a case's contributions, added and subtracted, always
 * land in its own shard, and the indicators already sum over rows. Existing rows are shard 0; a case
 * counted there before this migration and changed afterwards subtracts from its own shard, and the
 * sums stay exact.
 *
 * Frozen: literal text as modules/supervision/rollup-sql.ts generated it then; `down` restores the
 * unsharded functions of migration 20261123T0800 (the same text, copied, since a migration imports
 * nothing but kysely).
 */
const upStatements = [
  `ALTER TABLE supervision_case_daily ADD COLUMN shard smallint NOT NULL DEFAULT 0`,
  `ALTER TABLE supervision_case_daily DROP CONSTRAINT supervision_case_daily_pkey`,
  `ALTER TABLE supervision_case_daily ADD PRIMARY KEY (day, region_code, department_id, item_id, window_id, channel, shard)`,
  `CREATE OR REPLACE FUNCTION supervision_rollup_cases_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH c AS (SELECT s.sign, s.id, coalesce(h.region_code, s.accept_region_code) AS region_code, s.department_id, s.item_id,
      coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.status, s.submitted_at, s.completed_at, s.accepted_on,
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
      SELECT ((submitted_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, region_code, department_id, item_id, window_id, channel,
        sign AS received, CASE WHEN channel = 'online' THEN sign ELSE 0 END AS received_online,
        0 AS completed, 0 AS on_time, 0 AS work_days, 0::bigint AS seconds, 0 AS rated, (hashtext(id::text) & 15) AS shard
      FROM c WHERE submitted_at IS NOT NULL AND status <> 'draft'
      UNION ALL
      SELECT ((completed_at) AT TIME ZONE 'Asia/Shanghai')::date, region_code, department_id, item_id, window_id, channel, 0, 0, sign,
        CASE WHEN decided_on IS NULL OR promised_due_on IS NULL OR decided_on <= promised_due_on THEN sign ELSE 0 END,
        sign * coalesce(b.ordinal - a.ordinal, 0),
        sign * coalesce(extract(epoch FROM c.completed_at - c.submitted_at)::bigint, 0),
        CASE WHEN EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = c.id AND NOT e.excluded) THEN sign ELSE 0 END, (hashtext(c.id::text) & 15)
      FROM c LEFT JOIN supervision_workdays a ON a.day = c.accepted_on LEFT JOIN supervision_workdays b ON b.day = c.decided_on
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
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id,
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
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT n.*, 1 AS sign FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.status,n.submitted_at,n.completed_at,n.accepted_on,n.decided_on,n.promised_due_on,n.hall_id,n.window_id,n.accept_region_code,n.department_id,n.item_id,n.channel,n.accept_clerk_id,n.handler_id) IS DISTINCT FROM (o.status,o.submitted_at,o.completed_at,o.accepted_on,o.decided_on,o.promised_due_on,o.hall_id,o.window_id,o.accept_region_code,o.department_id,o.item_id,o.channel,o.accept_clerk_id,o.handler_id)
    UNION ALL SELECT o.*, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (n.status,n.submitted_at,n.completed_at,n.accepted_on,n.decided_on,n.promised_due_on,n.hall_id,n.window_id,n.accept_region_code,n.department_id,n.item_id,n.channel,n.accept_clerk_id,n.handler_id) IS DISTINCT FROM (o.status,o.submitted_at,o.completed_at,o.accepted_on,o.decided_on,o.promised_due_on,o.hall_id,o.window_id,o.accept_region_code,o.department_id,o.item_id,o.channel,o.accept_clerk_id,o.handler_id)) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
      SELECT ((submitted_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, region_code, department_id, item_id, window_id, channel,
        sign AS received, CASE WHEN channel = 'online' THEN sign ELSE 0 END AS received_online,
        0 AS completed, 0 AS on_time, 0 AS work_days, 0::bigint AS seconds, 0 AS rated, (hashtext(id::text) & 15) AS shard
      FROM c WHERE submitted_at IS NOT NULL AND status <> 'draft'
      UNION ALL
      SELECT ((completed_at) AT TIME ZONE 'Asia/Shanghai')::date, region_code, department_id, item_id, window_id, channel, 0, 0, sign,
        CASE WHEN decided_on IS NULL OR promised_due_on IS NULL OR decided_on <= promised_due_on THEN sign ELSE 0 END,
        sign * coalesce(b.ordinal - a.ordinal, 0),
        sign * coalesce(extract(epoch FROM c.completed_at - c.submitted_at)::bigint, 0),
        CASE WHEN EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = c.id AND NOT e.excluded) THEN sign ELSE 0 END, (hashtext(c.id::text) & 15)
      FROM c LEFT JOIN supervision_workdays a ON a.day = c.accepted_on LEFT JOIN supervision_workdays b ON b.day = c.decided_on
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
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT n.*, 1 AS sign FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.status,n.submitted_at,n.completed_at,n.accepted_on,n.decided_on,n.promised_due_on,n.hall_id,n.window_id,n.accept_region_code,n.department_id,n.item_id,n.channel,n.accept_clerk_id,n.handler_id) IS DISTINCT FROM (o.status,o.submitted_at,o.completed_at,o.accepted_on,o.decided_on,o.promised_due_on,o.hall_id,o.window_id,o.accept_region_code,o.department_id,o.item_id,o.channel,o.accept_clerk_id,o.handler_id)
    UNION ALL SELECT o.*, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (n.status,n.submitted_at,n.completed_at,n.accepted_on,n.decided_on,n.promised_due_on,n.hall_id,n.window_id,n.accept_region_code,n.department_id,n.item_id,n.channel,n.accept_clerk_id,n.handler_id) IS DISTINCT FROM (o.status,o.submitted_at,o.completed_at,o.accepted_on,o.decided_on,o.promised_due_on,o.hall_id,o.window_id,o.accept_region_code,o.department_id,o.item_id,o.channel,o.accept_clerk_id,o.handler_id)) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
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
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
      SELECT ((submitted_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, region_code, department_id, item_id, window_id, channel,
        sign AS received, CASE WHEN channel = 'online' THEN sign ELSE 0 END AS received_online,
        0 AS completed, 0 AS on_time, 0 AS work_days, 0::bigint AS seconds, 0 AS rated, (hashtext(id::text) & 15) AS shard
      FROM c WHERE submitted_at IS NOT NULL AND status <> 'draft'
      UNION ALL
      SELECT ((completed_at) AT TIME ZONE 'Asia/Shanghai')::date, region_code, department_id, item_id, window_id, channel, 0, 0, sign,
        CASE WHEN decided_on IS NULL OR promised_due_on IS NULL OR decided_on <= promised_due_on THEN sign ELSE 0 END,
        sign * coalesce(b.ordinal - a.ordinal, 0),
        sign * coalesce(extract(epoch FROM c.completed_at - c.submitted_at)::bigint, 0),
        CASE WHEN EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = c.id AND NOT e.excluded) THEN sign ELSE 0 END, (hashtext(c.id::text) & 15)
      FROM c LEFT JOIN supervision_workdays a ON a.day = c.accepted_on LEFT JOIN supervision_workdays b ON b.day = c.decided_on
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
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id,
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
  `CREATE OR REPLACE FUNCTION supervision_rollup_evaluations_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH e AS (SELECT s.sign, s.id, s.case_id, ((s.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(h.region_code, s.region_code) AS region_code, s.department_id,
      coalesce(s.item_id, '00000000-0000-0000-0000-000000000000'::uuid) AS item_id, coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.score, s.staff_ids,
      (r.callback_at IS NOT NULL) AS called_back, (r.status = 'closed') AS rectified
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) s LEFT JOIN rectifications r ON r.evaluation_id = s.id LEFT JOIN halls h ON h.id = s.hall_id WHERE NOT s.excluded)
    INSERT INTO supervision_rating_daily AS t (day, region_code, department_id, item_id, window_id, channel, ratings, score_sum, satisfied, bad, bad_called_back, bad_rectified)
    SELECT day, region_code, department_id, item_id, window_id, channel, sum(sign), sum(sign * score),
      sum(CASE WHEN score >= 3 THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END),
      sum(CASE WHEN score <= 2 AND called_back THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 AND rectified THEN sign ELSE 0 END)
    FROM e GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, satisfied = t.satisfied + excluded.satisfied,
      bad = t.bad + excluded.bad, bad_called_back = t.bad_called_back + excluded.bad_called_back, bad_rectified = t.bad_rectified + excluded.bad_rectified;
WITH e AS (SELECT s.sign, s.id, s.case_id, ((s.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(h.region_code, s.region_code) AS region_code, s.department_id,
      coalesce(s.item_id, '00000000-0000-0000-0000-000000000000'::uuid) AS item_id, coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.score, s.staff_ids,
      (r.callback_at IS NOT NULL) AS called_back, (r.status = 'closed') AS rectified
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) s LEFT JOIN rectifications r ON r.evaluation_id = s.id LEFT JOIN halls h ON h.id = s.hall_id WHERE NOT s.excluded), u AS (SELECT day, unnest(staff_ids) AS staff_id, region_code, department_id, sign, score FROM e)
    INSERT INTO supervision_staff_daily AS t (day, staff_id, region_code, department_id, ratings, score_sum, bad)
    SELECT day, staff_id, region_code, department_id, sum(sign), sum(sign * score), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END)
    FROM u GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, staff_id, region_code, department_id) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, bad = t.bad + excluded.bad;
PERFORM pg_advisory_xact_lock(hashtextextended('supervision.rated:' || a.case_id::text, 0))
    FROM (SELECT DISTINCT case_id FROM (SELECT case_id FROM new_rows) x WHERE case_id IS NOT NULL ORDER BY case_id) a
    WHERE (SELECT count(DISTINCT case_id) FROM (SELECT case_id FROM new_rows) y) <= 1000;
WITH a AS (SELECT DISTINCT case_id FROM (SELECT case_id FROM new_rows) x WHERE case_id IS NOT NULL),
      f AS (SELECT a.case_id,
        EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded) AS now_rated,
        (EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded AND e.id NOT IN (SELECT id FROM new_rows)) OR false) AS was_rated
      FROM a)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, shard, rated)
    SELECT ((c.completed_at) AT TIME ZONE 'Asia/Shanghai')::date, coalesce(h.region_code, c.accept_region_code), c.department_id, c.item_id, coalesce(c.window_id, '00000000-0000-0000-0000-000000000000'::uuid), c.channel,
      (hashtext(c.id::text) & 15), sum(CASE WHEN f.now_rated THEN 1 ELSE -1 END)
    FROM f JOIN cases c ON c.id = f.case_id LEFT JOIN halls h ON h.id = c.hall_id
    WHERE f.now_rated <> f.was_rated AND c.status IN ('completed','issued','delivered') AND c.completed_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel, shard) DO UPDATE SET rated = t.rated + excluded.rated;
RETURN NULL; END $fn$`,
  `CREATE OR REPLACE FUNCTION supervision_rollup_evaluations_update() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH e AS (SELECT s.sign, s.id, s.case_id, ((s.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(h.region_code, s.region_code) AS region_code, s.department_id,
      coalesce(s.item_id, '00000000-0000-0000-0000-000000000000'::uuid) AS item_id, coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.score, s.staff_ids,
      (r.callback_at IS NOT NULL) AS called_back, (r.status = 'closed') AS rectified
    FROM (SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 AS sign FROM old_rows o) s LEFT JOIN rectifications r ON r.evaluation_id = s.id LEFT JOIN halls h ON h.id = s.hall_id WHERE NOT s.excluded)
    INSERT INTO supervision_rating_daily AS t (day, region_code, department_id, item_id, window_id, channel, ratings, score_sum, satisfied, bad, bad_called_back, bad_rectified)
    SELECT day, region_code, department_id, item_id, window_id, channel, sum(sign), sum(sign * score),
      sum(CASE WHEN score >= 3 THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END),
      sum(CASE WHEN score <= 2 AND called_back THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 AND rectified THEN sign ELSE 0 END)
    FROM e GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, satisfied = t.satisfied + excluded.satisfied,
      bad = t.bad + excluded.bad, bad_called_back = t.bad_called_back + excluded.bad_called_back, bad_rectified = t.bad_rectified + excluded.bad_rectified;
WITH e AS (SELECT s.sign, s.id, s.case_id, ((s.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(h.region_code, s.region_code) AS region_code, s.department_id,
      coalesce(s.item_id, '00000000-0000-0000-0000-000000000000'::uuid) AS item_id, coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.score, s.staff_ids,
      (r.callback_at IS NOT NULL) AS called_back, (r.status = 'closed') AS rectified
    FROM (SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 AS sign FROM old_rows o) s LEFT JOIN rectifications r ON r.evaluation_id = s.id LEFT JOIN halls h ON h.id = s.hall_id WHERE NOT s.excluded), u AS (SELECT day, unnest(staff_ids) AS staff_id, region_code, department_id, sign, score FROM e)
    INSERT INTO supervision_staff_daily AS t (day, staff_id, region_code, department_id, ratings, score_sum, bad)
    SELECT day, staff_id, region_code, department_id, sum(sign), sum(sign * score), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END)
    FROM u GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, staff_id, region_code, department_id) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, bad = t.bad + excluded.bad;
PERFORM pg_advisory_xact_lock(hashtextextended('supervision.rated:' || a.case_id::text, 0))
    FROM (SELECT DISTINCT case_id FROM (SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows) x WHERE case_id IS NOT NULL ORDER BY case_id) a
    WHERE (SELECT count(DISTINCT case_id) FROM (SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows) y) <= 1000;
WITH a AS (SELECT DISTINCT case_id FROM (SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows) x WHERE case_id IS NOT NULL),
      f AS (SELECT a.case_id,
        EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded) AS now_rated,
        (EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded AND e.id NOT IN (SELECT id FROM new_rows)) OR EXISTS (SELECT 1 FROM old_rows o WHERE o.case_id = a.case_id AND NOT o.excluded)) AS was_rated
      FROM a)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, shard, rated)
    SELECT ((c.completed_at) AT TIME ZONE 'Asia/Shanghai')::date, coalesce(h.region_code, c.accept_region_code), c.department_id, c.item_id, coalesce(c.window_id, '00000000-0000-0000-0000-000000000000'::uuid), c.channel,
      (hashtext(c.id::text) & 15), sum(CASE WHEN f.now_rated THEN 1 ELSE -1 END)
    FROM f JOIN cases c ON c.id = f.case_id LEFT JOIN halls h ON h.id = c.hall_id
    WHERE f.now_rated <> f.was_rated AND c.status IN ('completed','issued','delivered') AND c.completed_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel, shard) DO UPDATE SET rated = t.rated + excluded.rated;
RETURN NULL; END $fn$`,
  `CREATE OR REPLACE FUNCTION supervision_rollup_evaluations_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH e AS (SELECT s.sign, s.id, s.case_id, ((s.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(h.region_code, s.region_code) AS region_code, s.department_id,
      coalesce(s.item_id, '00000000-0000-0000-0000-000000000000'::uuid) AS item_id, coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.score, s.staff_ids,
      (r.callback_at IS NOT NULL) AS called_back, (r.status = 'closed') AS rectified
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) s LEFT JOIN rectifications r ON r.evaluation_id = s.id LEFT JOIN halls h ON h.id = s.hall_id WHERE NOT s.excluded)
    INSERT INTO supervision_rating_daily AS t (day, region_code, department_id, item_id, window_id, channel, ratings, score_sum, satisfied, bad, bad_called_back, bad_rectified)
    SELECT day, region_code, department_id, item_id, window_id, channel, sum(sign), sum(sign * score),
      sum(CASE WHEN score >= 3 THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END),
      sum(CASE WHEN score <= 2 AND called_back THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 AND rectified THEN sign ELSE 0 END)
    FROM e GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, satisfied = t.satisfied + excluded.satisfied,
      bad = t.bad + excluded.bad, bad_called_back = t.bad_called_back + excluded.bad_called_back, bad_rectified = t.bad_rectified + excluded.bad_rectified;
WITH e AS (SELECT s.sign, s.id, s.case_id, ((s.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(h.region_code, s.region_code) AS region_code, s.department_id,
      coalesce(s.item_id, '00000000-0000-0000-0000-000000000000'::uuid) AS item_id, coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.score, s.staff_ids,
      (r.callback_at IS NOT NULL) AS called_back, (r.status = 'closed') AS rectified
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) s LEFT JOIN rectifications r ON r.evaluation_id = s.id LEFT JOIN halls h ON h.id = s.hall_id WHERE NOT s.excluded), u AS (SELECT day, unnest(staff_ids) AS staff_id, region_code, department_id, sign, score FROM e)
    INSERT INTO supervision_staff_daily AS t (day, staff_id, region_code, department_id, ratings, score_sum, bad)
    SELECT day, staff_id, region_code, department_id, sum(sign), sum(sign * score), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END)
    FROM u GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, staff_id, region_code, department_id) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, bad = t.bad + excluded.bad;
PERFORM pg_advisory_xact_lock(hashtextextended('supervision.rated:' || a.case_id::text, 0))
    FROM (SELECT DISTINCT case_id FROM (SELECT case_id FROM old_rows) x WHERE case_id IS NOT NULL ORDER BY case_id) a
    WHERE (SELECT count(DISTINCT case_id) FROM (SELECT case_id FROM old_rows) y) <= 1000;
WITH a AS (SELECT DISTINCT case_id FROM (SELECT case_id FROM old_rows) x WHERE case_id IS NOT NULL),
      f AS (SELECT a.case_id,
        EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded) AS now_rated,
        (EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded ) OR EXISTS (SELECT 1 FROM old_rows o WHERE o.case_id = a.case_id AND NOT o.excluded)) AS was_rated
      FROM a)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, shard, rated)
    SELECT ((c.completed_at) AT TIME ZONE 'Asia/Shanghai')::date, coalesce(h.region_code, c.accept_region_code), c.department_id, c.item_id, coalesce(c.window_id, '00000000-0000-0000-0000-000000000000'::uuid), c.channel,
      (hashtext(c.id::text) & 15), sum(CASE WHEN f.now_rated THEN 1 ELSE -1 END)
    FROM f JOIN cases c ON c.id = f.case_id LEFT JOIN halls h ON h.id = c.hall_id
    WHERE f.now_rated <> f.was_rated AND c.status IN ('completed','issued','delivered') AND c.completed_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel, shard) DO UPDATE SET rated = t.rated + excluded.rated;
RETURN NULL; END $fn$`,
];

const downStatements = [
  `CREATE OR REPLACE FUNCTION supervision_rollup_cases_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH c AS (SELECT s.sign, s.id, coalesce(h.region_code, s.accept_region_code) AS region_code, s.department_id, s.item_id,
      coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.status, s.submitted_at, s.completed_at, s.accepted_on,
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
      SELECT ((submitted_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, region_code, department_id, item_id, window_id, channel,
        sign AS received, CASE WHEN channel = 'online' THEN sign ELSE 0 END AS received_online,
        0 AS completed, 0 AS on_time, 0 AS work_days, 0::bigint AS seconds, 0 AS rated
      FROM c WHERE submitted_at IS NOT NULL AND status <> 'draft'
      UNION ALL
      SELECT ((completed_at) AT TIME ZONE 'Asia/Shanghai')::date, region_code, department_id, item_id, window_id, channel, 0, 0, sign,
        CASE WHEN decided_on IS NULL OR promised_due_on IS NULL OR decided_on <= promised_due_on THEN sign ELSE 0 END,
        sign * coalesce(b.ordinal - a.ordinal, 0),
        sign * coalesce(extract(epoch FROM c.completed_at - c.submitted_at)::bigint, 0),
        CASE WHEN EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = c.id AND NOT e.excluded) THEN sign ELSE 0 END
      FROM c LEFT JOIN supervision_workdays a ON a.day = c.accepted_on LEFT JOIN supervision_workdays b ON b.day = c.decided_on
      WHERE complete)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, received, received_online, completed, completed_on_time, work_days, handling_seconds, rated)
    SELECT day, region_code, department_id, item_id, window_id, channel, sum(received), sum(received_online), sum(completed), sum(on_time), sum(work_days), sum(seconds), sum(rated)
    FROM parts GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(received) <> 0 OR sum(completed) <> 0 OR sum(on_time) <> 0 OR sum(work_days) <> 0 OR sum(seconds) <> 0 OR sum(rated) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      received = t.received + excluded.received, received_online = t.received_online + excluded.received_online,
      completed = t.completed + excluded.completed, completed_on_time = t.completed_on_time + excluded.completed_on_time,
      work_days = t.work_days + excluded.work_days, handling_seconds = t.handling_seconds + excluded.handling_seconds,
      rated = t.rated + excluded.rated;
WITH c AS (SELECT s.sign, s.id, coalesce(h.region_code, s.accept_region_code) AS region_code, s.department_id, s.item_id,
      coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.status, s.submitted_at, s.completed_at, s.accepted_on,
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id,
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
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT n.*, 1 AS sign FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.status,n.submitted_at,n.completed_at,n.accepted_on,n.decided_on,n.promised_due_on,n.hall_id,n.window_id,n.accept_region_code,n.department_id,n.item_id,n.channel,n.accept_clerk_id,n.handler_id) IS DISTINCT FROM (o.status,o.submitted_at,o.completed_at,o.accepted_on,o.decided_on,o.promised_due_on,o.hall_id,o.window_id,o.accept_region_code,o.department_id,o.item_id,o.channel,o.accept_clerk_id,o.handler_id)
    UNION ALL SELECT o.*, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (n.status,n.submitted_at,n.completed_at,n.accepted_on,n.decided_on,n.promised_due_on,n.hall_id,n.window_id,n.accept_region_code,n.department_id,n.item_id,n.channel,n.accept_clerk_id,n.handler_id) IS DISTINCT FROM (o.status,o.submitted_at,o.completed_at,o.accepted_on,o.decided_on,o.promised_due_on,o.hall_id,o.window_id,o.accept_region_code,o.department_id,o.item_id,o.channel,o.accept_clerk_id,o.handler_id)) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
      SELECT ((submitted_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, region_code, department_id, item_id, window_id, channel,
        sign AS received, CASE WHEN channel = 'online' THEN sign ELSE 0 END AS received_online,
        0 AS completed, 0 AS on_time, 0 AS work_days, 0::bigint AS seconds, 0 AS rated
      FROM c WHERE submitted_at IS NOT NULL AND status <> 'draft'
      UNION ALL
      SELECT ((completed_at) AT TIME ZONE 'Asia/Shanghai')::date, region_code, department_id, item_id, window_id, channel, 0, 0, sign,
        CASE WHEN decided_on IS NULL OR promised_due_on IS NULL OR decided_on <= promised_due_on THEN sign ELSE 0 END,
        sign * coalesce(b.ordinal - a.ordinal, 0),
        sign * coalesce(extract(epoch FROM c.completed_at - c.submitted_at)::bigint, 0),
        CASE WHEN EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = c.id AND NOT e.excluded) THEN sign ELSE 0 END
      FROM c LEFT JOIN supervision_workdays a ON a.day = c.accepted_on LEFT JOIN supervision_workdays b ON b.day = c.decided_on
      WHERE complete)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, received, received_online, completed, completed_on_time, work_days, handling_seconds, rated)
    SELECT day, region_code, department_id, item_id, window_id, channel, sum(received), sum(received_online), sum(completed), sum(on_time), sum(work_days), sum(seconds), sum(rated)
    FROM parts GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(received) <> 0 OR sum(completed) <> 0 OR sum(on_time) <> 0 OR sum(work_days) <> 0 OR sum(seconds) <> 0 OR sum(rated) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      received = t.received + excluded.received, received_online = t.received_online + excluded.received_online,
      completed = t.completed + excluded.completed, completed_on_time = t.completed_on_time + excluded.completed_on_time,
      work_days = t.work_days + excluded.work_days, handling_seconds = t.handling_seconds + excluded.handling_seconds,
      rated = t.rated + excluded.rated;
WITH c AS (SELECT s.sign, s.id, coalesce(h.region_code, s.accept_region_code) AS region_code, s.department_id, s.item_id,
      coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.status, s.submitted_at, s.completed_at, s.accepted_on,
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT n.*, 1 AS sign FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.status,n.submitted_at,n.completed_at,n.accepted_on,n.decided_on,n.promised_due_on,n.hall_id,n.window_id,n.accept_region_code,n.department_id,n.item_id,n.channel,n.accept_clerk_id,n.handler_id) IS DISTINCT FROM (o.status,o.submitted_at,o.completed_at,o.accepted_on,o.decided_on,o.promised_due_on,o.hall_id,o.window_id,o.accept_region_code,o.department_id,o.item_id,o.channel,o.accept_clerk_id,o.handler_id)
    UNION ALL SELECT o.*, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (n.status,n.submitted_at,n.completed_at,n.accepted_on,n.decided_on,n.promised_due_on,n.hall_id,n.window_id,n.accept_region_code,n.department_id,n.item_id,n.channel,n.accept_clerk_id,n.handler_id) IS DISTINCT FROM (o.status,o.submitted_at,o.completed_at,o.accepted_on,o.decided_on,o.promised_due_on,o.hall_id,o.window_id,o.accept_region_code,o.department_id,o.item_id,o.channel,o.accept_clerk_id,o.handler_id)) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
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
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id,
      (s.status IN ('completed','issued','delivered') AND s.completed_at IS NOT NULL) AS complete
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) s LEFT JOIN halls h ON h.id = s.hall_id), parts AS (
      SELECT ((submitted_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, region_code, department_id, item_id, window_id, channel,
        sign AS received, CASE WHEN channel = 'online' THEN sign ELSE 0 END AS received_online,
        0 AS completed, 0 AS on_time, 0 AS work_days, 0::bigint AS seconds, 0 AS rated
      FROM c WHERE submitted_at IS NOT NULL AND status <> 'draft'
      UNION ALL
      SELECT ((completed_at) AT TIME ZONE 'Asia/Shanghai')::date, region_code, department_id, item_id, window_id, channel, 0, 0, sign,
        CASE WHEN decided_on IS NULL OR promised_due_on IS NULL OR decided_on <= promised_due_on THEN sign ELSE 0 END,
        sign * coalesce(b.ordinal - a.ordinal, 0),
        sign * coalesce(extract(epoch FROM c.completed_at - c.submitted_at)::bigint, 0),
        CASE WHEN EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = c.id AND NOT e.excluded) THEN sign ELSE 0 END
      FROM c LEFT JOIN supervision_workdays a ON a.day = c.accepted_on LEFT JOIN supervision_workdays b ON b.day = c.decided_on
      WHERE complete)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, received, received_online, completed, completed_on_time, work_days, handling_seconds, rated)
    SELECT day, region_code, department_id, item_id, window_id, channel, sum(received), sum(received_online), sum(completed), sum(on_time), sum(work_days), sum(seconds), sum(rated)
    FROM parts GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(received) <> 0 OR sum(completed) <> 0 OR sum(on_time) <> 0 OR sum(work_days) <> 0 OR sum(seconds) <> 0 OR sum(rated) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      received = t.received + excluded.received, received_online = t.received_online + excluded.received_online,
      completed = t.completed + excluded.completed, completed_on_time = t.completed_on_time + excluded.completed_on_time,
      work_days = t.work_days + excluded.work_days, handling_seconds = t.handling_seconds + excluded.handling_seconds,
      rated = t.rated + excluded.rated;
WITH c AS (SELECT s.sign, s.id, coalesce(h.region_code, s.accept_region_code) AS region_code, s.department_id, s.item_id,
      coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.status, s.submitted_at, s.completed_at, s.accepted_on,
      s.decided_on, s.promised_due_on, s.accept_clerk_id, s.handler_id,
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
  `CREATE OR REPLACE FUNCTION supervision_rollup_evaluations_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH e AS (SELECT s.sign, s.id, s.case_id, ((s.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(h.region_code, s.region_code) AS region_code, s.department_id,
      coalesce(s.item_id, '00000000-0000-0000-0000-000000000000'::uuid) AS item_id, coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.score, s.staff_ids,
      (r.callback_at IS NOT NULL) AS called_back, (r.status = 'closed') AS rectified
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) s LEFT JOIN rectifications r ON r.evaluation_id = s.id LEFT JOIN halls h ON h.id = s.hall_id WHERE NOT s.excluded)
    INSERT INTO supervision_rating_daily AS t (day, region_code, department_id, item_id, window_id, channel, ratings, score_sum, satisfied, bad, bad_called_back, bad_rectified)
    SELECT day, region_code, department_id, item_id, window_id, channel, sum(sign), sum(sign * score),
      sum(CASE WHEN score >= 3 THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END),
      sum(CASE WHEN score <= 2 AND called_back THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 AND rectified THEN sign ELSE 0 END)
    FROM e GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, satisfied = t.satisfied + excluded.satisfied,
      bad = t.bad + excluded.bad, bad_called_back = t.bad_called_back + excluded.bad_called_back, bad_rectified = t.bad_rectified + excluded.bad_rectified;
WITH e AS (SELECT s.sign, s.id, s.case_id, ((s.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(h.region_code, s.region_code) AS region_code, s.department_id,
      coalesce(s.item_id, '00000000-0000-0000-0000-000000000000'::uuid) AS item_id, coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.score, s.staff_ids,
      (r.callback_at IS NOT NULL) AS called_back, (r.status = 'closed') AS rectified
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) s LEFT JOIN rectifications r ON r.evaluation_id = s.id LEFT JOIN halls h ON h.id = s.hall_id WHERE NOT s.excluded), u AS (SELECT day, unnest(staff_ids) AS staff_id, region_code, department_id, sign, score FROM e)
    INSERT INTO supervision_staff_daily AS t (day, staff_id, region_code, department_id, ratings, score_sum, bad)
    SELECT day, staff_id, region_code, department_id, sum(sign), sum(sign * score), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END)
    FROM u GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, staff_id, region_code, department_id) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, bad = t.bad + excluded.bad;
PERFORM pg_advisory_xact_lock(hashtextextended('supervision.rated:' || a.case_id::text, 0))
    FROM (SELECT DISTINCT case_id FROM (SELECT case_id FROM new_rows) x WHERE case_id IS NOT NULL ORDER BY case_id) a
    WHERE (SELECT count(DISTINCT case_id) FROM (SELECT case_id FROM new_rows) y) <= 1000;
WITH a AS (SELECT DISTINCT case_id FROM (SELECT case_id FROM new_rows) x WHERE case_id IS NOT NULL),
      f AS (SELECT a.case_id,
        EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded) AS now_rated,
        (EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded AND e.id NOT IN (SELECT id FROM new_rows)) OR false) AS was_rated
      FROM a)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, rated)
    SELECT ((c.completed_at) AT TIME ZONE 'Asia/Shanghai')::date, coalesce(h.region_code, c.accept_region_code), c.department_id, c.item_id, coalesce(c.window_id, '00000000-0000-0000-0000-000000000000'::uuid), c.channel,
      sum(CASE WHEN f.now_rated THEN 1 ELSE -1 END)
    FROM f JOIN cases c ON c.id = f.case_id LEFT JOIN halls h ON h.id = c.hall_id
    WHERE f.now_rated <> f.was_rated AND c.status IN ('completed','issued','delivered') AND c.completed_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET rated = t.rated + excluded.rated;
RETURN NULL; END $fn$`,
  `CREATE OR REPLACE FUNCTION supervision_rollup_evaluations_update() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH e AS (SELECT s.sign, s.id, s.case_id, ((s.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(h.region_code, s.region_code) AS region_code, s.department_id,
      coalesce(s.item_id, '00000000-0000-0000-0000-000000000000'::uuid) AS item_id, coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.score, s.staff_ids,
      (r.callback_at IS NOT NULL) AS called_back, (r.status = 'closed') AS rectified
    FROM (SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 AS sign FROM old_rows o) s LEFT JOIN rectifications r ON r.evaluation_id = s.id LEFT JOIN halls h ON h.id = s.hall_id WHERE NOT s.excluded)
    INSERT INTO supervision_rating_daily AS t (day, region_code, department_id, item_id, window_id, channel, ratings, score_sum, satisfied, bad, bad_called_back, bad_rectified)
    SELECT day, region_code, department_id, item_id, window_id, channel, sum(sign), sum(sign * score),
      sum(CASE WHEN score >= 3 THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END),
      sum(CASE WHEN score <= 2 AND called_back THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 AND rectified THEN sign ELSE 0 END)
    FROM e GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, satisfied = t.satisfied + excluded.satisfied,
      bad = t.bad + excluded.bad, bad_called_back = t.bad_called_back + excluded.bad_called_back, bad_rectified = t.bad_rectified + excluded.bad_rectified;
WITH e AS (SELECT s.sign, s.id, s.case_id, ((s.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(h.region_code, s.region_code) AS region_code, s.department_id,
      coalesce(s.item_id, '00000000-0000-0000-0000-000000000000'::uuid) AS item_id, coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.score, s.staff_ids,
      (r.callback_at IS NOT NULL) AS called_back, (r.status = 'closed') AS rectified
    FROM (SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 AS sign FROM old_rows o) s LEFT JOIN rectifications r ON r.evaluation_id = s.id LEFT JOIN halls h ON h.id = s.hall_id WHERE NOT s.excluded), u AS (SELECT day, unnest(staff_ids) AS staff_id, region_code, department_id, sign, score FROM e)
    INSERT INTO supervision_staff_daily AS t (day, staff_id, region_code, department_id, ratings, score_sum, bad)
    SELECT day, staff_id, region_code, department_id, sum(sign), sum(sign * score), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END)
    FROM u GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, staff_id, region_code, department_id) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, bad = t.bad + excluded.bad;
PERFORM pg_advisory_xact_lock(hashtextextended('supervision.rated:' || a.case_id::text, 0))
    FROM (SELECT DISTINCT case_id FROM (SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows) x WHERE case_id IS NOT NULL ORDER BY case_id) a
    WHERE (SELECT count(DISTINCT case_id) FROM (SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows) y) <= 1000;
WITH a AS (SELECT DISTINCT case_id FROM (SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows) x WHERE case_id IS NOT NULL),
      f AS (SELECT a.case_id,
        EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded) AS now_rated,
        (EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded AND e.id NOT IN (SELECT id FROM new_rows)) OR EXISTS (SELECT 1 FROM old_rows o WHERE o.case_id = a.case_id AND NOT o.excluded)) AS was_rated
      FROM a)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, rated)
    SELECT ((c.completed_at) AT TIME ZONE 'Asia/Shanghai')::date, coalesce(h.region_code, c.accept_region_code), c.department_id, c.item_id, coalesce(c.window_id, '00000000-0000-0000-0000-000000000000'::uuid), c.channel,
      sum(CASE WHEN f.now_rated THEN 1 ELSE -1 END)
    FROM f JOIN cases c ON c.id = f.case_id LEFT JOIN halls h ON h.id = c.hall_id
    WHERE f.now_rated <> f.was_rated AND c.status IN ('completed','issued','delivered') AND c.completed_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET rated = t.rated + excluded.rated;
RETURN NULL; END $fn$`,
  `CREATE OR REPLACE FUNCTION supervision_rollup_evaluations_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH e AS (SELECT s.sign, s.id, s.case_id, ((s.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(h.region_code, s.region_code) AS region_code, s.department_id,
      coalesce(s.item_id, '00000000-0000-0000-0000-000000000000'::uuid) AS item_id, coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.score, s.staff_ids,
      (r.callback_at IS NOT NULL) AS called_back, (r.status = 'closed') AS rectified
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) s LEFT JOIN rectifications r ON r.evaluation_id = s.id LEFT JOIN halls h ON h.id = s.hall_id WHERE NOT s.excluded)
    INSERT INTO supervision_rating_daily AS t (day, region_code, department_id, item_id, window_id, channel, ratings, score_sum, satisfied, bad, bad_called_back, bad_rectified)
    SELECT day, region_code, department_id, item_id, window_id, channel, sum(sign), sum(sign * score),
      sum(CASE WHEN score >= 3 THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END),
      sum(CASE WHEN score <= 2 AND called_back THEN sign ELSE 0 END), sum(CASE WHEN score <= 2 AND rectified THEN sign ELSE 0 END)
    FROM e GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, satisfied = t.satisfied + excluded.satisfied,
      bad = t.bad + excluded.bad, bad_called_back = t.bad_called_back + excluded.bad_called_back, bad_rectified = t.bad_rectified + excluded.bad_rectified;
WITH e AS (SELECT s.sign, s.id, s.case_id, ((s.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(h.region_code, s.region_code) AS region_code, s.department_id,
      coalesce(s.item_id, '00000000-0000-0000-0000-000000000000'::uuid) AS item_id, coalesce(s.window_id, '00000000-0000-0000-0000-000000000000'::uuid) AS window_id, s.channel, s.score, s.staff_ids,
      (r.callback_at IS NOT NULL) AS called_back, (r.status = 'closed') AS rectified
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) s LEFT JOIN rectifications r ON r.evaluation_id = s.id LEFT JOIN halls h ON h.id = s.hall_id WHERE NOT s.excluded), u AS (SELECT day, unnest(staff_ids) AS staff_id, region_code, department_id, sign, score FROM e)
    INSERT INTO supervision_staff_daily AS t (day, staff_id, region_code, department_id, ratings, score_sum, bad)
    SELECT day, staff_id, region_code, department_id, sum(sign), sum(sign * score), sum(CASE WHEN score <= 2 THEN sign ELSE 0 END)
    FROM u GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, staff_id, region_code, department_id) DO UPDATE SET
      ratings = t.ratings + excluded.ratings, score_sum = t.score_sum + excluded.score_sum, bad = t.bad + excluded.bad;
PERFORM pg_advisory_xact_lock(hashtextextended('supervision.rated:' || a.case_id::text, 0))
    FROM (SELECT DISTINCT case_id FROM (SELECT case_id FROM old_rows) x WHERE case_id IS NOT NULL ORDER BY case_id) a
    WHERE (SELECT count(DISTINCT case_id) FROM (SELECT case_id FROM old_rows) y) <= 1000;
WITH a AS (SELECT DISTINCT case_id FROM (SELECT case_id FROM old_rows) x WHERE case_id IS NOT NULL),
      f AS (SELECT a.case_id,
        EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded) AS now_rated,
        (EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = a.case_id AND NOT e.excluded ) OR EXISTS (SELECT 1 FROM old_rows o WHERE o.case_id = a.case_id AND NOT o.excluded)) AS was_rated
      FROM a)
    INSERT INTO supervision_case_daily AS t (day, region_code, department_id, item_id, window_id, channel, rated)
    SELECT ((c.completed_at) AT TIME ZONE 'Asia/Shanghai')::date, coalesce(h.region_code, c.accept_region_code), c.department_id, c.item_id, coalesce(c.window_id, '00000000-0000-0000-0000-000000000000'::uuid), c.channel,
      sum(CASE WHEN f.now_rated THEN 1 ELSE -1 END)
    FROM f JOIN cases c ON c.id = f.case_id LEFT JOIN halls h ON h.id = c.hall_id
    WHERE f.now_rated <> f.was_rated AND c.status IN ('completed','issued','delivered') AND c.completed_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET rated = t.rated + excluded.rated;
RETURN NULL; END $fn$`,
  `CREATE TABLE supervision_case_daily_merged AS
      SELECT day, region_code, department_id, item_id, window_id, channel, sum(received)::int AS received, sum(received_online)::int AS received_online,
        sum(completed)::int AS completed, sum(completed_on_time)::int AS completed_on_time, sum(work_days)::bigint AS work_days,
        sum(handling_seconds)::bigint AS handling_seconds, sum(rated)::int AS rated
      FROM supervision_case_daily GROUP BY 1, 2, 3, 4, 5, 6`,
  `DELETE FROM supervision_case_daily`,
  `ALTER TABLE supervision_case_daily DROP CONSTRAINT supervision_case_daily_pkey`,
  `ALTER TABLE supervision_case_daily DROP COLUMN shard`,
  `ALTER TABLE supervision_case_daily ADD PRIMARY KEY (day, region_code, department_id, item_id, window_id, channel)`,
  `INSERT INTO supervision_case_daily SELECT * FROM supervision_case_daily_merged`,
  `DROP TABLE supervision_case_daily_merged`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of upStatements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of downStatements) await sql.raw(s).execute(db);
}
