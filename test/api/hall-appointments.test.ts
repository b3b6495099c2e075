import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallJobHandlers } from '../../src/server/modules/hall/index.ts';
import { makeIdNumber } from '../../src/server/platform/identifiers.ts';
import { login, makeCitizen, type Client } from './client.ts';
import { demoHall, staffAt } from './factories/hall.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * 网上预约 (issue 16): availability, hold-then-confirm, expiry, the per-hall rules, no-show suspension, cancel and
 * reschedule, staff booking for a caller, the reminder SMS, and booking the last place under contention.
 * Monday 2026-11-23 10:00 in Shanghai; the demo centre books Monday–Friday, six one-hour slots of 6 places.
 */
let p: TestPlatform;
let h: Awaited<ReturnType<typeof demoHall>>;
let clerk: Client;
let admin: Client;
let citizen: Client;
let citizenPhone: string;
let other: Client;
const MONDAY_10 = '2026-11-23T02:00:00Z';
const TUESDAY = '2026-11-24';

const count = async () =>
  Number(
    (
      await p.ctx.db
        .selectFrom('appointments')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const book = (c: Client, body: Record<string, unknown>) =>
  c.post('/api/v1/appointments', { hallId: h.hallId, itemCode: h.bookable, ...body });
let serial = 0;
/** A walk-in caller for staff bookings (a new person each time). */
const caller = () => {
  serial++;
  return {
    name: `来电${serial}`,
    idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19900101', sequence: 300 + serial }),
    phone: `1370000${String(serial).padStart(4, '0')}`,
  };
};

beforeAll(async () => {
  p = await startTestPlatform({ handlers: (ctx) => hallJobHandlers(ctx) });
  p.clock.set(MONDAY_10);
  h = await demoHall(p);
  clerk = await login(p.app, 'clerk1');
  admin = await login(p.app, 'admin1');
  const a = await makeCitizen(p.ctx, { name: '预约人' });
  citizenPhone = a.phone;
  citizen = await login(p.app, a.username, a.password);
  const b = await makeCitizen(p.ctx, { name: '他人' });
  other = await login(p.app, b.username, b.password);
});
afterAll(async () => {
  await p?.close();
});

describe(`网上预约 appointments (${testDb})`, () => {
  it('publishes the demo centre’s configuration and the free places per slot; weekends closed, begun slots not bookable', async () => {
    expect(h.type('A')).toMatchObject({
      name: '综合受理',
      slots: expect.arrayContaining([{ weekday: 1, start: '09:00', end: '10:00', capacity: 6 }]),
    });
    expect(h.type('A').items.length).toBeGreaterThan(10);
    const res = await p.app.inject({ url: `/api/v1/halls/${h.hallId}/availability?itemCode=${h.bookable}&days=7` });
    expect(res.statusCode, res.body).toBe(200);
    const days = res.json().days;
    expect(days[0]).toMatchObject({ date: '2026-11-23', open: true });
    expect(days[0].slots.find((s: { start: string }) => s.start === '09:00').available).toBe(0);
    expect(days[0].slots.find((s: { start: string }) => s.start === '11:00').available).toBe(6);
    expect(days.find((d: { date: string }) => d.date === '2026-11-28')).toMatchObject({ open: false, reason: 'holiday', slots: [] });
  });

  it('holds a booking, confirms it, sends the reminder the day before; the place is taken', async () => {
    const held = await book(citizen, { date: TUESDAY, start: '09:00' });
    expect(held.statusCode, held.body).toBe(201);
    expect(held.json()).toMatchObject({ status: 'held', date: TUESDAY, start: '09:00', hallName: '石泉县政务服务中心' });
    const confirmed = await citizen.post(`/api/v1/appointments/${held.json().id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', heldUntil: null });
    const day = (await p.app.inject({ url: `/api/v1/halls/${h.hallId}/availability?itemCode=${h.bookable}&from=${TUESDAY}&days=1` })).json()
      .days[0];
    expect(day.slots.find((s: { start: string }) => s.start === '09:00').available).toBe(5);
    // The reminder job (due the day before at 09:00: already due here) sends an SMS to the booker.
    const sms = await eventually(() =>
      p.ctx.db.selectFrom('sms_messages').select(['body', 'phone_masked']).where('purpose', '=', 'appointmentReminder').executeTakeFirst(),
    );
    expect(sms.body).toContain(held.json().code);
    expect(sms.phone_masked.slice(-4)).toBe(citizenPhone.slice(-4));
    const mine = (await citizen.get('/api/v1/appointments')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(held.json().id);
    expect(mine.total).toBe(mine.items.length);
  });

  it('releases a hold that ran out: confirming it is refused, the place is free again', async () => {
    const held = (await book(other, { date: TUESDAY, start: '10:00' })).json();
    const slotFree = async () =>
      (await p.app.inject({ url: `/api/v1/halls/${h.hallId}/availability?itemCode=${h.bookable}&from=${TUESDAY}&days=1` }))
        .json()
        .days[0].slots.find((s: { start: string }) => s.start === '10:00').available;
    expect(await slotFree()).toBe(5);
    p.clock.set(new Date(new Date(MONDAY_10).getTime() + 6 * 60_000));
    expect(await slotFree()).toBe(6);
    const late = await other.post(`/api/v1/appointments/${held.id}/confirm`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('HALL_HOLD_EXPIRED');
    expect((await other.get(`/api/v1/appointments/${held.id}`)).json().status).toBe('expired');
    // The expired hold does not count as the day's booking: the same person books again.
    const again = await book(other, { date: TUESDAY, start: '10:00' });
    expect(again.statusCode, again.body).toBe(201);
    await other.post(`/api/v1/appointments/${again.json().id}/cancel`);
    p.clock.set(MONDAY_10);
  });

  it('refuses bad bookings with a precise code and changes nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, number, string, Client?][] = [
      [{ date: TUESDAY, start: '09:00', itemCode: h.notBookable }, 400, 'HALL_ITEM_NOT_BOOKABLE'],
      [{ date: '2026-11-23', start: '09:00' }, 400, 'HALL_SLOT_PAST'],
      [{ date: '2026-11-20', start: '14:00' }, 400, 'HALL_SLOT_PAST'],
      [{ date: '2026-11-28', start: '09:00' }, 400, 'HALL_DAY_CLOSED'],
      [{ date: '2026-12-04', start: '09:00' }, 400, 'HALL_SLOT_TOO_FAR'],
      [{ date: TUESDAY, start: '12:00' }, 404, 'HALL_SLOT_NOT_FOUND'],
      [{ date: TUESDAY, start: '14:00' }, 409, 'HALL_APPOINTMENT_SAME_DAY'],
      [
        { date: TUESDAY, start: '14:00', applicant: { name: '张三', idNumber: '610922199001011234', phone: '13700001111' } },
        400,
        'ID_NUMBER_INVALID',
        clerk,
      ],
      [{ date: TUESDAY, start: '14:00', applicant: caller() }, 403, 'FORBIDDEN', citizen],
    ];
    for (const [body, status, code, who] of cases) {
      const res = await book(who ?? citizen, body);
      expect(res.statusCode, `${code}: ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    // A closure (闭厅) and a public holiday (元旦 2027-01-01, a Friday).
    expect((await admin.put(`/api/v1/halls/${h.hallId}/closures/2026-11-26`, { reason: '消防演练' })).statusCode).toBe(200);
    const closed = await book(citizen, { date: '2026-11-26', start: '09:00' });
    expect(closed.json().error).toMatchObject({ code: 'HALL_DAY_CLOSED', details: { reason: 'closure' } });
    p.clock.set('2026-12-30T02:00:00Z');
    const holiday = await book(citizen, { date: '2027-01-01', start: '09:00' });
    expect(holiday.json().error).toMatchObject({ code: 'HALL_DAY_CLOSED', details: { reason: 'holiday' } });
    p.clock.set(MONDAY_10);
    expect(await count()).toBe(before);
  });

  it('lets only the owner (and the hall’s staff) see and cancel; cancelling closer than the hall allows is refused', async () => {
    const a = (await book(other, { date: '2026-11-25', start: '09:00' })).json();
    await other.post(`/api/v1/appointments/${a.id}/confirm`);
    expect((await citizen.get(`/api/v1/appointments/${a.id}`)).statusCode).toBe(404);
    const refused = await citizen.post(`/api/v1/appointments/${a.id}/cancel`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('HALL_APPOINTMENT_NOT_FOUND');
    const dechang = await staffAt(p, 'hallclerkdechang', {
      region: '513424',
      deptKey: 'market',
      roles: ['clerk'],
      hallKey: 'center-513424',
    });
    expect((await dechang.get(`/api/v1/appointments/${a.id}`)).statusCode).toBe(404);
    expect((await dechang.post(`/api/v1/appointments/${a.id}/cancel`)).statusCode).toBe(404);
    expect((await clerk.get(`/api/v1/appointments/${a.id}`)).statusCode).toBe(200);
    // Rescheduled by the owner, then too late to cancel (the hall allows up to 2 hours before).
    const moved = await other.post(`/api/v1/appointments/${a.id}/reschedule`, { date: '2026-11-25', start: '15:00' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ date: '2026-11-25', start: '15:00', status: 'confirmed' });
    p.clock.set('2026-11-25T06:30:00Z'); // 14:30 in Shanghai
    const late = await other.post(`/api/v1/appointments/${a.id}/cancel`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'HALL_CANCEL_TOO_LATE', details: { hours: 2 } });
    p.clock.set(MONDAY_10);
    const cancelled = await other.post(`/api/v1/appointments/${a.id}/cancel`);
    expect(cancelled.json().status).toBe('cancelled');
  });

  it('suspends booking after three no-shows, saying until when', async () => {
    const who = caller();
    const ids: string[] = [];
    for (const date of ['2026-11-24', '2026-11-25', '2026-11-27']) {
      const res = await book(clerk, { date, start: '16:00', applicant: who });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('confirmed');
      ids.push(res.json().id);
    }
    // Not before the slot has ended.
    const early = await clerk.post(`/api/v1/appointments/${ids[0]}/no-show`);
    expect(early.json().error.code).toBe('HALL_APPOINTMENT_NOT_DUE');
    p.clock.set('2026-11-27T10:00:00Z'); // Friday 18:00
    for (const id of ids) expect((await clerk.post(`/api/v1/appointments/${id}/no-show`)).json().status).toBe('noShow');
    const refused = await book(clerk, { date: '2026-11-30', start: '09:00', applicant: who });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: 'HALL_BOOKING_SUSPENDED',
      details: { noShows: 3, periodDays: 90, until: '2026-12-27' },
    });
    p.clock.set(MONDAY_10);
  });

  it('configuration is the hall admin’s: an admin of another region is refused, nothing changes', async () => {
    const dechangAdmin = await staffAt(p, 'halladmindechang', { region: '513424', deptKey: 'market', roles: ['systemAdmin'] });
    const body = {
      daysAhead: 3,
      cancelHours: 1,
      holdMinutes: 5,
      noShowLimit: 3,
      noShowPeriodDays: 90,
      suspensionDays: 30,
      maxRecalls: 2,
      skipAction: 'void',
    };
    const refused = await dechangAdmin.put(`/api/v1/halls/${h.hallId}/booking-settings`, { ...body, version: 1 });
    expect(refused.statusCode).toBe(403);
    expect(
      (
        await dechangAdmin.post(`/api/v1/halls/${h.hallId}/business-types`, {
          prefix: 'Z',
          name: 'x',
          itemCodes: [],
          windowIds: [],
          slots: [],
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await dechangAdmin.put(`/api/v1/hall-business-types/${h.type('A').id}`, {
          name: 'x',
          itemCodes: [],
          windowIds: [],
          slots: [],
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    expect((await dechangAdmin.put(`/api/v1/halls/${h.hallId}/closures/2026-11-30`, { reason: 'x' })).statusCode).toBe(403);
    expect((await clerk.put(`/api/v1/halls/${h.hallId}/booking-settings`, { ...body, version: 1 })).statusCode).toBe(403);
    const after = (await p.app.inject({ url: `/api/v1/halls/${h.hallId}/booking-config` })).json();
    expect(after.settings.daysAhead).toBe(7);
    expect(after.businessTypes.map((t: { prefix: string }) => t.prefix)).toEqual(['A', 'B']);
    // The hall's own region admin may; overlapping slots are refused with every problem listed.
    const bad = await admin.post(`/api/v1/halls/${h.hallId}/business-types`, {
      prefix: 'C',
      name: '税务',
      itemCodes: [],
      windowIds: ['00000000-0000-4000-8000-000000000000'],
      slots: [
        { weekday: 1, start: '09:00', end: '10:00', capacity: 2 },
        { weekday: 1, start: '09:30', end: '10:30', capacity: 2 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.problems.map((x: { reason: string }) => x.reason)
        .sort(),
    ).toEqual(['notInHall', 'overlap']);
    const ok = await admin.put(`/api/v1/halls/${h.hallId}/booking-settings`, { ...body, daysAhead: 7, version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ daysAhead: 7, cancelHours: 1, version: 2 });
  });

  it('sells the last place of a slot exactly once under 50 concurrent bookings; the rest get 409 HALL_SLOT_FULL', async () => {
    const date = '2026-11-24';
    const start = '11:00';
    for (let i = 0; i < 5; i++) expect((await book(clerk, { date, start, applicant: caller() })).statusCode).toBe(201);
    const callers = Array.from({ length: 50 }, caller);
    const results = await Promise.all(callers.map((c) => book(clerk, { date, start, applicant: c })));
    const codes = results.map((r) => (r.statusCode === 201 ? 'ok' : `${r.statusCode} ${r.json().error.code}`));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c === '409 HALL_SLOT_FULL')).toHaveLength(49);
    const slot = await p.ctx.db
      .selectFrom('hall_slots')
      .select(['booked', 'capacity', 'id'])
      .where('business_type_id', '=', h.type('A').id)
      .where('date', '=', date)
      .where('start_time', '=', start)
      .executeTakeFirstOrThrow();
    expect(slot).toMatchObject({ booked: 6, capacity: 6 });
    const live = await p.ctx.db
      .selectFrom('appointments')
      .select('id')
      .where('slot_id', '=', slot.id)
      .where('status', 'in', ['held', 'confirmed'])
      .execute();
    expect(live).toHaveLength(6);
  });
});
