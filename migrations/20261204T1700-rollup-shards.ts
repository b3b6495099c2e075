import { sql, type Kysely } from 'kysely';
import { CASE_COLS, caseRollupSql, evaluationRollupSql, sourceOf, triggerFunctionSql } from './20261123T0800-supervision.ts';

/**
 * Sixteen rows per rollup key. Every submission of an item at a window on a day added 1 to the same
 * supervision_case_daily row, so concurrent submissions queued on that row's lock until each
 * transaction committed (the first bound of issue 9's submission benchmark). The row key now ends
 * with a shard taken from the case id (0–15): a case's contributions, added and subtracted, always
 * land in its own shard, and the indicators already sum over rows. Existing rows are shard 0; a case
 * counted there before this migration and changed afterwards subtracts from its own shard, and the
 * sums stay exact.
 */
const kinds = ['insert', 'update', 'delete'] as const;

function functions(sharded: boolean): string[] {
  return [
    ...kinds.map((kind) =>
      triggerFunctionSql('cases', kind, caseRollupSql(sourceOf(kind, kind === 'update' ? CASE_COLS : undefined), sharded)),
    ),
    ...kinds.map((kind) => triggerFunctionSql('evaluations', kind, evaluationRollupSql(kind, sharded))),
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE supervision_case_daily ADD COLUMN shard smallint NOT NULL DEFAULT 0`,
    `ALTER TABLE supervision_case_daily DROP CONSTRAINT supervision_case_daily_pkey`,
    `ALTER TABLE supervision_case_daily ADD PRIMARY KEY (day, region_code, department_id, item_id, window_id, channel, shard)`,
    ...functions(true),
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const statements = [
    ...functions(false),
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
  for (const s of statements) await sql.raw(s).execute(db);
}
