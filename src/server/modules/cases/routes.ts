import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { cursorListOf, errorSchema, listOf, requireVersion } from '../../platform/http.ts';
import * as apply from './apply-service.ts';
import { countersignCase } from './countersign-service.ts';
import { renderCaseDocument } from './documents.ts';
import * as handle from './handle-service.ts';
import * as progress from './progress-service.ts';
import * as read from './query-service.ts';
import type { CaseRow } from './resource.ts';
import * as s from './schema.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 428: errorSchema };

/**
 * Cases (办件). Every action is `POST /api/v1/cases/{id}/<action>` with the case's version
 * (If-Match or body.version); the answer is the whole case as the actor sees it afterwards.
 */
export function caseRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const detail = (req: { actor?: unknown }, c: CaseRow) => read.getCaseDetail(ctx, requireActor(req as never), c.id);

  app.post(
    '/api/v1/cases',
    {
      schema: {
        tags,
        summary: 'Applies for an item (or saves a draft with submit=false); window clerks and agents name the applicant',
        body: s.applyBody,
        response: { 201: s.caseDetail, ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) =>
      reply.code(201).send(await detail(req, await apply.applyForItem(ctx, requireActor(req), req.body, req.idempotency))),
  );

  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags,
        summary: 'My cases (as applicant, enterprise user or agent)',
        querystring: s.myCasesQuery,
        response: { 200: cursorListOf(s.caseSummary), ...errors },
      },
    },
    async (req) => read.listMyCases(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/v1/staff/cases',
    {
      schema: {
        tags,
        summary: 'Staff queues: toAccept, toReview, toDecide, dueSoon, overdue, mine, open, done',
        querystring: s.queueQuery,
        response: { 200: cursorListOf(s.caseSummary), ...errors },
      },
    },
    async (req) => read.listStaffQueue(ctx, requireActor(req), req.query),
  );

  app.post(
    '/api/v1/case-progress',
    {
      schema: {
        security: [],
        tags,
        summary:
          '办件进度查询 without login: case number + the applicant’s ID number; status, stage, dates, department (rate-limited, audited)',
        body: s.progressBody,
        response: { 200: s.caseProgress, ...errors, 429: errorSchema },
      },
      config: { rateLimit: { max: ctx.config.auth.loginRatePerMinute, timeWindow: '1 minute' } },
    },
    async (req) => progress.lookupProgress(ctx, { ...req.body, ip: req.ip }),
  );

  app.post(
    '/api/v1/cases/:id/applicant-identity',
    {
      schema: {
        tags,
        summary:
          '查看完整姓名: the applicant’s full name and ID number for staff handling the open case, with a reason (audited, rate-limited)',
        params: s.idParam,
        body: s.revealBody,
        response: { 200: s.applicantIdentity, ...errors, 429: errorSchema },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req) => progress.revealApplicant(ctx, requireActor(req), req.params.id, req.body.reason),
  );

  app.get(
    '/api/v1/staff/post-checks',
    {
      schema: {
        tags,
        summary: '告知承诺 cases drawn for a post-check in my department',
        querystring: s.postChecksQuery,
        response: { 200: listOf(s.caseSummary), ...errors },
      },
    },
    async (req) => read.listPostChecks(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/v1/cases/:id',
    {
      schema: {
        tags,
        summary: 'A case with form, materials, clock, notices, commitments, timeline and the actions allowed now',
        params: s.idParam,
        response: { 200: s.caseDetail, ...errors },
      },
    },
    async (req) => read.getCaseDetail(ctx, requireActor(req), req.params.id),
  );

  app.get(
    '/api/v1/cases/:id/documents/:kind',
    {
      schema: {
        tags,
        summary: 'A written document of the case as PDF (receipt, acceptance, correction, rejection, decision)',
        params: s.documentParam,
      },
    },
    async (req, reply) => {
      const c = await read.readableCase(ctx, requireActor(req), req.params.id);
      const pdf = await renderCaseDocument(ctx, c, req.params.kind);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${req.params.kind}-${c.number}.pdf"`).send(pdf);
    },
  );

  app.post(
    '/api/v1/cases/:id/comments',
    {
      schema: {
        tags,
        summary: 'An internal comment on the timeline (staff)',
        params: s.idParam,
        body: s.noteBody,
        response: { 201: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await handle.commentOnCase(ctx, requireActor(req), req.params.id, req.body.text);
      return reply.code(201).send(null);
    },
  );

  type Body = { version?: number };
  /** Registers one action route: parse → authorize and act (service) → present the case. */
  function action<B extends z.ZodType<Body>>(
    path: string,
    summary: string,
    body: B,
    run: (actor: ReturnType<typeof requireActor>, id: string, version: number, b: z.infer<B>) => Promise<CaseRow>,
  ) {
    app.post(
      `/api/v1/cases/:id/${path}`,
      { schema: { tags, summary, params: s.idParam, body, response: { 200: s.caseDetail, ...errors } } },
      async (req) => {
        const b = req.body as z.infer<B>;
        const c = await run(requireActor(req), req.params.id, requireVersion(req, b.version), b);
        return detail(req, c);
      },
    );
  }

  // Applicant side
  action('submit', 'Submits a draft', s.versionBody, (a, id, v) => apply.submitDraft(ctx, a, id, v));
  action('withdraw', 'Withdraws the application before the decision', s.withdrawBody, (a, id, v, b) =>
    apply.withdrawCase(ctx, a, id, v, b.reason),
  );
  action('supplement', 'Supplies the materials listed in the one-time notice', s.supplementBody, (a, id, v, b) =>
    apply.supplementCase(ctx, a, id, v, b.materials),
  );
  action('supply', 'Supplies a material deferred at acceptance (容缺)', s.supplyBody, (a, id, v, b) =>
    apply.supplyDeferred(ctx, a, id, v, b),
  );
  app.put(
    '/api/v1/cases/:id/draft',
    { schema: { tags, summary: 'Saves a draft', params: s.idParam, body: s.draftBody, response: { 200: s.caseDetail, ...errors } } },
    async (req) =>
      detail(req, await apply.saveDraft(ctx, requireActor(req), req.params.id, req.body, requireVersion(req, req.body.version))),
  );
  app.post(
    '/api/v1/cases/:id/commitments/:commitmentId/sign',
    {
      schema: {
        tags,
        summary: 'Signs a 容缺 commitment',
        params: s.commitmentParam,
        body: s.versionBody,
        response: { 200: s.caseDetail, ...errors },
      },
    },
    async (req) =>
      detail(
        req,
        await apply.signCommitment(ctx, requireActor(req), req.params.id, requireVersion(req, req.body.version), req.params.commitmentId),
      ),
  );

  // Staff side
  action('claim', 'Takes the case (认领)', s.versionBody, (a, id, v) => handle.claimCase(ctx, a, id, v));
  action('accept', 'Accepts (受理), optionally with deferred materials (容缺)', s.acceptBody, (a, id, v, b) =>
    handle.acceptCase(ctx, a, id, v, b),
  );
  action(
    'deficiency-notice',
    'Issues the one-time notice (一次性告知) listing every missing or wrong material',
    s.noticeBody,
    (a, id, v, b) => handle.notifyDeficiency(ctx, a, id, v, b),
  );
  action('reject', 'Refuses to accept (不予受理) with reasons and remedies', s.rejectBody, (a, id, v, b) =>
    handle.rejectCase(ctx, a, id, v, b),
  );
  action('handle-immediately', 'Completes an immediate item (即办件) on the spot', s.commentBody, (a, id, v, b) =>
    handle.handleImmediately(ctx, a, id, v, b),
  );
  action('review', 'Records a review opinion and moves to the next step', s.reviewBody, (a, id, v, b) =>
    handle.reviewCase(ctx, a, id, v, b),
  );
  action('countersign', 'Gives the department’s 会签 opinion; the quorum reached, the case moves on', s.countersignBody, (a, id, v, b) =>
    countersignCase(ctx, a, id, v, b),
  );
  action('decide', 'Decides: approved, or denied with reasons', s.decideBody, (a, id, v, b) => handle.decideCase(ctx, a, id, v, b));
  action('complete', 'Completes the case (办结)', s.versionBody, (a, id, v) => handle.completeCase(ctx, a, id, v));
  action('special-procedure', 'Starts a special procedure (听证, 检测, 鉴定…); the clock stops', s.specialBody, (a, id, v, b) =>
    handle.startSpecialProcedure(ctx, a, id, v, b),
  );
  action('special-procedure/end', 'Ends the special procedure; the clock resumes', s.commentBody, (a, id, v, b) =>
    handle.endSpecialProcedure(ctx, a, id, v, b),
  );
  action('extension', 'Requests the 10-working-day extension', s.reasonBody, (a, id, v, b) => handle.requestExtension(ctx, a, id, v, b));
  action(
    'extension/decide',
    'Approves or refuses the extension (an approver other than the requester)',
    s.extensionDecisionBody,
    (a, id, v, b) => handle.decideExtension(ctx, a, id, v, b),
  );
  action('transfer', 'Hands the case to a colleague with a reason', s.transferBody, (a, id, v, b) => handle.transferCase(ctx, a, id, v, b));
  action('hand-over', 'Hands the result over at the pickup window (统一出件) and records it', s.handOverBody, (a, id, v, b) =>
    handle.handOverCase(ctx, a, id, v, b),
  );
  action('post-check', 'Records the 告知承诺 post-check; a failed check revokes the result', s.postCheckBody, (a, id, v, b) =>
    handle.recordPostCheck(ctx, a, id, v, b),
  );

  app.get(
    '/api/v1/cases/:id/licenses/:identifier',
    {
      schema: {
        tags,
        summary: '用证: staff read a license the applicant did not have to submit (recorded and audited)',
        params: z.strictObject({ id: z.uuid(), identifier: z.string().min(10).max(120) }),
        response: {
          200: z
            .object({
              identifier: z.string(),
              typeName: z.string(),
              issuerName: z.string(),
              status: z.string(),
              validFrom: z.string(),
              validUntil: z.string().nullable(),
              fields: z.array(z.object({ label: z.string(), value: z.string() })),
            })
            .passthrough(),
          401: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return read.useLicenseOfCase(ctx, actor, req.params.id, req.params.identifier);
    },
  );
}
