import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sm3Hex } from './crypto.ts';
import { sendError } from './http.ts';

/**
 * Prometheus metrics at /metrics: process defaults plus HTTP requests by route and status. Only with
 * `Authorization: Bearer <METRICS_TOKEN>` (else 401); without a METRICS_TOKEN the route answers 404.
 * A loopback-only rule was not enough: a reverse proxy on the same host makes every request local.
 */
export function registerMetrics(app: FastifyInstance, token: string | null): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'tongban_http_requests_total',
    help: 'HTTP requests',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tongban_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  // Compared as SM3 digests: equal lengths for timingSafeEqual, and no timing hint about the token.
  const expected = token ? Buffer.from(sm3Hex(Buffer.from(token)), 'hex') : null;
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!expected) return sendError(req, reply, 'NOT_FOUND');
    const header = req.headers.authorization;
    const given = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!timingSafeEqual(Buffer.from(sm3Hex(Buffer.from(given)), 'hex'), expected)) {
      return sendError(req, reply.header('www-authenticate', 'Bearer realm="metrics"'), 'AUTH_REQUIRED');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return registry;
}
