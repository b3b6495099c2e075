import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/server/platform/identifiers.ts';
import { login, makeCitizen, type Client } from './client.ts';
import { demoHall, staffAt } from './factories/hall.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * 取号 and 叫号 (issue 16): numbers per business type and day, priority ordering (green channel, appointment), the wait
 * estimate, recall and skip, transfer, pause, and who may call. Monday 2026-11-23 10:00 in Shanghai; the demo centre's
 * windows 01–05 are open; A 综合受理 is served at 01–04 (clerk1 sits at 01), B 统一出件 at 05 (clerk2).
 */
let p: TestPlatform;
let h: Awaited<ReturnType<typeof demoHall>>;
let clerk1: Client;
let clerk2: Client;
let citizen: Client;
let other: Client;
const MONDAY_10 = '2026-11-23T02:00:00Z';
const at = (minutes: number) => p.clock.set(new Date(new Date(MONDAY_10).getTime() + minutes * 60_000));
let serial = 0;
const idNumber = () => makeIdNumber({ regionCode: '610922', birthDate: '19600101', sequence: 500 + ++serial });

const take = (c: Client, body: Record<string, unknown>) => c.post(`/api/v1/halls/${h.hallId}/tickets`, body);
const call = (c: Client, windowNumber: string) => c.post(`/api/v1/windows/${h.window(windowNumber).id}/calls`);
const ticketCount = async () =>
  Number(
    (
      await p.ctx.db
        .selectFrom('queue_tickets')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  p = await startTestPlatform();
  p.clock.set(MONDAY_10);
  h = await demoHall(p);
  clerk1 = await login(p.app, 'clerk1');
  clerk2 = await login(p.app, 'clerk2');
  const a = await makeCitizen(p.ctx, { name: '排队人' });
  citizen = await login(p.app, a.username, a.password);
  const b = await makeCitizen(p.ctx, { name: '他人' });
  other = await login(p.app, b.username, b.password);
});
afterAll(async () => {
  await p?.close();
});

describe(`排队叫号 queue tickets and calls (${testDb})`, () => {
  it('numbers tickets per business type and calls green channel, then appointments, then the rest in order; stores wait and service times', async () => {
    const A = h.type('A').id;
    const t1 = await take(clerk1, { businessTypeId: A, idNumber: idNumber() });
    expect(t1.statusCode, t1.body).toBe(201);
    expect(t1.json()).toMatchObject({ number: 'A001', priority: 0, source: 'idNumber', status: 'waiting' });
    const t2 = (await take(citizen, { businessTypeId: A })).json();
    expect(t2).toMatchObject({ number: 'A002', source: 'remote' });
    const t3 = (await take(clerk1, { businessTypeId: A, priorityReason: 'elderly' })).json();
    expect(t3).toMatchObject({ number: 'A003', priority: 2, priorityReason: 'elderly', source: 'clerk' });
    // An appointment of today checked in: priority 1.
    const booked = await clerk1.post('/api/v1/appointments', {
      hallId: h.hallId,
      itemCode: h.bookable,
      date: '2026-11-23',
      start: '16:00',
      applicant: { name: '预约人', idNumber: idNumber(), phone: '13700002222' },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const t4 = (await take(clerk1, { appointmentId: booked.json().id })).json();
    expect(t4).toMatchObject({ number: 'A004', priority: 1, priorityReason: 'appointment', source: 'appointment' });
    expect((await clerk1.get(`/api/v1/appointments/${booked.json().id}`)).json().status).toBe('checkedIn');
    const again = await take(clerk1, { appointmentId: booked.json().id });
    expect(again.json().error.code).toBe('HALL_APPOINTMENT_STATE_INVALID');

    // The estimate: 3 ahead (A003 green, A004 booked, A001 earlier) × 300 s (no history yet) ÷ 4 open windows.
    const mine = (await citizen.get(`/api/v1/queue-tickets/${t2.id}`)).json();
    expect(mine.estimate).toEqual({ ahead: 3, meanServiceSeconds: 300, openWindows: 4, waitSeconds: 225 });

    const first = (await call(clerk1, '01')).json().ticket;
    expect(first).toMatchObject({ number: 'A003', status: 'called', windowId: h.window('01').id });
    const busy = await call(clerk1, '01');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('HALL_WINDOW_BUSY');
    expect((await clerk1.post(`/api/v1/queue-tickets/${first.id}/start`)).json().status).toBe('serving');
    at(4);
    // Calling the next finishes the one in service (4 minutes).
    expect((await call(clerk1, '01')).json().ticket.number).toBe('A004');
    const done = (await clerk1.get(`/api/v1/queue-tickets/${first.id}`)).json();
    expect(done).toMatchObject({ status: 'done', serviceSeconds: 240, waitSeconds: 0 });
    await clerk1.post(`/api/v1/queue-tickets/${t4.id}/start`);
    at(10);
    expect((await clerk1.post(`/api/v1/queue-tickets/${t4.id}/finish`)).json()).toMatchObject({ status: 'done', serviceSeconds: 360 });
    // The estimate now uses the mean of the finished ones (300 s) — one ahead of A002 (A001).
    expect((await citizen.get(`/api/v1/queue-tickets/${t2.id}`)).json().estimate).toMatchObject({ ahead: 1, meanServiceSeconds: 300 });
    expect((await call(clerk1, '01')).json().ticket.number).toBe('A001');
    await clerk1.post(`/api/v1/queue-tickets/${t1.json().id}/start`);
    await clerk1.post(`/api/v1/queue-tickets/${t1.json().id}/finish`);
    const last = (await call(clerk1, '01')).json().ticket;
    expect(last).toMatchObject({ number: 'A002', waitSeconds: 600 });
    await clerk1.post(`/api/v1/queue-tickets/${last.id}/start`);
    await clerk1.post(`/api/v1/queue-tickets/${last.id}/finish`);
    expect((await call(clerk1, '01')).json()).toEqual({ ticket: null });
  });

  it('refuses a ticket with an invalid ID number (GB 11643), and a resident naming one, and issues nothing', async () => {
    const before = await ticketCount();
    const bad = await take(clerk1, { businessTypeId: h.type('A').id, idNumber: '610922196001011234' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ID_NUMBER_INVALID');
    const resident = await take(citizen, { businessTypeId: h.type('A').id, idNumber: idNumber() });
    expect(resident.statusCode).toBe(403);
    const unknownType = await take(clerk1, { businessTypeId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownType.json().error.code).toBe('HALL_BUSINESS_TYPE_NOT_FOUND');
    expect(await ticketCount()).toBe(before);
    expect((await take(clerk1, { businessTypeId: h.type('A').id })).json().number).toBe('A005');
    const t = (await call(clerk1, '01')).json().ticket;
    await clerk1.post(`/api/v1/queue-tickets/${t.id}/start`);
    await clerk1.post(`/api/v1/queue-tickets/${t.id}/finish`);
  });

  it('recalls up to the hall’s limit, then the ticket is skipped (void)', async () => {
    const t = (await take(clerk1, { businessTypeId: h.type('A').id })).json();
    expect((await call(clerk1, '01')).json().ticket.id).toBe(t.id);
    for (const n of [1, 2]) expect((await clerk1.post(`/api/v1/queue-tickets/${t.id}/recall`)).json().recalls).toBe(n);
    const limit = await clerk1.post(`/api/v1/queue-tickets/${t.id}/recall`);
    expect(limit.statusCode).toBe(409);
    expect(limit.json().error).toMatchObject({ code: 'HALL_RECALL_LIMIT', details: { recalls: 2, maxRecalls: 2 } });
    const calls = await p.ctx.db
      .selectFrom('hall_calls')
      .select(['kind', 'window_number'])
      .where('ticket_id', '=', t.id)
      .orderBy('id')
      .execute();
    expect(calls).toEqual([
      { kind: 'call', window_number: '01' },
      { kind: 'recall', window_number: '01' },
      { kind: 'recall', window_number: '01' },
    ]);
    expect((await clerk1.post(`/api/v1/queue-tickets/${t.id}/skip`)).json().status).toBe('void');
  });

  it('transfers to another business type but not to a closed window; only the window holding a ticket acts on it', async () => {
    const t = (await take(clerk1, { businessTypeId: h.type('A').id })).json();
    await call(clerk1, '01');
    const closed = await clerk1.post(`/api/v1/queue-tickets/${t.id}/transfer`, { windowId: h.window('06').id });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('HALL_WINDOW_CLOSED');
    expect((await clerk1.get(`/api/v1/queue-tickets/${t.id}`)).json()).toMatchObject({ status: 'called', windowId: h.window('01').id });
    const moved = await clerk1.post(`/api/v1/queue-tickets/${t.id}/transfer`, { businessTypeId: h.type('B').id });
    expect(moved.json()).toMatchObject({ status: 'waiting', businessTypeId: h.type('B').id, number: t.number });
    expect((await call(clerk1, '01')).json()).toEqual({ ticket: null });
    const atPickup = (await call(clerk2, '05')).json().ticket;
    expect(atPickup).toMatchObject({ id: t.id, windowId: h.window('05').id });
    // clerk1 (seated at 01) may not act on a ticket at window 05, nor call for it.
    const foreign = await clerk1.post(`/api/v1/queue-tickets/${t.id}/recall`);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('HALL_WINDOW_NOT_SERVING');
    expect((await call(clerk1, '05')).json().error.code).toBe('HALL_WINDOW_NOT_SERVING');
    // Transfer to an open window: it waits for that window only.
    const toFour = await clerk2.post(`/api/v1/queue-tickets/${t.id}/transfer`, { windowId: h.window('01').id });
    expect(toFour.json()).toMatchObject({ status: 'waiting', targetWindowId: h.window('01').id });
    expect((await call(clerk1, '01')).json().ticket.id).toBe(t.id);
    await clerk1.post(`/api/v1/queue-tickets/${t.id}/skip`);
  });

  it('a paused window does not call; resumed, it does', async () => {
    const paused = await clerk1.put(`/api/v1/windows/${h.window('01').id}/queue-status`, { status: 'paused' });
    expect(paused.json()).toMatchObject({ status: 'paused' });
    await take(clerk1, { businessTypeId: h.type('A').id });
    const refused = await call(clerk1, '01');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('HALL_WINDOW_CLOSED');
    await clerk1.put(`/api/v1/windows/${h.window('01').id}/queue-status`, { status: 'open' });
    expect((await call(clerk1, '01')).json().ticket.status).toBe('called');
    const q = (await clerk1.get(`/api/v1/halls/${h.hallId}/queue`)).json();
    expect(q.inHand.map((x: { windowNumber: string }) => x.windowNumber)).toEqual(['01']);
    expect(q.windows.find((w: { number: string }) => w.number === '06').queueStatus).toBe('closed');
  });

  it('a clerk of another hall or region cannot call, transfer, see or issue; a resident sees only their own ticket', async () => {
    const township = await p.ctx.db
      .selectFrom('halls')
      .select('key')
      .where('region_code', 'like', '610922%')
      .where('level', '=', 'township')
      .executeTakeFirstOrThrow();
    const intruders = [
      await staffAt(p, 'queueclerktown', { region: '610922', deptKey: 'serviceCenter', roles: ['clerk'], hallKey: township.key }),
      await staffAt(p, 'queueclerkdechang', { region: '513424', deptKey: 'market', roles: ['clerk'], hallKey: 'center-513424' }),
    ];
    const mine = (await take(citizen, { businessTypeId: h.type('A').id })).json();
    const inHand = (await clerk1.get(`/api/v1/halls/${h.hallId}/queue`)).json().inHand[0].ticketId;
    const before = await p.ctx.db.selectFrom('queue_tickets').select(['id', 'status', 'version']).orderBy('id').execute();
    for (const c of intruders) {
      expect((await call(c, '02')).statusCode).toBe(404);
      expect((await c.put(`/api/v1/windows/${h.window('02').id}/queue-status`, { status: 'paused' })).statusCode).toBe(404);
      for (const step of ['recall', 'start', 'skip'])
        expect((await c.post(`/api/v1/queue-tickets/${inHand}/${step}`)).statusCode, step).toBe(404);
      expect((await c.post(`/api/v1/queue-tickets/${inHand}/transfer`, { businessTypeId: h.type('B').id })).statusCode).toBe(404);
      expect((await c.get(`/api/v1/queue-tickets/${mine.id}`)).statusCode).toBe(404);
      expect((await c.get(`/api/v1/halls/${h.hallId}/queue`)).statusCode).toBe(403);
      expect((await take(c, { businessTypeId: h.type('A').id })).statusCode).toBe(403);
    }
    expect((await other.get(`/api/v1/queue-tickets/${mine.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/queue-tickets/${inHand}/start`)).statusCode).toBe(404);
    expect((await citizen.get(`/api/v1/queue-tickets/${mine.id}`)).statusCode).toBe(200);
    expect(await p.ctx.db.selectFrom('queue_tickets').select(['id', 'status', 'version']).orderBy('id').execute()).toEqual(before);
  });
});

describe(`the case opened from a ticket (${testDb})`, () => {
  it('remembers the window case the clerk filed for the caller of the ticket in hand, once', async () => {
    const { publishItem, upload, companyForm, makeCase } = await import('./factories/case.ts');
    const inHand = (await clerk1.get(`/api/v1/halls/${h.hallId}/queue`)).json().inHand;
    for (const x of inHand.filter((y: { windowNumber: string }) => y.windowNumber === '01'))
      await clerk1.post(`/api/v1/queue-tickets/${x.ticketId}/skip`);
    const walkIn = await makeCitizen(p.ctx, { name: '王小五' });
    const t = (await take(clerk1, { businessTypeId: h.type('A').id, idNumber: walkIn.idNumber, priorityReason: 'elderly' })).json();
    expect((await call(clerk1, '01')).json().ticket.id).toBe(t.id);
    await clerk1.post(`/api/v1/queue-tickets/${t.id}/start`);
    const code = (await publishItem(p)).code;
    const materials = [];
    for (const k of ['application', 'articles', 'idCard'])
      materials.push({ requirementKey: k, materialId: await upload(p, clerk1, `${k}.pdf`) });
    const filed = await clerk1.post('/api/v1/cases', {
      itemCode: code,
      situationKey: 'limitedCompany',
      formData: companyForm,
      materials,
      applicant: { name: '王小五', idNumber: walkIn.idNumber, phone: walkIn.phone },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    // Not a case of someone else (an online application).
    const online = await makeCase(p, citizen, code);
    const refused = await clerk1.put(`/api/v1/queue-tickets/${t.id}/case`, { caseId: online.id });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('CASE_NOT_FOUND');
    const linked = await clerk1.put(`/api/v1/queue-tickets/${t.id}/case`, { caseId: filed.json().id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ caseId: filed.json().id, status: 'serving' });
    const twice = await clerk1.put(`/api/v1/queue-tickets/${t.id}/case`, { caseId: filed.json().id });
    expect(twice.statusCode).toBe(409);
    const { ticketOfCase } = await import('../../src/server/modules/hall/index.ts');
    expect(await ticketOfCase(p.ctx.db, filed.json().id)).toMatchObject({ id: t.id, number: t.number });
  });
});

describe(`the hall display’s stream of calls (${testDb})`, () => {
  const stream = (query: string, headers: Record<string, string> = {}) =>
    p.app.inject({ url: `/api/v1/halls/${h.hallId}/calls/stream?${query}`, headers });
  const events = (body: string) =>
    body
      .split('\n\n')
      .filter((b) => b.includes('event: call'))
      .map((b) => ({ id: Number(/^id: (\d+)$/m.exec(b)?.[1]), ...JSON.parse(/^data: (.*)$/m.exec(b)?.[1] ?? '{}') }));

  it('sends the last calls to a new display, catches up from Last-Event-ID, and pushes a new call while open', async () => {
    const first = await stream('wait=0');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('text/event-stream');
    const backlog = events(first.body);
    expect(backlog.length).toBeGreaterThan(0);
    expect(backlog.length).toBeLessThanOrEqual(10);
    const lastSeen = backlog.at(-1)?.id as number;
    // A call made while the display is connected arrives within the stream.
    const open = stream('wait=2', { 'last-event-id': String(lastSeen) });
    await new Promise((r) => setTimeout(r, 300));
    const t = (await take(clerk1, { businessTypeId: h.type('A').id, priorityReason: 'pregnant' })).json();
    const inHand = (await clerk1.get(`/api/v1/halls/${h.hallId}/queue`)).json().inHand;
    for (const x of inHand.filter((y: { windowNumber: string }) => y.windowNumber === '01')) {
      await clerk1.post(`/api/v1/queue-tickets/${x.ticketId}/finish`);
    }
    const called = (await call(clerk1, '01')).json().ticket;
    expect(called.id).toBe(t.id);
    const live = events((await open).body);
    expect(live).toEqual([expect.objectContaining({ number: t.number, windowNumber: '01', kind: 'call' })]);
    // Reconnecting with the id before it: the call again (nothing missed); with its id: nothing.
    expect(events((await stream('wait=0', { 'last-event-id': String(lastSeen) })).body).map((e) => e.number)).toEqual([t.number]);
    expect(events((await stream(`wait=0&after=${live[0].id}`)).body)).toEqual([]);
    expect((await stream('wait=0&after=-1')).statusCode).toBe(400);
    expect((await p.app.inject({ url: '/api/v1/halls/00000000-0000-4000-8000-000000000000/calls/stream?wait=0' })).statusCode).toBe(404);
  });
});
