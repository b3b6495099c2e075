import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorSchema, listOf } from '../../platform/http.ts';
import * as cases from './case-service.ts';
import * as s from './schema.ts';
import * as svc from './service.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/**
 * 一件事一次办: bundles (public reading, questionnaire, merged form and materials, reduction figures)
 * and bundle cases (apply once, one status and timeline, one supplement, one result package, one hand-over).
 */
export function bundleRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['bundles'];

  app.get(
    '/api/v1/bundles',
    {
      schema: {
        security: [],
        tags,
        summary: 'Published bundles (一件事) of a region, with their reduction figures',
        querystring: s.bundlesQuery,
        response: { 200: listOf(s.bundleSummary), ...errors },
      },
    },
    async (req) => svc.listBundles(ctx, req.query),
  );

  app.get(
    '/api/v1/bundles/reduction',
    {
      schema: {
        security: [],
        tags,
        summary: 'Supervision indicator: materials, fields, steps and visits item by item vs as bundles',
        querystring: s.bundlesQuery,
        response: { 200: s.reductionIndicator, ...errors },
      },
    },
    async (req) => svc.reductionIndicator(ctx, req.query),
  );

  app.get(
    '/api/v1/bundles/:id',
    {
      schema: {
        security: [],
        tags,
        summary: 'A bundle: items, questionnaire, merged form and materials, reduction',
        params: s.idParam,
        response: { 200: s.bundleDetail, ...errors },
      },
    },
    async (req) => svc.getBundle(ctx, req.params.id),
  );

  app.post(
    '/api/v1/bundles/:id/evaluate',
    {
      schema: {
        security: [],
        tags,
        summary: 'The questionnaire answered: the items that apply, the merged form and materials, the reduction',
        params: s.idParam,
        body: s.evaluateBody,
        response: { 200: s.selection, ...errors },
      },
    },
    async (req) => svc.evaluateBundle(ctx, req.params.id, req.body.answers),
  );

  app.post(
    '/api/v1/bundles/:id/cases',
    {
      schema: {
        tags,
        summary: 'Applies for a bundle once: creates the bundle case and a sub-case in each department',
        params: s.idParam,
        body: s.applyBundleBody,
        response: { 201: s.bundleCaseDetail, ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const bc = await cases.applyForBundle(ctx, actor, req.params.id, req.body);
      return reply.code(201).send(await cases.getBundleCaseDetail(ctx, actor, bc.id));
    },
  );

  app.get(
    '/api/v1/bundle-cases',
    {
      schema: {
        tags,
        summary: 'My bundle cases',
        querystring: s.myBundleCasesQuery,
        response: { 200: listOf(s.bundleCaseSummary), ...errors },
      },
    },
    async (req) => cases.listMyBundleCases(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/v1/staff/bundle-cases',
    {
      schema: {
        tags,
        summary: 'Staff: bundle cases of my region or department; toHandOver = ready for 统一出件',
        querystring: s.staffBundleCasesQuery,
        response: { 200: listOf(s.bundleCaseSummary), ...errors },
      },
    },
    async (req) => cases.listStaffBundleCases(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/v1/bundle-cases/:id',
    {
      schema: {
        tags,
        summary: 'A bundle case: status, clock, sub-cases, corrections, result package, timeline',
        params: s.idParam,
        response: { 200: s.bundleCaseDetail, ...errors },
      },
    },
    async (req) => cases.getBundleCaseDetail(ctx, requireActor(req), req.params.id),
  );

  app.post(
    '/api/v1/bundle-cases/:id/supplement',
    {
      schema: {
        tags,
        summary: 'One supplement for every open one-time notice of the bundle',
        params: s.idParam,
        body: s.bundleSupplementBody,
        response: { 200: s.bundleCaseDetail, ...errors },
      },
    },
    async (req) => cases.supplementBundle(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/bundle-cases/:id/hand-over',
    {
      schema: {
        tags,
        summary: 'Hands the whole result package over at the pickup window (统一出件)',
        params: s.idParam,
        body: s.bundleHandOverBody,
        response: { 200: s.bundleCaseDetail, ...errors },
      },
    },
    async (req) => cases.handOverBundle(ctx, requireActor(req), req.params.id, req.body),
  );
}
