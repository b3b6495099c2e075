import { type Kysely, sql } from 'kysely';
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

/** Region codes ('' excluded) that have at least one override: each has a working calendar of its own. */
export async function overrideRegionCodes(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('calendar_overrides').select('region_code').distinct().where('region_code', '<>', '').execute();
  return rows.map((r) => r.region_code).sort();
}

// ------------------------------------------------------------------ notices

/** Every entered notice, by year. */
export function listNotices(db: Kysely<DB>) {
  return db.selectFrom('calendar_notices').selectAll().orderBy('year').execute();
}

/** The notice of a year; `lock` takes a row lock for the rest of the transaction. */
export function findNotice(db: Kysely<DB>, year: number, lock = false) {
  let q = db.selectFrom('calendar_notices').selectAll().where('year', '=', year);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

type NoticeValues = {
  title: string;
  document_number: string | null;
  published_on: string | null;
  lines: string;
  entered_by: string | null;
  updated_at: Date;
};

/** Inserts a year's notice; undefined when one appeared meanwhile. */
export function insertNotice(db: Kysely<DB>, year: number, v: NoticeValues & { created_at: Date }) {
  return db
    .insertInto('calendar_notices')
    .values({ year, ...v })
    .onConflict((oc) => oc.column('year').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Replaces a year's notice at the given version; undefined when stale or gone. */
export function updateNotice(db: Kysely<DB>, year: number, version: number, v: NoticeValues) {
  return db
    .updateTable('calendar_notices')
    .set((eb) => ({ ...v, version: eb('version', '+', 1) }))
    .where('year', '=', year)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteNotice(db: Kysely<DB>, year: number, version: number): Promise<boolean> {
  const res = await db.deleteFrom('calendar_notices').where('year', '=', year).where('version', '=', version).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

// ------------------------------------------------------------------ December reminders

/** Active system administrators with a region: the people who keep the working calendar. */
export function systemAdmins(db: Kysely<DB>) {
  return db
    .selectFrom('accounts')
    .select(['id', 'region_code'])
    .where('kind', '=', 'staff')
    .where('status', '=', 'active')
    .where(sql<boolean>`'systemAdmin' = ANY(roles)`)
    .where('region_code', 'is not', null)
    .orderBy('region_code')
    .orderBy('id')
    .execute();
}

/** Records the reminder of a year for a region; false when it was sent before. */
export async function insertReminder(db: Kysely<DB>, r: { year: number; region_code: string; sent_at: Date; recipients: number }) {
  const row = await db
    .insertInto('calendar_notice_reminders')
    .values(r)
    .onConflict((oc) => oc.columns(['year', 'region_code']).doNothing())
    .returning('year')
    .executeTakeFirst();
  return row !== undefined;
}
