import { sql, type Kysely } from 'kysely';

/**
 * Keyset pagination of the staff queues (issue 24): a department's cases in queue order — promised due day
 * (none last), then submission (none last), then id — so that a page of a department holding 100,000 cases is
 * read in order from the index and stopped after the page, whatever its depth, instead of sorting the department.
 * The expressions are the ones listQueue orders and compares by (cases/repo.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX cases_queue_order ON cases (department_id, (coalesce(promised_due_on, 'infinity'::date)), (coalesce(submitted_at, 'infinity'::timestamptz)), id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX cases_queue_order`.execute(db);
}
