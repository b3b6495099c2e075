import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorSchema, listOf, requireVersion } from '../../platform/http.ts';
import { presentNotice, presentOverride } from './present.ts';
import * as s from './schema.ts';
import * as svc from './service.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
/** Public answers may be cached as long as a node caches the calendar. */
const PUBLIC_CACHE = `public, max-age=${svc.CALENDAR_CACHE_MS / 1000}`;

/** The path segment `national` stands for the national overrides (region code ''). */
const regionOf = (segment: string) => (segment === 'national' ? '' : segment);
/** If-Match or body.version when sent; an override is created without one. */
const versionIfSent = (req: FastifyRequest, bodyVersion?: number) =>
  req.headers['if-match'] !== undefined ? requireVersion(req, bodyVersion) : bodyVersion;

/** The working-day calendar (工作日历): public year lists and due dates; overrides by system admins. */
export function calendarRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];

  app.get(
    '/api/v1/calendar',
    {
      schema: {
        security: [],
        tags,
        summary: 'Holidays, 调休 working days and overrides of a year for a region (default: national, this year)',
        querystring: s.yearQuery,
        response: { 200: s.calendarYear, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', PUBLIC_CACHE);
      return svc.calendarYear(ctx, req.query);
    },
  );

  app.get(
    '/api/v1/calendar/working-days',
    {
      schema: {
        security: [],
        tags,
        summary: 'The date a limit of `days` working days ends, counted from the day after `from`',
        querystring: s.workingDaysQuery,
        response: { 200: s.workingDaysAnswer, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', PUBLIC_CACHE);
      return svc.workingDaysDue(ctx, req.query);
    },
  );

  app.get(
    '/api/v1/calendar/years',
    {
      schema: {
        security: [],
        tags,
        summary: 'Which years are official (their holiday notice known) and which provisional (computed from the law)',
        querystring: s.yearsQuery,
        response: { 200: listOf(s.yearStatus), ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', PUBLIC_CACHE);
      return svc.listYears(ctx, req.query);
    },
  );

  app.get(
    '/api/v1/calendar/notices/:year',
    {
      schema: {
        security: [],
        tags,
        summary: "The State Council's holiday notice entered for a year, line by line",
        params: s.noticeYearParams,
        response: { 200: s.notice, ...errors },
      },
    },
    async (req) => presentNotice(await svc.getNotice(ctx, req.params.year)),
  );

  app.put(
    '/api/v1/calendar/notices/:year',
    {
      schema: {
        tags,
        summary:
          "Enters or replaces a year's holiday notice, which makes the year official (province-level system admin; version to replace)",
        params: s.noticeYearParams,
        body: s.noticeBody,
        response: { 200: s.notice, 201: s.notice, 428: errorSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { version, ...body } = req.body;
      const { notice, created } = await svc.setNotice(ctx, requireActor(req), {
        ...body,
        year: req.params.year,
        version: versionIfSent(req, version),
      });
      return reply.code(created ? 201 : 200).send(presentNotice(notice));
    },
  );

  app.delete(
    '/api/v1/calendar/notices/:year',
    {
      schema: {
        tags,
        summary: "Removes a year's holiday notice: the year is provisional again (province-level system admin; If-Match required)",
        params: s.noticeYearParams,
        response: { 204: z.null(), 428: errorSchema, ...errors },
      },
    },
    async (req, reply) => {
      await svc.deleteNotice(ctx, requireActor(req), { year: req.params.year, version: requireVersion(req) });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/calendar/overrides',
    {
      schema: {
        tags,
        summary: 'Overrides applying to a region or set below it (system admins)',
        querystring: s.overridesQuery,
        response: { 200: listOf(s.override), ...errors },
      },
    },
    async (req) => {
      const { regionCode, ...q } = req.query;
      const { items, total } = await svc.listOverrides(ctx, requireActor(req), {
        ...q,
        regionCode: regionCode === undefined ? undefined : regionOf(regionCode),
      });
      return { items: items.map((o) => presentOverride(o.row, o.editable)), total };
    },
  );

  app.put(
    '/api/v1/calendar/overrides/:regionCode/:date',
    {
      schema: {
        tags,
        summary: 'Creates or changes an override (system admin of the region; `national`: a province-level one)',
        params: s.overrideParams,
        body: s.overrideBody,
        response: { 200: s.override, 201: s.override, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { version, ...body } = req.body;
      const { override, created } = await svc.setOverride(ctx, actor, {
        ...body,
        regionCode: regionOf(req.params.regionCode),
        date: req.params.date,
        version: versionIfSent(req, version),
      });
      return reply.code(created ? 201 : 200).send(presentOverride(override, true));
    },
  );

  app.delete(
    '/api/v1/calendar/overrides/:regionCode/:date',
    {
      schema: {
        tags,
        summary: 'Removes an override (as above); If-Match optional',
        params: s.overrideParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await svc.deleteOverride(ctx, requireActor(req), {
        regionCode: regionOf(req.params.regionCode),
        date: req.params.date,
        version: versionIfSent(req),
      });
      return reply.code(204).send(null);
    },
  );
}
