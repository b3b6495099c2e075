import type { getHallConfig } from './config-service.ts';
import type * as queue from './queue-repo.ts';
import type * as repo from './repo.ts';

/** Maps hall rows to API shapes; no raw row leaves the server. */

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

type Settings = Awaited<ReturnType<typeof getHallConfig>>['settings'];
export const presentSettings = (s: Settings) => ({
  daysAhead: s.days_ahead,
  cancelHours: s.cancel_hours,
  holdMinutes: s.hold_minutes,
  noShowLimit: s.no_show_limit,
  noShowPeriodDays: s.no_show_period_days,
  suspensionDays: s.suspension_days,
  maxRecalls: s.max_recalls,
  skipAction: s.skip_action,
  version: s.version,
});

export function presentConfig(c: Awaited<ReturnType<typeof getHallConfig>>) {
  return {
    hallId: c.hall.id,
    hallName: c.hall.name,
    settings: presentSettings(c.settings),
    businessTypes: c.types.map((t) => ({
      id: t.id,
      hallId: t.hall_id,
      prefix: t.prefix,
      name: t.name,
      items: c.items
        .filter((i) => t.item_ids.includes(i.id))
        .map((i) => ({ implementationCode: i.implementation_code, name: i.name, bookable: i.can_book_online })),
      windowIds: t.window_ids,
      slots: c.templates
        .filter((s) => s.business_type_id === t.id)
        .map((s) => ({ weekday: s.weekday, start: s.start_time, end: s.end_time, capacity: s.capacity })),
      version: t.version,
    })),
    windows: c.windows.map((w) => ({ id: w.id, number: w.number, name: w.name, queueStatus: w.queue_status ?? ('closed' as const) })),
  };
}

type AppointmentView = NonNullable<Awaited<ReturnType<typeof repo.findAppointment>>>;
export function presentAppointment(a: AppointmentView, now: Date) {
  const expired = a.status === 'held' && a.held_until !== null && a.held_until < now;
  return {
    id: a.id,
    hallId: a.hall_id,
    hallName: a.hall_name,
    itemCode: a.implementation_code,
    itemName: a.item_name,
    businessTypeId: a.business_type_id,
    businessTypeName: a.business_type_name,
    date: a.date,
    start: a.start_time,
    end: a.end_time,
    status: expired ? ('expired' as const) : a.status,
    heldUntil: expired ? null : iso(a.held_until),
    code: a.code,
    version: a.version,
  };
}

type TicketView = Omit<
  NonNullable<Awaited<ReturnType<typeof queue.findTicket>>>,
  'hall_region_code' | 'hall_name' | 'business_type_name' | 'window_number'
>;
type Estimate = { ahead: number; meanServiceSeconds: number; openWindows: number; waitSeconds: number } | null;
export function presentTicket(t: TicketView, estimate?: Estimate) {
  return {
    id: t.id,
    hallId: t.hall_id,
    number: t.number,
    businessTypeId: t.business_type_id,
    day: t.day,
    priority: t.priority,
    priorityReason: t.priority_reason,
    source: t.source,
    status: t.status,
    windowId: t.window_id,
    targetWindowId: t.target_window_id,
    recalls: t.recalls,
    appointmentId: t.appointment_id,
    takenAt: t.taken_at.toISOString(),
    calledAt: iso(t.called_at),
    startedAt: iso(t.started_at),
    finishedAt: iso(t.finished_at),
    waitSeconds: t.wait_seconds,
    serviceSeconds: t.service_seconds,
    caseId: t.case_id,
    ...(estimate === undefined ? {} : { estimate }),
    version: t.version,
  };
}
