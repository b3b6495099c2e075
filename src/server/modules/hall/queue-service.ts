import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db-types.ts';
import type { QueueTicketStatus, WindowQueueStatus } from '../../platform/db-types-hall.ts';
import { AppError } from '../../platform/errors.ts';
import { validateIdNumber } from '../../platform/identifiers.ts';
import { can } from '../../platform/policies.ts';
import { findCase } from '../cases/index.ts';
import { findPersonByIdIndex } from '../identity/index.ts';
import { actingWindow, auditActor, hallOr404, servedHall } from './access.ts';
import { hallSettings } from './config-service.ts';
import * as queue from './queue-repo.ts';
import * as repo from './repo.ts';
import type { TicketBody, TransferBody } from './schema.ts';

/**
 * 取号 and 叫号. A ticket's number is its business type's prefix and the type's daily sequence (A012), counted in
 * one row per type and day. A window calls the next waiting ticket of its business types (or one transferred to it):
 * highest priority first (green channel 2, appointment 1), then the earliest queued; SKIP LOCKED lets windows call
 * at once without taking the same ticket.
 */

/** Service time assumed before a business type has finished tickets (seconds). */
export const DEFAULT_SERVICE_SECONDS = 300;
/** How many recent finished tickets the wait estimate averages. */
const RECENT = 20;

const seconds = (from: Date | null, to: Date) => (from ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : 0);

type TicketRow = NonNullable<Awaited<ReturnType<typeof queue.findTicket>>>;

/** Issues a ticket at a hall: by a clerk (ID number, green channel), by checking in an appointment, or remotely by a resident. */
export async function takeTicket(ctx: AppContext, actor: Actor, hallId: string, input: TicketBody) {
  const staff = actor.kind === 'staff';
  const hall = staff ? await servedHall(ctx, actor, hallId) : await hallOr404(ctx, hallId);
  if (!staff && (input.idNumber || input.priorityReason)) throw new AppError('FORBIDDEN');
  const now = ctx.now();
  const day = shanghaiDate(now);
  let appointment: Awaited<ReturnType<typeof repo.findAppointment>> | null = null;
  let businessTypeId = input.businessTypeId ?? null;
  let personId: string | null = null;
  let idIndex: string | null = null;
  if (input.appointmentId) {
    appointment = (await repo.findAppointment(ctx.db, input.appointmentId)) ?? null;
    const mine =
      appointment && (appointment.account_id === actor.accountId || (actor.personId && appointment.person_id === actor.personId));
    if (!appointment || appointment.hall_id !== hall.id || (!staff && !mine)) throw new AppError('HALL_APPOINTMENT_NOT_FOUND');
    if (appointment.status !== 'confirmed') throw new AppError('HALL_APPOINTMENT_STATE_INVALID', { status: appointment.status });
    if (appointment.date !== day) throw new AppError('HALL_APPOINTMENT_NOT_DUE', { date: appointment.date });
    businessTypeId = appointment.business_type_id;
    personId = appointment.person_id;
  } else if (input.idNumber) {
    const id = validateIdNumber(input.idNumber, { now });
    if (!id.ok) throw new AppError('ID_NUMBER_INVALID', { reason: id.reason });
    idIndex = ctx.cipher.blindIndex(`id:${input.idNumber}`);
    personId = (await findPersonByIdIndex(ctx.db, idIndex))?.id ?? null;
  } else if (!staff) {
    if (!actor.personId) throw new AppError('PERSON_NOT_FOUND');
    personId = actor.personId;
  }
  if (!businessTypeId) throw new AppError('HALL_BUSINESS_TYPE_NOT_FOUND');
  const bt = await repo.findBusinessType(ctx.db, businessTypeId);
  if (!bt || bt.hall_id !== hall.id) throw new AppError('HALL_BUSINESS_TYPE_NOT_FOUND');
  const priority = input.priorityReason ? 2 : appointment ? 1 : 0;
  const ticket = await ctx.db.transaction().execute(async (trx) => {
    if (appointment) {
      const checked = await repo.updateAppointment(trx, appointment.id, ['confirmed'], { status: 'checkedIn', checked_in_at: now }, now);
      if (!checked) throw new AppError('HALL_APPOINTMENT_STATE_INVALID');
    }
    const seq = await queue.nextSequence(trx, bt.id, day);
    const t = await queue.insertTicket(trx, {
      hall_id: hall.id,
      business_type_id: bt.id,
      day,
      number: `${bt.prefix}${String(seq).padStart(3, '0')}`,
      priority,
      priority_reason: input.priorityReason ?? (appointment ? 'appointment' : null),
      source: appointment ? 'appointment' : staff ? (input.idNumber ? 'idNumber' : 'clerk') : 'remote',
      person_id: personId,
      id_number_index: idIndex,
      account_id: staff ? null : actor.accountId,
      appointment_id: appointment?.id ?? null,
      issued_by: staff ? actor.accountId : null,
      status: 'waiting',
      taken_at: now,
      queued_at: now,
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: auditActor(actor),
      action: 'queueTicket.take',
      entityType: 'queueTicket',
      entityId: t.id,
      after: { hallId: hall.id, number: t.number, businessTypeId: bt.id, priority, source: t.source, appointmentId: t.appointment_id },
      ip: actor.ip,
      regionCode: hall.region_code,
    });
    return t;
  });
  return ticket;
}

/** A ticket the actor may see: their own (account, person) or one of a hall they serve. */
export async function visibleTicket(ctx: AppContext, actor: Actor, id: string): Promise<TicketRow> {
  const t = await queue.findTicket(ctx.db, id);
  if (!t) throw new AppError('HALL_TICKET_NOT_FOUND');
  const own = t.account_id === actor.accountId || (actor.personId !== null && t.person_id === actor.personId);
  if (own || can(actor, 'hall.serve', { type: 'hall', id: t.hall_id, regionCode: t.hall_region_code })) return t;
  throw new AppError('HALL_TICKET_NOT_FOUND');
}

/**
 * The estimate of a waiting ticket: tickets ahead × the mean service time of the type's last 20 finished tickets
 * ÷ the open windows serving the type (at least one).
 */
export async function estimateOf(ctx: AppContext, t: TicketRow) {
  if (t.status !== 'waiting') return null;
  const bt = await repo.findBusinessType(ctx.db, t.business_type_id);
  const [ahead, mean, open] = await Promise.all([
    queue.positionOf(ctx.db, t),
    queue.recentServiceSeconds(ctx.db, t.business_type_id, RECENT),
    queue.countOpenWindows(ctx.db, t.target_window_id ? [t.target_window_id] : (bt?.window_ids ?? [])),
  ]);
  const perTicket = mean ?? DEFAULT_SERVICE_SECONDS;
  return {
    ahead,
    meanServiceSeconds: Math.round(perTicket),
    openWindows: open,
    waitSeconds: Math.round((ahead * perTicket) / Math.max(open, 1)),
  };
}

/** Opens, pauses or closes a window for calls (暂停/恢复). */
export async function setWindowStatus(ctx: AppContext, actor: Actor, windowId: string, status: WindowQueueStatus) {
  const w = await actingWindow(ctx, actor, windowId);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await queue.setWindowState(trx, w.id, w.hall_id, status, status === 'open' ? actor.accountId : null, ctx.now());
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: auditActor(actor),
      action: 'window.queueStatus',
      entityType: 'window',
      entityId: w.id,
      before: { status: w.queue_status ?? 'closed' },
      after: { status },
      ip: actor.ip,
      regionCode: w.hall_region_code,
    });
    return { window: w, state: row };
  });
}

/** One explicit step on a ticket: the transition checked against its current state, the change, an audit event. */
async function step(
  ctx: AppContext,
  trx: Kysely<DB>,
  actor: Actor,
  t: { id: string; status: QueueTicketStatus; hall_region_code: string },
  from: QueueTicketStatus[],
  action: string,
  change: Parameters<typeof queue.updateTicket>[3],
) {
  const after = await queue.updateTicket(trx, t.id, from, change);
  if (!after) throw new AppError('HALL_TICKET_STATE_INVALID', { status: t.status, needs: from });
  await appendAuditEvent(trx, ctx.auditKey, {
    actor: auditActor(actor),
    action,
    entityType: 'queueTicket',
    entityId: t.id,
    before: { status: t.status },
    after: { status: after.status, windowId: after.window_id, businessTypeId: after.business_type_id },
    ip: actor.ip,
    regionCode: t.hall_region_code,
  });
  return after;
}

/**
 * 叫号: the window calls its next ticket. A ticket being served at the window is finished first; a called one that is
 * neither started nor skipped blocks (HALL_WINDOW_BUSY). Null when no one waits.
 */
export async function callNext(ctx: AppContext, actor: Actor, windowId: string) {
  const w = await actingWindow(ctx, actor, windowId);
  if (w.queue_status !== 'open') throw new AppError('HALL_WINDOW_CLOSED', { windowId: w.id, status: w.queue_status ?? 'closed' });
  const now = ctx.now();
  const day = shanghaiDate(now);
  const types = (await repo.businessTypesOfHall(ctx.db, w.hall_id)).filter((b) => b.window_ids.includes(w.id)).map((b) => b.id);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await queue.currentTicketAt(trx, w.id);
    if (current?.status === 'called') throw new AppError('HALL_WINDOW_BUSY', { ticketId: current.id, number: current.number });
    if (current)
      await step(ctx, trx, actor, { ...current, hall_region_code: w.hall_region_code }, ['serving'], 'queueTicket.finish', {
        status: 'done',
        finished_at: now,
        service_seconds: seconds(current.started_at, now),
      });
    const next = await queue.lockNextTicket(trx, w.hall_id, day, w.id, types);
    if (!next) return null;
    const called = await step(ctx, trx, actor, { ...next, hall_region_code: w.hall_region_code }, ['waiting'], 'queueTicket.call', {
      status: 'called',
      window_id: w.id,
      clerk_id: actor.accountId,
      called_at: now,
      wait_seconds: seconds(next.taken_at, now),
    });
    await queue.insertCall(trx, {
      hall_id: w.hall_id,
      ticket_id: called.id,
      window_id: w.id,
      number: called.number,
      window_number: w.number,
      kind: 'call',
      created_at: now,
    });
    return called;
  });
}

/** A ticket in hand at a window the actor acts for. */
async function ticketInHand(ctx: AppContext, actor: Actor, id: string) {
  const t = await queue.findTicket(ctx.db, id);
  if (!t || !can(actor, 'hall.serve', { type: 'hall', id: t.hall_id, regionCode: t.hall_region_code }))
    throw new AppError('HALL_TICKET_NOT_FOUND');
  if (!t.window_id || !['called', 'serving'].includes(t.status)) throw new AppError('HALL_TICKET_STATE_INVALID', { status: t.status });
  const w = await actingWindow(ctx, actor, t.window_id);
  return { t, w };
}

/** 重呼: calls the ticket again, up to the hall's recall limit. */
export async function recall(ctx: AppContext, actor: Actor, id: string) {
  const { t, w } = await ticketInHand(ctx, actor, id);
  const settings = await hallSettings(ctx, t.hall_id);
  if (t.status !== 'called') throw new AppError('HALL_TICKET_STATE_INVALID', { status: t.status, needs: ['called'] });
  if (t.recalls >= settings.max_recalls) throw new AppError('HALL_RECALL_LIMIT', { recalls: t.recalls, maxRecalls: settings.max_recalls });
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const after = await step(ctx, trx, actor, t, ['called'], 'queueTicket.recall', { recalls: t.recalls + 1 });
    await queue.insertCall(trx, {
      hall_id: t.hall_id,
      ticket_id: t.id,
      window_id: w.id,
      number: t.number,
      window_number: w.number,
      kind: 'recall',
      created_at: now,
    });
    return after;
  });
}

/** The caller arrived: service starts. */
export async function startService(ctx: AppContext, actor: Actor, id: string) {
  const { t } = await ticketInHand(ctx, actor, id);
  return ctx.db
    .transaction()
    .execute((trx) => step(ctx, trx, actor, t, ['called'], 'queueTicket.start', { status: 'serving', started_at: ctx.now() }));
}

/** Service done: the service time is stored. */
export async function finishService(ctx: AppContext, actor: Actor, id: string) {
  const { t } = await ticketInHand(ctx, actor, id);
  const now = ctx.now();
  return ctx.db.transaction().execute((trx) =>
    step(ctx, trx, actor, t, ['serving'], 'queueTicket.finish', {
      status: 'done',
      finished_at: now,
      service_seconds: seconds(t.started_at, now),
    }),
  );
}

/** 过号: the caller did not come. The ticket is void, or goes back to the end of its queue, as the hall sets. */
export async function skip(ctx: AppContext, actor: Actor, id: string) {
  const { t } = await ticketInHand(ctx, actor, id);
  const settings = await hallSettings(ctx, t.hall_id);
  const now = ctx.now();
  const change =
    settings.skip_action === 'void'
      ? { status: 'void' as const, finished_at: now }
      : { status: 'waiting' as const, window_id: null, clerk_id: null, called_at: null, queued_at: now, priority: 0, recalls: 0 };
  return ctx.db.transaction().execute((trx) => step(ctx, trx, actor, t, ['called'], 'queueTicket.skip', change));
}

/**
 * 转窗/转业务: the ticket waits again, for another (open) window of the hall or under another business type; it keeps its
 * place in time (its queued moment), so it is not sent to the back.
 */
export async function transfer(ctx: AppContext, actor: Actor, id: string, input: TransferBody) {
  const { t } = await ticketInHand(ctx, actor, id);
  let change: Parameters<typeof queue.updateTicket>[3];
  if (input.windowId) {
    const target = await repo.findWindow(ctx.db, input.windowId);
    if (!target || target.hall_id !== t.hall_id) throw new AppError('WINDOW_NOT_FOUND');
    if (target.queue_status !== 'open')
      throw new AppError('HALL_WINDOW_CLOSED', { windowId: target.id, status: target.queue_status ?? 'closed' });
    change = { status: 'waiting', target_window_id: target.id, window_id: null, clerk_id: null, called_at: null };
  } else {
    const bt = input.businessTypeId ? await repo.findBusinessType(ctx.db, input.businessTypeId) : undefined;
    if (!bt || bt.hall_id !== t.hall_id) throw new AppError('HALL_BUSINESS_TYPE_NOT_FOUND');
    change = { status: 'waiting', business_type_id: bt.id, target_window_id: null, window_id: null, clerk_id: null, called_at: null };
  }
  return ctx.db.transaction().execute((trx) => step(ctx, trx, actor, t, ['called', 'serving'], 'queueTicket.transfer', change));
}

/** The hall's queue now: waiting per business type, tickets in hand, window states (staff of the hall). */
export async function hallQueue(ctx: AppContext, actor: Actor, hallId: string) {
  const hall = await servedHall(ctx, actor, hallId);
  const day = shanghaiDate(ctx.now());
  const [types, waiting, inHand, windows] = await Promise.all([
    repo.businessTypesOfHall(ctx.db, hall.id),
    queue.waitingCounts(ctx.db, hall.id, day),
    queue.ticketsInHand(ctx.db, hall.id, day),
    repo.windowsOfHall(ctx.db, hall.id),
  ]);
  return { hall, day, types, waiting, inHand, windows };
}

/**
 * The clerk opened a case for the caller (窗口受理, POST /api/v1/cases): the ticket in hand at their window remembers it
 * (and the case its ticket: ticketOfCase). Only a window case this clerk filed, for the ticket's person when it has one.
 */
export async function linkCase(ctx: AppContext, actor: Actor, id: string, caseId: string) {
  const { t } = await ticketInHand(ctx, actor, id);
  const c = await findCase(ctx.db, caseId);
  if (!c || c.channel !== 'window' || c.created_by !== actor.accountId) throw new AppError('CASE_NOT_FOUND');
  if (t.case_id) throw new AppError('HALL_TICKET_STATE_INVALID', { status: t.status, caseId: t.case_id });
  if (t.person_id && c.applicant_person_id && t.person_id !== c.applicant_person_id) throw new AppError('HALL_TICKET_CASE_MISMATCH');
  return ctx.db.transaction().execute(async (trx) => {
    const after = await queue.linkTicketCase(trx, t.id, c.id);
    if (!after) throw new AppError('HALL_TICKET_STATE_INVALID', { status: t.status });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: auditActor(actor),
      action: 'queueTicket.linkCase',
      entityType: 'queueTicket',
      entityId: t.id,
      after: { caseId: c.id, number: t.number },
      ip: actor.ip,
      regionCode: t.hall_region_code,
    });
    return after;
  });
}
