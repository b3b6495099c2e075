import type { Kysely } from 'kysely';
import type { DB, RegionLevel } from '../../platform/db-types.ts';

/** Organisation repository: regions, departments, halls, windows. */

export async function listRegions(
  db: Kysely<DB>,
  f: { parentCode?: string; level?: RegionLevel; q?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('regions');
  if (f.parentCode) q = q.where('parent_code', '=', f.parentCode);
  if (f.level) q = q.where('level', '=', f.level);
  if (f.q) q = q.where('name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('code').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function findRegion(db: Kysely<DB>, code: string) {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The region and its ancestors, root first. */
export async function regionPath(db: Kysely<DB>, code: string) {
  const prefixes = [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
  return db.selectFrom('regions').selectAll().where('code', 'in', prefixes).orderBy('code').execute();
}

export async function listDepartments(db: Kysely<DB>, f: { regionPrefix?: string; limit: number; offset: number }) {
  let q = db.selectFrom('departments');
  if (f.regionPrefix) q = q.where('region_code', 'like', `${f.regionPrefix}%`);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('region_code').orderBy('name').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function findDepartmentById(db: Kysely<DB>, id: string) {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
}

export type NewDepartment = {
  key: string;
  name: string;
  short_name: string;
  credit_code: string;
  region_code: string;
  kind: 'government' | 'publicInstitution' | 'enterprise';
  phone?: string | null;
  address?: string | null;
};

export async function insertDepartment(db: Kysely<DB>, d: NewDepartment) {
  return db
    .insertInto('departments')
    .values({ ...d, phone: d.phone ?? null, address: d.address ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function creditCodeInUse(db: Kysely<DB>, code: string): Promise<boolean> {
  return (await db.selectFrom('departments').select('id').where('credit_code', '=', code).executeTakeFirst()) !== undefined;
}

/** Updates if the version matches; undefined when stale. */
export async function updateDepartment(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: { name?: string; short_name?: string; phone?: string | null; address?: string | null },
  now: Date,
) {
  return db
    .updateTable('departments')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function listHalls(db: Kysely<DB>, f: { regionPrefix?: string; limit: number; offset: number }) {
  let q = db.selectFrom('halls');
  if (f.regionPrefix) q = q.where('region_code', 'like', `${f.regionPrefix}%`);
  const [halls, total] = await Promise.all([
    q.selectAll().orderBy('region_code').orderBy('name').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const windows =
    halls.length === 0
      ? []
      : await db
          .selectFrom('windows')
          .selectAll()
          .where(
            'hall_id',
            'in',
            halls.map((h) => h.id),
          )
          .orderBy('number')
          .execute();
  return { items: halls.map((h) => ({ ...h, windows: windows.filter((w) => w.hall_id === h.id) })), total: Number(total.n) };
}

export async function findHallById(db: Kysely<DB>, id: string) {
  const hall = await db.selectFrom('halls').selectAll().where('id', '=', id).executeTakeFirst();
  if (!hall) return undefined;
  const windows = await db.selectFrom('windows').selectAll().where('hall_id', '=', id).orderBy('number').execute();
  return { ...hall, windows };
}

export async function insertWindow(
  db: Kysely<DB>,
  w: {
    hall_id: string;
    number: string;
    name: string;
    kind: 'department' | 'comprehensive' | 'special' | 'peak';
    department_id: string | null;
  },
) {
  return db.insertInto('windows').values(w).returningAll().executeTakeFirstOrThrow();
}

export async function windowNumberInUse(db: Kysely<DB>, hallId: string, number: string): Promise<boolean> {
  return (
    (await db.selectFrom('windows').select('id').where('hall_id', '=', hallId).where('number', '=', number).executeTakeFirst()) !==
    undefined
  );
}

/** Bulk insert of regions (seeds); existing codes are left alone. */
export async function insertRegions(
  db: Kysely<DB>,
  rows: { code: string; name: string; level: RegionLevel; parent_code: string | null }[],
) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('regions')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}

export async function countRegions(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertHall(
  db: Kysely<DB>,
  h: { key: string; name: string; level: 'city' | 'county' | 'township' | 'village'; region_code: string; address: string },
) {
  return db.insertInto('halls').values(h).returningAll().executeTakeFirstOrThrow();
}

export async function findDepartmentByKey(db: Kysely<DB>, regionCode: string, key: string) {
  return db.selectFrom('departments').selectAll().where('region_code', '=', regionCode).where('key', '=', key).executeTakeFirst();
}

export async function findHallByKey(db: Kysely<DB>, regionCode: string, key: string) {
  return db.selectFrom('halls').selectAll().where('region_code', '=', regionCode).where('key', '=', key).executeTakeFirst();
}

export async function findDepartmentByCreditCode(db: Kysely<DB>, creditCode: string) {
  return db.selectFrom('departments').selectAll().where('credit_code', '=', creditCode).executeTakeFirst();
}

// ── windows (一窗受理 configuration) ──

export async function findWindowById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('windows')
    .innerJoin('halls', 'halls.id', 'windows.hall_id')
    .selectAll('windows')
    .select(['halls.name as hall_name', 'halls.region_code as hall_region_code'])
    .where('windows.id', '=', id)
    .executeTakeFirst();
}

/** Writes the scope if the version matches; undefined when stale. */
export async function updateWindow(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: { accepts_all?: boolean; accepted_department_ids?: string[]; accepted_item_ids?: string[]; pickup?: boolean; peak_open?: boolean },
  now: Date,
) {
  return db
    .updateTable('windows')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function findItemsByCodes(db: Kysely<DB>, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('items')
    .select(['id', 'implementation_code', 'name', 'department_id', 'region_code', 'status'])
    .where('implementation_code', 'in', codes)
    .execute();
}

export async function findItemsByIds(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('items')
    .select(['id', 'implementation_code', 'name', 'department_id', 'region_code'])
    .where('id', 'in', ids)
    .orderBy('name')
    .execute();
}

export async function findDepartmentsByIds(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('departments').select(['id', 'name', 'region_code']).where('id', 'in', ids).orderBy('name').execute();
}

export async function clerksAtWindow(db: Kysely<DB>, windowId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'display_name', 'username'])
    .where('window_id', '=', windowId)
    .orderBy('username')
    .execute();
}

export async function findStaffAccount(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'kind', 'roles', 'region_code', 'status', 'window_id', 'hall_id', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function seatAtWindow(db: Kysely<DB>, accountId: string, windowId: string | null, hallId: string | null, now: Date) {
  await db
    .updateTable('accounts')
    .set((eb) => ({ window_id: windowId, hall_id: hallId, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', accountId)
    .execute();
}
