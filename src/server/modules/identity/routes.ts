import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookies, requireActor, setSessionCookies } from '../../platform/auth-hook.ts';
import { inlineKinds, type MaterialKind } from '../../platform/files.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { errorSchema, listOf, pageQuery, requireVersion } from '../../platform/http.ts';
import { authorize } from '../../platform/policies.ts';
import { completeActivation, startActivation } from './activation-service.ts';
import * as auth from './auth-service.ts';
import * as claims from './organization-service.ts';
import { presentClaim, presentMe, presentPerson, presentStaff, presentStaffRequest } from './present.ts';
import { registerPerson, requestSmsCode } from './registration-service.ts';
import { findOrganizationById } from './repo.ts';
import * as s from './schema.ts';
import { decideStaffRequest, listStaffRequests, requestStaffChange } from './staff-request-service.ts';
import { createStaff, listStaffInScope, presentActivation, reissueActivation, updateStaffRoles } from './staff-service.ts';

/** The device cookie (a random token, HttpOnly): a browser the account logged in from, exempt from the account-wide lock. */
export const DEVICE_COOKIE = 'tongban_device';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** Authentication, registration, the current account, persons, organizations and staff. */
export function identityRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['identity'];

  /** The session cookies, the device cookie (half a year) and the login answer. */
  const loggedIn = async (req: FastifyRequest, reply: FastifyReply, result: auth.LoginResult) => {
    setSessionCookies(req, reply, result.token, result.csrfToken);
    reply.setCookie(DEVICE_COOKIE, result.deviceToken, {
      path: '/api/v1/auth',
      httpOnly: true,
      sameSite: 'strict',
      secure: req.protocol === 'https',
      maxAge: 180 * 86_400,
    });
    return { token: result.token, csrfToken: result.csrfToken, account: await presentMe(ctx, result.accountId) };
  };

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        security: [],
        tags,
        summary: 'Password (+TOTP) login; sets the session cookie and returns a bearer token',
        body: s.loginBody,
        response: { 200: s.loginResponse, ...errors, 423: errorSchema },
      },
      config: { rateLimit: { max: ctx.config.auth.loginRatePerMinute, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const result = await auth.login(ctx, { ...req.body, ip: req.ip, deviceToken: req.cookies?.[DEVICE_COOKIE] });
      return loggedIn(req, reply, result);
    },
  );

  app.post(
    '/api/v1/auth/activation',
    {
      schema: {
        security: [],
        tags,
        summary: 'Activation, step 1: the one-time code gives the TOTP secret to enrol (shown to the holder only)',
        body: s.activationStartBody,
        response: { 200: s.activationStartResponse, ...errors },
      },
      config: { rateLimit: { max: ctx.config.auth.loginRatePerMinute, timeWindow: '1 minute' } },
    },
    async (req) => startActivation(ctx, req.body),
  );

  app.post(
    '/api/v1/auth/activation/complete',
    {
      schema: {
        security: [],
        tags,
        summary: 'Activation, step 2: the code, a new password and a first TOTP code; the account becomes active and logs in',
        body: s.activationCompleteBody,
        response: { 200: s.loginResponse, ...errors },
      },
      config: { rateLimit: { max: ctx.config.auth.loginRatePerMinute, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const result = await completeActivation(ctx, { ...req.body, ip: req.ip, deviceToken: req.cookies?.[DEVICE_COOKIE] });
      return loggedIn(req, reply, result);
    },
  );

  app.get(
    '/api/v1/platform',
    {
      schema: {
        security: [],
        tags,
        summary: 'Public facts about this installation: whether it is the demo',
        response: { ...errors, 200: s.platformInfo },
      },
    },
    async () => ({ demo: ctx.config.demo }),
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { tags, summary: 'The current account', response: { 200: s.meResponse, 401: errorSchema } } },
    async (req) => {
      const actor = requireActor(req);
      return presentMe(ctx, actor.accountId, req.authVia === 'cookie' ? (req.sessionCsrf ?? undefined) : undefined);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: 'Ends the session server-side', response: { 204: z.null(), 401: errorSchema } } },
    async (req, reply) => {
      await auth.logout(ctx, requireActor(req));
      clearSessionCookies(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/sms-codes',
    {
      schema: {
        security: [],
        tags,
        summary: 'Sends an SMS verification code',
        body: s.smsCodeBody,
        response: { 202: z.object({ expiresInSeconds: z.number() }), ...errors, 429: errorSchema },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => reply.code(202).send(await requestSmsCode(ctx, { ...req.body, ip: req.ip })),
  );

  app.post(
    '/api/v1/auth/register',
    {
      schema: {
        security: [],
        tags,
        summary: 'Real-name registration of a natural person',
        body: s.registerBody,
        response: { 201: s.registerResponse, ...errors },
      },
      config: { idempotent: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => reply.code(201).send(await registerPerson(ctx, { ...req.body, ip: req.ip })),
  );

  app.get(
    '/api/v1/persons/:id',
    { schema: { tags, summary: 'A person record (its owner only)', params: s.idParam, response: { 200: s.personResponse, ...errors } } },
    async (req) => presentPerson(ctx, requireActor(req), req.params.id),
  );

  app.post(
    '/api/v1/organization-claims',
    {
      schema: {
        tags,
        summary: 'Claims to be the legal representative of an organisation: verified at once by 电子营业执照, or reviewed by staff',
        body: s.claimBody,
        response: { 201: s.claimResponse, ...errors, 422: errorSchema, 503: errorSchema },
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.code(201).send(presentClaim(await claims.claimOrganization(ctx, requireActor(req), req.body))),
  );

  app.get(
    '/api/v1/organization-claims',
    {
      schema: {
        tags,
        summary: "My claims (applicants), or the claims of the reviewer's region",
        querystring: s.claimsQuery,
        response: { 200: listOf(s.claimResponse), ...errors },
      },
    },
    async (req) => {
      const { items, total } = await claims.listClaims(ctx, requireActor(req), req.query);
      return { items: items.map(presentClaim), total };
    },
  );

  app.get(
    '/api/v1/organization-claims/:id',
    {
      schema: {
        tags,
        summary: 'A claim (its claimant or a reviewer of its region)',
        params: s.idParam,
        response: { 200: s.claimResponse, ...errors },
      },
    },
    async (req) => presentClaim(await claims.getClaim(ctx, requireActor(req), req.params.id)),
  );

  app.get(
    '/api/v1/organization-claims/:id/documents/:document',
    {
      schema: {
        tags,
        summary: "A claim's business license or ID card (its reviewer or claimant)",
        params: s.documentParam,
      },
    },
    async (req, reply) => {
      const m = await claims.claimDocument(ctx, requireActor(req), req.params.id, req.params.document);
      const inline = inlineKinds.includes(m.kind as MaterialKind);
      return reply
        .type(m.media_type)
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${req.params.document}.${m.kind}"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'")
        .send(await ctx.files.get(m.file_sm3));
    },
  );

  app.post(
    '/api/v1/organization-claims/:id/decision',
    {
      schema: {
        tags,
        summary: 'A reviewer of the region approves a claim or rejects it with a reason (If-Match or body.version)',
        params: s.idParam,
        body: s.decisionBody,
        response: { 200: s.claimResponse, ...errors, 428: errorSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const claim = await claims.decideClaim(ctx, actor, req.params.id, { ...req.body, version: requireVersion(req, req.body.version) });
      return presentClaim(claim);
    },
  );

  app.get(
    '/api/v1/organizations/:id',
    {
      schema: {
        tags,
        summary: 'An organisation the account is authorised for',
        params: s.idParam,
        response: { 200: s.organizationSummary, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'organization.read', { type: 'organization', id: req.params.id }, 'ORGANIZATION_NOT_FOUND');
      const org = await findOrganizationById(ctx.db, req.params.id);
      if (!org) throw new AppError('ORGANIZATION_NOT_FOUND');
      return { id: org.id, name: org.name, creditCode: org.credit_code };
    },
  );

  app.get(
    '/api/v1/staff',
    {
      schema: {
        tags,
        summary: "Staff in the caller's scope",
        querystring: pageQuery.extend({ departmentId: z.uuid().optional() }),
        response: { 200: listOf(s.staffItem), ...errors },
      },
    },
    async (req) => {
      const { items, total } = await listStaffInScope(ctx, requireActor(req), req.query);
      return { items: items.map(presentStaff), total };
    },
  );

  app.post(
    '/api/v1/staff',
    {
      schema: {
        tags,
        summary: 'Creates a staff account waiting for its holder: a one-time activation code is shown once or sent by SMS',
        body: s.staffCreateBody,
        response: { 201: s.staffCreateResponse, ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => {
      const { account, activation } = await createStaff(ctx, requireActor(req), req.body);
      return reply
        .code(201)
        .send({ id: account.id, username: account.username, status: account.status, activation: presentActivation(activation) });
    },
  );

  app.post(
    '/api/v1/staff/:id/activation',
    {
      schema: {
        tags,
        summary: "Resets a staff member's credentials: a new activation code (their password and TOTP stop working)",
        params: s.idParam,
        body: s.reissueBody,
        response: { 201: s.activationIssued, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(presentActivation(await reissueActivation(ctx, requireActor(req), req.params.id, req.body))),
  );

  app.post(
    '/api/v1/staff-requests',
    {
      schema: {
        tags,
        summary: '三员分立: asks for a separated administrator account to be created, its roles changed or its credentials reset',
        body: s.staffRequestBody,
        response: { 201: s.staffRequestItem, ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.code(201).send(presentStaffRequest(await requestStaffChange(ctx, requireActor(req), req.body), false)),
  );

  app.get(
    '/api/v1/staff-requests',
    {
      schema: {
        tags,
        summary: "Separated-administrator requests of the caller's region",
        querystring: s.staffRequestsQuery,
        response: { 200: listOf(s.staffRequestItem), ...errors },
      },
    },
    async (req) => {
      const { items, total } = await listStaffRequests(ctx, requireActor(req), req.query);
      return { items: items.map((i) => presentStaffRequest(i.row, i.mayDecide, i.username)), total };
    },
  );

  app.post(
    '/api/v1/staff-requests/:id/decision',
    {
      schema: {
        tags,
        summary: 'Another administrator approves (the change is made) or rejects with a reason (If-Match or body.version)',
        params: s.idParam,
        body: s.decisionBody,
        response: { 200: s.staffRequestDecision, ...errors, 428: errorSchema },
      },
    },
    async (req) => {
      const { request, activation } = await decideStaffRequest(ctx, requireActor(req), req.params.id, {
        ...req.body,
        version: requireVersion(req, req.body.version),
      });
      return { request: presentStaffRequest(request, false), activation: activation ? presentActivation(activation) : null };
    },
  );

  app.put(
    '/api/v1/staff/:id/roles',
    {
      schema: {
        tags,
        summary: "Replaces a staff member's roles (If-Match or body.version)",
        params: s.idParam,
        body: s.staffRolesBody,
        response: { 200: z.object({ id: z.uuid(), roles: z.array(z.string()), version: z.number() }), ...errors, 428: errorSchema },
      },
    },
    async (req) => {
      const updated = await updateStaffRoles(ctx, requireActor(req), req.params.id, req.body.roles, requireVersion(req, req.body.version));
      return { id: updated.id, roles: updated.roles, version: updated.version };
    },
  );
}
