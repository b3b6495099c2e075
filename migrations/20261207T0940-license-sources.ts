import { type Kysely, sql } from 'kysely';

/**
 * A license type declares who holds a license of it (its holder rule) beside where each field comes from (defects
 * issue 25.2); `fields` keeps the declarations (key, label, from, optional). Written by the 证照目录 at every start. A
 * license whose holder is not the applicant (a newborn, an enterprise being registered) is kept by the applicant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE license_types ADD COLUMN holder jsonb NOT NULL DEFAULT '{"name":["applicant.name"],"code":["applicant.code"]}'`.execute(
    db,
  );
  // Who keeps a license whose holder is not the applicant (a newborn's guardian, a new enterprise's legal representative).
  await sql`ALTER TABLE licenses ADD COLUMN custodian_person_id uuid REFERENCES persons(id)`.execute(db);
  await sql`CREATE INDEX licenses_custodian ON licenses(custodian_person_id) WHERE custodian_person_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE licenses DROP COLUMN custodian_person_id`.execute(db);
  await sql`ALTER TABLE license_types DROP COLUMN holder`.execute(db);
}
