import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, LicensesTable } from '../../platform/db-types.ts';

/** Licenses repository: the license catalog, the seal-making key, seals, licenses, uses and presentations. */

export async function upsertLicenseType(db: Kysely<DB>, t: Insertable<DB['license_types']>) {
  await db
    .insertInto('license_types')
    .values(t)
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function listLicenseTypes(db: Kysely<DB>) {
  return db.selectFrom('license_types').selectAll().orderBy('code').execute();
}

/** A type by its name or key (a guide's `result.licenseType` names one). */
export async function findLicenseType(db: Kysely<DB>, nameOrKey: string) {
  return db
    .selectFrom('license_types')
    .selectAll()
    .where((eb) => eb.or([eb('name', '=', nameOrKey), eb('key', '=', nameOrKey)]))
    .executeTakeFirst();
}

export async function findPlatformKey(db: Kysely<DB>, purpose: string) {
  return db.selectFrom('platform_keys').selectAll().where('purpose', '=', purpose).executeTakeFirst();
}

export async function insertPlatformKey(db: Kysely<DB>, k: Insertable<DB['platform_keys']>) {
  await db
    .insertInto('platform_keys')
    .values(k)
    .onConflict((oc) => oc.column('purpose').doNothing())
    .execute();
}

export async function findActiveSeal(db: Kysely<DB>, departmentId: string) {
  return db.selectFrom('seals').selectAll().where('department_id', '=', departmentId).where('status', '=', 'active').executeTakeFirst();
}

export async function findSeal(db: Kysely<DB>, id: string) {
  return db.selectFrom('seals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSeal(db: Kysely<DB>, s: Insertable<DB['seals']>) {
  return db.insertInto('seals').values(s).returningAll().executeTakeFirstOrThrow();
}

export async function listSeals(db: Kysely<DB>, departmentId?: string) {
  let q = db
    .selectFrom('seals')
    .innerJoin('departments', 'departments.id', 'seals.department_id')
    .select([
      'seals.id',
      'seals.es_id',
      'seals.name',
      'seals.status',
      'seals.cert_der',
      'seals.valid_from',
      'seals.valid_until',
      'seals.revoked_at',
      'seals.department_id',
      'departments.name as department_name',
    ]);
  if (departmentId) q = q.where('seals.department_id', '=', departmentId);
  return q.orderBy('seals.created_at').execute();
}

export async function nextLicenseSerial(db: Kysely<DB>, issuerCode: string, year: number): Promise<number> {
  const r = await db
    .insertInto('license_counters')
    .values({ issuer_code: issuerCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['issuer_code', 'year']).doUpdateSet((eb) => ({ last: eb('license_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

export async function insertLicense(db: Kysely<DB>, l: Insertable<LicensesTable>) {
  return db.insertInto('licenses').values(l).returningAll().executeTakeFirstOrThrow();
}

export async function findLicenseByIdentifier(db: Kysely<DB>, identifier: string) {
  return db
    .selectFrom('licenses')
    .innerJoin('license_types', 'license_types.id', 'licenses.type_id')
    .innerJoin('departments', 'departments.id', 'licenses.issuer_department_id')
    .selectAll('licenses')
    .select(['license_types.name as type_name', 'license_types.code as type_code', 'departments.name as issuer_name'])
    .where('licenses.identifier', '=', identifier)
    .executeTakeFirst();
}

export async function findLicenseByCase(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('licenses').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export async function updateLicense(db: Kysely<DB>, id: string, version: number, patch: Updateable<LicensesTable>) {
  return db
    .updateTable('licenses')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Licenses a holder has: by person, organisation, or (for cases filed at a window) the blind index of the holder's number. */
export async function listLicensesOfHolder(db: Kysely<DB>, h: { personId: string | null; organizationIds: string[] }) {
  return db
    .selectFrom('licenses')
    .innerJoin('license_types', 'license_types.id', 'licenses.type_id')
    .innerJoin('departments', 'departments.id', 'licenses.issuer_department_id')
    .selectAll('licenses')
    .select(['license_types.name as type_name', 'license_types.code as type_code', 'departments.name as issuer_name'])
    .where((eb) =>
      eb.or([
        ...(h.personId ? [eb('licenses.holder_person_id', '=', h.personId)] : []),
        ...(h.organizationIds.length ? [eb('licenses.holder_organization_id', 'in', h.organizationIds)] : []),
        eb.val(false),
      ]),
    )
    .orderBy('licenses.issued_at', 'desc')
    .execute();
}

export async function insertUse(db: Kysely<DB>, u: { license_id: string; used_by: string; case_id: string | null; purpose: string }) {
  await db.insertInto('license_uses').values(u).execute();
}

export async function listUses(db: Kysely<DB>, licenseId: string) {
  return db
    .selectFrom('license_uses')
    .innerJoin('accounts', 'accounts.id', 'license_uses.used_by')
    .leftJoin('departments', 'departments.id', 'accounts.department_id')
    .select([
      'license_uses.at',
      'license_uses.purpose',
      'license_uses.case_id',
      'accounts.display_name',
      'departments.name as department_name',
    ])
    .where('license_uses.license_id', '=', licenseId)
    .orderBy('license_uses.at', 'desc')
    .execute();
}

/** Valid, unexpired licenses of these types held by the person or organisation. */
export async function findValidLicensesOfHolder(
  db: Kysely<DB>,
  h: { personId: string | null; organizationId: string | null },
  typeNames: string[],
  today: string,
) {
  if (typeNames.length === 0 || (!h.personId && !h.organizationId)) return [];
  return db
    .selectFrom('licenses')
    .innerJoin('license_types', 'license_types.id', 'licenses.type_id')
    .select(['licenses.id', 'licenses.identifier', 'license_types.name as type_name', 'license_types.key as type_key'])
    .where('licenses.status', '=', 'valid')
    .where((eb) => eb.or([eb('licenses.valid_until', 'is', null), eb('licenses.valid_until', '>=', today)]))
    .where((eb) => eb.or([eb('license_types.name', 'in', typeNames), eb('license_types.key', 'in', typeNames)]))
    .where((eb) =>
      eb.or([
        ...(h.personId ? [eb('licenses.holder_person_id', '=', h.personId)] : []),
        ...(h.organizationId ? [eb('licenses.holder_organization_id', '=', h.organizationId)] : []),
      ]),
    )
    .orderBy('licenses.issued_at', 'desc')
    .execute();
}

export async function findSuccessor(db: Kysely<DB>, licenseId: string) {
  return db.selectFrom('licenses').select(['identifier']).where('previous_id', '=', licenseId).executeTakeFirst();
}

/** Retires the department's active seal (rotation). */
export async function retireSeal(db: Kysely<DB>, id: string) {
  await db.updateTable('seals').set({ status: 'retired' }).where('id', '=', id).where('status', '=', 'active').execute();
}

export async function markSealRevoked(db: Kysely<DB>, id: string, at: Date, reason: string) {
  return db
    .updateTable('seals')
    .set({ status: 'revoked', revoked_at: at, revoked_reason: reason })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ── seal authorisations (授权: window staff may seal chosen 即办 items) ──

export async function insertDelegation(db: Kysely<DB>, d: Insertable<DB['seal_delegations']>) {
  return db.insertInto('seal_delegations').values(d).returningAll().executeTakeFirstOrThrow();
}

export async function findDelegation(db: Kysely<DB>, id: string) {
  return db.selectFrom('seal_delegations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listDelegations(db: Kysely<DB>, departmentId: string) {
  return db
    .selectFrom('seal_delegations')
    .innerJoin('accounts', 'accounts.id', 'seal_delegations.account_id')
    .selectAll('seal_delegations')
    .select(['accounts.display_name as account_name', 'accounts.username as account_username'])
    .where('seal_delegations.department_id', '=', departmentId)
    .orderBy('seal_delegations.granted_at', 'desc')
    .execute();
}

/** Accounts the department authorised, now, to seal this item. */
export async function delegatesFor(db: Kysely<DB>, departmentId: string, itemId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('seal_delegations')
    .select('account_id')
    .where('department_id', '=', departmentId)
    .where('revoked_at', 'is', null)
    .where(sql<boolean>`${itemId}::uuid = ANY(item_ids)`)
    .execute();
  return rows.map((r) => r.account_id);
}

export async function revokeDelegation(
  db: Kysely<DB>,
  id: string,
  version: number,
  p: { revoked_at: Date; revoked_by: string; revoke_reason: string },
) {
  return db
    .updateTable('seal_delegations')
    .set((eb) => ({ ...p, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
