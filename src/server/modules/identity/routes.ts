import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookies, requireActor, setSessionCookies } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { errorSchema, listOf, pageQuery, requireVersion } from '../../platform/http.ts';
import { authorize } from '../../platform/policies.ts';
import * as auth from './auth-service.ts';
import { presentMe, presentPerson, presentStaff } from './present.ts';
import { registerOrganization, registerPerson, requestSmsCode } from './registration-service.ts';
import * as s from './schema.ts';
import { createStaff, listStaffInScope, updateStaffRoles } from './staff-service.ts';
import { findOrganizationById } from './repo.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** Authentication, registration, the current account, persons, organizations and staff. */
export function identityRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['identity'];

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: 'Password (+TOTP) login; sets the session cookie and returns a bearer token',
        body: s.loginBody,
        response: { 200: s.loginResponse, ...errors, 423: errorSchema },
      },
      config: { rateLimit: { max: ctx.config.auth.loginRatePerMinute, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const result = await auth.login(ctx, { ...req.body, ip: req.ip });
      setSessionCookies(req, reply, result.token, result.csrfToken);
      return { token: result.token, csrfToken: result.csrfToken, account: await presentMe(ctx, result.accountId) };
    },
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
    '/api/v1/organizations',
    {
      schema: {
        tags,
        summary: 'Registers an organisation the applicant represents',
        body: s.organizationBody,
        response: { 201: s.organizationSummary, ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => {
      const org = await registerOrganization(ctx, requireActor(req), req.body);
      return reply.code(201).send({ id: org.id, name: org.name, creditCode: org.credit_code, role: 'legalRepresentative' });
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
        summary: 'Creates a staff account (TOTP secret returned once)',
        body: s.staffCreateBody,
        response: { 201: z.object({ id: z.uuid(), username: z.string(), otpauthUri: z.string() }), ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => {
      const { account, otpauthUri } = await createStaff(ctx, requireActor(req), req.body);
      return reply.code(201).send({ id: account.id, username: account.username, otpauthUri });
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
