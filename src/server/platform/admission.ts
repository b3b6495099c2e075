import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './http.ts';

/**
 * Admission control: a burst (the opening minute of an enrolment, a subsidy or a license window)
 * must meet a fast, deliberate "503 + Retry-After" rather than timeouts or a crash. API requests pass
 * two gates, one for changes (POST/PUT/PATCH/DELETE: they hold a database transaction) and one for
 * reads. Each gate admits `concurrency` requests at once and keeps up to `queueLimit` more waiting, in
 * arrival order, for at most `maxWaitMs`; a request that finds the queue full, or waits longer, gets
 * 503 `OVERLOADED` with Retry-After and nothing is changed. When the event loop lags more than
 * `maxLagMs` (the process has more work than CPU), new API requests are refused at once, before any
 * work is done for them. Health, readiness, metrics and the web assets are never gated.
 */
export type AdmissionConfig = {
  writeConcurrency: number;
  readConcurrency: number;
  queueLimit: number;
  maxWaitMs: number;
  maxLagMs: number;
};

/** The event loop's lag, sampled every 50 ms: how late a timer fires (0 when the process keeps up). */
export class LagMeter {
  lagMs = 0;
  private readonly timer: NodeJS.Timeout;
  private expected = performance.now() + 50;

  constructor() {
    this.timer = setInterval(() => {
      const now = performance.now();
      this.lagMs = Math.max(0, now - this.expected);
      this.expected = now + 50;
    }, 50);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

type Waiter = { admit: (admitted: boolean) => void; timer: NodeJS.Timeout };

/** A counting semaphore with a bounded FIFO queue and a waiting deadline. */
export class Gate {
  private active = 0;
  private readonly waiting: Waiter[] = [];
  rejected = 0;

  constructor(
    private readonly concurrency: number,
    private readonly queueLimit: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Resolves true when admitted, false when the queue is full or the wait exceeded maxWaitMs. */
  enter(): Promise<boolean> | boolean {
    if (this.active < this.concurrency) {
      this.active++;
      return true;
    }
    if (this.waiting.length >= this.queueLimit) {
      this.rejected++;
      return false;
    }
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        admit: resolve,
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          this.rejected++;
          resolve(false);
        }, this.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  /** Hands the slot to the longest waiter, or frees it. */
  leave(): void {
    const next = this.waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.admit(true);
    } else {
      this.active--;
    }
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A long-lived stream (server-sent events): it waits on the database, not on the CPU, so it holds no gate slot. */
    stream?: boolean;
  }
}

const admitted = Symbol('admission gate');
type GatedRequest = FastifyRequest & { [admitted]?: Gate };

/** Installs the two gates on every /api/ route. Returns them (for metrics and tests). */
export function registerAdmission(app: FastifyInstance, config: AdmissionConfig): { writes: Gate; reads: Gate; lag: LagMeter } {
  const writes = new Gate(config.writeConcurrency, config.queueLimit, config.maxWaitMs);
  const reads = new Gate(config.readConcurrency, config.queueLimit, config.maxWaitMs);
  const lag = new LagMeter();
  app.addHook('onClose', async () => lag.stop());
  const retryAfterSeconds = Math.max(1, Math.ceil(config.maxWaitMs / 1000));
  const refuse = (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('retry-after', String(retryAfterSeconds));
    return sendError(req, reply, 'OVERLOADED', { retryAfterSeconds });
  };

  app.addHook('onRequest', async (req: GatedRequest, reply) => {
    if (!req.url.startsWith('/api/') || req.routeOptions.config?.stream) return;
    const gate = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' ? reads : writes;
    if (lag.lagMs > config.maxLagMs) {
      gate.rejected++;
      return refuse(req, reply);
    }
    const ok = await gate.enter();
    if (!ok) return refuse(req, reply);
    req[admitted] = gate;
  });
  const release = (req: GatedRequest) => {
    const gate = req[admitted];
    if (gate) {
      req[admitted] = undefined;
      gate.leave();
    }
  };
  app.addHook('onResponse', async (req: GatedRequest) => release(req));
  app.addHook('onRequestAbort', async (req: GatedRequest) => release(req));
  return { writes, reads, lag };
}
