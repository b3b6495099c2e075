import type { AppContext } from '../../platform/context.ts';
import { hallOr404 } from './access.ts';
import * as queue from './queue-repo.ts';

/**
 * The hall display's feed (大厅显示屏): the calls of a hall in order, read from hall_calls (any node serves any display;
 * nothing lives in a node's memory). A display sends the id of the last call it showed (Last-Event-ID) and gets every
 * later one; a new display gets the last few calls first.
 */

/** How many past calls a display without Last-Event-ID gets first. */
export const DISPLAY_BACKLOG = 10;
/** How often a stream looks for new calls (ms): the display lags a call by at most this plus one query. */
export const DISPLAY_POLL_MS = 250;

export type CallEvent = { id: number; number: string; windowId: string; windowNumber: string; kind: 'call' | 'recall'; at: string };

const present = (c: Awaited<ReturnType<typeof queue.callsAfter>>[number]): CallEvent => ({
  id: c.id,
  number: c.number,
  windowId: c.window_id,
  windowNumber: c.window_number,
  kind: c.kind,
  at: c.created_at.toISOString(),
});

/** The hall (or HALL_NOT_FOUND) and where its stream starts: after `lastEventId`, or before the last few calls. */
export async function openCallStream(ctx: AppContext, hallId: string, lastEventId: number | null) {
  const hall = await hallOr404(ctx, hallId);
  if (lastEventId !== null) return { hall, after: lastEventId };
  const nth = await queue.nthLastCallId(ctx.db, hall.id, DISPLAY_BACKLOG);
  const after = nth === null ? 0 : nth - 1;
  return { hall, after };
}

/** The calls of a hall after an id, oldest first. */
export async function callsSince(ctx: AppContext, hallId: string, after: number): Promise<CallEvent[]> {
  return (await queue.callsAfter(ctx.db, hallId, after, 100)).map(present);
}
