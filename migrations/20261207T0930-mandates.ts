import { type Kysely, sql } from 'kysely';

/**
 * 委托代办: an agent acts for a person only under a mandate the person confirmed — by an SMS code sent to the phone on
 * record, or in person at a window before a clerk — with its scope (items) and expiry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE mandates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_account_id uuid NOT NULL REFERENCES accounts(id),
    principal_person_id uuid NOT NULL REFERENCES persons(id),
    principal_name_masked text NOT NULL,
    region_code text NOT NULL,
    item_codes text[] NOT NULL DEFAULT '{}',
    scope text NOT NULL,
    valid_until date NOT NULL,
    material_id uuid NOT NULL REFERENCES materials(id),
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'revoked')),
    sms_allowed boolean NOT NULL,
    code_hash text,
    code_expires_at timestamptz,
    code_attempts integer NOT NULL DEFAULT 0,
    confirmed_via text CHECK (confirmed_via IN ('sms', 'window')),
    confirmed_by uuid REFERENCES accounts(id),
    confirmed_at timestamptz,
    revoked_at timestamptz,
    revoked_by uuid REFERENCES accounts(id),
    revoke_reason text,
    created_at timestamptz NOT NULL,
    version integer NOT NULL DEFAULT 1
  )`.execute(db);
  await sql`CREATE INDEX mandates_agent ON mandates(agent_account_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX mandates_principal ON mandates(principal_person_id, created_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE mandates`.execute(db);
}
