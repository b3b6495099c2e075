import { sql, type Kysely } from 'kysely';

/**
 * 一窗受理 and 一件事一次办: the accepting window of a case; what each window accepts (综合窗口 scope,
 * 调峰 windows opened for chosen items, 统一出件 pickup windows); the window a clerk works at;
 * bundles (一件事) with their definition, and bundle cases (the parent of a bundle's sub-cases)
 * with their merged materials and timeline.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    // The accepting window of a case (set when a window clerk files or accepts it); read by 好差评.
    sql`ALTER TABLE cases ADD COLUMN window_id uuid REFERENCES windows(id)`,
    sql`CREATE INDEX cases_window ON cases(window_id) WHERE window_id IS NOT NULL`,
    sql`ALTER TABLE windows ADD COLUMN accepts_all boolean NOT NULL DEFAULT false`,
    sql`ALTER TABLE windows ADD COLUMN accepted_department_ids uuid[] NOT NULL DEFAULT '{}'`,
    sql`ALTER TABLE windows ADD COLUMN accepted_item_ids uuid[] NOT NULL DEFAULT '{}'`,
    sql`ALTER TABLE windows ADD COLUMN pickup boolean NOT NULL DEFAULT false`,
    sql`ALTER TABLE windows ADD COLUMN peak_open boolean NOT NULL DEFAULT false`,
    sql`ALTER TABLE windows ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`,
    sql`ALTER TABLE accounts ADD COLUMN window_id uuid REFERENCES windows(id)`,
    sql`CREATE TABLE bundles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL,
      region_code text NOT NULL REFERENCES regions(code),
      name text NOT NULL,
      theme text NOT NULL,
      lead_department_id uuid NOT NULL REFERENCES departments(id),
      co_department_ids uuid[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'published' CHECK (status IN ('draft','published','withdrawn')),
      definition jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (region_code, key)
    )`,
    sql`CREATE TABLE bundle_cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL UNIQUE,
      bundle_id uuid NOT NULL REFERENCES bundles(id),
      bundle_version integer NOT NULL,
      bundle_name text NOT NULL,
      region_code text NOT NULL REFERENCES regions(code),
      channel text NOT NULL CHECK (channel IN ('online','window','agency')),
      hall_id uuid REFERENCES halls(id),
      window_id uuid REFERENCES windows(id),
      applicant_kind text NOT NULL CHECK (applicant_kind IN ('person','organization')),
      applicant_person_id uuid REFERENCES persons(id),
      applicant_organization_id uuid REFERENCES organizations(id),
      applicant_account_id uuid REFERENCES accounts(id),
      applicant_name_masked text NOT NULL,
      created_by uuid NOT NULL REFERENCES accounts(id),
      answers jsonb NOT NULL,
      selection jsonb NOT NULL,
      form_data_enc text NOT NULL,
      promised_days integer NOT NULL CHECK (promised_days >= 0),
      limit_unit text NOT NULL CHECK (limit_unit IN ('workday','calendarDay')),
      submitted_at timestamptz NOT NULL,
      submitted_on date NOT NULL,
      promised_due_on date NOT NULL,
      delivered_at timestamptz,
      delivered_by uuid REFERENCES accounts(id),
      delivered_window_id uuid REFERENCES windows(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (applicant_person_id IS NOT NULL OR applicant_organization_id IS NOT NULL)
    )`,
    sql`CREATE INDEX bundle_cases_applicant ON bundle_cases(applicant_account_id, created_at DESC)`,
    sql`CREATE INDEX bundle_cases_created_by ON bundle_cases(created_by, created_at DESC)`,
    sql`CREATE INDEX bundle_cases_bundle ON bundle_cases(bundle_id)`,
    sql`CREATE TABLE bundle_case_materials (
      bundle_case_id uuid NOT NULL REFERENCES bundle_cases(id),
      material_key text NOT NULL,
      material_id uuid NOT NULL REFERENCES materials(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (bundle_case_id, material_key)
    )`,
    sql`CREATE TABLE bundle_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      bundle_case_id uuid NOT NULL REFERENCES bundle_cases(id),
      at timestamptz NOT NULL,
      action text NOT NULL,
      actor_id uuid REFERENCES accounts(id),
      actor_name text NOT NULL,
      note text,
      data jsonb
    )`,
    sql`CREATE INDEX bundle_events_case ON bundle_events(bundle_case_id, id)`,
    sql`ALTER TABLE cases ADD COLUMN bundle_case_id uuid REFERENCES bundle_cases(id)`,
    sql`CREATE INDEX cases_bundle_case ON cases(bundle_case_id) WHERE bundle_case_id IS NOT NULL`,
    // A sub-case's requirement met by the result of another sub-case of the same bundle (数据共享, nothing submitted).
    sql`ALTER TABLE case_materials DROP CONSTRAINT case_materials_status_check`,
    sql`ALTER TABLE case_materials ADD CONSTRAINT case_materials_status_check CHECK (status IN ('submitted','deficient','deferred','supplied','accepted','license','shared'))`,
  ];
  for (const s of statements) await s.execute(db);
}
