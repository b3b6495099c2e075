import { sql, type Kysely } from 'kysely';

/**
 * Indexes for reading cases. "My cases" reads each party column (created_by, applicant account, agent,
 * person, organisation) newest first from a (column, created_at DESC) index: agent_account_id had no
 * index at all (so the OR over the columns was a sequential scan of every case), and the person and
 * organisation indexes lacked created_at. A case's suspensions are read by case (the detail page).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE INDEX cases_agent_account ON cases(agent_account_id, created_at DESC) WHERE agent_account_id IS NOT NULL`,
    sql`DROP INDEX cases_applicant_person`,
    sql`CREATE INDEX cases_applicant_person ON cases(applicant_person_id, created_at DESC) WHERE applicant_person_id IS NOT NULL`,
    sql`DROP INDEX cases_applicant_org`,
    sql`CREATE INDEX cases_applicant_org ON cases(applicant_organization_id, created_at DESC) WHERE applicant_organization_id IS NOT NULL`,
    sql`CREATE INDEX case_suspensions_case ON case_suspensions(case_id, started_at)`,
  ];
  for (const s of statements) await s.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`DROP INDEX case_suspensions_case`,
    sql`DROP INDEX cases_applicant_org`,
    sql`CREATE INDEX cases_applicant_org ON cases(applicant_organization_id) WHERE applicant_organization_id IS NOT NULL`,
    sql`DROP INDEX cases_applicant_person`,
    sql`CREATE INDEX cases_applicant_person ON cases(applicant_person_id) WHERE applicant_person_id IS NOT NULL`,
    sql`DROP INDEX cases_agent_account`,
  ];
  for (const s of statements) await s.execute(db);
}
