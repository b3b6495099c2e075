import { hasPendingAuditEvents, sealAllAuditEvents } from './audit.ts';
import { writeAuditCheckpoint } from './audit-checkpoints.ts';
import { flushDeniedRequests } from './audit-denials.ts';
import type { AppContext } from './context.ts';

export type AuditSealer = {
  /** Starts the loop (idempotent). */
  start(): void;
  /** Stops the loop, then writes the denied-request counts and seals what is pending. */
  stop(): Promise<void>;
  /** One pass now: denied-request window if due, sealing, checkpoint if due. */
  tick(): Promise<void>;
};

/**
 * The audit sealer of this node: every `sealIntervalMs` (200 ms) it checks for pending events with one
 * index probe and, when there are some, seals them in batches under a transaction-scoped advisory lock
 * (one sealer at a time across nodes; the others skip that round). It also writes the denied-request
 * counts once per window and a signed checkpoint every `checkpointMinutes` when the chain grew. A
 * timer rather than a pg-boss schedule, whose minimum is a minute. In the embedded mode it queues for the
 * one shared connection like any request and never holds it between statements of someone else's
 * transaction, so it cannot deadlock it.
 */
export function createAuditSealer(ctx: AppContext): AuditSealer {
  const { sealIntervalMs, checkpointMinutes, deniedWindowSeconds } = ctx.config.audit;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let nextCheckpoint = 0;
  let failures = 0;

  const pass = async () => {
    const now = Date.now();
    if (deniedWindowSeconds > 0 && now - ctx.deniedRequests.windowStart >= deniedWindowSeconds * 1000)
      await flushDeniedRequests(ctx.db, ctx.auditKey, ctx.deniedRequests);
    if (await hasPendingAuditEvents(ctx.db)) await sealAllAuditEvents(ctx.db, ctx.auditKey);
    if (checkpointMinutes > 0 && now >= nextCheckpoint) {
      await writeAuditCheckpoint(ctx, { minIntervalMs: checkpointMinutes * 60_000 });
      nextCheckpoint = now + Math.min(checkpointMinutes * 60_000, 30_000);
    }
  };

  const tick = async () => {
    if (running) return running;
    running = pass()
      .then(() => {
        failures = 0;
      })
      .catch((err) => {
        // The database may be restarting: log once in a while and try again next round.
        if (failures++ % 50 === 0) ctx.log.warn({ err }, 'audit sealer: a pass failed; retrying');
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void tick().finally(schedule);
    }, sealIntervalMs);
    timer.unref();
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      try {
        await flushDeniedRequests(ctx.db, ctx.auditKey, ctx.deniedRequests);
        await sealAllAuditEvents(ctx.db, ctx.auditKey);
      } catch (err) {
        ctx.log.warn({ err }, 'audit sealer: the last pass at shutdown failed; the next start seals what is pending');
      }
    },
    tick,
  };
}
