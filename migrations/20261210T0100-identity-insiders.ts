import { sql, type Kysely } from 'kysely';

/**
 * Insiders and impostors (issue 26): accounts that wait for their holder's activation, a TOTP step
 * used once, known devices for the lockout, one-time activation codes, two-person requests for the
 * separated administrator accounts (三员分立), and organisation claims verified before they grant anything.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`ALTER TABLE accounts DROP CONSTRAINT accounts_status_check`,
    sql`ALTER TABLE accounts ADD CONSTRAINT accounts_status_check CHECK (status IN ('active','disabled','pending'))`,
    sql`ALTER TABLE accounts ADD COLUMN totp_last_step bigint`,
    sql`CREATE TABLE account_devices (
      token_hash text NOT NULL,
      account_id uuid NOT NULL REFERENCES accounts(id),
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      PRIMARY KEY (token_hash, account_id)
    )`,
    sql`CREATE INDEX account_devices_account ON account_devices(account_id)`,
    sql`CREATE TABLE account_activations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id),
      code_hash text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      pending_totp_enc text,
      created_by uuid REFERENCES accounts(id),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      ended_at timestamptz,
      created_at timestamptz NOT NULL
    )`,
    sql`CREATE INDEX account_activations_account ON account_activations(account_id, created_at)`,
    sql`CREATE TABLE staff_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('create','roles','reissue')),
      region_code text NOT NULL REFERENCES regions(code),
      target_account_id uuid REFERENCES accounts(id),
      payload jsonb NOT NULL,
      phone_enc text,
      requested_by uuid NOT NULL REFERENCES accounts(id),
      requester_role text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected')),
      decided_by uuid REFERENCES accounts(id),
      decided_at timestamptz,
      reason text,
      result_account_id uuid REFERENCES accounts(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      CHECK (decided_by IS NULL OR decided_by <> requested_by)
    )`,
    sql`CREATE INDEX staff_requests_pending ON staff_requests(region_code) WHERE status = 'pending'`,
    sql`CREATE TABLE organization_claims (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id),
      person_id uuid NOT NULL REFERENCES persons(id),
      name text NOT NULL,
      credit_code text NOT NULL,
      region_code text NOT NULL REFERENCES regions(code),
      method text NOT NULL CHECK (method IN ('enterpriseIdentity','staffReview')),
      status text NOT NULL CHECK (status IN ('pending','verified','rejected')),
      license_material_id uuid REFERENCES materials(id),
      id_material_id uuid REFERENCES materials(id),
      verified_by text,
      reviewer_id uuid REFERENCES accounts(id),
      reason text,
      organization_id uuid REFERENCES organizations(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      decided_at timestamptz
    )`,
    // One open claim per credit code and claimant; a verified claim is unique per credit code.
    sql`CREATE UNIQUE INDEX organization_claims_open ON organization_claims(credit_code, account_id) WHERE status = 'pending'`,
    sql`CREATE INDEX organization_claims_review ON organization_claims(region_code) WHERE status = 'pending'`,
  ];
  for (const s of statements) await s.execute(db);
}
