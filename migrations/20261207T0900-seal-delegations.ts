import { type Kysely, sql } from 'kysely';

/**
 * 即办 at the comprehensive window (一窗受理): a department authorises named window staff to decide and seal chosen
 * immediate items with its electronic seal (授权); revocable; each grant and revocation is audited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE seal_delegations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    department_id uuid NOT NULL REFERENCES departments(id),
    account_id uuid NOT NULL REFERENCES accounts(id),
    item_ids uuid[] NOT NULL,
    granted_by uuid NOT NULL REFERENCES accounts(id),
    granted_at timestamptz NOT NULL,
    note text,
    revoked_at timestamptz,
    revoked_by uuid REFERENCES accounts(id),
    revoke_reason text,
    version integer NOT NULL DEFAULT 1
  )`.execute(db);
  await sql`CREATE UNIQUE INDEX seal_delegations_active ON seal_delegations(department_id, account_id) WHERE revoked_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX seal_delegations_account ON seal_delegations(account_id) WHERE revoked_at IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE seal_delegations`.execute(db);
}
