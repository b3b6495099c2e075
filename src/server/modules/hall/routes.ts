import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../../platform/actor.ts';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorSchema, listOf, requireVersion } from '../../platform/http.ts';
import * as appts from './appointment-service.ts';
import * as config from './config-service.ts';
import * as display from './display-service.ts';
import { presentAppointment, presentConfig, presentSettings, presentTicket } from './present.ts';
import * as queue from './queue-service.ts';
import * as s from './schema.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** 网上预约 (booking configuration, availability, appointments) and 排队叫号 (tickets, calls, windows). */
export function hallRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['hall'];
  const appointmentView = async (actor: Actor, id: string) => presentAppointment(await appts.visibleAppointment(ctx, actor, id), ctx.now());
  const ticketView = async (actor: Actor, id: string) => {
    const t = await queue.visibleTicket(ctx, actor, id);
    return presentTicket(t, await queue.estimateOf(ctx, t));
  };

  // ── configuration (hall admin; reading is public) ──
  app.get(
    '/api/v1/halls/:id/booking-config',
    {
      schema: {
        security: [],
        tags,
        summary: 'A hall’s booking rules, business types, bookable items, windows and weekly slots',
        params: s.idParam,
        response: { 200: s.hallConfig, ...errors },
      },
    },
    async (req) => presentConfig(await config.getHallConfig(ctx, req.params.id)),
  );
  app.put(
    '/api/v1/halls/:id/booking-settings',
    {
      schema: {
        tags,
        summary: 'Sets a hall’s booking and queue rules (hall admin)',
        params: s.idParam,
        body: s.settingsBody,
        response: { 200: s.settings, ...errors },
      },
    },
    async (req) => presentSettings(await config.setSettings(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/halls/:id/business-types',
    {
      schema: {
        tags,
        summary: 'Adds a business type (业务类型) with its items, windows and weekly slots',
        params: s.idParam,
        body: s.businessTypeCreateBody,
        response: { 201: s.hallConfig, ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => {
      const bt = await config.createBusinessType(ctx, requireActor(req), req.params.id, req.body);
      return reply.code(201).send(presentConfig(await config.getHallConfig(ctx, bt.hall_id)));
    },
  );
  app.put(
    '/api/v1/hall-business-types/:id',
    {
      schema: {
        tags,
        summary: 'Replaces a business type’s name, items, windows and weekly slots (If-Match or body.version)',
        params: s.idParam,
        body: s.businessTypePatchBody,
        response: { 200: s.hallConfig, ...errors, 428: errorSchema },
      },
    },
    async (req) => {
      const { version, ...body } = req.body;
      const bt = await config.updateBusinessType(ctx, requireActor(req), req.params.id, requireVersion(req, version), body);
      return presentConfig(await config.getHallConfig(ctx, bt.hall_id));
    },
  );
  app.put(
    '/api/v1/halls/:id/closures/:date',
    {
      schema: {
        tags,
        summary: 'Closes a hall for bookings on a day (闭厅)',
        params: s.closureParam,
        body: s.closureBody,
        response: { 200: s.closure, ...errors },
      },
    },
    async (req) => {
      const c = await config.setClosure(ctx, requireActor(req), req.params.id, req.params.date, req.body);
      return { hallId: c.hall_id, date: c.date, reason: c.reason };
    },
  );

  // ── appointments (网上预约) ──
  app.get(
    '/api/v1/halls/:id/availability',
    {
      schema: {
        security: [],
        tags,
        summary: 'Free places per day and slot for an item at a hall',
        params: s.idParam,
        querystring: s.availabilityQuery,
        response: { 200: s.availability, ...errors },
      },
    },
    async (req) => appts.availability(ctx, req.params.id, req.query),
  );
  app.post(
    '/api/v1/appointments',
    {
      schema: {
        tags,
        summary: 'Books a slot: a resident’s booking is held until confirmed; staff book for a caller (confirmed)',
        body: s.bookBody,
        response: { 201: s.appointment, ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const a = await appts.book(ctx, actor, req.body);
      return reply.code(201).send(await appointmentView(actor, a.id));
    },
  );
  app.get(
    '/api/v1/appointments',
    {
      schema: {
        tags,
        summary: 'My appointments (我的预约)',
        querystring: s.appointmentsQuery,
        response: { 200: listOf(s.appointment), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { items, total } = await appts.myAppointments(ctx, actor, req.query);
      return { items: items.map((a) => presentAppointment(a, ctx.now())), total };
    },
  );
  app.get(
    '/api/v1/appointments/:id',
    {
      schema: {
        tags,
        summary: 'An appointment (its owner, or staff of its hall)',
        params: s.idParam,
        response: { 200: s.appointment, ...errors },
      },
    },
    async (req) => appointmentView(requireActor(req), req.params.id),
  );
  const appointmentStep = (path: string, summary: string, run: (actor: Actor, id: string) => Promise<unknown>) =>
    app.post(
      `/api/v1/appointments/:id/${path}`,
      { schema: { tags, summary, params: s.idParam, response: { 200: s.appointment, ...errors } } },
      async (req) => {
        const actor = requireActor(req);
        await run(actor, req.params.id);
        return appointmentView(actor, req.params.id);
      },
    );
  appointmentStep('confirm', 'Confirms a held booking before the hold runs out', (a, id) => appts.confirm(ctx, a, id));
  appointmentStep('cancel', 'Cancels a booking (up to the hall’s cancellation hours before it)', (a, id) => appts.cancel(ctx, a, id));
  appointmentStep('no-show', 'Records a no-show after the slot ended (staff of the hall)', (a, id) => appts.recordNoShow(ctx, a, id));
  app.post(
    '/api/v1/appointments/:id/reschedule',
    {
      schema: {
        tags,
        summary: 'Moves a booking to another slot of the same business type',
        params: s.idParam,
        body: s.slotRef,
        response: { 200: s.appointment, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await appts.reschedule(ctx, actor, req.params.id, req.body);
      return appointmentView(actor, req.params.id);
    },
  );

  // ── queue (取号, 叫号) ──
  app.post(
    '/api/v1/halls/:id/tickets',
    {
      schema: {
        tags,
        summary: 'Takes a queue ticket: by a clerk (ID number, green channel), by an appointment (check-in), or remotely',
        params: s.idParam,
        body: s.ticketBody,
        response: { 201: s.ticket, ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const t = await queue.takeTicket(ctx, actor, req.params.id, req.body);
      return reply.code(201).send(await ticketView(actor, t.id));
    },
  );
  app.get(
    '/api/v1/halls/:id/queue',
    {
      schema: {
        tags,
        summary: 'The hall’s queue now: waiting per business type, tickets in hand, windows (staff of the hall)',
        params: s.idParam,
        response: { 200: s.hallQueue, ...errors },
      },
    },
    async (req) => {
      const q = await queue.hallQueue(ctx, requireActor(req), req.params.id);
      return {
        hallId: q.hall.id,
        day: q.day,
        businessTypes: q.types.map((t) => ({
          id: t.id,
          prefix: t.prefix,
          name: t.name,
          waiting: Number(q.waiting.find((w) => w.business_type_id === t.id)?.n ?? 0),
        })),
        inHand: q.inHand.map((t) => ({
          ticketId: t.id,
          number: t.number,
          status: t.status,
          windowId: t.window_id as string,
          windowNumber: t.window_number,
        })),
        windows: q.windows.map((w) => ({ id: w.id, number: w.number, name: w.name, queueStatus: w.queue_status ?? ('closed' as const) })),
      };
    },
  );
  app.get(
    '/api/v1/queue-tickets/:id',
    {
      schema: {
        tags,
        summary: 'A queue ticket with the estimate of its wait (its holder, or staff of its hall)',
        params: s.idParam,
        response: { 200: s.ticket, ...errors },
      },
    },
    async (req) => ticketView(requireActor(req), req.params.id),
  );
  app.put(
    '/api/v1/windows/:id/queue-status',
    {
      schema: {
        tags,
        summary: 'Opens, pauses or closes a window for calls',
        params: s.idParam,
        body: s.windowStatusBody,
        response: { 200: s.windowStatus, ...errors },
      },
    },
    async (req) => {
      const r = await queue.setWindowStatus(ctx, requireActor(req), req.params.id, req.body.status);
      return { windowId: r.window.id, hallId: r.window.hall_id, status: r.state.status };
    },
  );
  app.post(
    '/api/v1/windows/:id/calls',
    {
      schema: {
        tags,
        summary: '叫号: the window calls its next ticket (null when no one waits)',
        params: s.idParam,
        response: { 200: s.callAnswer, ...errors },
      },
    },
    async (req) => {
      const t = await queue.callNext(ctx, requireActor(req), req.params.id);
      return { ticket: t ? presentTicket(t) : null };
    },
  );
  const ticketStep = (path: string, summary: string, run: (actor: Actor, id: string) => Promise<unknown>) =>
    app.post(
      `/api/v1/queue-tickets/:id/${path}`,
      { schema: { tags, summary, params: s.idParam, response: { 200: s.ticket, ...errors } } },
      async (req) => {
        const actor = requireActor(req);
        await run(actor, req.params.id);
        return ticketView(actor, req.params.id);
      },
    );
  ticketStep('recall', '重呼: calls the ticket again (up to the hall’s recall limit)', (a, id) => queue.recall(ctx, a, id));
  ticketStep('start', 'The caller arrived: service starts', (a, id) => queue.startService(ctx, a, id));
  ticketStep('finish', 'Service done', (a, id) => queue.finishService(ctx, a, id));
  ticketStep('skip', '过号: void, or back to the end of the queue, as the hall sets', (a, id) => queue.skip(ctx, a, id));
  app.post(
    '/api/v1/queue-tickets/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Transfers a ticket to another open window or business type of the hall',
        params: s.idParam,
        body: s.transferBody,
        response: { 200: s.ticket, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await queue.transfer(ctx, actor, req.params.id, req.body);
      return ticketView(actor, req.params.id);
    },
  );
  app.put(
    '/api/v1/queue-tickets/:id/case',
    {
      schema: {
        tags,
        summary: 'The case the clerk opened for the caller (窗口受理) is remembered with the ticket in hand',
        params: s.idParam,
        body: s.linkCaseBody,
        response: { 200: s.ticket, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await queue.linkCase(ctx, actor, req.params.id, req.body.caseId);
      return ticketView(actor, req.params.id);
    },
  );

  // ── the hall display (大厅显示屏): server-sent events ──
  app.get(
    '/api/v1/halls/:id/calls/stream',
    {
      schema: {
        security: [],
        tags,
        summary:
          'The hall’s calls as server-sent events (event `call`, id = call id); Last-Event-ID (or ?after) catches up, the stream ends after `wait` seconds and the browser reconnects',
        params: s.idParam,
        querystring: s.streamQuery,
        response: { 400: errorSchema, 404: errorSchema },
      },
      config: { stream: true },
    },
    async (req, reply) => {
      const header = req.headers['last-event-id'];
      const last = typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : (req.query.after ?? null);
      const { hall, after } = await display.openCallStream(ctx, req.params.id, last);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      let open = true;
      // The response closes before it ends only when the display went away (a request's own 'close' fires once it is read).
      res.on('close', () => {
        open = false;
      });
      const until = Date.now() + req.query.wait * 1000;
      let cursor = after;
      try {
        res.write('retry: 1000\n\n');
        while (open) {
          for (const e of await display.callsSince(ctx, hall.id, cursor)) {
            res.write(`id: ${e.id}\nevent: call\ndata: ${JSON.stringify(e)}\n\n`);
            cursor = e.id;
          }
          if (Date.now() >= until) break;
          await new Promise((r) => setTimeout(r, display.DISPLAY_POLL_MS));
        }
      } catch (err) {
        req.log.error({ err }, 'hall call stream failed');
      } finally {
        res.end();
      }
    },
  );
}
