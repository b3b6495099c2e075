import { type Kysely, sql } from 'kysely';

const statuses = [
  'draft',
  'waiting',
  'submitted',
  'prereview',
  'correction',
  'accepted',
  'review',
  'special',
  'suspended',
  'decided',
  'completed',
  'issued',
  'delivered',
  'rejected',
  'withdrawn',
  'revoked',
];
const list = (xs: string[]) => sql.raw(xs.map((s) => `'${s}'`).join(','));

/**
 * Defects issue 25.12:
 * - 一件事 sequencing: a sub-case that needs another sub-case's result (医保 after 出生医学证明) is filed `waiting` and
 *   reaches its department only when that result exists;
 * - 会签: a step in which several departments give their opinions in parallel, each within its own limit; the case
 *   records the departments taking part (their staff read it and sign; nothing else). A request still open when the
 *   step's quorum is reached is closed.
 * And a withdrawn draft has no number (the old check refused the withdrawal with a 500).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases DROP CONSTRAINT cases_status_check`.execute(db);
  await sql`ALTER TABLE cases ADD CONSTRAINT cases_status_check CHECK (status IN (${list(statuses)}))`.execute(db);
  await sql`ALTER TABLE cases DROP CONSTRAINT cases_resume_status_check`.execute(db);
  await sql`ALTER TABLE cases ADD CONSTRAINT cases_resume_status_check CHECK (resume_status IN (${list(statuses)}))`.execute(db);
  await sql`ALTER TABLE cases DROP CONSTRAINT cases_check1`.execute(db);
  await sql`ALTER TABLE cases ADD CONSTRAINT cases_number_check CHECK (status IN ('draft','withdrawn') OR number IS NOT NULL)`.execute(db);
  await sql`ALTER TABLE cases ADD COLUMN co_department_ids uuid[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`CREATE TABLE case_countersigns (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases(id),
    step_key text NOT NULL,
    department_id uuid NOT NULL REFERENCES departments(id),
    role text NOT NULL CHECK (role IN ('clerk','reviewer','approver','chiefRepresentative')),
    due_on date NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','signed','closed')),
    opinion text CHECK (opinion IN ('agree','disagree')),
    comment text,
    signed_by uuid REFERENCES accounts(id),
    signed_by_name text,
    signed_at timestamptz,
    created_at timestamptz NOT NULL,
    UNIQUE (case_id, step_key, department_id),
    CHECK ((status = 'signed') = (opinion IS NOT NULL))
  )`.execute(db);
  await sql`CREATE INDEX case_countersigns_pending ON case_countersigns(department_id, due_on) WHERE status = 'pending'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE case_countersigns`.execute(db);
  await sql`ALTER TABLE cases DROP COLUMN co_department_ids`.execute(db);
  await sql`ALTER TABLE cases DROP CONSTRAINT cases_number_check`.execute(db);
  await sql`ALTER TABLE cases ADD CONSTRAINT cases_check1 CHECK (status = 'draft' OR number IS NOT NULL)`.execute(db);
  const old = statuses.filter((s) => s !== 'waiting');
  await sql`ALTER TABLE cases DROP CONSTRAINT cases_resume_status_check`.execute(db);
  await sql`ALTER TABLE cases ADD CONSTRAINT cases_resume_status_check CHECK (resume_status IN (${list(old)}))`.execute(db);
  await sql`ALTER TABLE cases DROP CONSTRAINT cases_status_check`.execute(db);
  await sql`ALTER TABLE cases ADD CONSTRAINT cases_status_check CHECK (status IN (${list(old)}))`.execute(db);
}
