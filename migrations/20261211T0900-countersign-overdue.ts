import { type Kysely, sql } from 'kysely';

/** 会签 past its department's limit: the sweep tells the department and the case's owner once (overdue_notified_at). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE case_countersigns ADD COLUMN overdue_notified_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE case_countersigns DROP COLUMN overdue_notified_at`.execute(db);
}
