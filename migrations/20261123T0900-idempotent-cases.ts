import { sql, type Kysely } from 'kysely';

/**
 * Exactly-once submissions across crashes: the Idempotency-Key of the request that created a case is
 * stored on the case in the same transaction, unique per creating account. A retry after the server
 * died between committing the case and recording the answer finds the case instead of making another.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases ADD COLUMN idempotency_key text`.execute(db);
  await sql`CREATE UNIQUE INDEX cases_idempotency ON cases(created_by, idempotency_key) WHERE idempotency_key IS NOT NULL`.execute(db);
}
