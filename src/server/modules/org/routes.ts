import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorSchema, listOf, requireVersion } from '../../platform/http.ts';
import { presentDepartment, presentHall, presentRegion, presentWindow } from './present.ts';
import * as s from './schema.ts';
import * as svc from './service.ts';
import * as windows from './window-service.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** Regions (GB/T 2260), departments, halls and windows. Reading is public; changes are scoped by policy. */
export function orgRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];

  app.get(
    '/api/v1/regions',
    {
      schema: {
        security: [],
        tags,
        summary: 'Regions, filtered by parent, level or name',
        querystring: s.regionsQuery,
        response: { 200: listOf(s.region), 400: errorSchema },
      },
    },
    async (req) => {
      const { items, total } = await svc.listRegions(ctx, req.query);
      return { items: items.map(presentRegion), total };
    },
  );

  app.get(
    '/api/v1/regions/:code',
    {
      schema: {
        security: [],
        tags,
        summary: 'A region with its ancestors',
        params: s.regionParam,
        response: { 200: s.regionDetail, ...errors },
      },
    },
    async (req) => {
      const { region, path } = await svc.getRegion(ctx, req.params.code);
      return { ...presentRegion(region), path: path.map(presentRegion) };
    },
  );

  app.get(
    '/api/v1/departments',
    {
      schema: {
        security: [],
        tags,
        summary: "Departments in a region's subtree",
        querystring: s.departmentsQuery,
        response: { 200: listOf(s.department), ...errors },
      },
    },
    async (req) => {
      const { items, total } = await svc.listDepartments(ctx, req.query);
      return { items: items.map(presentDepartment), total };
    },
  );

  app.get(
    '/api/v1/departments/:id',
    {
      schema: {
        security: [],
        tags,
        summary: 'A department',
        params: s.idParam,
        response: { 200: s.department, ...errors },
      },
    },
    async (req) => presentDepartment(await svc.getDepartment(ctx, req.params.id)),
  );

  app.post(
    '/api/v1/departments',
    {
      schema: {
        tags,
        summary: 'Creates a department (system admin of the region)',
        body: s.departmentCreateBody,
        response: { 201: s.department, ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.code(201).send(presentDepartment(await svc.createDepartment(ctx, requireActor(req), req.body))),
  );

  app.patch(
    '/api/v1/departments/:id',
    {
      schema: {
        tags,
        summary: 'Edits a department (If-Match or body.version)',
        params: s.idParam,
        body: s.departmentPatchBody,
        response: { 200: s.department, ...errors, 428: errorSchema },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body;
      return presentDepartment(await svc.updateDepartment(ctx, requireActor(req), req.params.id, requireVersion(req, version), patch));
    },
  );

  app.get(
    '/api/v1/halls',
    {
      schema: {
        security: [],
        tags,
        summary: 'Service halls with their windows',
        querystring: s.hallsQuery,
        response: { 200: listOf(s.hall), ...errors },
      },
    },
    async (req) => {
      const { items, total } = await svc.listHalls(ctx, req.query);
      return { items: items.map(presentHall), total };
    },
  );

  app.get(
    '/api/v1/halls/:id',
    {
      schema: {
        security: [],
        tags,
        summary: 'A hall with its windows',
        params: s.idParam,
        response: { 200: s.hall, ...errors },
      },
    },
    async (req) => presentHall(await svc.getHall(ctx, req.params.id)),
  );

  app.post(
    '/api/v1/halls/:id/windows',
    {
      schema: {
        tags,
        summary: 'Adds a window to a hall (hall admin)',
        params: s.idParam,
        body: s.windowCreateBody,
        response: { 201: s.serviceWindow, ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.code(201).send(presentWindow(await svc.addWindow(ctx, requireActor(req), req.params.id, req.body))),
  );

  // ── windows (一窗受理 configuration: hall admin) ──
  type WindowView = Awaited<ReturnType<typeof windows.getWindow>>;
  const windowDetail = (v: WindowView) => ({
    ...presentWindow(v.window),
    hallId: v.window.hall_id,
    hallName: v.window.hall_name,
    regionCode: v.window.hall_region_code,
    departments: v.departments.map((d) => ({ id: d.id, name: d.name })),
    items: v.items.map((i) => ({ id: i.id, implementationCode: i.implementation_code, name: i.name, departmentId: i.department_id })),
    clerks: v.clerks.map((c) => ({ id: c.id, displayName: c.display_name, username: c.username })),
  });
  const wtags = ['windows'];
  app.get(
    '/api/v1/windows/:id',
    {
      schema: {
        tags: wtags,
        summary: 'A window with what it accepts and the clerks seated there (hall admin)',
        params: s.idParam,
        response: { 200: s.windowDetail, ...errors },
      },
    },
    async (req) => windowDetail(await windows.getWindow(ctx, requireActor(req), req.params.id)),
  );
  app.put(
    '/api/v1/windows/:id/configuration',
    {
      schema: {
        tags: wtags,
        summary: 'Sets what a window accepts (综合窗口: all items, or departments and items) and whether it is a pickup window (统一出件)',
        params: s.idParam,
        body: s.windowConfigBody,
        response: { 200: s.windowDetail, ...errors, 428: errorSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await windows.configureWindow(ctx, actor, req.params.id, requireVersion(req, req.body.version), req.body);
      return windowDetail(await windows.getWindow(ctx, actor, req.params.id));
    },
  );
  app.post(
    '/api/v1/windows/:id/peak',
    {
      schema: {
        tags: wtags,
        summary: 'Opens a peak window (调峰) for chosen items, or closes it',
        params: s.idParam,
        body: s.windowPeakBody,
        response: { 200: s.windowDetail, ...errors, 428: errorSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await windows.setPeak(ctx, actor, req.params.id, requireVersion(req, req.body.version), req.body);
      return windowDetail(await windows.getWindow(ctx, actor, req.params.id));
    },
  );
  app.put(
    '/api/v1/windows/:id/clerks/:accountId',
    {
      schema: {
        tags: wtags,
        summary: 'Seats a clerk at the window',
        params: s.windowClerkParam,
        response: { 200: s.windowDetail, ...errors },
      },
    },
    async (req) => windowDetail(await windows.seatClerk(ctx, requireActor(req), req.params.id, req.params.accountId)),
  );
}
