import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.ts';
import type { AppointmentStatus } from '../../platform/db-types-hall.ts';

/** The only SQL of the hall module (网上预约, 排队叫号). */

// ── halls and windows (read from the org tables) ──

export function findHall(db: Kysely<DB>, id: string) {
  return db.selectFrom('halls').select(['id', 'name', 'region_code', 'level']).where('id', '=', id).executeTakeFirst();
}

export function findWindow(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('windows as w')
    .innerJoin('halls as h', 'h.id', 'w.hall_id')
    .leftJoin('hall_window_states as s', 's.window_id', 'w.id')
    .select([
      'w.id',
      'w.hall_id',
      'w.number',
      'w.name',
      'h.region_code as hall_region_code',
      's.status as queue_status',
      's.version as state_version',
    ])
    .where('w.id', '=', id)
    .executeTakeFirst();
}

export function windowsOfHall(db: Kysely<DB>, hallId: string) {
  return db
    .selectFrom('windows as w')
    .leftJoin('hall_window_states as s', 's.window_id', 'w.id')
    .select(['w.id', 'w.number', 'w.name', 's.status as queue_status'])
    .where('w.hall_id', '=', hallId)
    .orderBy('w.number')
    .execute();
}

export function findItemsByIds(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('items')
    .select(['id', 'implementation_code', 'name', 'can_book_online', 'status', 'region_code'])
    .where('id', 'in', ids)
    .execute();
}

export function findItemByCode(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('items')
    .select(['id', 'implementation_code', 'name', 'can_book_online', 'status', 'region_code'])
    .where('implementation_code', '=', code)
    .executeTakeFirst();
}

// ── settings ──

export function findSettings(db: Kysely<DB>, hallId: string) {
  return db.selectFrom('hall_settings').selectAll().where('hall_id', '=', hallId).executeTakeFirst();
}

export type SettingsValues = {
  days_ahead: number;
  cancel_hours: number;
  hold_minutes: number;
  no_show_limit: number;
  no_show_period_days: number;
  suspension_days: number;
  max_recalls: number;
  skip_action: 'void' | 'requeue';
};

/** Inserts or updates a hall's settings; with a version, only that version is replaced (undefined when it is not current). */
export async function upsertSettings(db: Kysely<DB>, hallId: string, values: SettingsValues, version: number | null, now: Date) {
  if (version === null) {
    return db
      .insertInto('hall_settings')
      .values({ hall_id: hallId, ...values, updated_at: now })
      .onConflict((oc) => oc.column('hall_id').doNothing())
      .returningAll()
      .executeTakeFirst();
  }
  return db
    .updateTable('hall_settings')
    .set({ ...values, updated_at: now, version: sql`version + 1` })
    .where('hall_id', '=', hallId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

// ── business types, templates, closures ──

export function businessTypesOfHall(db: Kysely<DB>, hallId: string) {
  return db.selectFrom('hall_business_types').selectAll().where('hall_id', '=', hallId).orderBy('prefix').execute();
}

export function findBusinessType(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('hall_business_types as b')
    .innerJoin('halls as h', 'h.id', 'b.hall_id')
    .selectAll('b')
    .select('h.region_code as hall_region_code')
    .where('b.id', '=', id)
    .executeTakeFirst();
}

/** The business type of a hall that covers an item. */
export function businessTypeForItem(db: Kysely<DB>, hallId: string, itemId: string) {
  return db
    .selectFrom('hall_business_types')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where(sql<boolean>`item_ids @> ARRAY[${itemId}]::uuid[]`)
    .orderBy('prefix')
    .executeTakeFirst();
}

export function insertBusinessType(
  db: Kysely<DB>,
  v: { hall_id: string; prefix: string; name: string; item_ids: string[]; window_ids: string[] },
) {
  return db.insertInto('hall_business_types').values(v).returningAll().executeTakeFirstOrThrow();
}

export function updateBusinessType(
  db: Kysely<DB>,
  id: string,
  version: number,
  v: { name: string; item_ids: string[]; window_ids: string[] },
  now: Date,
) {
  return db
    .updateTable('hall_business_types')
    .set({ ...v, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function templatesOf(db: Kysely<DB>, businessTypeIds: string[]) {
  if (businessTypeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('hall_slot_templates')
    .selectAll()
    .where('business_type_id', 'in', businessTypeIds)
    .orderBy('weekday')
    .orderBy('start_time')
    .execute();
}

export async function replaceTemplates(
  db: Kysely<DB>,
  businessTypeId: string,
  slots: { weekday: number; start_time: string; end_time: string; capacity: number }[],
) {
  await db.deleteFrom('hall_slot_templates').where('business_type_id', '=', businessTypeId).execute();
  if (slots.length)
    await db
      .insertInto('hall_slot_templates')
      .values(slots.map((s) => ({ ...s, business_type_id: businessTypeId })))
      .execute();
}

export function findClosure(db: Kysely<DB>, hallId: string, date: string) {
  return db.selectFrom('hall_closures').selectAll().where('hall_id', '=', hallId).where('date', '=', date).executeTakeFirst();
}

export function closuresBetween(db: Kysely<DB>, hallId: string, from: string, to: string) {
  return db
    .selectFrom('hall_closures')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
}

export function upsertClosure(db: Kysely<DB>, hallId: string, date: string, reason: string) {
  return db
    .insertInto('hall_closures')
    .values({ hall_id: hallId, date, reason })
    .onConflict((oc) => oc.columns(['hall_id', 'date']).doUpdateSet({ reason }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ── slots ──

/** Dated slots of business types between two days, with the holds that have run out (they count as free). */
export function slotsBetween(db: Kysely<DB>, businessTypeIds: string[], from: string, to: string, now: Date) {
  if (businessTypeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('hall_slots as s')
    .select([
      's.id',
      's.business_type_id',
      's.date',
      's.start_time',
      's.capacity',
      's.booked',
      (eb) =>
        eb
          .selectFrom('appointments as a')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('a.slot_id', '=', 's.id')
          .where('a.status', '=', 'held')
          .where('a.held_until', '<', now)
          .as('stale'),
    ])
    .where('s.business_type_id', 'in', businessTypeIds)
    .where('s.date', '>=', from)
    .where('s.date', '<=', to)
    .execute();
}

/** The dated slot, made from its template values if it does not exist yet. */
export async function ensureSlot(
  db: Kysely<DB>,
  v: { business_type_id: string; date: string; start_time: string; end_time: string; capacity: number },
) {
  await db
    .insertInto('hall_slots')
    .values(v)
    .onConflict((oc) => oc.columns(['business_type_id', 'date', 'start_time']).doNothing())
    .execute();
  return db
    .selectFrom('hall_slots')
    .selectAll()
    .where('business_type_id', '=', v.business_type_id)
    .where('date', '=', v.date)
    .where('start_time', '=', v.start_time)
    .executeTakeFirstOrThrow();
}

/** Releases the holds of a slot that ran out before they were confirmed; returns how many places came free. */
export async function releaseStaleHolds(db: Kysely<DB>, slotId: string, now: Date): Promise<number> {
  const rows = await db
    .updateTable('appointments')
    .set({ status: 'expired', updated_at: now, version: sql`version + 1` })
    .where('slot_id', '=', slotId)
    .where('status', '=', 'held')
    .where('held_until', '<', now)
    .returning('id')
    .execute();
  if (rows.length) await adjustBooked(db, slotId, -rows.length);
  return rows.length;
}

/** Takes one place of a slot if one is free: one conditional UPDATE, so concurrent bookings never oversell. */
export async function takePlace(db: Kysely<DB>, slotId: string): Promise<boolean> {
  const row = await db
    .updateTable('hall_slots')
    .set({ booked: sql`booked + 1` })
    .where('id', '=', slotId)
    .where(sql<boolean>`booked < capacity`)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function adjustBooked(db: Kysely<DB>, slotId: string, delta: number) {
  await db
    .updateTable('hall_slots')
    .set({ booked: sql`greatest(booked + ${delta}, 0)` })
    .where('id', '=', slotId)
    .execute();
}

// ── appointments ──

export type NewAppointment = {
  hall_id: string;
  business_type_id: string;
  slot_id: string;
  item_id: string;
  person_id: string;
  account_id: string | null;
  booked_by: string;
  status: AppointmentStatus;
  date: string;
  start_time: string;
  end_time: string;
  held_until: Date | null;
  code: string;
};

export function insertAppointment(db: Kysely<DB>, v: NewAppointment, now: Date) {
  return db
    .insertInto('appointments')
    .values({ ...v, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Appointments with the names a resident and a clerk read: hall, item, business type. */
function appointmentRows(db: Kysely<DB>) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('halls as h', 'h.id', 'a.hall_id')
    .innerJoin('items as i', 'i.id', 'a.item_id')
    .innerJoin('hall_business_types as b', 'b.id', 'a.business_type_id')
    .selectAll('a')
    .select([
      'h.name as hall_name',
      'h.region_code as hall_region_code',
      'i.name as item_name',
      'i.implementation_code',
      'b.name as business_type_name',
    ]);
}

export function findAppointment(db: Kysely<DB>, id: string) {
  return appointmentRows(db).where('a.id', '=', id).executeTakeFirst();
}

export function findAppointmentByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('appointments').select('id').where('code', '=', code).executeTakeFirst();
}

/** A person's live booking at a hall on a day. */
export function liveAppointmentOn(db: Kysely<DB>, hallId: string, personId: string, date: string) {
  return db
    .selectFrom('appointments')
    .select(['id', 'status', 'held_until'])
    .where('hall_id', '=', hallId)
    .where('person_id', '=', personId)
    .where('date', '=', date)
    .where('status', 'in', ['held', 'confirmed', 'checkedIn'])
    .executeTakeFirst();
}

/** The appointments of an applicant (by account or person), newest day first. */
export function appointmentsOf(db: Kysely<DB>, accountId: string, personId: string | null, limit: number, offset: number) {
  return appointmentRows(db)
    .where((eb) =>
      personId ? eb.or([eb('a.account_id', '=', accountId), eb('a.person_id', '=', personId)]) : eb('a.account_id', '=', accountId),
    )
    .orderBy('a.date', 'desc')
    .orderBy('a.start_time', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** How many appointments an applicant has (by account or person). */
export async function countAppointmentsOf(db: Kysely<DB>, accountId: string, personId: string | null): Promise<number> {
  const r = await db
    .selectFrom('appointments as a')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where((eb) =>
      personId ? eb.or([eb('a.account_id', '=', accountId), eb('a.person_id', '=', personId)]) : eb('a.account_id', '=', accountId),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function updateAppointment(
  db: Kysely<DB>,
  id: string,
  fromStatuses: AppointmentStatus[],
  v: Partial<{
    status: AppointmentStatus;
    held_until: Date | null;
    slot_id: string;
    date: string;
    start_time: string;
    end_time: string;
    no_show_at: Date;
    cancelled_at: Date;
    checked_in_at: Date;
  }>,
  now: Date,
) {
  return db
    .updateTable('appointments')
    .set({ ...v, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', 'in', fromStatuses)
    .returningAll()
    .executeTakeFirst();
}

/** No-shows of a person since a moment, newest first. */
export function noShowsSince(db: Kysely<DB>, personId: string, since: Date) {
  return db
    .selectFrom('appointments')
    .select(['id', 'no_show_at'])
    .where('person_id', '=', personId)
    .where('status', '=', 'noShow')
    .where('no_show_at', '>=', since)
    .orderBy('no_show_at', 'desc')
    .execute();
}

/** Appointments due for a reminder: still confirmed. */
export function appointmentForReminder(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('halls as h', 'h.id', 'a.hall_id')
    .innerJoin('items as i', 'i.id', 'a.item_id')
    .select(['a.id', 'a.status', 'a.person_id', 'a.date', 'a.start_time', 'a.code', 'h.name as hall_name', 'i.name as item_name'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** Published items of a region's subtree marked 可网上预约 (the seed's bookable configuration). */
export async function bookableItemIds(db: Kysely<DB>, regionPrefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom('items')
    .select('id')
    .where('region_code', 'like', `${regionPrefix}%`)
    .where('status', '=', 'published')
    .where('can_book_online', '=', true)
    .orderBy('implementation_code')
    .execute();
  return rows.map((r) => r.id);
}
