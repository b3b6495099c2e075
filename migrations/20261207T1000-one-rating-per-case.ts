import { sql, type Kysely } from 'kysely';

/**
 * One rating per case, whatever the channel (issue 26.8): a case has one applicant, who rated online,
 * through the SMS link or with a window code — not once on each. The partial unique index on
 * (case_id, channel) becomes one on case_id; window visits without a case (case_id null) stay unlimited.
 * Earlier data may hold a case rated on two channels: the migration then stops and names the cases
 * rather than deleting or hiding ratings the statistics have counted (docs/OPERATIONS.md says how to
 * resolve them). The seed never rates a case twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const twice = await sql<{ case_id: string; n: number }>`
    SELECT case_id, count(*)::int AS n FROM evaluations WHERE case_id IS NOT NULL GROUP BY case_id HAVING count(*) > 1 ORDER BY case_id LIMIT 20`.execute(
    db,
  );
  if (twice.rows.length > 0) {
    throw new Error(
      `migration 20261207T1000-one-rating-per-case: ${twice.rows.length}${twice.rows.length === 20 ? '+' : ''} cases are rated more than once ` +
        `(e.g. ${twice.rows
          .slice(0, 5)
          .map((r) => r.case_id)
          .join(', ')}); keep one rating per case (docs/OPERATIONS.md, "One rating per case") and start again`,
    );
  }
  await sql`CREATE UNIQUE INDEX evaluations_one_per_case ON evaluations(case_id) WHERE case_id IS NOT NULL`.execute(db);
  await sql`DROP INDEX evaluations_case_channel`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE UNIQUE INDEX evaluations_case_channel ON evaluations(case_id, channel) WHERE case_id IS NOT NULL`.execute(db);
  await sql`DROP INDEX evaluations_one_per_case`.execute(db);
}
