import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from './audit.ts';
import type { DB } from './db-types.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The catalog code of the error answer, when there was one (set by sendError). */
    errorCode?: string;
  }
}

const DENIED = new Set([401, 403, 404]);
/** Distinct (who, route, status, code) keys kept per window; beyond it, who becomes '*' (a flood from many IPs). */
const MAX_KEYS = 10_000;

type Entry = {
  actorId: string | null;
  actorKind: string | null;
  ip: string | null;
  method: string;
  route: string;
  status: number;
  code: string | null;
  count: number;
};

/**
 * Denied requests (401/403/404 on a protected route) counted in memory per actor (or IP when
 * anonymous), route, status and code, and written as one audit event per key and window by the
 * sealer — never an audit write on the request path. A node that dies loses at most its current
 * window's counts.
 */
export class DeniedRequests {
  private entries = new Map<string, Entry>();
  private since = Date.now();

  add(e: Omit<Entry, 'count'>): void {
    const who = e.actorId ?? `ip:${e.ip ?? ''}`;
    let key = `${who}\u0000${e.method}\u0000${e.route}\u0000${e.status}\u0000${e.code ?? ''}`;
    let entry = this.entries.get(key);
    if (!entry && this.entries.size >= MAX_KEYS) {
      key = `*\u0000${e.method}\u0000${e.route}\u0000${e.status}\u0000${e.code ?? ''}`;
      entry = this.entries.get(key);
      if (!entry) this.entries.set(key, (entry = { ...e, actorId: null, actorKind: null, ip: '*', count: 0 }));
    }
    if (!entry) this.entries.set(key, (entry = { ...e, count: 0 }));
    entry.count++;
    // An actor's entry keeps the latest address it came from.
    if (entry.actorId) entry.ip = e.ip;
  }

  /** The counts since the last drain, and the window they cover; the counter starts a new window. */
  drain(now = Date.now()): { from: Date; to: Date; entries: Entry[] } {
    const out = { from: new Date(this.since), to: new Date(now), entries: [...this.entries.values()] };
    this.entries = new Map();
    this.since = now;
    return out;
  }

  get size(): number {
    return this.entries.size;
  }

  get windowStart(): number {
    return this.since;
  }
}

/** Codes an anonymous caller gets from a protected route (a failed login is audited on its own). */
const NO_SESSION = new Set(['AUTH_REQUIRED', 'CSRF_INVALID']);

/**
 * Counts the 401/403/404 answers of protected API routes: to a signed-in caller, or to one refused for
 * want of a session. Public reads (`anonymous`), unknown URLs and a public route's own answers (a wrong
 * password, an unknown rating code) are not counted.
 */
export function registerDeniedRequestAudit(app: FastifyInstance, denied: DeniedRequests): void {
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url;
    if (
      DENIED.has(reply.statusCode) &&
      route?.startsWith('/api/') &&
      !req.routeOptions.config?.anonymous &&
      (req.actor !== null || NO_SESSION.has(req.errorCode ?? ''))
    ) {
      denied.add({
        actorId: req.actor?.accountId ?? null,
        actorKind: req.actor?.kind ?? null,
        ip: req.ip ?? null,
        method: req.method,
        route,
        status: reply.statusCode,
        code: req.errorCode ?? null,
      });
    }
    done();
  });
}

/** Writes the window's counts as `access.denied` audit events (one per key), in one transaction. */
export async function flushDeniedRequests(db: Kysely<DB>, chainKey: Uint8Array, denied: DeniedRequests): Promise<number> {
  if (denied.size === 0) {
    denied.drain();
    return 0;
  }
  const { from, to, entries } = denied.drain();
  await db.transaction().execute(async (trx) => {
    for (const e of entries)
      await appendAuditEvent(trx, chainKey, {
        actor: e.actorId ? { accountId: e.actorId, kind: e.actorKind ?? 'staff' } : null,
        action: 'access.denied',
        entityType: 'route',
        entityId: `${e.method} ${e.route}`,
        outcome: 'failure',
        ip: e.ip,
        after: { status: e.status, code: e.code, count: e.count, from: from.toISOString(), to: to.toISOString() },
      });
  });
  return entries.length;
}
