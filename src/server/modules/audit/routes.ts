import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyAuditChain } from '../../platform/audit.ts';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorSchema, listOf, pageQuery } from '../../platform/http.ts';
import { authorize } from '../../platform/policies.ts';
import { listAuditEvents } from './repo.ts';

const event = z
  .object({
    seq: z.number(),
    occurredAt: z.string(),
    actorId: z.string().nullable(),
    actorKind: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    outcome: z.string(),
    ip: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEvent' });

/** The audit log, for audit administrators only (等保 three-admin separation). */
export function auditRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };

  app.get(
    '/api/v1/audit-events',
    {
      schema: {
        tags,
        summary: 'Audit events, newest first',
        querystring: pageQuery.extend({
          entityType: z.string().max(40).optional(),
          entityId: z.string().max(64).optional(),
          action: z.string().max(60).optional(),
        }),
        response: { 200: listOf(event), ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'audit.read', { type: 'auditLog' });
      const { items, total } = await listAuditEvents(ctx.db, {
        ...req.query,
        limit: req.query.pageSize,
        offset: (req.query.page - 1) * req.query.pageSize,
      });
      return {
        total,
        items: items.map((e) => ({
          seq: e.seq,
          occurredAt: new Date(e.occurred_at).toISOString(),
          actorId: e.actor_id,
          actorKind: e.actor_kind,
          action: e.action,
          entityType: e.entity_type,
          entityId: e.entity_id,
          outcome: e.outcome,
          ip: e.ip,
          before: e.before,
          after: e.after,
        })),
      };
    },
  );

  app.post(
    '/api/v1/audit-events/verify',
    {
      schema: {
        tags,
        summary: 'Verifies the whole HMAC-SM3 chain',
        response: {
          200: z.object({ ok: z.boolean(), checked: z.number(), problems: z.array(z.object({ seq: z.number(), kind: z.string() })) }),
          ...errors,
        },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'audit.verify', { type: 'auditLog' });
      return verifyAuditChain(ctx.db, ctx.auditKey);
    },
  );
}
