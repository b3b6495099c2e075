import type { Insertable, Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { BundleCasesTable, BundlesTable, DB } from '../../platform/db-types.ts';

/** Bundles repository: bundles, bundle cases, their merged materials and timeline; the sub-cases read through `cases`. */

export async function insertBundle(db: Kysely<DB>, b: Insertable<BundlesTable>) {
  return db.insertInto('bundles').values(b).returningAll().executeTakeFirstOrThrow();
}

export async function findBundleByKey(db: Kysely<DB>, regionCode: string, key: string) {
  return db.selectFrom('bundles').selectAll().where('region_code', '=', regionCode).where('key', '=', key).executeTakeFirst();
}

export async function findBundle(db: Kysely<DB>, id: string) {
  return db.selectFrom('bundles').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Published bundles of a region subtree (or all). */
export async function listBundles(db: Kysely<DB>, regionPrefix: string | undefined) {
  let q = db.selectFrom('bundles').selectAll().where('status', '=', 'published');
  if (regionPrefix) q = q.where('region_code', 'like', `${regionPrefix}%`);
  return q.orderBy('region_code').orderBy('created_at').execute();
}

export async function departmentNames(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The implementation code of a published item of a department, by its exact name. */
export async function findItemCode(db: Kysely<DB>, departmentId: string, name: string) {
  const r = await db
    .selectFrom('items')
    .select('implementation_code')
    .where('department_id', '=', departmentId)
    .where('name', '=', name)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return r?.implementation_code ?? null;
}

export async function findItemIds(db: Kysely<DB>, departmentId: string, names: string[]) {
  const rows = await db.selectFrom('items').select('id').where('department_id', '=', departmentId).where('name', 'in', names).execute();
  return rows.map((r) => r.id);
}

export async function insertBundleCase(db: Kysely<DB>, c: Insertable<BundleCasesTable>) {
  return db.insertInto('bundle_cases').values(c).returningAll().executeTakeFirstOrThrow();
}

export async function findBundleCase(db: Kysely<DB>, id: string) {
  return db.selectFrom('bundle_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockBundleCase(db: Kysely<DB>, id: string) {
  return db.selectFrom('bundle_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markDelivered(
  db: Kysely<DB>,
  id: string,
  version: number,
  now: Date,
  p: { delivered_at: Date; delivered_by: string; delivered_window_id: string | null },
) {
  return db
    .updateTable('bundle_cases')
    .set((eb) => ({ ...p, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('delivered_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function touchBundleCase(db: Kysely<DB>, id: string, now: Date) {
  return db
    .updateTable('bundle_cases')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function upsertBundleMaterials(
  db: Kysely<DB>,
  bundleCaseId: string,
  rows: { material_key: string; material_id: string }[],
  now: Date,
) {
  if (rows.length === 0) return;
  await db
    .insertInto('bundle_case_materials')
    .values(rows.map((r) => ({ bundle_case_id: bundleCaseId, ...r })))
    .onConflict((oc) =>
      oc
        .columns(['bundle_case_id', 'material_key'])
        .doUpdateSet((eb) => ({ material_id: eb.ref('excluded.material_id'), updated_at: now })),
    )
    .execute();
}

export async function listBundleMaterials(db: Kysely<DB>, bundleCaseId: string) {
  return db
    .selectFrom('bundle_case_materials')
    .innerJoin('materials', 'materials.id', 'bundle_case_materials.material_id')
    .select([
      'bundle_case_materials.material_key',
      'bundle_case_materials.material_id',
      'materials.name',
      'materials.filename',
      'materials.kind',
      'materials.size',
    ])
    .where('bundle_case_id', '=', bundleCaseId)
    .orderBy('bundle_case_materials.material_key')
    .execute();
}

export async function insertBundleEvent(
  db: Kysely<DB>,
  e: {
    bundle_case_id: string;
    at: Date;
    action: string;
    actor_id: string | null;
    actor_name: string;
    note?: string | null;
    data?: unknown;
  },
) {
  await db
    .insertInto('bundle_events')
    .values({ ...e, note: e.note ?? null, data: e.data === undefined ? null : JSON.stringify(e.data) })
    .execute();
}

export async function listBundleEvents(db: Kysely<DB>, bundleCaseId: string) {
  return db.selectFrom('bundle_events').selectAll().where('bundle_case_id', '=', bundleCaseId).orderBy('id').execute();
}

/** The sub-cases of a bundle case, in the bundle's item order (by creation). */
export async function listSubCases(db: Kysely<DB>, bundleCaseId: string) {
  return db.selectFrom('cases').selectAll().where('bundle_case_id', '=', bundleCaseId).orderBy('created_at').orderBy('number').execute();
}

/** Public timeline entries of the sub-cases, with the item name. */
export async function listSubCaseEvents(db: Kysely<DB>, bundleCaseId: string, includeInternal: boolean) {
  let q = db
    .selectFrom('case_events')
    .innerJoin('cases', 'cases.id', 'case_events.case_id')
    .select([
      'case_events.id',
      'case_events.case_id',
      'case_events.at',
      'case_events.action',
      'case_events.from_status',
      'case_events.to_status',
      'case_events.actor_name',
      'case_events.note',
      'case_events.internal',
      'cases.item_name',
    ])
    .where('cases.bundle_case_id', '=', bundleCaseId);
  if (!includeInternal) q = q.where('case_events.internal', '=', false);
  return q.orderBy('case_events.at').orderBy('case_events.id').execute();
}

/** Open one-time notices of the sub-cases. */
export async function listOpenNotices(db: Kysely<DB>, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('deficiency_notices')
    .selectAll()
    .where('case_id', 'in', caseIds)
    .where('supplemented_at', 'is', null)
    .orderBy('issued_at')
    .execute();
}

/** Licenses issued for the sub-cases (the result package). */
export async function licensesOfCases(db: Kysely<DB>, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('licenses')
    .innerJoin('license_types', 'license_types.id', 'licenses.type_id')
    .select([
      'licenses.id',
      'licenses.identifier',
      'licenses.case_id',
      'licenses.status',
      'licenses.issued_at',
      'licenses.holder_name_masked',
      'licenses.holder_code_masked',
      'license_types.name as type_name',
    ])
    .where('licenses.case_id', 'in', caseIds)
    .execute();
}

/** Bundle cases of the applicant side: filed by me, or where I am the applicant (person, account, organisation). */
export async function listBundleCasesOfParty(db: Kysely<DB>, a: Actor, limit: number, offset: number) {
  const q = db
    .selectFrom('bundle_cases')
    .where((eb) =>
      eb.or([
        eb('created_by', '=', a.accountId),
        eb('applicant_account_id', '=', a.accountId),
        ...(a.personId ? [eb('applicant_person_id', '=', a.personId)] : []),
        ...(a.organizationIds.length ? [eb('applicant_organization_id', 'in', a.organizationIds)] : []),
      ]),
    );
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Staff: bundle cases of a region subtree (front desks, supervisors) or with a sub-case of the department. */
export async function listBundleCasesForStaff(
  db: Kysely<DB>,
  f: { regionPrefix: string | null; departmentId: string | null; undelivered: boolean; limit: number; offset: number },
) {
  let q = db.selectFrom('bundle_cases').where((eb) => {
    const scopes = [];
    if (f.regionPrefix) scopes.push(eb('region_code', 'like', `${f.regionPrefix}%`));
    if (f.departmentId)
      scopes.push(
        eb.exists(
          eb
            .selectFrom('cases')
            .select('cases.id')
            .whereRef('cases.bundle_case_id', '=', 'bundle_cases.id')
            .where('cases.department_id', '=', f.departmentId!),
        ),
      );
    return scopes.length ? eb.or(scopes) : eb.val(false);
  });
  if (f.undelivered) q = q.where('delivered_at', 'is', null);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Sub-case statuses of many bundle cases at once (for lists). */
export async function subCaseStatuses(db: Kysely<DB>, bundleCaseIds: string[]) {
  if (bundleCaseIds.length === 0) return [];
  return db
    .selectFrom('cases')
    .select(['bundle_case_id', 'status', 'decision', 'promised_due_on'])
    .where('bundle_case_id', 'in', bundleCaseIds)
    .execute();
}
