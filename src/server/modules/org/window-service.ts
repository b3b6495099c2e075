import { inRegion, type Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/policies.ts';
import * as repo from './repo.ts';
import type { WindowConfigBody, WindowPeakBody } from './schema.ts';

/**
 * 一窗受理 configuration of a hall's windows: what a 综合窗口 accepts (everything of the region, or the
 * listed departments and items), 调峰 windows opened for chosen items at busy times, 统一出件 pickup
 * windows, and which clerk sits at which window. Hall admins (or the region's system admin) only.
 */

async function managedWindow(ctx: AppContext, actor: Actor, id: string) {
  const w = await repo.findWindowById(ctx.db, id);
  if (!w) throw new AppError('WINDOW_NOT_FOUND');
  authorize(actor, 'hall.manage', { type: 'hall', id: w.hall_id, regionCode: w.hall_region_code }, 'WINDOW_NOT_FOUND');
  return w;
}

/** The county-level code of a hall's region: a township hall accepts the county's items too. */
const countyOf = (regionCode: string) => regionCode.slice(0, 6);

/** Resolves departments and item codes, every one inside the hall's county; lists every problem at once. */
async function resolveScope(ctx: AppContext, hallRegion: string, departmentIds: string[], itemCodes: string[]) {
  const county = countyOf(hallRegion);
  const problems: { field: string; value: string; reason: string }[] = [];
  const depts = await repo.findDepartmentsByIds(ctx.db, [...new Set(departmentIds)]);
  for (const id of new Set(departmentIds)) {
    const d = depts.find((x) => x.id === id);
    if (!d) problems.push({ field: 'departmentIds', value: id, reason: 'unknown' });
    else if (!d.region_code.startsWith(county)) problems.push({ field: 'departmentIds', value: id, reason: 'outsideRegion' });
  }
  const items = await repo.findItemsByCodes(ctx.db, [...new Set(itemCodes)]);
  for (const code of new Set(itemCodes)) {
    const it = items.find((x) => x.implementation_code === code);
    if (!it || it.status !== 'published') problems.push({ field: 'itemCodes', value: code, reason: 'unknown' });
    else if (!it.region_code.startsWith(county)) problems.push({ field: 'itemCodes', value: code, reason: 'outsideRegion' });
  }
  if (problems.length) throw new AppError('WINDOW_CONFIG_INVALID', { problems });
  return { departmentIds: depts.map((d) => d.id), itemIds: items.map((i) => i.id) };
}

/** A window with its scope spelled out (department and item names) and the clerks seated there. */
export async function getWindow(ctx: AppContext, actor: Actor, id: string) {
  const w = await managedWindow(ctx, actor, id);
  const [departments, items, clerks] = await Promise.all([
    repo.findDepartmentsByIds(ctx.db, w.accepted_department_ids),
    repo.findItemsByIds(ctx.db, w.accepted_item_ids),
    repo.clerksAtWindow(ctx.db, w.id),
  ]);
  return { window: w, departments, items, clerks };
}

/** Sets what the window accepts and whether it is a pickup window. Optimistic version. */
export async function configureWindow(ctx: AppContext, actor: Actor, id: string, version: number, input: WindowConfigBody) {
  const w = await managedWindow(ctx, actor, id);
  const scope = await resolveScope(ctx, w.hall_region_code, input.departmentIds, input.itemCodes);
  if (input.acceptsAll && (scope.departmentIds.length || scope.itemIds.length)) {
    throw new AppError('WINDOW_CONFIG_INVALID', { problems: [{ field: 'acceptsAll', reason: 'acceptsAllWithList' }] });
  }
  if (w.kind === 'peak' && input.acceptsAll)
    throw new AppError('WINDOW_CONFIG_INVALID', { problems: [{ field: 'acceptsAll', reason: 'peakWindowListsItems' }] });
  return ctx.db.transaction().execute(async (trx) => {
    const after = await repo.updateWindow(
      trx,
      id,
      version,
      {
        accepts_all: input.acceptsAll,
        accepted_department_ids: scope.departmentIds,
        accepted_item_ids: scope.itemIds,
        pickup: input.pickup,
      },
      ctx.now(),
    );
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: w.version });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'window.configure',
      entityType: 'window',
      entityId: id,
      before: { acceptsAll: w.accepts_all, departmentIds: w.accepted_department_ids, itemIds: w.accepted_item_ids, pickup: w.pickup },
      after: {
        acceptsAll: after.accepts_all,
        departmentIds: after.accepted_department_ids,
        itemIds: after.accepted_item_ids,
        pickup: after.pickup,
      },
      ip: actor.ip,
    });
    return after;
  });
}

/** 调峰: opens a peak window for chosen items (or closes it). Only windows of kind `peak`. */
export async function setPeak(ctx: AppContext, actor: Actor, id: string, version: number, input: WindowPeakBody) {
  const w = await managedWindow(ctx, actor, id);
  if (w.kind !== 'peak') throw new AppError('WINDOW_CONFIG_INVALID', { problems: [{ field: 'kind', reason: 'notPeakWindow' }] });
  const scope = input.itemCodes ? await resolveScope(ctx, w.hall_region_code, [], input.itemCodes) : null;
  const itemIds = scope?.itemIds ?? w.accepted_item_ids;
  if (input.open && itemIds.length === 0 && w.accepted_department_ids.length === 0) {
    throw new AppError('WINDOW_CONFIG_INVALID', { problems: [{ field: 'itemCodes', reason: 'openWithoutItems' }] });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const after = await repo.updateWindow(trx, id, version, { peak_open: input.open, accepted_item_ids: itemIds }, ctx.now());
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: w.version });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: input.open ? 'window.peakOpen' : 'window.peakClose',
      entityType: 'window',
      entityId: id,
      before: { peakOpen: w.peak_open, itemIds: w.accepted_item_ids },
      after: { peakOpen: after.peak_open, itemIds: after.accepted_item_ids },
      ip: actor.ip,
    });
    return after;
  });
}

/**
 * Seats a clerk (or 首席代表) of the hall's county at the window; the clerk then accepts what the window
 * accepts. The clerk's account must lie in the actor's region too (a hall admin changes no one outside it).
 */
export async function seatClerk(ctx: AppContext, actor: Actor, id: string, accountId: string) {
  const w = await managedWindow(ctx, actor, id);
  const a = await repo.findStaffAccount(ctx.db, accountId);
  const ok =
    a &&
    a.kind === 'staff' &&
    a.status === 'active' &&
    (a.roles.includes('clerk') || a.roles.includes('chiefRepresentative')) &&
    a.region_code !== null &&
    w.hall_region_code.startsWith(a.region_code) &&
    inRegion(actor.regionCode, a.region_code);
  if (!a || !ok) throw new AppError('WINDOW_CLERK_INVALID', { accountId });
  await ctx.db.transaction().execute(async (trx) => {
    await repo.seatAtWindow(trx, accountId, w.id, w.hall_id, ctx.now());
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'window.seatClerk',
      entityType: 'account',
      entityId: accountId,
      before: { windowId: a.window_id, hallId: a.hall_id },
      after: { windowId: w.id, hallId: w.hall_id },
      ip: actor.ip,
    });
  });
  return getWindow(ctx, actor, id);
}
