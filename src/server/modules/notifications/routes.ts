import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { errorSchema, pageQuery } from '../../platform/http.ts';
import * as repo from './repo.ts';

const notification = z
  .object({
    id: z.string(),
    caseId: z.string().nullable(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

/** In-app notifications: the account's own, newest first. */
export function notificationRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications',
        querystring: pageQuery,
        response: { 200: z.object({ items: z.array(notification), total: z.number(), unread: z.number() }), 401: errorSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { items, total, unread } = await repo.listNotifications(
        ctx.db,
        actor.accountId,
        req.query.pageSize,
        (req.query.page - 1) * req.query.pageSize,
      );
      return {
        total,
        unread,
        items: items.map((n) => ({
          id: n.id,
          caseId: n.case_id,
          kind: n.kind,
          title: n.title,
          body: n.body,
          createdAt: new Date(n.created_at).toISOString(),
          readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
        })),
      };
    },
  );
  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Marks a notification read',
        params: z.strictObject({ id: z.uuid() }),
        response: { 204: z.null(), 401: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!(await repo.markNotificationRead(ctx.db, actor.accountId, req.params.id, ctx.now()))) throw new AppError('NOT_FOUND');
      return reply.code(204).send(null);
    },
  );

  if (ctx.config.demo) {
    // The demo has no SMS gateway and keeps codes out of the log: this outbox is its phone (docs/SECURITY.md).
    app.get(
      '/api/v1/demo/sms',
      {
        schema: {
          security: [],
          tags,
          summary: 'Demo only: the SMS messages a phone number would have received (the demo has no SMS gateway)',
          querystring: z.strictObject({ phone: z.string().regex(/^1[3-9]\d{9}$/) }),
          response: {
            200: z.object({ items: z.array(z.object({ sentAt: z.string(), purpose: z.string(), body: z.string() })) }),
            400: errorSchema,
          },
        },
      },
      async (req) => {
        const rows = await repo.listSmsMessages(ctx.db, ctx.cipher.blindIndex(`phone:${req.query.phone}`));
        return { items: rows.slice(0, 20).map((m) => ({ sentAt: new Date(m.sent_at).toISOString(), purpose: m.purpose, body: m.body })) };
      },
    );
  }
}
