import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorSchema, requireVersion } from '../../platform/http.ts';
import { toStandard } from '../../platform/region-code.ts';
import { NONE } from './repo.ts';
import * as s from './schema.ts';
import * as svc from './service.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/**
 * Supervision (效能监察) and assessment (考核): indicators with their definitions and targets, the
 * breakdowns, trends, warned cases and the bad-rating board of the dashboard, and the targets.
 * Supervisors and system admins of the region read; system admins set targets.
 */
export function supervisionRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];

  app.get(
    '/api/v1/supervision/definitions',
    { schema: { tags, summary: 'The indicators and their definitions', response: { 200: s.definitionsResponse, 401: errorSchema } } },
    async (req) => {
      requireActor(req);
      return svc.listDefinitions();
    },
  );

  app.get(
    '/api/v1/supervision/indicators',
    {
      schema: {
        tags,
        summary: 'Every indicator of a region and period (catalog figures as of now), with its target met or missed',
        querystring: s.scopeQuery,
        response: { 200: s.indicatorsResponse, ...errors },
      },
    },
    async (req) => svc.getIndicators(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/v1/supervision/breakdown',
    {
      schema: {
        tags,
        summary: 'Figures by region (townships of a county), department, item, window or staff member',
        querystring: s.breakdownQuery,
        response: { 200: s.breakdownResponse, ...errors },
      },
    },
    async (req) => {
      const answer = await svc.getBreakdown(ctx, requireActor(req), req.query);
      // By region, a row's key is a region code: presented in the standard form like every other code.
      if (answer.by !== 'region') return answer;
      return { ...answer, rows: answer.rows.map((r) => (r.key === NONE ? r : { ...r, key: toStandard(r.key) })) };
    },
  );

  app.get(
    '/api/v1/supervision/trend',
    {
      schema: {
        tags,
        summary: 'Figures per month or day of the period',
        querystring: s.trendQuery,
        response: { 200: s.trendResponse, ...errors },
      },
    },
    async (req) => svc.getTrend(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/v1/supervision/warned-cases',
    {
      schema: {
        tags,
        summary: 'Overdue (red) and near-due (yellow) open cases',
        querystring: s.listQuery,
        response: { 200: s.warnedResponse, ...errors },
      },
    },
    async (req) => svc.getWarnedCases(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/v1/supervision/bad-ratings',
    {
      schema: {
        tags,
        summary: 'The bad-rating board: the newest bad ratings with their rectification',
        querystring: s.listQuery,
        response: { 200: s.badRatingsResponse, ...errors },
      },
    },
    async (req) => svc.getBadRatings(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/v1/supervision/targets',
    {
      schema: {
        tags,
        summary: 'Assessment targets (考核目标) of a region',
        querystring: s.targetsQuery,
        response: { 200: z.object({ items: z.array(s.targetItem) }), ...errors },
      },
    },
    async (req) => svc.listTargets(ctx, requireActor(req), req.query),
  );

  app.put(
    '/api/v1/supervision/targets',
    {
      schema: {
        tags,
        summary: 'Sets the target of an indicator for a region and year (system admin of the region)',
        body: s.setTargetBody,
        response: { 200: s.targetItem, 201: s.targetItem, ...errors },
      },
    },
    async (req, reply) => {
      const r = await svc.setTarget(ctx, requireActor(req), req.body);
      return reply.code(r.created ? 201 : 200).send(r.target);
    },
  );

  app.delete(
    '/api/v1/supervision/targets/:id',
    {
      schema: {
        tags,
        summary: 'Removes a target (If-Match or ?version=)',
        params: z.strictObject({ id: z.uuid() }),
        querystring: z.strictObject({ version: z.coerce.number().int().min(1).optional() }),
        response: { 204: z.null(), ...errors, 428: errorSchema },
      },
    },
    async (req, reply) => {
      await svc.deleteTarget(ctx, requireActor(req), req.params.id, requireVersion(req, req.query.version));
      return reply.code(204).send(null);
    },
  );
}
