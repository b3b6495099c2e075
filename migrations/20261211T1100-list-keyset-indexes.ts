import { sql, type Kysely } from 'kysely';

/**
 * Keyset pagination of the staff queues (issue 24): a department's cases in queue order — promised due day
 * (none last), then submission (none last), then id — so that a page of a department holding 100,000 cases is
 * read in order from an index and stopped after the page, whatever its depth, instead of sorting the department.
 * Two partial indexes, the live cases and the finished ones: most of a department's cases are finished, and in
 * one index the live queues would step over them (and the finished queue over every live case with a due day).
 * Two narrower ones serve the queues that select few of the live cases: a step's queue (toReview, toCountersign,
 * toDecide: the kind of the current step) and the warning queues (dueSoon, overdue), which would otherwise read
 * every live case of the department to fill a page or count a short list.
 * The expressions and status lists are the ones listQueue orders, compares and filters by (cases/repo.ts).
 */
const order = sql`department_id, (coalesce(promised_due_on, 'infinity'::date)), (coalesce(submitted_at, 'infinity'::timestamptz)), id`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX cases_queue_live ON cases (${order}) WHERE status IN ('submitted','prereview','correction','accepted','review','special','suspended','decided')`.execute(
    db,
  );
  await sql`CREATE INDEX cases_queue_finished ON cases (${order}) WHERE status IN ('completed','issued','delivered','rejected','withdrawn','revoked')`.execute(
    db,
  );
  await sql`CREATE INDEX cases_queue_step ON cases (department_id, ((workflow -> step_index) ->> 'kind'), (coalesce(promised_due_on, 'infinity'::date)), (coalesce(submitted_at, 'infinity'::timestamptz)), id) WHERE status IN ('accepted','review')`.execute(
    db,
  );
  await sql`CREATE INDEX cases_queue_warning ON cases (department_id, warning_level, (coalesce(promised_due_on, 'infinity'::date)), (coalesce(submitted_at, 'infinity'::timestamptz)), id) WHERE status IN ('accepted','review','special','suspended') AND warning_level IN ('yellow','red')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX cases_queue_warning`.execute(db);
  await sql`DROP INDEX cases_queue_step`.execute(db);
  await sql`DROP INDEX cases_queue_finished`.execute(db);
  await sql`DROP INDEX cases_queue_live`.execute(db);
}
