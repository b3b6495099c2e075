import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorSchema, listOf } from '../../platform/http.ts';
import * as s from './schema.ts';
import * as svc from './service.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** 委托代办: an agent's mandates from the persons they act for, confirmed by the person (SMS code or in person). */
export function agencyRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['agency'];
  app.post(
    '/api/v1/mandates',
    {
      schema: {
        tags,
        summary: 'An agent asks a person for a mandate; an SMS code goes to the phone on record, or the person confirms at a window',
        body: s.mandateBody,
        response: { 201: s.mandate, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.requestMandate(ctx, requireActor(req), req.body)),
  );
  app.get(
    '/api/v1/mandates',
    {
      schema: {
        tags,
        summary: 'My mandates (an agent’s, or those a person gave)',
        querystring: s.mandatesQuery,
        response: { 200: listOf(s.mandate), ...errors },
      },
    },
    async (req) => svc.listMandates(ctx, requireActor(req), req.query),
  );
  app.get(
    '/api/v1/mandates/:id',
    {
      schema: {
        tags,
        summary: 'One mandate (its agent, its principal, front desks of its region)',
        params: s.idParam,
        response: { 200: s.mandate, ...errors },
      },
    },
    async (req) => svc.getMandate(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/mandates/:id/confirm',
    {
      schema: {
        tags,
        summary: 'The agent enters the code the principal received: the mandate is in force',
        params: s.idParam,
        body: s.confirmBody,
        response: { 200: s.mandate, ...errors },
      },
    },
    async (req) => svc.confirmMandate(ctx, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/mandates/:id/confirm-in-person',
    {
      schema: {
        tags,
        summary: 'A window clerk who checked the principal’s ID card confirms the mandate (never the agent)',
        params: s.idParam,
        body: s.versionBody,
        response: { 200: s.mandate, ...errors },
      },
    },
    async (req) => svc.confirmMandateInPerson(ctx, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/mandates/:id/revoke',
    {
      schema: {
        tags,
        summary: 'The principal or the agent ends the mandate',
        params: s.idParam,
        body: s.revokeBody,
        response: { 200: s.mandate, ...errors },
      },
    },
    async (req) => svc.revokeMandate(ctx, requireActor(req), req.params.id, req.body),
  );
}
