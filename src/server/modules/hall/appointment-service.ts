import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import { addCalendarDays, shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { can } from '../../platform/policies.ts';
import { loadCalendar } from '../calendar/index.ts';
import { findOrRecordPerson } from '../identity/index.ts';
import { smsPerson } from '../notifications/index.ts';
import { auditActor, hallOr404, servedHall } from './access.ts';
import { hallSettings } from './config-service.ts';
import * as repo from './repo.ts';
import type { AvailabilityQuery, BookBody, SlotRef } from './schema.ts';

/**
 * 网上预约. A slot's places are taken by one conditional UPDATE (`booked < capacity`) inside the booking's
 * transaction, so 50 concurrent bookings of the last place give exactly one booking and 49 HALL_SLOT_FULL.
 * A resident's booking is held for the hall's hold minutes until confirmed; a hold that ran out counts as free
 * at read time and is released by the next booking of its slot (time only through ctx.now()).
 */

/** The instant a slot starts or ends (Asia/Shanghai wall time). */
export const slotInstant = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);
/** ISO weekday (1 = Monday … 7 = Sunday) of a date. */
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

type Hall = { id: string; name: string; region_code: string };
type Settings = Awaited<ReturnType<typeof hallSettings>>;

/** Why a day is not bookable (null = open): past, too far, holiday or weekend, closure. */
async function dayProblem(ctx: AppContext, hall: Hall, settings: Settings, date: string) {
  const today = shanghaiDate(ctx.now());
  if (date < today) return { code: 'HALL_SLOT_PAST' as const, details: { date } };
  const lastDate = addCalendarDays(today, settings.days_ahead);
  if (date > lastDate) return { code: 'HALL_SLOT_TOO_FAR' as const, details: { date, lastDate } };
  const cal = await loadCalendar(ctx, hall.region_code);
  if (!cal.isWorkingDay(date)) return { code: 'HALL_DAY_CLOSED' as const, details: { date, reason: 'holiday' } };
  const closure = await repo.findClosure(ctx.db, hall.id, date);
  if (closure) return { code: 'HALL_DAY_CLOSED' as const, details: { date, reason: 'closure', note: closure.reason } };
  return null;
}

/** The business type of the hall serving a bookable item, or HALL_ITEM_NOT_BOOKABLE. */
async function bookableType(ctx: AppContext, hallId: string, itemCode: string) {
  const item = await repo.findItemByCode(ctx.db, itemCode);
  if (!item || item.status !== 'published') throw new AppError('ITEM_NOT_FOUND');
  if (!item.can_book_online) throw new AppError('HALL_ITEM_NOT_BOOKABLE', { itemCode, reason: 'notBookable' });
  const bt = await repo.businessTypeForItem(ctx.db, hallId, item.id);
  if (!bt) throw new AppError('HALL_ITEM_NOT_BOOKABLE', { itemCode, reason: 'notServedAtHall' });
  return { item, bt };
}

/** The template slot of a business type that starts at this time on this day's weekday. */
async function templateSlot(ctx: AppContext, businessTypeId: string, date: string, start: string) {
  const t = (await repo.templatesOf(ctx.db, [businessTypeId])).find((x) => x.weekday === weekdayOf(date) && x.start_time === start);
  if (!t) throw new AppError('HALL_SLOT_NOT_FOUND', { date, start });
  return t;
}

/** Booking suspended after repeated no-shows: the number in the period and the first day booking opens again. */
export async function suspensionOf(ctx: AppContext, settings: Settings, personId: string) {
  const since = new Date(ctx.now().getTime() - settings.no_show_period_days * 86_400_000);
  const shows = await repo.noShowsSince(ctx.db, personId, since);
  if (shows.length < settings.no_show_limit || !shows[0]?.no_show_at) return null;
  const until = addCalendarDays(shanghaiDate(shows[0].no_show_at), settings.suspension_days);
  if (shanghaiDate(ctx.now()) >= until) return null;
  return { noShows: shows.length, periodDays: settings.no_show_period_days, until };
}

/** Available places per day and slot of a hall for an item (or a business type), from `from` for up to 14 days. */
export async function availability(ctx: AppContext, hallId: string, q: AvailabilityQuery) {
  const hall = await hallOr404(ctx, hallId);
  const settings = await hallSettings(ctx, hall.id);
  const { bt } = await bookableType(ctx, hall.id, q.itemCode);
  const today = shanghaiDate(ctx.now());
  const from = q.from ?? today;
  const to = addCalendarDays(from, (q.days ?? 7) - 1);
  const [templates, dated] = await Promise.all([
    repo.templatesOf(ctx.db, [bt.id]),
    repo.slotsBetween(ctx.db, [bt.id], from, to, ctx.now()),
  ]);
  const days = [];
  for (let date = from; date <= to; date = addCalendarDays(date, 1)) {
    const problem = await dayProblem(ctx, hall, settings, date);
    const slots = templates
      .filter((t) => t.weekday === weekdayOf(date))
      .map((t) => {
        const d = dated.find((s) => s.date === date && s.start_time === t.start_time);
        const capacity = d?.capacity ?? t.capacity;
        const taken = d ? d.booked - Number(d.stale ?? 0) : 0;
        const begun = slotInstant(date, t.start_time) <= ctx.now();
        return { start: t.start_time, end: t.end_time, capacity, available: problem || begun ? 0 : Math.max(capacity - taken, 0) };
      });
    days.push({ date, open: problem === null, reason: problem ? String(problem.details.reason ?? problem.code) : null, slots });
  }
  return { hallId: hall.id, businessTypeId: bt.id, businessTypeName: bt.name, days };
}

const newCode = () => randomBytes(6).toString('hex').toUpperCase();
const isSameDayViolation = (e: unknown) =>
  (e as { code?: string }).code === '23505' && String((e as { constraint?: string }).constraint ?? '').includes('appointments_one_per_day');

/** Takes a place of a dated slot in the caller's transaction: makes the slot, releases run-out holds, then the conditional UPDATE. */
async function takeSlotPlace(
  ctx: AppContext,
  trx: Kysely<DB>,
  bt: { id: string },
  t: { start_time: string; end_time: string; capacity: number },
  date: string,
) {
  const slot = await repo.ensureSlot(trx, {
    business_type_id: bt.id,
    date,
    start_time: t.start_time,
    end_time: t.end_time,
    capacity: t.capacity,
  });
  await repo.releaseStaleHolds(trx, slot.id, ctx.now());
  if (!(await repo.takePlace(trx, slot.id))) throw new AppError('HALL_SLOT_FULL', { date, start: t.start_time });
  return slot;
}

/** Releases the person's own run-out hold of that day (it must not block a new booking). */
async function releaseOwnStaleHold(ctx: AppContext, trx: Kysely<DB>, hallId: string, personId: string, date: string) {
  const live = await repo.liveAppointmentOn(trx, hallId, personId, date);
  if (live?.status === 'held' && live.held_until && live.held_until < ctx.now()) {
    const expired = await repo.updateAppointment(trx, live.id, ['held'], { status: 'expired' }, ctx.now());
    if (expired) await repo.adjustBooked(trx, expired.slot_id, -1);
    return null;
  }
  return live ?? null;
}

/** Queues the SMS reminder for the day before (09:00), or at once when that has passed and the slot has not. */
async function queueReminder(ctx: AppContext, trx: Kysely<DB>, a: { id: string; date: string }) {
  const at = slotInstant(addCalendarDays(a.date, -1), '09:00');
  await ctx.jobs.enqueue(trx, 'hall.remind', { appointmentId: a.id, date: a.date }, at > ctx.now() ? { startAfter: at } : {});
}

/**
 * Books a slot. A resident books for themself (held for the hall's hold minutes, then confirmed); staff of the hall
 * book for a caller by name, ID number and phone (confirmed at once). Every rule is checked before anything changes.
 */
export async function book(ctx: AppContext, actor: Actor, input: BookBody) {
  const staff = actor.kind === 'staff';
  const hall = staff ? await servedHall(ctx, actor, input.hallId) : await hallOr404(ctx, input.hallId);
  let personId: string;
  let accountId: string | null;
  if (staff) {
    if (!input.applicant) throw new AppError('CASE_APPLICANT_REQUIRED');
    const { person } = await findOrRecordPerson(ctx, input.applicant);
    personId = person.id;
    accountId = person.account_id;
  } else {
    if (!actor.personId) throw new AppError('PERSON_NOT_FOUND');
    if (input.applicant) throw new AppError('FORBIDDEN');
    personId = actor.personId;
    accountId = actor.accountId;
  }
  const settings = await hallSettings(ctx, hall.id);
  const { item, bt } = await bookableType(ctx, hall.id, input.itemCode);
  const problem = await dayProblem(ctx, hall, settings, input.date);
  if (problem) throw new AppError(problem.code, problem.details);
  const t = await templateSlot(ctx, bt.id, input.date, input.start);
  if (slotInstant(input.date, t.start_time) <= ctx.now()) throw new AppError('HALL_SLOT_PAST', { date: input.date, start: input.start });
  const suspended = await suspensionOf(ctx, settings, personId);
  if (suspended) throw new AppError('HALL_BOOKING_SUSPENDED', suspended);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      if (await releaseOwnStaleHold(ctx, trx, hall.id, personId, input.date))
        throw new AppError('HALL_APPOINTMENT_SAME_DAY', { date: input.date });
      const slot = await takeSlotPlace(ctx, trx, bt, t, input.date);
      const a = await repo.insertAppointment(
        trx,
        {
          hall_id: hall.id,
          business_type_id: bt.id,
          slot_id: slot.id,
          item_id: item.id,
          person_id: personId,
          account_id: accountId,
          booked_by: actor.accountId,
          status: staff ? 'confirmed' : 'held',
          date: input.date,
          start_time: t.start_time,
          end_time: t.end_time,
          held_until: staff ? null : new Date(now.getTime() + settings.hold_minutes * 60_000),
          code: newCode(),
        },
        now,
      );
      await appendAuditEvent(trx, ctx.auditKey, {
        actor: auditActor(actor),
        action: staff ? 'appointment.bookFor' : 'appointment.hold',
        entityType: 'appointment',
        entityId: a.id,
        after: { hallId: hall.id, itemId: item.id, date: a.date, start: a.start_time, status: a.status },
        ip: actor.ip,
        regionCode: hall.region_code,
      });
      if (staff) await queueReminder(ctx, trx, a);
      return a;
    });
  } catch (e) {
    if (isSameDayViolation(e)) throw new AppError('HALL_APPOINTMENT_SAME_DAY', { date: input.date });
    throw e;
  }
}

type AppointmentRow = NonNullable<Awaited<ReturnType<typeof repo.findAppointment>>>;

const isOwner = (actor: Actor, a: { account_id: string | null; person_id: string }) =>
  a.account_id === actor.accountId || (actor.personId !== null && actor.personId === a.person_id);

/** An appointment the actor may see: their own, or one of a hall they serve. Anyone else: not found. */
export async function visibleAppointment(ctx: AppContext, actor: Actor, id: string): Promise<AppointmentRow> {
  const a = await repo.findAppointment(ctx.db, id);
  if (!a) throw new AppError('HALL_APPOINTMENT_NOT_FOUND');
  if (isOwner(actor, a)) return a;
  if (can(actor, 'hall.serve', { type: 'hall', id: a.hall_id, regionCode: a.hall_region_code })) return a;
  throw new AppError('HALL_APPOINTMENT_NOT_FOUND');
}

/** The status as the resident sees it: a hold that ran out is expired even before it is released. */
export const effectiveStatus = (a: { status: string; held_until: Date | null }, now: Date) =>
  a.status === 'held' && a.held_until && a.held_until < now ? 'expired' : a.status;

/** My appointments (我的预约). */
export async function myAppointments(ctx: AppContext, actor: Actor, page: { page: number; pageSize: number }) {
  const [items, total] = await Promise.all([
    repo.appointmentsOf(ctx.db, actor.accountId, actor.personId, page.pageSize, (page.page - 1) * page.pageSize),
    repo.countAppointmentsOf(ctx.db, actor.accountId, actor.personId),
  ]);
  return { items, total };
}

type Appointment = NonNullable<Awaited<ReturnType<typeof repo.findAppointment>>>;

/**
 * Moves an appointment that is still in one of `from` (else HALL_APPOINTMENT_STATE_INVALID: it changed meanwhile),
 * runs what goes with the move (`also`, e.g. freeing the place), and audits it last, from the status read to the new one.
 */
async function moveAppointment(
  trx: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  a: Appointment,
  from: Parameters<typeof repo.updateAppointment>[2],
  patch: Parameters<typeof repo.updateAppointment>[3] & { status: string },
  action: string,
  also?: () => Promise<unknown>,
) {
  const after = await repo.updateAppointment(trx, a.id, from, patch, ctx.now());
  if (!after) throw new AppError('HALL_APPOINTMENT_STATE_INVALID');
  await also?.();
  await appendAuditEvent(trx, ctx.auditKey, {
    actor: auditActor(actor),
    action,
    entityType: 'appointment',
    entityId: a.id,
    before: { status: a.status },
    after: { status: patch.status },
    ip: actor.ip,
    regionCode: a.hall_region_code,
  });
  return after;
}

/** Confirms a held booking (its owner) before the hold runs out. */
export async function confirm(ctx: AppContext, actor: Actor, id: string) {
  const a = await visibleAppointment(ctx, actor, id);
  if (!isOwner(actor, a)) throw new AppError('HALL_APPOINTMENT_NOT_FOUND');
  if (effectiveStatus(a, ctx.now()) === 'expired') throw new AppError('HALL_HOLD_EXPIRED');
  if (a.status !== 'held') throw new AppError('HALL_APPOINTMENT_STATE_INVALID', { status: a.status });
  return ctx.db.transaction().execute(async (trx) => {
    const after = await moveAppointment(trx, ctx, actor, a, ['held'], { status: 'confirmed', held_until: null }, 'appointment.confirm');
    await queueReminder(ctx, trx, after);
    return after;
  });
}

/** The owner may change a booking only up to the hall's cancellation hours before it; the hall's staff at any time. */
async function checkChangeable(ctx: AppContext, actor: Actor, a: AppointmentRow) {
  if (!['held', 'confirmed'].includes(effectiveStatus(a, ctx.now())))
    throw new AppError('HALL_APPOINTMENT_STATE_INVALID', { status: effectiveStatus(a, ctx.now()) });
  if (actor.kind === 'staff') return;
  const settings = await hallSettings(ctx, a.hall_id);
  const latest = slotInstant(a.date, a.start_time).getTime() - settings.cancel_hours * 3_600_000;
  if (a.status === 'confirmed' && ctx.now().getTime() > latest)
    throw new AppError('HALL_CANCEL_TOO_LATE', { hours: settings.cancel_hours });
}

/** Cancels a booking (its owner, or the hall's staff) and frees its place. */
export async function cancel(ctx: AppContext, actor: Actor, id: string) {
  const a = await visibleAppointment(ctx, actor, id);
  await checkChangeable(ctx, actor, a);
  return ctx.db
    .transaction()
    .execute((trx) =>
      moveAppointment(
        trx,
        ctx,
        actor,
        a,
        ['held', 'confirmed'],
        { status: 'cancelled', cancelled_at: ctx.now(), held_until: null },
        'appointment.cancel',
        () => repo.adjustBooked(trx, a.slot_id, -1),
      ),
    );
}

/** Moves a confirmed booking to another slot of the same business type: the new place is taken before the old one is freed. */
export async function reschedule(ctx: AppContext, actor: Actor, id: string, to: SlotRef) {
  const a = await visibleAppointment(ctx, actor, id);
  if (a.status !== 'confirmed') throw new AppError('HALL_APPOINTMENT_STATE_INVALID', { status: effectiveStatus(a, ctx.now()) });
  await checkChangeable(ctx, actor, a);
  const hall = await hallOr404(ctx, a.hall_id);
  const settings = await hallSettings(ctx, hall.id);
  const problem = await dayProblem(ctx, hall, settings, to.date);
  if (problem) throw new AppError(problem.code, problem.details);
  const t = await templateSlot(ctx, a.business_type_id, to.date, to.start);
  if (slotInstant(to.date, t.start_time) <= ctx.now()) throw new AppError('HALL_SLOT_PAST', to);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      if (to.date !== a.date && (await releaseOwnStaleHold(ctx, trx, hall.id, a.person_id, to.date)))
        throw new AppError('HALL_APPOINTMENT_SAME_DAY', { date: to.date });
      const slot = await takeSlotPlace(ctx, trx, { id: a.business_type_id }, t, to.date);
      const after = await repo.updateAppointment(
        trx,
        id,
        ['confirmed'],
        { slot_id: slot.id, date: to.date, start_time: t.start_time, end_time: t.end_time },
        ctx.now(),
      );
      if (!after) throw new AppError('HALL_APPOINTMENT_STATE_INVALID');
      await repo.adjustBooked(trx, a.slot_id, -1);
      await appendAuditEvent(trx, ctx.auditKey, {
        actor: auditActor(actor),
        action: 'appointment.reschedule',
        entityType: 'appointment',
        entityId: id,
        before: { date: a.date, start: a.start_time },
        after: { date: after.date, start: after.start_time },
        ip: actor.ip,
        regionCode: a.hall_region_code,
      });
      await queueReminder(ctx, trx, after);
      return after;
    });
  } catch (e) {
    if (isSameDayViolation(e)) throw new AppError('HALL_APPOINTMENT_SAME_DAY', { date: to.date });
    throw e;
  }
}

/** Records a no-show (爽约): the hall's staff, once the slot has ended without a check-in. */
export async function recordNoShow(ctx: AppContext, actor: Actor, id: string) {
  const a = await visibleAppointment(ctx, actor, id);
  await servedHall(ctx, actor, a.hall_id);
  if (a.status !== 'confirmed') throw new AppError('HALL_APPOINTMENT_STATE_INVALID', { status: effectiveStatus(a, ctx.now()) });
  if (slotInstant(a.date, a.end_time) > ctx.now()) throw new AppError('HALL_APPOINTMENT_NOT_DUE', { date: a.date, end: a.end_time });
  return ctx.db
    .transaction()
    .execute((trx) =>
      moveAppointment(trx, ctx, actor, a, ['confirmed'], { status: 'noShow', no_show_at: ctx.now() }, 'appointment.noShow'),
    );
}

/** The job: the reminder SMS the day before, if the booking still stands for that day. */
export async function remindAppointment(ctx: AppContext, data: { appointmentId: string; date: string }) {
  const a = await repo.appointmentForReminder(ctx.db, data.appointmentId);
  if (!a || a.status !== 'confirmed' || a.date !== data.date) return;
  await ctx.db.transaction().execute(async (trx) => {
    await smsPerson(
      ctx,
      trx,
      a.person_id,
      `您预约了${a.date} ${a.start_time}在${a.hall_name}办理“${a.item_name}”，预约码 ${a.code}，请携带身份证按时到场取号。`,
      'appointmentReminder',
    );
  });
}
