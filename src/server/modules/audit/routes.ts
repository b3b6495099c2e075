import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkpointCertificate, listCheckpointLines, verifyAuditLog } from '../../platform/audit-checkpoints.ts';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { errorSchema, listOf, pageQuery } from '../../platform/http.ts';
import { auditReadScope, authorize } from '../../platform/policies.ts';
import { regionCode } from '../../platform/region-code.ts';
import { listAuditEvents, listCheckpoints } from './repo.ts';

const event = z
  .object({
    seq: z.number(),
    /** Position in the HMAC-SM3 chain; null while pending (committed, not sealed yet). */
    chainSeq: z.number().nullable(),
    sealed: z.boolean(),
    occurredAt: z.string(),
    actorId: z.string().nullable(),
    actorKind: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    outcome: z.string(),
    ip: z.string().nullable(),
    /** The standard code of the region the event concerns; null: platform-level. */
    regionCode: z.union([z.literal(''), regionCode]).nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEvent' });

const claim = z.object({ chainSeq: z.number(), hash: z.string(), count: z.number(), at: z.string(), source: z.string() });
const verification = z.object({
  ok: z.boolean(),
  checked: z.number(),
  pending: z.number(),
  head: z.object({ chainSeq: z.number(), hash: z.string() }),
  anchor: z
    .object({
      chainSeq: z.number(),
      hash: z.string(),
      newestPrunedAt: z.string(),
      prunedAt: z.string(),
      retentionDays: z.number(),
      signed: z.boolean(),
    })
    .nullable(),
  checkpoint: claim.nullable(),
  problems: z.array(z.object({ chainSeq: z.number(), kind: z.string(), seq: z.number().optional(), detail: z.string().optional() })),
});

const checkpoint = z.object({
  chainSeq: z.number(),
  hash: z.string(),
  count: z.number(),
  madeAt: z.string(),
  /** The exact text signed (canonical JSON) and its SM2-with-SM3 signature, base64 DER. */
  signed: z.string(),
  signature: z.string(),
});

/** The audit log, for audit administrators only (等保 three-admin separation), each within their region. */
export function auditRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };

  app.get(
    '/api/v1/audit-events',
    {
      schema: {
        tags,
        summary: "Audit events of the reader's region, newest first; pending (not yet sealed) ones marked",
        querystring: pageQuery.extend({
          entityType: z.string().max(40).optional(),
          entityId: z.string().max(64).optional(),
          action: z.string().max(60).optional(),
        }),
        response: { 200: listOf(event), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(actor, 'audit.read', { type: 'auditEvent', regionCode: actor.regionCode });
      const scope = auditReadScope(actor);
      if (!scope) throw new AppError('FORBIDDEN');
      const { items, total } = await listAuditEvents(ctx.db, {
        ...req.query,
        scope,
        limit: req.query.pageSize,
        offset: (req.query.page - 1) * req.query.pageSize,
      });
      return {
        total,
        items: items.map((e) => ({
          seq: e.seq,
          chainSeq: e.chain_seq,
          sealed: e.chain_seq !== null,
          occurredAt: new Date(e.occurred_at).toISOString(),
          actorId: e.actor_id,
          actorKind: e.actor_kind,
          action: e.action,
          entityType: e.entity_type,
          entityId: e.entity_id,
          outcome: e.outcome,
          ip: e.ip,
          regionCode: e.region,
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
        summary:
          'Verifies the HMAC-SM3 chain, the signed retention anchor and the chain against the latest signed checkpoint; counts pending events',
        response: { 200: verification, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'audit.verify', { type: 'auditLog' });
      return verifyAuditLog(ctx);
    },
  );

  app.get(
    '/api/v1/audit-checkpoints',
    {
      schema: {
        tags,
        summary: 'Signed checkpoints of the audit chain, newest first',
        querystring: pageQuery,
        response: { 200: listOf(checkpoint), ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'audit.verify', { type: 'auditLog' });
      const { items, total } = await listCheckpoints(ctx.db, {
        limit: req.query.pageSize,
        offset: (req.query.page - 1) * req.query.pageSize,
      });
      return {
        total,
        items: items.map((c) => ({
          chainSeq: c.chain_seq,
          hash: c.hash,
          count: c.count,
          madeAt: new Date(c.made_at).toISOString(),
          signed: c.signed,
          signature: c.signature,
        })),
      };
    },
  );

  app.get(
    '/api/v1/audit-checkpoints/download',
    {
      schema: {
        tags,
        summary: 'The latest signed checkpoints as JSON lines (oldest first), to keep outside the platform and verify against later',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(10_000).default(100) }),
      },
    },
    async (req, reply) => {
      authorize(requireActor(req), 'audit.verify', { type: 'auditLog' });
      const lines = (await listCheckpointLines(ctx, req.query.limit)).reverse();
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', 'attachment; filename="tongban-audit-checkpoints.jsonl"')
        .send(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    },
  );

  app.get(
    '/api/v1/audit-checkpoints/certificate',
    {
      config: { anonymous: true },
      schema: {
        security: [],
        tags,
        summary: "The audit checkpoint key's certificate (DER, SM2): what a verifier of checkpoints and anchors trusts",
      },
    },
    async (_req, reply) =>
      reply
        .type('application/pkix-cert')
        .header('content-disposition', 'attachment; filename="tongban-audit-checkpoint.cer"')
        .send(await checkpointCertificate(ctx)),
  );
}
