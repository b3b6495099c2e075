import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { auditActor, hallOr404, managedHall } from './access.ts';
import * as repo from './repo.ts';
import type { BusinessTypeBody, ClosureBody, SettingsBody } from './schema.ts';

/** The rules a hall uses when it has not set its own (one hall's published rules: reference B1). */
export const DEFAULT_SETTINGS: repo.SettingsValues = {
  days_ahead: 7,
  cancel_hours: 2,
  hold_minutes: 5,
  no_show_limit: 3,
  no_show_period_days: 90,
  suspension_days: 30,
  max_recalls: 2,
  skip_action: 'void',
};

/** A hall's rules (its own, or the defaults with version 0). */
export async function hallSettings(ctx: AppContext, hallId: string) {
  const row = await repo.findSettings(ctx.db, hallId);
  return row ?? { hall_id: hallId, ...DEFAULT_SETTINGS, version: 0, updated_at: null };
}

/** The county of a hall: a township hall books the county's items too. */
const countyOf = (regionCode: string) => regionCode.slice(0, 6);

/** The public booking configuration of a hall: rules, business types with their items, windows and weekly slots. */
export async function getHallConfig(ctx: AppContext, hallId: string) {
  const hall = await hallOr404(ctx, hallId);
  const [settings, types, windows] = await Promise.all([
    hallSettings(ctx, hallId),
    repo.businessTypesOfHall(ctx.db, hallId),
    repo.windowsOfHall(ctx.db, hallId),
  ]);
  const [items, templates] = await Promise.all([
    repo.findItemsByIds(ctx.db, [...new Set(types.flatMap((t) => t.item_ids))]),
    repo.templatesOf(
      ctx.db,
      types.map((t) => t.id),
    ),
  ]);
  return { hall, settings, types, windows, items, templates };
}

/** Sets a hall's booking and queue rules (hall admin). The first setting needs no version; later ones the current one. */
export async function setSettings(ctx: AppContext, actor: Actor, hallId: string, input: SettingsBody) {
  const hall = await managedHall(ctx, actor, hallId);
  const before = await repo.findSettings(ctx.db, hall.id);
  const { version, ...values } = input;
  const v: repo.SettingsValues = {
    days_ahead: values.daysAhead,
    cancel_hours: values.cancelHours,
    hold_minutes: values.holdMinutes,
    no_show_limit: values.noShowLimit,
    no_show_period_days: values.noShowPeriodDays,
    suspension_days: values.suspensionDays,
    max_recalls: values.maxRecalls,
    skip_action: values.skipAction,
  };
  return ctx.db.transaction().execute(async (trx) => {
    const after = await repo.upsertSettings(trx, hall.id, v, before ? (version ?? -1) : null, ctx.now());
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: before?.version ?? 0 });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: auditActor(actor),
      action: 'hall.settings',
      entityType: 'hall',
      entityId: hall.id,
      before: before ?? null,
      after: v,
      ip: actor.ip,
      regionCode: hall.region_code,
    });
    return after;
  });
}

type Problem = { field: string; value?: string; reason: string };

/** Checks a business type's items (published, in the hall's county), windows (of the hall) and weekly slots (no overlap). */
async function resolveBusinessType(ctx: AppContext, hall: { id: string; region_code: string }, input: BusinessTypeBody) {
  const problems: Problem[] = [];
  const items = [];
  for (const code of new Set(input.itemCodes)) {
    const it = await repo.findItemByCode(ctx.db, code);
    if (!it || it.status !== 'published') problems.push({ field: 'itemCodes', value: code, reason: 'unknown' });
    else if (!it.region_code.startsWith(countyOf(hall.region_code)))
      problems.push({ field: 'itemCodes', value: code, reason: 'outsideRegion' });
    else items.push(it);
  }
  const windows = await repo.windowsOfHall(ctx.db, hall.id);
  for (const id of new Set(input.windowIds)) {
    if (!windows.some((w) => w.id === id)) problems.push({ field: 'windowIds', value: id, reason: 'notInHall' });
  }
  const byDay = new Map<number, { start: string; end: string }[]>();
  for (const s of input.slots) {
    if (s.end <= s.start) problems.push({ field: 'slots', value: `${s.weekday} ${s.start}`, reason: 'endBeforeStart' });
    const day = byDay.get(s.weekday) ?? [];
    if (day.some((o) => s.start < o.end && o.start < s.end))
      problems.push({ field: 'slots', value: `${s.weekday} ${s.start}`, reason: 'overlap' });
    day.push({ start: s.start, end: s.end });
    byDay.set(s.weekday, day);
  }
  if (problems.length) throw new AppError('HALL_CONFIG_INVALID', { problems });
  return {
    itemIds: items.map((i) => i.id),
    windowIds: [...new Set(input.windowIds)],
    slots: input.slots.map((s) => ({ weekday: s.weekday, start_time: s.start, end_time: s.end, capacity: s.capacity })),
  };
}

/** Adds a business type (业务类型) to a hall: its ticket prefix, items, serving windows and weekly slots. */
export async function createBusinessType(ctx: AppContext, actor: Actor, hallId: string, input: BusinessTypeBody & { prefix: string }) {
  const hall = await managedHall(ctx, actor, hallId);
  const r = await resolveBusinessType(ctx, hall, input);
  const existing = await repo.businessTypesOfHall(ctx.db, hall.id);
  if (existing.some((t) => t.prefix === input.prefix))
    throw new AppError('HALL_CONFIG_INVALID', { problems: [{ field: 'prefix', value: input.prefix, reason: 'taken' }] });
  return ctx.db.transaction().execute(async (trx) => {
    const bt = await repo.insertBusinessType(trx, {
      hall_id: hall.id,
      prefix: input.prefix,
      name: input.name,
      item_ids: r.itemIds,
      window_ids: r.windowIds,
    });
    await repo.replaceTemplates(trx, bt.id, r.slots);
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: auditActor(actor),
      action: 'hall.businessType.create',
      entityType: 'hallBusinessType',
      entityId: bt.id,
      after: { hallId: hall.id, prefix: bt.prefix, name: bt.name, itemIds: r.itemIds, windowIds: r.windowIds, slots: r.slots },
      ip: actor.ip,
      regionCode: hall.region_code,
    });
    return bt;
  });
}

/** Replaces a business type's name, items, windows and weekly slots (optimistic version). Dated slots already booked keep their capacity. */
export async function updateBusinessType(ctx: AppContext, actor: Actor, id: string, version: number, input: BusinessTypeBody) {
  const bt = await repo.findBusinessType(ctx.db, id);
  if (!bt) throw new AppError('HALL_BUSINESS_TYPE_NOT_FOUND');
  const hall = await managedHall(ctx, actor, bt.hall_id);
  const r = await resolveBusinessType(ctx, hall, input);
  return ctx.db.transaction().execute(async (trx) => {
    const after = await repo.updateBusinessType(
      trx,
      id,
      version,
      { name: input.name, item_ids: r.itemIds, window_ids: r.windowIds },
      ctx.now(),
    );
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: bt.version });
    await repo.replaceTemplates(trx, id, r.slots);
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: auditActor(actor),
      action: 'hall.businessType.update',
      entityType: 'hallBusinessType',
      entityId: id,
      before: { name: bt.name, itemIds: bt.item_ids, windowIds: bt.window_ids },
      after: { name: after.name, itemIds: after.item_ids, windowIds: after.window_ids, slots: r.slots },
      ip: actor.ip,
      regionCode: hall.region_code,
    });
    return after;
  });
}

/** Closes a hall for bookings on a day (闭厅: a drill, a power cut), beyond the calendar's holidays. */
export async function setClosure(ctx: AppContext, actor: Actor, hallId: string, date: string, input: ClosureBody) {
  const hall = await managedHall(ctx, actor, hallId);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.upsertClosure(trx, hall.id, date, input.reason);
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: auditActor(actor),
      action: 'hall.closure',
      entityType: 'hall',
      entityId: hall.id,
      after: { date, reason: input.reason },
      ip: actor.ip,
      regionCode: hall.region_code,
    });
    return row;
  });
}
