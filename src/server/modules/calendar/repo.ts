import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.ts';

/** Working-calendar overrides repository. */

/** Overrides of the given region codes ('' = national), least specific first, then by date. */
export async function listOverridesOf(db: Kysely<DB>, codes: string[]) {
  const rows = await db.selectFrom('calendar_overrides').selectAll().where('region_code', 'in', codes).orderBy('date').execute();
  return rows.sort((a, b) => a.region_code.length - b.region_code.length);
}

/** Overrides that apply to a region (its ancestors and itself) or lie in its subtree, optionally of one year; paged. */
export async function listOverrides(
  db: Kysely<DB>,
  f: { chain: string[]; subtree: string; from?: string; to?: string; limit: number; offset: number },
) {
  let q = db
    .selectFrom('calendar_overrides')
    .where((eb) => eb.or([eb('region_code', 'in', f.chain), eb('region_code', 'like', `${f.subtree}%`)]));
  if (f.from) q = q.where('date', '>=', f.from);
  if (f.to) q = q.where('date', '<=', f.to);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('date').orderBy('region_code').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** One override; `lock` takes a row lock for the rest of the transaction. */
export async function findOverride(db: Kysely<DB>, regionCode: string, date: string, lock = false) {
  let q = db.selectFrom('calendar_overrides').selectAll().where('region_code', '=', regionCode).where('date', '=', date);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Inserts an override; undefined when one for this region and date appeared meanwhile. */
export async function insertOverride(
  db: Kysely<DB>,
  o: { region_code: string; date: string; is_working_day: boolean; name: string; created_by: string | null },
) {
  return db
    .insertInto('calendar_overrides')
    .values(o)
    .onConflict((oc) => oc.columns(['region_code', 'date']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Updates an override at the given version; undefined when stale or gone. */
export async function updateOverride(
  db: Kysely<DB>,
  regionCode: string,
  date: string,
  version: number,
  patch: { is_working_day: boolean; name: string },
) {
  return db
    .updateTable('calendar_overrides')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('region_code', '=', regionCode)
    .where('date', '=', date)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteOverride(db: Kysely<DB>, regionCode: string, date: string, version: number): Promise<boolean> {
  const res = await db
    .deleteFrom('calendar_overrides')
    .where('region_code', '=', regionCode)
    .where('date', '=', date)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
