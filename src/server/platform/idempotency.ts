import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { canonicalJson } from './audit.ts';
import { sm3Hex } from './crypto.ts';
import type { DB } from './db-types.ts';
import { AppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency?: { principal: string; key: string; takenOver: boolean };
  }
}

const keyPattern = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on POSTs that create something (routes with `config.idempotent`):
 * the first answer is stored and replayed for the same key; the same key with a different
 * request is a 422; a key whose first request is still running is a 409 with Retry-After. Answers
 * ≥ 500 are not kept, so a retry runs again. Keys are kept 24 hours.
 *
 * A key whose first request never answered (the process was killed) is taken over by a retry once
 * its lease of IN_USE_LEASE_MS has passed; handlers that create something then find what the first
 * attempt committed, if it did (cases keep their key, unique per account), instead of making another.
 */
export const IN_USE_LEASE_MS = 15_000;

export function registerIdempotency(app: FastifyInstance, db: Kysely<DB>): void {
  app.addHook('preHandler', async (req, reply) => {
    if (!req.routeOptions.config?.idempotent) return;
    const key = req.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !keyPattern.test(key)) throw new AppError('IDEMPOTENCY_KEY_INVALID');
    const principal = req.actor ? `account:${req.actor.accountId}` : `anon:${req.ip}`;
    const requestHash = sm3Hex(canonicalJson([req.method, req.routeOptions.url, req.params, req.body ?? null]));
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({ principal, key, method: req.method, path: req.url, request_hash: requestHash })
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) {
      req.idempotency = { principal, key, takenOver: false };
      return;
    }
    const prior = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('principal', '=', principal)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (prior.request_hash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_MISMATCH');
    if (prior.status_code === null) {
      const abandoned = Date.now() - new Date(prior.created_at).getTime() > IN_USE_LEASE_MS;
      const taken =
        abandoned &&
        (await db
          .updateTable('idempotency_keys')
          .set({ created_at: new Date() })
          .where('principal', '=', principal)
          .where('key', '=', key)
          .where('status_code', 'is', null)
          .where('created_at', '<', new Date(Date.now() - IN_USE_LEASE_MS))
          .returning('key')
          .executeTakeFirst());
      if (taken) {
        req.idempotency = { principal, key, takenOver: true };
        return;
      }
      reply.header('retry-after', String(Math.ceil(IN_USE_LEASE_MS / 1000)));
      throw new AppError('IDEMPOTENCY_KEY_IN_USE');
    }
    reply.header('idempotent-replayed', 'true');
    return reply.code(prior.status_code).send(prior.response_body);
  });

  app.addHook('onSend', async (req: FastifyRequest, reply, payload) => {
    const idem = req.idempotency;
    if (!idem || reply.getHeader('idempotent-replayed')) return payload;
    req.idempotency = undefined;
    const where = db.deleteFrom('idempotency_keys').where('principal', '=', idem.principal).where('key', '=', idem.key);
    if (reply.statusCode >= 500) {
      await where.execute();
      return payload;
    }
    const text = typeof payload === 'string' ? payload : payload == null ? '' : null;
    await db
      .updateTable('idempotency_keys')
      .set({ status_code: reply.statusCode, response_body: text === null || text === '' ? null : text })
      .where('principal', '=', idem.principal)
      .where('key', '=', idem.key)
      .execute();
    return payload;
  });
}

/** Deletes keys older than 24 hours. */
export async function pruneIdempotencyKeys(db: Kysely<DB>): Promise<number> {
  const res = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(Date.now() - 86_400_000))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
