import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.ts';
import type { QueueTicketStatus, WindowQueueStatus } from '../../platform/db-types-hall.ts';

/** The SQL of the hall's queue (排队叫号): window states, tickets, calls and the display's catch-up. */

// ── window states ──

export function setWindowState(
  db: Kysely<DB>,
  windowId: string,
  hallId: string,
  status: WindowQueueStatus,
  clerkId: string | null,
  now: Date,
) {
  return db
    .insertInto('hall_window_states')
    .values({ window_id: windowId, hall_id: hallId, status, clerk_id: clerkId, updated_at: now })
    .onConflict((oc) =>
      oc.column('window_id').doUpdateSet({ status, clerk_id: clerkId, updated_at: now, version: sql`hall_window_states.version + 1` }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Open windows among these. */
export async function countOpenWindows(db: Kysely<DB>, windowIds: string[]): Promise<number> {
  if (windowIds.length === 0) return 0;
  const r = await db
    .selectFrom('hall_window_states')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('window_id', 'in', windowIds)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ── queue tickets ──

/** The next number of a business type's daily sequence (one row per type and day). */
export async function nextSequence(db: Kysely<DB>, businessTypeId: string, day: string): Promise<number> {
  const r = await db
    .insertInto('queue_counters')
    .values({ business_type_id: businessTypeId, day, last: 1 })
    .onConflict((oc) => oc.columns(['business_type_id', 'day']).doUpdateSet({ last: sql`queue_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

export type NewTicket = {
  hall_id: string;
  business_type_id: string;
  day: string;
  number: string;
  priority: number;
  priority_reason: 'appointment' | 'elderly' | 'disabled' | 'military' | 'pregnant' | null;
  source: 'idNumber' | 'appointment' | 'clerk' | 'remote';
  person_id: string | null;
  id_number_index: string | null;
  account_id: string | null;
  appointment_id: string | null;
  issued_by: string | null;
  status: QueueTicketStatus;
  taken_at: Date;
  queued_at: Date;
};

export function insertTicket(db: Kysely<DB>, v: NewTicket) {
  return db.insertInto('queue_tickets').values(v).returningAll().executeTakeFirstOrThrow();
}

export function findTicket(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('queue_tickets as t')
    .innerJoin('halls as h', 'h.id', 't.hall_id')
    .innerJoin('hall_business_types as b', 'b.id', 't.business_type_id')
    .leftJoin('windows as w', 'w.id', 't.window_id')
    .selectAll('t')
    .select(['h.region_code as hall_region_code', 'h.name as hall_name', 'b.name as business_type_name', 'w.number as window_number'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** The window's ticket in hand (called or being served). */
export function currentTicketAt(db: Kysely<DB>, windowId: string) {
  return db
    .selectFrom('queue_tickets')
    .selectAll()
    .where('window_id', '=', windowId)
    .where('status', 'in', ['called', 'serving'])
    .executeTakeFirst();
}

/**
 * The next ticket a window may serve, locked: waiting today in one of its business types (or transferred to this window),
 * highest priority first, then the earliest in the queue. SKIP LOCKED lets other windows take the next one meanwhile.
 */
export function lockNextTicket(db: Kysely<DB>, hallId: string, day: string, windowId: string, businessTypeIds: string[]) {
  return db
    .selectFrom('queue_tickets')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('day', '=', day)
    .where('status', '=', 'waiting')
    .where((eb) =>
      eb.or([
        eb('target_window_id', '=', windowId),
        eb.and([
          eb('target_window_id', 'is', null),
          businessTypeIds.length ? eb('business_type_id', 'in', businessTypeIds) : eb.val(false),
        ]),
      ]),
    )
    .orderBy('priority', 'desc')
    .orderBy('queued_at')
    .orderBy('number')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export function updateTicket(
  db: Kysely<DB>,
  id: string,
  fromStatuses: QueueTicketStatus[],
  v: Partial<{
    status: QueueTicketStatus;
    window_id: string | null;
    target_window_id: string | null;
    business_type_id: string;
    clerk_id: string | null;
    recalls: number;
    queued_at: Date;
    called_at: Date | null;
    started_at: Date;
    finished_at: Date;
    wait_seconds: number;
    service_seconds: number;
    priority: number;
  }>,
) {
  return db
    .updateTable('queue_tickets')
    .set({ ...v, version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', 'in', fromStatuses)
    .returningAll()
    .executeTakeFirst();
}

/** How many waiting tickets are ahead of this one in its queue (same business type, or the same target window), in the order windows call them. */
export async function positionOf(
  db: Kysely<DB>,
  t: {
    id: string;
    hall_id: string;
    day: string;
    number: string;
    business_type_id: string;
    target_window_id: string | null;
    priority: number;
    queued_at: Date;
  },
): Promise<number> {
  const r = await db
    .selectFrom('queue_tickets')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('hall_id', '=', t.hall_id)
    .where('day', '=', t.day)
    .where('status', '=', 'waiting')
    .where('id', '!=', t.id)
    .where((eb) => (t.target_window_id ? eb('target_window_id', '=', t.target_window_id) : eb('business_type_id', '=', t.business_type_id)))
    .where((eb) =>
      eb.or([
        eb('priority', '>', t.priority),
        eb.and([
          eb('priority', '=', t.priority),
          eb.or([eb('queued_at', '<', t.queued_at), eb.and([eb('queued_at', '=', t.queued_at), eb('number', '<', t.number)])]),
        ]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The mean service time (seconds) of the last `n` finished tickets of a business type; null when none. */
export async function recentServiceSeconds(db: Kysely<DB>, businessTypeId: string, n: number): Promise<number | null> {
  const r = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('queue_tickets')
        .select('service_seconds')
        .where('business_type_id', '=', businessTypeId)
        .where('status', '=', 'done')
        .where('service_seconds', 'is not', null)
        .orderBy('finished_at', 'desc')
        .limit(n)
        .as('recent'),
    )
    .select((eb) => eb.fn.avg<string | null>('service_seconds').as('avg'))
    .executeTakeFirstOrThrow();
  return r.avg === null ? null : Number(r.avg);
}

/** Waiting tickets per business type of a hall today. */
export function waitingCounts(db: Kysely<DB>, hallId: string, day: string) {
  return db
    .selectFrom('queue_tickets')
    .select(['business_type_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('hall_id', '=', hallId)
    .where('day', '=', day)
    .where('status', '=', 'waiting')
    .groupBy('business_type_id')
    .execute();
}

/** The tickets in hand at the hall's windows. */
export function ticketsInHand(db: Kysely<DB>, hallId: string, day: string) {
  return db
    .selectFrom('queue_tickets as t')
    .innerJoin('windows as w', 'w.id', 't.window_id')
    .select(['t.id', 't.number', 't.status', 't.window_id', 'w.number as window_number', 't.called_at'])
    .where('t.hall_id', '=', hallId)
    .where('t.day', '=', day)
    .where('t.status', 'in', ['called', 'serving'])
    .orderBy('w.number')
    .execute();
}

export function insertCall(
  db: Kysely<DB>,
  v: {
    hall_id: string;
    ticket_id: string;
    window_id: string;
    number: string;
    window_number: string;
    kind: 'call' | 'recall';
    created_at: Date;
  },
) {
  return db.insertInto('hall_calls').values(v).returningAll().executeTakeFirstOrThrow();
}

/** Calls of a hall after an id (the display's catch-up), oldest first. */
export function callsAfter(db: Kysely<DB>, hallId: string, afterId: number, limit: number) {
  return db
    .selectFrom('hall_calls')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Links the case a clerk opened from a ticket (once). */
export function linkTicketCase(db: Kysely<DB>, ticketId: string, caseId: string) {
  return db
    .updateTable('queue_tickets')
    .set({ case_id: caseId, version: sql`version + 1` })
    .where('id', '=', ticketId)
    .where('case_id', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** The ticket a case was opened from. */
export function ticketOfCase(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('queue_tickets').select(['id', 'number']).where('case_id', '=', caseId).executeTakeFirst();
}

/** The id of a hall's n-th latest call (null when it has fewer calls). */
export async function nthLastCallId(db: Kysely<DB>, hallId: string, n: number): Promise<number | null> {
  const r = await db
    .selectFrom('hall_calls')
    .select('id')
    .where('hall_id', '=', hallId)
    .orderBy('id', 'desc')
    .offset(n - 1)
    .limit(1)
    .executeTakeFirst();
  return r ? Number(r.id) : null;
}
