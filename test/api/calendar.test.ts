import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/modules/identity/passwords.ts';
import { insertAccount } from '../../src/server/modules/identity/repo.ts';
import { clearCalendarCache, loadCalendar } from '../../src/server/modules/calendar/service.ts';
import { addWorkingDays } from '../../src/server/platform/calendar.ts';
import { login, type Client } from './client.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
let admin: Client;
let citizen: Client;
let auditor: Client;

/** A system admin of another region, made in the database the way the seed makes staff (test set-up only). */
async function systemAdminOf(username: string, regionCode: string): Promise<Client> {
  await insertAccount(p.ctx.db, {
    username,
    password_hash: await hashPassword('Staff#2026x'),
    kind: 'staff',
    display_name: username,
    roles: ['systemAdmin'],
    region_code: regionCode,
    totp_required: false,
  });
  return login(p.app, username, 'Staff#2026x');
}

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await login(p.app, 'admin1');
  citizen = await login(p.app, 'citizen1');
  auditor = await login(p.app, 'auditor1');
});
afterAll(async () => {
  await p?.close();
});

const pub = (url: string, headers: Record<string, string> = {}) => p.app.inject({ url, headers });
const del = (c: Client, url: string, headers: Record<string, string> = {}) =>
  p.app.inject({ method: 'DELETE', url, headers: { authorization: `Bearer ${c.token}`, ...headers } });
const dueFor = async (from: string, days: number, regionCode?: string) =>
  (await pub(`/api/v1/calendar/working-days?from=${from}&days=${days}${regionCode ? `&regionCode=${regionCode}` : ''}`)).json().due;

describe(`working-day calendar (${testDb})`, () => {
  it("lists a year's holidays and 调休 working days to anyone", async () => {
    const res = await pub('/api/v1/calendar?year=2026&regionCode=610922');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const body = res.json();
    expect(body).toMatchObject({ year: 2026, regionCode: '610922' });
    expect(body.items.find((d: { date: string }) => d.date === '2026-10-10')).toEqual({
      date: '2026-10-10',
      isWorkingDay: true,
      name: '国庆节',
      nameEn: 'National Day',
      source: 'national',
      regionCode: '',
    });
    expect(body.items.find((d: { date: string }) => d.date === '2026-10-01')).toMatchObject({ isWorkingDay: false, source: 'national' });
    expect(body.items.some((d: { date: string }) => d.date === '2026-10-12')).toBe(false); // an ordinary Monday
    expect(body.total).toBe(body.items.length);
    expect(body).toMatchObject({ status: 'official', basis: 'package' });
    // 2027 has no notice yet: its holidays are the law's, and the year says it is provisional.
    const y2027 = (await pub('/api/v1/calendar?year=2027')).json();
    expect(y2027).toMatchObject({ status: 'provisional', basis: 'law' });
    expect(y2027.items[0]).toEqual({
      date: '2027-01-01',
      isWorkingDay: false,
      name: '元旦',
      nameEn: "New Year's Day",
      source: 'law',
      regionCode: '',
    });
    const unknown = await pub('/api/v1/calendar?year=2026&regionCode=999999');
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'REGION_NOT_FOUND']);
    expect((await pub('/api/v1/calendar?year=1999')).statusCode).toBe(400);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await pub('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/calendar',
        '/api/v1/calendar/working-days',
        '/api/v1/calendar/overrides',
        '/api/v1/calendar/overrides/{regionCode}/{date}',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/calendar/overrides/{regionCode}/{date}'])).toEqual(expect.arrayContaining(['put', 'delete']));
  });

  it('answers due dates counted from the day after acceptance', async () => {
    // 2026-09-30 + 5: 10-01…10-07 off, 10-08 1, 10-09 2, 10-10 Sat 调休 3, 10-12 4, 10-13 5
    const res = await pub('/api/v1/calendar/working-days?from=2026-09-30&days=5&regionCode=610922');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ from: '2026-09-30', days: 5, due: '2026-10-13' });
    expect(await dueFor('2026-10-01', 0)).toBe('2026-10-01');
    const bad = await pub('/api/v1/calendar/working-days?from=2026-02-30&days=5', { 'accept-language': 'en' });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'CALENDAR_DATE_INVALID']);
    expect(bad.json().error.message).toMatch(/^The date is not valid/);
    expect((await pub('/api/v1/calendar/working-days?from=2026-09-30&days=-1')).statusCode).toBe(400);
  });

  it("a 石泉县 local holiday moves 610922's due dates (and its towns') but not 610923's; delete restores", async () => {
    const before = await dueFor('2026-09-30', 5, '610922');
    const town = (await pub('/api/v1/regions?parentCode=610922&pageSize=1')).json().items[0].code as string;
    const set = await admin.put('/api/v1/calendar/overrides/610922/2026-10-12', { isWorkingDay: false, name: '石泉县地方节日' });
    expect(set.statusCode).toBe(201);
    expect(set.json()).toMatchObject({
      regionCode: '610922',
      date: '2026-10-12',
      isWorkingDay: false,
      name: '石泉县地方节日',
      version: 1,
      editable: true,
    });

    // 10-08 1, 10-09 2, 10-10 3, 10-12 local holiday, 10-13 4, 10-14 5
    expect(await dueFor('2026-09-30', 5, '610922')).toBe('2026-10-14');
    expect(await dueFor('2026-09-30', 5, town)).toBe('2026-10-14');
    expect(await dueFor('2026-09-30', 5, '610923')).toBe(before);
    expect(await dueFor('2026-09-30', 5)).toBe(before);
    const year = (await pub('/api/v1/calendar?year=2026&regionCode=610922')).json();
    expect(year.items.find((d: { date: string }) => d.date === '2026-10-12')).toEqual({
      date: '2026-10-12',
      isWorkingDay: false,
      name: '石泉县地方节日',
      nameEn: null,
      source: 'override',
      regionCode: '610922',
    });

    const changed = await admin.put('/api/v1/calendar/overrides/610922/2026-10-12', {
      isWorkingDay: false,
      name: '石泉县地方节日（调整）',
      version: 1,
    });
    expect([changed.statusCode, changed.json().version]).toEqual([200, 2]);
    const stale = await admin.put(
      '/api/v1/calendar/overrides/610922/2026-10-12',
      { isWorkingDay: true, name: '旧版本' },
      { 'if-match': '"1"' },
    );
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'VERSION_CONFLICT']);

    const list = await admin.get('/api/v1/calendar/overrides?regionCode=610922&year=2026');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((o: { date: string }) => o.date)).toEqual(['2026-10-12']);

    const removed = await del(admin, '/api/v1/calendar/overrides/610922/2026-10-12');
    expect(removed.statusCode).toBe(204);
    expect(await dueFor('2026-09-30', 5, '610922')).toBe(before);
    const again = await del(admin, '/api/v1/calendar/overrides/610922/2026-10-12');
    expect([again.statusCode, again.json().error.code]).toEqual([404, 'CALENDAR_OVERRIDE_NOT_FOUND']);
  });

  it('records every change in the audit log with before and after', async () => {
    await admin.put('/api/v1/calendar/overrides/610922/2026-11-02', { isWorkingDay: false, name: '审计测试' });
    await admin.put('/api/v1/calendar/overrides/610922/2026-11-02', { isWorkingDay: true, name: '审计测试二' });
    await del(admin, '/api/v1/calendar/overrides/610922/2026-11-02');
    const events = (await auditor.get('/api/v1/audit-events?entityType=calendarOverride&entityId=610922/2026-11-02')).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'calendar.override.delete',
      'calendar.override.set',
      'calendar.override.set',
    ]);
    const [deleted, updated, created] = events;
    expect(created.before).toBeNull();
    expect(created.after).toMatchObject({ region_code: '610922', date: '2026-11-02', is_working_day: false, name: '审计测试' });
    expect(updated.before).toMatchObject({ is_working_day: false, version: 1 });
    expect(updated.after).toMatchObject({ is_working_day: true, name: '审计测试二', version: 2 });
    expect(deleted.before).toMatchObject({ version: 2 });
    expect(deleted.after).toBeNull();
    expect((await auditor.post('/api/v1/audit-events/verify')).json().ok).toBe(true);
  });

  it('refuses citizens, other regions, national edits below province level, bad dates and bad names', async () => {
    const body = { isWorkingDay: false, name: '测试' };
    const byCitizen = await citizen.put('/api/v1/calendar/overrides/610922/2026-12-01', body);
    expect([byCitizen.statusCode, byCitizen.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await citizen.get('/api/v1/calendar/overrides')).statusCode).toBe(403);
    const anonymous = await p.app.inject({ method: 'PUT', url: '/api/v1/calendar/overrides/610922/2026-12-01', payload: body });
    expect(anonymous.statusCode).toBe(401);

    expect((await admin.put('/api/v1/calendar/overrides/610923/2026-12-01', body)).statusCode).toBe(403);
    expect((await admin.put('/api/v1/calendar/overrides/513424/2026-12-01', body)).statusCode).toBe(403);
    expect((await admin.put('/api/v1/calendar/overrides/national/2026-12-01', body)).statusCode).toBe(403);
    const dechang = await systemAdminOf('dechang_sysadmin', '513424');
    expect((await dechang.put('/api/v1/calendar/overrides/610922/2026-12-01', body)).statusCode).toBe(403);
    expect((await del(dechang, '/api/v1/calendar/overrides/610922/2026-12-01')).statusCode).toBe(403);

    for (const date of ['2026-02-30', '26-12-01', '1999-12-31', '2101-01-01']) {
      const bad = await admin.put(`/api/v1/calendar/overrides/610922/${date}`, body);
      expect([date, bad.statusCode, bad.json().error.code]).toEqual([date, 400, 'CALENDAR_DATE_INVALID']);
    }
    expect((await admin.put('/api/v1/calendar/overrides/610922/2026-12-01', { isWorkingDay: false, name: '' })).json().error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await admin.put('/api/v1/calendar/overrides/610922/2026-12-01', { isWorkingDay: false, name: '节'.repeat(41) })).statusCode,
    ).toBe(400);
    expect((await admin.put('/api/v1/calendar/overrides/610922/2026-12-01', { isWorkingDay: 'no', name: '测试' })).statusCode).toBe(400);
    const missing = await admin.put('/api/v1/calendar/overrides/610922999/2026-12-01', body);
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'REGION_NOT_FOUND']);
  });

  it('a province-level admin sets a national override that every region sees; the most specific region wins', async () => {
    const shaanxi = await systemAdminOf('shaanxi_sysadmin', '61');
    // 2027 is not in chinese-days: by the law 10-01 (Fri) is off, 10-02/03 are the weekend, 10-04/05 the days in lieu.
    // accepted Thu 2027-09-30, 2 days: 10-06 Wed 1, 10-07 Thu 2
    expect(await dueFor('2027-09-30', 2, '513424')).toBe('2027-10-07');
    for (const d of ['01', '04', '05', '06', '07']) {
      expect(
        (await shaanxi.put(`/api/v1/calendar/overrides/national/2027-10-${d}`, { isWorkingDay: false, name: '国庆节' })).statusCode,
      ).toBe(201);
    }
    // 10-01 off, 10-02/03 weekend, 10-04…10-07 off, 10-08 Fri 1, 10-11 Mon 2
    expect(await dueFor('2027-09-30', 2, '513424')).toBe('2027-10-11');
    const national = (await pub('/api/v1/calendar?year=2027')).json().items;
    expect(national.filter((d: { source: string }) => d.source === 'override')).toHaveLength(5);
    expect(national.find((d: { date: string }) => d.date === '2027-10-01')).toEqual({
      date: '2027-10-01',
      isWorkingDay: false,
      name: '国庆节',
      nameEn: null,
      source: 'override',
      regionCode: '',
    });

    // 61 says 10-08 is a holiday, 610922 says it is worked after all: 石泉县 follows its own.
    expect((await shaanxi.put('/api/v1/calendar/overrides/61/2027-10-08', { isWorkingDay: false, name: '陕西测试假日' })).statusCode).toBe(
      201,
    );
    expect(
      (await admin.put('/api/v1/calendar/overrides/610922/2027-10-08', { isWorkingDay: true, name: '石泉县照常上班' })).statusCode,
    ).toBe(201);
    expect(await dueFor('2027-09-30', 1, '610923')).toBe('2027-10-11');
    expect(await dueFor('2027-09-30', 1, '610922')).toBe('2027-10-08');
    expect(await dueFor('2027-09-30', 1, '513424')).toBe('2027-10-08');

    const forShiquan = (await admin.get('/api/v1/calendar/overrides?regionCode=610922&year=2027&pageSize=100')).json();
    expect(forShiquan.total).toBe(7);
    const editable = forShiquan.items.filter((o: { editable: boolean }) => o.editable).map((o: { regionCode: string }) => o.regionCode);
    expect(editable).toEqual(['610922']);
    expect((await admin.get('/api/v1/calendar/overrides?regionCode=513424&year=2027')).json().total).toBe(5);
  });

  it('loadCalendar caches per region and the changing node sees its change at once', async () => {
    const first = await loadCalendar(p.ctx, '610922');
    expect(await loadCalendar(p.ctx, '610922')).toBe(first);
    // A change written by another node (straight into the table) is not seen until the cache expires or is cleared…
    await p.ctx.db
      .insertInto('calendar_overrides')
      .values({ region_code: '610922', date: '2026-12-07', is_working_day: false, name: '其他节点', created_by: null })
      .execute();
    expect((await loadCalendar(p.ctx, '610922')).isWorkingDay('2026-12-07')).toBe(true);
    clearCalendarCache(p.ctx);
    const fresh = await loadCalendar(p.ctx, '610922');
    expect(fresh.isWorkingDay('2026-12-07')).toBe(false);
    // …while a change through this node's API clears it immediately.
    expect((await admin.put('/api/v1/calendar/overrides/610922/2026-12-08', { isWorkingDay: false, name: '本节点' })).statusCode).toBe(201);
    const after = await loadCalendar(p.ctx, '610922');
    expect(after).not.toBe(fresh);
    expect(after.isWorkingDay('2026-12-08')).toBe(false);
    // 2026-12-04 Fri + 2: 12-07 off, 12-08 off, 12-09 Wed 1, 12-10 Thu 2
    expect(addWorkingDays(after, '2026-12-04', 2)).toBe('2026-12-10');
  });
});
