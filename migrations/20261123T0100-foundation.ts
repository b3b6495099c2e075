import { sql, type Kysely } from 'kysely';

/** Foundation: organisation, identity, sessions, audit chain, idempotency, SMS sink. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE regions (
      code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$'),
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('province','city','county','township','village')),
      parent_code text REFERENCES regions(code)
    )`,
    sql`CREATE INDEX regions_parent ON regions(parent_code)`,
    sql`CREATE TABLE departments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL,
      name text NOT NULL,
      short_name text NOT NULL,
      credit_code text NOT NULL UNIQUE,
      region_code text NOT NULL REFERENCES regions(code),
      kind text NOT NULL CHECK (kind IN ('government','publicInstitution','enterprise')),
      phone text,
      address text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (region_code, key)
    )`,
    sql`CREATE TABLE halls (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL,
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('city','county','township','village')),
      region_code text NOT NULL REFERENCES regions(code),
      address text NOT NULL DEFAULT '',
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (region_code, key)
    )`,
    sql`CREATE TABLE windows (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      hall_id uuid NOT NULL REFERENCES halls(id),
      number text NOT NULL,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('department','comprehensive','special','peak')),
      department_id uuid REFERENCES departments(id),
      version integer NOT NULL DEFAULT 1,
      UNIQUE (hall_id, number)
    )`,
    sql`CREATE TABLE accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL UNIQUE,
      password_hash text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('applicant','staff')),
      display_name text NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
      roles text[] NOT NULL DEFAULT '{}',
      department_id uuid REFERENCES departments(id),
      region_code text REFERENCES regions(code),
      hall_id uuid REFERENCES halls(id),
      totp_secret_enc text,
      totp_required boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind = 'applicant' OR region_code IS NOT NULL)
    )`,
    sql`CREATE INDEX accounts_department ON accounts(department_id)`,
    sql`CREATE TABLE persons (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid UNIQUE REFERENCES accounts(id),
      name_enc text NOT NULL,
      name_masked text NOT NULL,
      id_number_enc text NOT NULL,
      id_number_index text NOT NULL UNIQUE,
      id_number_masked text NOT NULL,
      phone_enc text,
      phone_index text,
      phone_masked text,
      region_code text REFERENCES regions(code),
      real_name_level smallint NOT NULL DEFAULT 1 CHECK (real_name_level BETWEEN 1 AND 4),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE TABLE organizations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      credit_code text NOT NULL UNIQUE,
      legal_representative_masked text,
      region_code text REFERENCES regions(code),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE TABLE account_organizations (
      account_id uuid NOT NULL REFERENCES accounts(id),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      role text NOT NULL CHECK (role IN ('legalRepresentative','authorisedAgent')),
      granted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, organization_id)
    )`,
    sql`CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      account_id uuid NOT NULL REFERENCES accounts(id),
      csrf_token text NOT NULL,
      ip text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz
    )`,
    sql`CREATE INDEX sessions_account ON sessions(account_id)`,
    sql`CREATE TABLE login_throttle (
      username_key text PRIMARY KEY,
      failures integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE TABLE sms_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      phone_index text NOT NULL,
      purpose text NOT NULL,
      code_hash text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE INDEX sms_codes_phone ON sms_codes(phone_index, purpose, created_at)`,
    sql`CREATE TABLE sms_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      job_id text UNIQUE,
      phone_index text NOT NULL,
      phone_masked text NOT NULL,
      body text NOT NULL,
      purpose text NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE INDEX sms_messages_phone ON sms_messages(phone_index, sent_at)`,
    sql`CREATE TABLE audit_head (
      id smallint PRIMARY KEY CHECK (id = 1),
      seq bigint NOT NULL,
      hash text NOT NULL
    )`,
    sql`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64))`,
    sql`CREATE TABLE audit_events (
      seq bigint PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      actor_id uuid,
      actor_kind text NOT NULL,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      before jsonb,
      after jsonb,
      outcome text NOT NULL DEFAULT 'success',
      ip text,
      prev_hash text NOT NULL,
      hash text NOT NULL
    )`,
    sql`CREATE INDEX audit_events_entity ON audit_events(entity_type, entity_id)`,
    sql`CREATE INDEX audit_events_time ON audit_events(occurred_at)`,
    sql`CREATE TABLE idempotency_keys (
      principal text NOT NULL,
      key text NOT NULL,
      method text NOT NULL,
      path text NOT NULL,
      request_hash text NOT NULL,
      status_code integer,
      response_body jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (principal, key)
    )`,
    sql`CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
  ];
  for (const s of statements) await s.execute(db);
}
