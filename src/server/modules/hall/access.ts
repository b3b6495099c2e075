import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/policies.ts';
import * as repo from './repo.ts';

/** The hall, or HALL_NOT_FOUND. */
export async function hallOr404(ctx: AppContext, id: string) {
  const hall = await repo.findHall(ctx.db, id);
  if (!hall) throw new AppError('HALL_NOT_FOUND');
  return hall;
}

/** A hall the actor manages (its hall admin, or the region's system admin). */
export async function managedHall(ctx: AppContext, actor: Actor, id: string) {
  const hall = await hallOr404(ctx, id);
  authorize(actor, 'hall.manage', { type: 'hall', id: hall.id, regionCode: hall.region_code });
  return hall;
}

/** A hall whose queue and bookings the actor works (its front desk, hall admin, the region's system admin). */
export async function servedHall(ctx: AppContext, actor: Actor, id: string) {
  const hall = await hallOr404(ctx, id);
  authorize(actor, 'hall.serve', { type: 'hall', id: hall.id, regionCode: hall.region_code });
  return hall;
}

/**
 * A window the actor may act for: in a hall they serve, and their own window when they are seated at one
 * (a clerk at window 01 does not call for window 03). Another hall's window is not found.
 */
export async function actingWindow(ctx: AppContext, actor: Actor, id: string) {
  const w = await repo.findWindow(ctx.db, id);
  if (!w) throw new AppError('WINDOW_NOT_FOUND');
  authorize(actor, 'hall.serve', { type: 'hall', id: w.hall_id, regionCode: w.hall_region_code }, 'WINDOW_NOT_FOUND');
  if (actor.window && actor.window.id !== w.id) throw new AppError('HALL_WINDOW_NOT_SERVING', { windowId: w.id });
  return w;
}

/** The audit actor of a service actor. */
export const auditActor = (actor: Actor) => ({ accountId: actor.accountId, kind: actor.kind });
