import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorSchema, listOf, requireVersion } from '../../platform/http.ts';
import * as letters from './letter-service.ts';
import * as rating from './rating-service.ts';
import * as rect from './rectification-service.ts';
import * as s from './schema.ts';

const errors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  410: errorSchema,
  428: errorSchema,
};

/**
 * 好差评 (evaluations), 差评整改 (rectifications), 申诉 (appeals) and 督办函 (supervision letters).
 * The rating-code routes under /api/v1/rate/{token} are public: the code is the credential.
 */
export function evaluationRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['evaluations'];

  // ── ratings
  app.post(
    '/api/v1/evaluations',
    {
      schema: {
        tags,
        summary: "一事一评: the case's party rates a completed case online",
        body: s.rateCaseBody,
        response: { 201: s.evaluation, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await rating.rateCase(ctx, requireActor(req), req.body)),
  );
  app.get(
    '/api/v1/evaluations/mine',
    { schema: { tags, summary: 'My ratings', querystring: s.mineQuery, response: { 200: listOf(s.evaluation), ...errors } } },
    async (req) => rating.listMyEvaluations(ctx, requireActor(req), req.query),
  );
  app.get(
    '/api/v1/evaluations/:id',
    {
      schema: {
        tags,
        summary: 'A rating with its rectification and appeal',
        params: s.idParam,
        response: { 200: s.evaluation, ...errors },
      },
    },
    async (req) => rating.getEvaluation(ctx, requireActor(req), req.params.id),
  );
  app.get(
    '/api/v1/cases/:id/evaluation',
    {
      schema: {
        tags,
        summary: 'Whether I may rate the case now, and its ratings I may see',
        params: s.idParam,
        response: { 200: s.caseEvaluationStatus, ...errors },
      },
    },
    async (req) => rating.caseEvaluationStatus(ctx, requireActor(req), req.params.id),
  );
  app.get(
    '/api/v1/staff/evaluations',
    {
      schema: {
        tags,
        summary: "Ratings of my department (and naming me); supervisors: the region's",
        querystring: s.staffListQuery,
        response: { 200: listOf(s.evaluation), ...errors },
      },
    },
    async (req) => rating.listStaffEvaluations(ctx, requireActor(req), req.query),
  );

  // ── rating codes (一次一评, SMS links)
  app.post(
    '/api/v1/evaluations/window-tokens',
    {
      schema: {
        tags,
        summary: 'Issues a one-visit rating code for my window (QR code / hall tablet)',
        body: s.windowTokenBody,
        response: { 201: s.issuedToken, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await rating.issueWindowToken(ctx, requireActor(req), req.body)),
  );
  app.get(
    '/api/v1/evaluations/windows',
    {
      schema: {
        tags,
        summary: 'The windows of my hall (clerks), for the one-visit code',
        response: {
          200: listOf(z.object({ id: z.uuid(), number: z.string(), name: z.string(), kind: z.string(), seated: z.boolean() })),
          ...errors,
        },
      },
    },
    async (req) => rating.listMyWindows(ctx, requireActor(req)),
  );
  app.get(
    '/api/v1/rate/:token',
    {
      schema: {
        security: [],
        tags,
        summary: 'What a rating code rates (public)',
        params: s.tokenParam,
        response: { 200: s.tokenInfo, ...errors },
      },
    },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await rating.readToken(ctx, req.params.token)),
  );
  app.post(
    '/api/v1/rate/:token',
    {
      schema: {
        security: [],
        tags,
        summary: 'Rates with a one-use code (public)',
        params: s.tokenParam,
        body: s.rateTokenBody,
        response: { 201: z.object({ id: z.uuid(), score: z.number(), scoreName: z.string(), bad: z.boolean() }), ...errors },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => reply.code(201).send(await rating.rateWithToken(ctx, req.actor ?? null, req.params.token, req.body)),
  );

  // ── rectifications
  app.get(
    '/api/v1/rectifications',
    {
      schema: {
        tags,
        summary: "Rectifications of my department; supervisors: the region's",
        querystring: s.rectificationQuery,
        response: { 200: listOf(s.rectification), ...errors },
      },
    },
    async (req) => rect.listRectifications(ctx, requireActor(req), req.query),
  );
  app.get(
    '/api/v1/rectifications/:id',
    {
      schema: {
        tags,
        summary: 'A rectification with its rating and timeline',
        params: s.idParam,
        response: { 200: s.rectificationDetail, ...errors },
      },
    },
    async (req) => rect.getRectification(ctx, requireActor(req), req.params.id),
  );
  type Body = { version?: number };
  function step<B extends z.ZodType<Body>>(
    path: string,
    summary: string,
    body: B,
    run: (a: ReturnType<typeof requireActor>, id: string, v: number, b: z.infer<B>) => ReturnType<typeof rect.getRectification>,
  ) {
    app.post(
      `/api/v1/rectifications/:id/${path}`,
      { schema: { tags, summary, params: s.idParam, body, response: { 200: s.rectificationDetail, ...errors } } },
      async (req) => {
        const b = req.body as z.infer<B>;
        return run(requireActor(req), req.params.id, requireVersion(req, b.version), b);
      },
    );
  }
  step('callback', '回访: records the callback to the rater', s.callbackBody, (a, id, v, b) => rect.recordCallback(ctx, a, id, v, b));
  step('verify', '核实: the finding', s.verifyBody, (a, id, v, b) => rect.verifyRectification(ctx, a, id, v, b));
  step('rectify', '整改: the measures taken', s.rectifyBody, (a, id, v, b) => rect.recordRectification(ctx, a, id, v, b));
  step('feedback', '反馈: the result told to the rater', s.feedbackBody, (a, id, v, b) => rect.recordFeedback(ctx, a, id, v, b));
  step('sign-off', '签核: a supervisor closes it or returns it', s.signOffBody, (a, id, v, b) =>
    rect.signOffRectification(ctx, a, id, v, b),
  );

  // ── appeals
  app.post(
    '/api/v1/evaluations/:id/appeal',
    {
      schema: {
        tags,
        summary: '申诉: staff the rating names appeal a bad rating',
        params: s.idParam,
        body: s.appealBody,
        response: { 201: s.appeal, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await rect.fileAppeal(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/appeals',
    {
      schema: {
        tags,
        summary: "My appeals, my department's; supervisors: the region's",
        querystring: s.appealQuery,
        response: { 200: listOf(s.appeal), ...errors },
      },
    },
    async (req) => rect.listAppeals(ctx, requireActor(req), req.query),
  );
  app.get(
    '/api/v1/appeals/:id',
    { schema: { tags, summary: 'An appeal of a rating', params: s.idParam, response: { 200: s.appeal, ...errors } } },
    async (req) => rect.getAppeal(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/appeals/:id/decide',
    {
      schema: {
        tags,
        summary: 'A supervisor upholds (the rating leaves the statistics) or rejects an appeal',
        params: s.idParam,
        body: s.appealDecisionBody,
        response: { 200: s.appeal, ...errors },
      },
    },
    async (req) => rect.decideAppeal(ctx, requireActor(req), req.params.id, requireVersion(req, req.body.version), req.body),
  );

  // ── supervision letters
  app.post(
    '/api/v1/supervision-letters',
    {
      schema: {
        tags,
        summary: '督办函: a supervisor writes to the department responsible for a case or rating',
        body: s.letterBody,
        response: { 201: s.letter, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await letters.sendLetter(ctx, requireActor(req), req.body)),
  );
  app.get(
    '/api/v1/supervision-letters',
    {
      schema: {
        tags,
        summary: "Letters to my department; supervisors: the region's",
        querystring: s.letterQuery,
        response: { 200: listOf(s.letter), ...errors },
      },
    },
    async (req) => letters.listLetters(ctx, requireActor(req), req.query),
  );
  app.get(
    '/api/v1/supervision-letters/:id',
    { schema: { tags, summary: 'A supervision letter', params: s.idParam, response: { 200: s.letter, ...errors } } },
    async (req) => letters.getLetter(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/supervision-letters/:id/reply',
    {
      schema: {
        tags,
        summary: 'The department replies',
        params: s.idParam,
        body: s.letterReplyBody,
        response: { 200: s.letter, ...errors },
      },
    },
    async (req) => letters.replyToLetter(ctx, requireActor(req), req.params.id, requireVersion(req, req.body.version), req.body),
  );

  // ── settings
  app.get(
    '/api/v1/evaluation-settings',
    {
      schema: {
        tags,
        summary: 'Working-day limits of the bad-rating loop and code validity',
        response: { 200: s.settingsBody, ...errors },
      },
    },
    async (req) => letters.readSettings(ctx, requireActor(req)),
  );
  app.put(
    '/api/v1/evaluation-settings',
    { schema: { tags, summary: 'Sets them (system admin)', body: s.settingsBody, response: { 200: s.settingsBody, ...errors } } },
    async (req) => letters.updateSettings(ctx, requireActor(req), req.body),
  );
}
