import { z } from 'zod';
import { pageQuery } from '../../platform/http.ts';

/** Request and answer schemas of the hall module (网上预约, 排队叫号). */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const implementationCode = z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}[1-7][0-9A-Z]{12}$/);

export const idParam = z.strictObject({ id: z.uuid() });
export const closureParam = z.strictObject({ id: z.uuid(), date: isoDate });

export const settingsBody = z.strictObject({
  daysAhead: z.number().int().min(1).max(90),
  cancelHours: z.number().int().min(0).max(168),
  holdMinutes: z.number().int().min(1).max(60),
  noShowLimit: z.number().int().min(1).max(20),
  noShowPeriodDays: z.number().int().min(1).max(365),
  suspensionDays: z.number().int().min(1).max(365),
  maxRecalls: z.number().int().min(0).max(10),
  skipAction: z.enum(['void', 'requeue']),
  version: z.number().int().min(0).optional(),
});
export type SettingsBody = z.infer<typeof settingsBody>;
export const settings = z
  .object({
    daysAhead: z.number(),
    cancelHours: z.number(),
    holdMinutes: z.number(),
    noShowLimit: z.number(),
    noShowPeriodDays: z.number(),
    suspensionDays: z.number(),
    maxRecalls: z.number(),
    skipAction: z.enum(['void', 'requeue']),
    version: z.number(),
  })
  .meta({ id: 'HallSettings' });

const slotTemplate = z.strictObject({
  weekday: z.number().int().min(1).max(7),
  start: hhmm,
  end: hhmm,
  capacity: z.number().int().min(1).max(1000),
});
export const businessTypeBody = z.strictObject({
  name: z.string().trim().min(1).max(40),
  itemCodes: z.array(implementationCode).max(500),
  windowIds: z.array(z.uuid()).max(100),
  slots: z.array(slotTemplate).max(200),
});
export type BusinessTypeBody = z.infer<typeof businessTypeBody>;
export const businessTypeCreateBody = businessTypeBody.extend({ prefix: z.string().regex(/^[A-Z]$/) });
export const businessTypePatchBody = businessTypeBody.extend({ version: z.number().int().min(1).optional() });

export const businessType = z
  .object({
    id: z.uuid(),
    hallId: z.uuid(),
    prefix: z.string(),
    name: z.string(),
    items: z.array(z.object({ implementationCode: z.string(), name: z.string(), bookable: z.boolean() })),
    windowIds: z.array(z.uuid()),
    slots: z.array(z.object({ weekday: z.number(), start: z.string(), end: z.string(), capacity: z.number() })),
    version: z.number(),
  })
  .meta({ id: 'HallBusinessType' });

export const hallConfig = z
  .object({
    hallId: z.uuid(),
    hallName: z.string(),
    settings,
    businessTypes: z.array(businessType),
    windows: z.array(z.object({ id: z.uuid(), number: z.string(), name: z.string(), queueStatus: z.enum(['open', 'paused', 'closed']) })),
  })
  .meta({ id: 'HallConfig' });

export const closureBody = z.strictObject({ reason: z.string().trim().min(1).max(100) });
export type ClosureBody = z.infer<typeof closureBody>;
export const closure = z.object({ hallId: z.uuid(), date: z.string(), reason: z.string() });

export const availabilityQuery = z.strictObject({
  itemCode: implementationCode,
  from: isoDate.optional(),
  days: z.coerce.number().int().min(1).max(14).optional(),
});
export type AvailabilityQuery = z.infer<typeof availabilityQuery>;
export const availability = z
  .object({
    hallId: z.uuid(),
    businessTypeId: z.uuid(),
    businessTypeName: z.string(),
    days: z.array(
      z.object({
        date: z.string(),
        open: z.boolean(),
        reason: z.string().nullable(),
        slots: z.array(z.object({ start: z.string(), end: z.string(), capacity: z.number(), available: z.number() })),
      }),
    ),
  })
  .meta({ id: 'HallAvailability' });

export const slotRef = z.strictObject({ date: isoDate, start: hhmm });
export type SlotRef = z.infer<typeof slotRef>;
export const bookBody = slotRef.extend({
  hallId: z.uuid(),
  itemCode: implementationCode,
  /** Staff booking for a caller: the caller's identity. */
  applicant: z.strictObject({ name: z.string().trim().min(1).max(40), idNumber: z.string().max(18), phone: z.string().max(11) }).optional(),
});
export type BookBody = z.infer<typeof bookBody>;

export const appointment = z
  .object({
    id: z.uuid(),
    hallId: z.uuid(),
    hallName: z.string(),
    itemCode: z.string(),
    itemName: z.string(),
    businessTypeId: z.uuid(),
    businessTypeName: z.string(),
    date: z.string(),
    start: z.string(),
    end: z.string(),
    status: z.enum(['held', 'confirmed', 'cancelled', 'expired', 'checkedIn', 'noShow']),
    heldUntil: z.string().nullable(),
    code: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Appointment' });
export const appointmentsQuery = pageQuery;

export const ticketBody = z.strictObject({
  businessTypeId: z.uuid().optional(),
  idNumber: z.string().max(18).optional(),
  appointmentId: z.uuid().optional(),
  priorityReason: z.enum(['elderly', 'disabled', 'military', 'pregnant']).optional(),
});
export type TicketBody = z.infer<typeof ticketBody>;

export const ticket = z
  .object({
    id: z.uuid(),
    hallId: z.uuid(),
    number: z.string(),
    businessTypeId: z.uuid(),
    day: z.string(),
    priority: z.number(),
    priorityReason: z.string().nullable(),
    source: z.string(),
    status: z.enum(['waiting', 'called', 'serving', 'done', 'void']),
    windowId: z.uuid().nullable(),
    targetWindowId: z.uuid().nullable(),
    recalls: z.number(),
    appointmentId: z.uuid().nullable(),
    takenAt: z.string(),
    calledAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    waitSeconds: z.number().nullable(),
    serviceSeconds: z.number().nullable(),
    caseId: z.uuid().nullable(),
    estimate: z
      .object({ ahead: z.number(), meanServiceSeconds: z.number(), openWindows: z.number(), waitSeconds: z.number() })
      .nullable()
      .optional(),
    version: z.number(),
  })
  .meta({ id: 'QueueTicket' });
export const callAnswer = z.object({ ticket: ticket.nullable() });

export const transferBody = z
  .strictObject({ windowId: z.uuid().optional(), businessTypeId: z.uuid().optional() })
  .refine((b) => (b.windowId === undefined) !== (b.businessTypeId === undefined), {
    message: 'exactly one of windowId and businessTypeId',
  });
export type TransferBody = z.infer<typeof transferBody>;

export const windowStatusBody = z.strictObject({ status: z.enum(['open', 'paused', 'closed']) });
export const windowStatus = z.object({ windowId: z.uuid(), hallId: z.uuid(), status: z.enum(['open', 'paused', 'closed']) });

export const hallQueue = z
  .object({
    hallId: z.uuid(),
    day: z.string(),
    businessTypes: z.array(z.object({ id: z.uuid(), prefix: z.string(), name: z.string(), waiting: z.number() })),
    inHand: z.array(z.object({ ticketId: z.uuid(), number: z.string(), status: z.string(), windowId: z.uuid(), windowNumber: z.string() })),
    windows: z.array(z.object({ id: z.uuid(), number: z.string(), name: z.string(), queueStatus: z.enum(['open', 'paused', 'closed']) })),
  })
  .meta({ id: 'HallQueue' });

export const linkCaseBody = z.strictObject({ caseId: z.uuid() });

/** The display stream: how long it stays open (seconds; the browser's EventSource reconnects) and where it starts. */
export const streamQuery = z.strictObject({
  wait: z.coerce.number().int().min(0).max(55).default(25),
  after: z.coerce.number().int().min(0).optional(),
});
