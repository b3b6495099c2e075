import { sql, type Kysely } from 'kysely';

/**
 * Supervision (效能监察) and assessment (考核): daily rollups of cases, ratings and staff that the
 * indicators read, the working-day ordinals they count handling time with, and the targets.
 *
 * The rollups are kept current incrementally by statement-level triggers with transition tables:
 * every INSERT/UPDATE/DELETE of cases, evaluations and rectifications subtracts the old rows'
 * contributions and adds the new ones' in the same transaction, whoever the writer is (the case
 * engine, the deadline sweep, the rating service, a bulk generator). Nothing recomputes from scratch
 * on read. The contributions are the indicator definitions of modules/supervision/indicators.ts.
 *
 * Frozen: the statements are literal text, as modules/supervision/rollup-sql.ts generated them when
 * this migration was written, and the migration imports nothing but kysely (later migrations redefine
 * the functions; sql/rollup-triggers.sql in that module holds the current ones). The working-day
 * ordinals are those of the national calendar then (chinese-days 1.5.7, 2015–2035): Monday–Friday
 * except the dates listed; the application refills the table from the calendar service at start.
 */
const statements = [
  `ALTER TABLE cases ADD COLUMN IF NOT EXISTS window_id uuid`,
  `CREATE TABLE supervision_workdays (day date PRIMARY KEY, ordinal integer NOT NULL, working boolean NOT NULL)`,
  `INSERT INTO supervision_workdays (day, ordinal, working)
    SELECT d, sum(working::int) OVER (ORDER BY d), working
    FROM (SELECT g::date AS d, coalesce(x.working, extract(isodow FROM g) < 6) AS working
      FROM generate_series(timestamp '2015-01-01', timestamp '2035-12-31', interval '1 day') g
      LEFT JOIN (VALUES
      ('2015-01-01',false), ('2015-01-02',false), ('2015-01-04',true), ('2015-02-15',true), ('2015-02-18',false), ('2015-02-19',false),
      ('2015-02-20',false), ('2015-02-23',false), ('2015-02-24',false), ('2015-02-28',true), ('2015-04-06',false), ('2015-05-01',false),
      ('2015-06-22',false), ('2015-09-03',false), ('2015-09-04',false), ('2015-09-06',true), ('2015-10-01',false), ('2015-10-02',false),
      ('2015-10-05',false), ('2015-10-06',false), ('2015-10-07',false), ('2015-10-10',true), ('2016-01-01',false), ('2016-02-06',true),
      ('2016-02-08',false), ('2016-02-09',false), ('2016-02-10',false), ('2016-02-11',false), ('2016-02-12',false), ('2016-02-14',true),
      ('2016-04-04',false), ('2016-05-02',false), ('2016-06-09',false), ('2016-06-10',false), ('2016-06-12',true), ('2016-09-15',false),
      ('2016-09-16',false), ('2016-09-18',true), ('2016-10-03',false), ('2016-10-04',false), ('2016-10-05',false), ('2016-10-06',false),
      ('2016-10-07',false), ('2016-10-08',true), ('2016-10-09',true), ('2017-01-02',false), ('2017-01-22',true), ('2017-01-27',false),
      ('2017-01-30',false), ('2017-01-31',false), ('2017-02-01',false), ('2017-02-02',false), ('2017-02-04',true), ('2017-04-01',true),
      ('2017-04-03',false), ('2017-04-04',false), ('2017-05-01',false), ('2017-05-27',true), ('2017-05-29',false), ('2017-05-30',false),
      ('2017-09-30',true), ('2017-10-02',false), ('2017-10-03',false), ('2017-10-04',false), ('2017-10-05',false), ('2017-10-06',false),
      ('2018-01-01',false), ('2018-02-11',true), ('2018-02-15',false), ('2018-02-16',false), ('2018-02-19',false), ('2018-02-20',false),
      ('2018-02-21',false), ('2018-02-24',true), ('2018-04-05',false), ('2018-04-06',false), ('2018-04-08',true), ('2018-04-28',true),
      ('2018-04-30',false), ('2018-05-01',false), ('2018-06-18',false), ('2018-09-24',false), ('2018-09-29',true), ('2018-09-30',true),
      ('2018-10-01',false), ('2018-10-02',false), ('2018-10-03',false), ('2018-10-04',false), ('2018-10-05',false), ('2018-12-29',true),
      ('2018-12-31',false), ('2019-01-01',false), ('2019-02-02',true), ('2019-02-03',true), ('2019-02-04',false), ('2019-02-05',false),
      ('2019-02-06',false), ('2019-02-07',false), ('2019-02-08',false), ('2019-04-05',false), ('2019-04-28',true), ('2019-05-01',false),
      ('2019-05-02',false), ('2019-05-03',false), ('2019-05-05',true), ('2019-06-07',false), ('2019-09-13',false), ('2019-09-29',true),
      ('2019-10-01',false), ('2019-10-02',false), ('2019-10-03',false), ('2019-10-04',false), ('2019-10-07',false), ('2019-10-12',true),
      ('2020-01-01',false), ('2020-01-19',true), ('2020-01-24',false), ('2020-01-27',false), ('2020-01-28',false), ('2020-01-29',false),
      ('2020-01-30',false), ('2020-01-31',false), ('2020-04-06',false), ('2020-04-26',true), ('2020-05-01',false), ('2020-05-04',false),
      ('2020-05-05',false), ('2020-05-09',true), ('2020-06-25',false), ('2020-06-26',false), ('2020-06-28',true), ('2020-09-27',true),
      ('2020-10-01',false), ('2020-10-02',false), ('2020-10-05',false), ('2020-10-06',false), ('2020-10-07',false), ('2020-10-08',false),
      ('2020-10-10',true), ('2021-01-01',false), ('2021-02-07',true), ('2021-02-11',false), ('2021-02-12',false), ('2021-02-15',false),
      ('2021-02-16',false), ('2021-02-17',false), ('2021-02-20',true), ('2021-04-05',false), ('2021-04-25',true), ('2021-05-03',false),
      ('2021-05-04',false), ('2021-05-05',false), ('2021-05-08',true), ('2021-06-14',false), ('2021-09-18',true), ('2021-09-20',false),
      ('2021-09-21',false), ('2021-09-26',true), ('2021-10-01',false), ('2021-10-04',false), ('2021-10-05',false), ('2021-10-06',false),
      ('2021-10-07',false), ('2021-10-09',true), ('2022-01-03',false), ('2022-01-29',true), ('2022-01-30',true), ('2022-01-31',false),
      ('2022-02-01',false), ('2022-02-02',false), ('2022-02-03',false), ('2022-02-04',false), ('2022-04-02',true), ('2022-04-04',false),
      ('2022-04-05',false), ('2022-04-24',true), ('2022-05-02',false), ('2022-05-03',false), ('2022-05-04',false), ('2022-05-07',true),
      ('2022-06-03',false), ('2022-09-12',false), ('2022-10-03',false), ('2022-10-04',false), ('2022-10-05',false), ('2022-10-06',false),
      ('2022-10-07',false), ('2022-10-08',true), ('2022-10-09',true), ('2023-01-02',false), ('2023-01-23',false), ('2023-01-24',false),
      ('2023-01-25',false), ('2023-01-26',false), ('2023-01-27',false), ('2023-01-28',true), ('2023-01-29',true), ('2023-04-05',false),
      ('2023-04-23',true), ('2023-05-01',false), ('2023-05-02',false), ('2023-05-03',false), ('2023-05-06',true), ('2023-06-22',false),
      ('2023-06-23',false), ('2023-06-25',true), ('2023-09-29',false), ('2023-10-02',false), ('2023-10-03',false), ('2023-10-04',false),
      ('2023-10-05',false), ('2023-10-06',false), ('2023-10-07',true), ('2023-10-08',true), ('2024-01-01',false), ('2024-02-04',true),
      ('2024-02-12',false), ('2024-02-13',false), ('2024-02-14',false), ('2024-02-15',false), ('2024-02-16',false), ('2024-02-18',true),
      ('2024-04-04',false), ('2024-04-05',false), ('2024-04-07',true), ('2024-04-28',true), ('2024-05-01',false), ('2024-05-02',false),
      ('2024-05-03',false), ('2024-05-11',true), ('2024-06-10',false), ('2024-09-14',true), ('2024-09-16',false), ('2024-09-17',false),
      ('2024-09-29',true), ('2024-10-01',false), ('2024-10-02',false), ('2024-10-03',false), ('2024-10-04',false), ('2024-10-07',false),
      ('2024-10-12',true), ('2025-01-01',false), ('2025-01-26',true), ('2025-01-28',false), ('2025-01-29',false), ('2025-01-30',false),
      ('2025-01-31',false), ('2025-02-03',false), ('2025-02-04',false), ('2025-02-08',true), ('2025-04-04',false), ('2025-04-27',true),
      ('2025-05-01',false), ('2025-05-02',false), ('2025-05-05',false), ('2025-06-02',false), ('2025-09-28',true), ('2025-10-01',false),
      ('2025-10-02',false), ('2025-10-03',false), ('2025-10-06',false), ('2025-10-07',false), ('2025-10-08',false), ('2025-10-11',true),
      ('2026-01-01',false), ('2026-01-02',false), ('2026-01-04',true), ('2026-02-14',true), ('2026-02-16',false), ('2026-02-17',false),
      ('2026-02-18',false), ('2026-02-19',false), ('2026-02-20',false), ('2026-02-23',false), ('2026-02-28',true), ('2026-04-06',false),
      ('2026-05-01',false), ('2026-05-04',false), ('2026-05-05',false), ('2026-05-09',true), ('2026-06-19',false), ('2026-09-20',true),
      ('2026-09-25',false), ('2026-10-01',false), ('2026-10-02',false), ('2026-10-05',false), ('2026-10-06',false), ('2026-10-07',false),
      ('2026-10-10',true)
      ) x(day, working) ON x.day::date = g::date) s`,
  `CREATE TABLE supervision_case_daily (
      day date NOT NULL,
      region_code text NOT NULL,
      department_id uuid NOT NULL,
      item_id uuid NOT NULL,
      window_id uuid NOT NULL,
      channel text NOT NULL,
      received integer NOT NULL DEFAULT 0,
      received_online integer NOT NULL DEFAULT 0,
      completed integer NOT NULL DEFAULT 0,
      completed_on_time integer NOT NULL DEFAULT 0,
      work_days bigint NOT NULL DEFAULT 0,
      handling_seconds bigint NOT NULL DEFAULT 0,
      rated integer NOT NULL DEFAULT 0,
      PRIMARY KEY (day, region_code, department_id, item_id, window_id, channel)
    )`,
  `CREATE TABLE supervision_rating_daily (
      day date NOT NULL,
      region_code text NOT NULL,
      department_id uuid NOT NULL,
      item_id uuid NOT NULL,
      window_id uuid NOT NULL,
      channel text NOT NULL,
      ratings integer NOT NULL DEFAULT 0,
      score_sum bigint NOT NULL DEFAULT 0,
      satisfied integer NOT NULL DEFAULT 0,
      bad integer NOT NULL DEFAULT 0,
      bad_called_back integer NOT NULL DEFAULT 0,
      bad_rectified integer NOT NULL DEFAULT 0,
      PRIMARY KEY (day, region_code, department_id, item_id, window_id, channel)
    )`,
  `CREATE TABLE supervision_staff_daily (
      day date NOT NULL,
      staff_id uuid NOT NULL,
      region_code text NOT NULL,
      department_id uuid NOT NULL,
      accepted integer NOT NULL DEFAULT 0,
      completed integer NOT NULL DEFAULT 0,
      ratings integer NOT NULL DEFAULT 0,
      score_sum bigint NOT NULL DEFAULT 0,
      bad integer NOT NULL DEFAULT 0,
      PRIMARY KEY (day, staff_id, region_code, department_id)
    )`,
  `CREATE TABLE assessment_targets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_code text NOT NULL REFERENCES regions(code),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      indicator text NOT NULL,
      comparator text NOT NULL CHECK (comparator IN ('gte','lte')),
      value numeric NOT NULL,
      note text,
      version integer NOT NULL DEFAULT 1,
      updated_by uuid REFERENCES accounts(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (region_code, year, indicator)
    )`,
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
  `CREATE TRIGGER supervision_rollup_cases_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_rollup_cases_insert()`,
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
  `CREATE TRIGGER supervision_rollup_cases_update AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_rollup_cases_update()`,
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
  `CREATE TRIGGER supervision_rollup_cases_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_rollup_cases_delete()`,
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
  `CREATE TRIGGER supervision_rollup_evaluations_insert AFTER INSERT ON evaluations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_rollup_evaluations_insert()`,
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
  `CREATE TRIGGER supervision_rollup_evaluations_update AFTER UPDATE ON evaluations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_rollup_evaluations_update()`,
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
  `CREATE TRIGGER supervision_rollup_evaluations_delete AFTER DELETE ON evaluations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_rollup_evaluations_delete()`,
  `CREATE OR REPLACE FUNCTION supervision_rollup_rectifications_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH r AS (SELECT n.*, 1 AS sign FROM new_rows n)
    INSERT INTO supervision_rating_daily AS t (day, region_code, department_id, item_id, window_id, channel, bad_called_back, bad_rectified)
    SELECT ((e.created_at) AT TIME ZONE 'Asia/Shanghai')::date, coalesce(h.region_code, e.region_code), e.department_id, coalesce(e.item_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(e.window_id, '00000000-0000-0000-0000-000000000000'::uuid), e.channel,
      sum(CASE WHEN r.callback_at IS NOT NULL THEN r.sign ELSE 0 END), sum(CASE WHEN r.status = 'closed' THEN r.sign ELSE 0 END)
    FROM r JOIN evaluations e ON e.id = r.evaluation_id LEFT JOIN halls h ON h.id = e.hall_id WHERE NOT e.excluded AND e.score <= 2
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      bad_called_back = t.bad_called_back + excluded.bad_called_back, bad_rectified = t.bad_rectified + excluded.bad_rectified;
RETURN NULL; END $fn$`,
  `CREATE TRIGGER supervision_rollup_rectifications_insert AFTER INSERT ON rectifications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_rollup_rectifications_insert()`,
  `CREATE OR REPLACE FUNCTION supervision_rollup_rectifications_update() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH r AS (SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 AS sign FROM old_rows o)
    INSERT INTO supervision_rating_daily AS t (day, region_code, department_id, item_id, window_id, channel, bad_called_back, bad_rectified)
    SELECT ((e.created_at) AT TIME ZONE 'Asia/Shanghai')::date, coalesce(h.region_code, e.region_code), e.department_id, coalesce(e.item_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(e.window_id, '00000000-0000-0000-0000-000000000000'::uuid), e.channel,
      sum(CASE WHEN r.callback_at IS NOT NULL THEN r.sign ELSE 0 END), sum(CASE WHEN r.status = 'closed' THEN r.sign ELSE 0 END)
    FROM r JOIN evaluations e ON e.id = r.evaluation_id LEFT JOIN halls h ON h.id = e.hall_id WHERE NOT e.excluded AND e.score <= 2
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      bad_called_back = t.bad_called_back + excluded.bad_called_back, bad_rectified = t.bad_rectified + excluded.bad_rectified;
RETURN NULL; END $fn$`,
  `CREATE TRIGGER supervision_rollup_rectifications_update AFTER UPDATE ON rectifications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_rollup_rectifications_update()`,
  `CREATE OR REPLACE FUNCTION supervision_rollup_rectifications_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
WITH r AS (SELECT o.*, -1 AS sign FROM old_rows o)
    INSERT INTO supervision_rating_daily AS t (day, region_code, department_id, item_id, window_id, channel, bad_called_back, bad_rectified)
    SELECT ((e.created_at) AT TIME ZONE 'Asia/Shanghai')::date, coalesce(h.region_code, e.region_code), e.department_id, coalesce(e.item_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(e.window_id, '00000000-0000-0000-0000-000000000000'::uuid), e.channel,
      sum(CASE WHEN r.callback_at IS NOT NULL THEN r.sign ELSE 0 END), sum(CASE WHEN r.status = 'closed' THEN r.sign ELSE 0 END)
    FROM r JOIN evaluations e ON e.id = r.evaluation_id LEFT JOIN halls h ON h.id = e.hall_id WHERE NOT e.excluded AND e.score <= 2
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, region_code, department_id, item_id, window_id, channel) DO UPDATE SET
      bad_called_back = t.bad_called_back + excluded.bad_called_back, bad_rectified = t.bad_rectified + excluded.bad_rectified;
RETURN NULL; END $fn$`,
  `CREATE TRIGGER supervision_rollup_rectifications_delete AFTER DELETE ON rectifications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_rollup_rectifications_delete()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
