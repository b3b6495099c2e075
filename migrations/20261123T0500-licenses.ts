import { sql, type Kysely } from 'kysely';

/**
 * Electronic licenses (电子证照) and seals (电子印章): the license catalog, the platform's seal-making
 * key, departments' seals, issued licenses with their signed PDFs, uses (用证) and presentation tokens (亮证).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE license_types (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL UNIQUE,
      code text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-HJ-NPQRTUWXY]{18}[0-9]{3}$'),
      name text NOT NULL UNIQUE,
      authority text NOT NULL,
      holder_kind text NOT NULL CHECK (holder_kind IN ('person','organization')),
      validity_years integer CHECK (validity_years IS NULL OR validity_years BETWEEN 1 AND 100),
      fields jsonb NOT NULL,
      code_confirmed boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE TABLE platform_keys (
      purpose text PRIMARY KEY,
      public_key_hex text NOT NULL,
      private_key_enc text NOT NULL,
      cert_der text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE TABLE seals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      es_id text NOT NULL UNIQUE,
      department_id uuid NOT NULL REFERENCES departments(id),
      name text NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','retired','revoked')),
      public_key_hex text NOT NULL,
      private_key_enc text NOT NULL,
      cert_der text NOT NULL,
      seal_der text NOT NULL,
      allowed_roles text[] NOT NULL DEFAULT '{approver,chiefRepresentative}',
      valid_from timestamptz NOT NULL,
      valid_until timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_reason text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE UNIQUE INDEX seals_one_active ON seals(department_id) WHERE status = 'active'`,
    sql`CREATE TABLE license_counters (
      issuer_code text NOT NULL,
      year integer NOT NULL,
      last integer NOT NULL,
      PRIMARY KEY (issuer_code, year)
    )`,
    sql`CREATE TABLE licenses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      identifier text NOT NULL UNIQUE,
      type_id uuid NOT NULL REFERENCES license_types(id),
      case_id uuid UNIQUE REFERENCES cases(id),
      issuer_department_id uuid NOT NULL REFERENCES departments(id),
      issuer_code text NOT NULL,
      serial text NOT NULL,
      version_no integer NOT NULL DEFAULT 1,
      holder_kind text NOT NULL CHECK (holder_kind IN ('person','organization')),
      holder_person_id uuid REFERENCES persons(id),
      holder_organization_id uuid REFERENCES organizations(id),
      holder_name_masked text NOT NULL,
      holder_code_masked text NOT NULL,
      holder_code_index text NOT NULL,
      data_enc text NOT NULL,
      issued_at timestamptz NOT NULL,
      valid_from date NOT NULL,
      valid_until date,
      status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid','suspended','revoked','expired','superseded')),
      status_reason text,
      previous_id uuid REFERENCES licenses(id),
      seal_id uuid NOT NULL REFERENCES seals(id),
      pdf_sm3 text NOT NULL REFERENCES files(sm3),
      signature_der text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE INDEX licenses_holder_person ON licenses(holder_person_id) WHERE holder_person_id IS NOT NULL`,
    sql`CREATE INDEX licenses_holder_org ON licenses(holder_organization_id) WHERE holder_organization_id IS NOT NULL`,
    sql`CREATE INDEX licenses_holder_index ON licenses(holder_code_index, type_id)`,
    sql`CREATE TABLE license_uses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      license_id uuid NOT NULL REFERENCES licenses(id),
      used_by uuid NOT NULL REFERENCES accounts(id),
      case_id uuid REFERENCES cases(id),
      purpose text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE INDEX license_uses_license ON license_uses(license_id, at DESC)`,
    sql`CREATE TABLE license_presentations (
      token_hash text PRIMARY KEY,
      license_id uuid NOT NULL REFERENCES licenses(id),
      expires_at timestamptz NOT NULL,
      created_by uuid NOT NULL REFERENCES accounts(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    // 免提交: a requirement met by the applicant's valid license instead of a file.
    sql`ALTER TABLE case_materials ADD COLUMN license_id uuid REFERENCES licenses(id)`,
    sql`ALTER TABLE case_materials DROP CONSTRAINT case_materials_status_check`,
    sql`ALTER TABLE case_materials ADD CONSTRAINT case_materials_status_check CHECK (status IN ('submitted','deficient','deferred','supplied','accepted','license'))`,
  ];
  for (const s of statements) await s.execute(db);
}
