import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindProvisionalYear } from '../../src/server/modules/calendar/service.ts';
import { hashPassword } from '../../src/server/modules/identity/passwords.ts';
import { insertAccount } from '../../src/server/modules/identity/repo.ts';
import type { JobName } from '../../src/server/platform/jobs.ts';
import { login, makeCitizen, type Client } from './client.ts';
import { act, makeCase, publishItem } from './factories/case.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Years without a State Council notice (issue 25.5): 2027 is computed from the law and provisional
 * until its notice is entered through the admin API; a case due in 2027 says so; system admins are
 * reminded in December, once per year and region.
 */

let p: TestPlatform;
let admin: Client; // system admin of 石泉县 (610922)
let shaanxi: Client; // system admin of 陕西省 (61): may enter national notices
let citizen: Client;
let auditor: Client;

const at = (day: string) => `${day}T02:00:00Z`; // 10:00 in Shanghai

/** A hypothetical 2027 notice, written as the 2025 notice's principles would give it. */
const lines2027 = [
  { holiday: 'newYear', restFrom: '2027-01-01', restTo: '2027-01-03', workdays: [] },
  { holiday: 'springFestival', restFrom: '2027-02-05', restTo: '2027-02-12', workdays: ['2027-02-20'] },
  { holiday: 'qingming', restFrom: '2027-04-03', restTo: '2027-04-05', workdays: [] },
  { holiday: 'labourDay', restFrom: '2027-05-01', restTo: '2027-05-05', workdays: ['2027-04-25'] },
  { holiday: 'dragonBoat', restFrom: '2027-06-09', restTo: '2027-06-09', workdays: [] },
  { holiday: 'midAutumn', restFrom: '2027-09-15', restTo: '2027-09-15', workdays: [] },
  { holiday: 'nationalDay', restFrom: '2027-10-01', restTo: '2027-10-07', workdays: ['2027-09-26', '2027-10-09'] },
];
const body2027 = { title: '国务院办公厅关于2027年部分节假日安排的通知', documentNumber: '国办发明电〔2026〕9号', lines: lines2027 };

async function systemAdminOf(username: string, regionCode: string, roles = ['systemAdmin']): Promise<Client> {
  await insertAccount(p.ctx.db, {
    username,
    password_hash: await hashPassword('Staff#2026x'),
    kind: 'staff',
    display_name: username,
    roles,
    region_code: regionCode,
    totp_required: false,
  });
  return login(p.app, username, 'Staff#2026x');
}

const pub = (url: string) => p.app.inject({ url });
const dueFor = async (from: string, days: number) => (await pub(`/api/v1/calendar/working-days?from=${from}&days=${days}`)).json().due;
const yearOf = async (year: number) =>
  (await pub(`/api/v1/calendar/years?from=${year}&to=${year}`)).json().items[0] as { status: string; basis: string; notice: unknown };
const del = (c: Client, url: string, headers: Record<string, string> = {}) =>
  p.app.inject({ method: 'DELETE', url, headers: { authorization: `Bearer ${c.token}`, ...headers } });

/** Runs a job through the queue and waits until it has completed. */
async function runJob(name: JobName) {
  const id = await p.ctx.jobs.enqueue(p.ctx.db, name, {});
  await eventually(async () => (await p.ctx.jobs.boss.getJobById(name, id!))?.state === 'completed');
}

beforeAll(async () => {
  p = await startTestPlatform({ handlers: (ctx) => ({ 'calendar.remind': async () => void (await remindProvisionalYear(ctx)) }) });
  p.clock.set(at('2026-11-02'));
  admin = await login(p.app, 'admin1');
  // A national notice is audited at the level of the province admin who entered it: a province auditor reads it.
  auditor = await systemAdminOf('shaanxi_auditor', '61', ['auditAdmin']);
  shaanxi = await systemAdminOf('shaanxi_notice_admin', '61');
  const c = await makeCitizen(p.ctx);
  citizen = await login(p.app, c.username, c.password);
});
afterAll(async () => {
  await p?.close();
});

describe(`years without a State Council notice (${testDb})`, () => {
  it('2026 is official (chinese-days), 2027 provisional (the law): 2027-01-01 is not a working day', async () => {
    const years = (await pub('/api/v1/calendar/years?from=2026&to=2028')).json();
    expect(years.items).toEqual([
      { year: 2026, status: 'official', basis: 'package', law: null, notice: null },
      { year: 2027, status: 'provisional', basis: 'law', law: '国务院令第795号', notice: null },
      { year: 2028, status: 'provisional', basis: 'law', law: '国务院令第795号', notice: null },
    ]);
    // Thu 2026-12-31 + 1: 2027-01-01 is 元旦 by the law, 01-02/03 the weekend → Mon 01-04.
    expect(await dueFor('2026-12-31', 1)).toBe('2027-01-04');
    // 春节 2027 by the law: 除夕 02-05 … 初三 02-08, and 02-09/10 in lieu of the weekend days → Thu 02-11.
    expect(await dueFor('2027-02-04', 1)).toBe('2027-02-11');
    expect((await pub('/api/v1/calendar/notices/2027')).json().error.code).toBe('CALENDAR_NOTICE_NOT_FOUND');
    expect((await pub('/api/v1/calendar/years?from=2030&to=2020')).statusCode).toBe(400);
  });

  it('a case due in 2027 says its clock is provisional, and stops saying so once the notice is entered', async () => {
    const { code } = await publishItem(p, { promisedLimit: { value: 10, unit: 'workday' }, legalLimit: { value: 20, unit: 'workday' } });
    const [clerk] = await Promise.all([login(p.app, 'clerk1')]);
    p.clock.set(at('2026-12-21'));
    const c = await makeCase(p, citizen, code);
    const accepted = await act(clerk, c, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    // Mon 12-21 + 10: 12-22…12-31 are 8, 2027-01-01 元旦, 01-04 9, 01-05 10.
    expect(accepted.json().clock).toMatchObject({ promisedDueOn: '2027-01-05', provisionalYears: [2027] });
    expect((await citizen.get(`/api/v1/cases/${c.id}`)).json().clock.provisionalYears).toEqual([2027]);

    const entered = await shaanxi.put('/api/v1/calendar/notices/2027', body2027);
    expect(entered.statusCode, entered.body).toBe(201);
    const detail = (await citizen.get(`/api/v1/cases/${c.id}`)).json();
    expect(detail.clock).toMatchObject({ promisedDueOn: '2027-01-05', provisionalYears: [] });
    // Clean up for the next tests: the year is provisional again.
    expect((await del(shaanxi, '/api/v1/calendar/notices/2027', { 'if-match': '"1"' })).statusCode).toBe(204);
    expect((await citizen.get(`/api/v1/cases/${c.id}`)).json().clock.provisionalYears).toEqual([2027]);
    p.clock.set(at('2026-11-02'));
  });

  it("a province-level admin enters the notice line by line: the year becomes official and its dates follow the notice's", async () => {
    const res = await shaanxi.put('/api/v1/calendar/notices/2027', { ...body2027, publishedOn: '2026-11-12' });
    expect(res.statusCode, res.body).toBe(201);
    const notice = res.json();
    expect(notice).toMatchObject({ year: 2027, title: body2027.title, documentNumber: '国办发明电〔2026〕9号', publishedOn: '2026-11-12' });
    expect(notice.version).toBe(1);
    expect(notice.lines).toEqual(lines2027);
    expect(notice.days.find((d: { date: string }) => d.date === '2027-02-20')).toEqual({
      date: '2027-02-20',
      isWorkingDay: true,
      name: '春节',
      nameEn: 'Spring Festival',
    });
    expect(await yearOf(2027)).toMatchObject({ status: 'official', basis: 'notice', notice: { title: body2027.title, version: 1 } });
    const year = (await pub('/api/v1/calendar?year=2027&regionCode=610922')).json();
    expect(year).toMatchObject({ status: 'official', basis: 'notice' });
    expect(year.items.find((d: { date: string }) => d.date === '2027-10-09')).toMatchObject({ isWorkingDay: true, source: 'notice' });
    // The law's 补假 (02-09, 02-10) give way to the notice's break (02-05…02-12), and 02-20 (Sat) is worked.
    expect(await dueFor('2027-02-04', 1)).toBe('2027-02-15');
    expect(await dueFor('2027-02-19', 1)).toBe('2027-02-20');
    expect((await pub('/api/v1/calendar/notices/2027')).json()).toEqual(notice);
  });

  it('replacing needs the current version; a stale one is refused and changes nothing', async () => {
    const changed = { ...body2027, lines: lines2027.map((l) => (l.holiday === 'dragonBoat' ? { ...l, restTo: '2027-06-11' } : l)) };
    const noVersion = await shaanxi.put('/api/v1/calendar/notices/2027', changed);
    expect([noVersion.statusCode, noVersion.json().error.code]).toEqual([428, 'VERSION_REQUIRED']);
    const stale = await shaanxi.put('/api/v1/calendar/notices/2027', changed, { 'if-match': '"7"' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect((await pub('/api/v1/calendar/notices/2027')).json().version).toBe(1);
    const ok = await shaanxi.put('/api/v1/calendar/notices/2027', { ...changed, version: 1 });
    expect([ok.statusCode, ok.json().version]).toEqual([200, 2]);
    expect(await dueFor('2027-06-08', 1)).toBe('2027-06-14');
    const again = await shaanxi.put('/api/v1/calendar/notices/2027', { ...changed, version: 1 });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'VERSION_CONFLICT']);
  });

  it('refuses a wrong notice with a precise code and leaves the stored one as it was', async () => {
    const edit = (i: number, patch: Record<string, unknown>) => lines2027.map((l, k) => (k === i ? { ...l, ...patch } : l));
    const cases: Array<[string, unknown[], string, string]> = [
      ['an impossible date', edit(0, { restTo: '2027-02-30' }), 'CALENDAR_DATE_INVALID', 'body.lines.0.restTo'],
      ['a date of another year', edit(1, { restTo: '2028-02-12' }), 'CALENDAR_NOTICE_DATE_OUTSIDE_YEAR', 'body.lines.1.restTo'],
      [
        'rest days backwards',
        edit(2, { restFrom: '2027-04-05', restTo: '2027-04-03' }),
        'CALENDAR_NOTICE_RANGE_INVALID',
        'body.lines.2.restTo',
      ],
      ['a holiday twice', edit(5, { holiday: 'dragonBoat' }), 'CALENDAR_NOTICE_HOLIDAY_REPEATED', 'body.lines.5.holiday'],
      [
        'overlapping breaks',
        edit(2, { restFrom: '2027-04-20', restTo: '2027-05-01' }),
        'CALENDAR_NOTICE_DATE_REPEATED',
        'body.lines.3.restFrom',
      ],
      [
        'a 调休 workday on a Friday',
        edit(6, { workdays: ['2027-10-08'] }),
        'CALENDAR_NOTICE_WORKDAY_NOT_WEEKEND',
        'body.lines.6.workdays.0',
      ],
    ];
    for (const [what, lines, code, field] of cases) {
      const res = await shaanxi.put('/api/v1/calendar/notices/2027', { ...body2027, lines, version: 2 }, { 'accept-language': 'en' });
      expect([what, res.statusCode, res.json().error.code, res.json().error.details?.field]).toEqual([what, 400, code, field]);
    }
    const missing = await shaanxi.put('/api/v1/calendar/notices/2027', { ...body2027, lines: lines2027.slice(0, 6), version: 2 });
    expect([missing.statusCode, missing.json().error.code, missing.json().error.details]).toEqual([
      400,
      'CALENDAR_NOTICE_STATUTORY_DAY_MISSING',
      { field: 'body.lines', date: '2027-10-01', holiday: 'nationalDay' },
    ]);
    expect(missing.json().error.message).toBe('通知的放假日期未包含该年度的全部法定节假日');
    const schema = await shaanxi.put('/api/v1/calendar/notices/2027', {
      ...body2027,
      lines: [{ ...lines2027[0], holiday: 'laborDay' }],
      version: 2,
    });
    expect([schema.statusCode, schema.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await shaanxi.put('/api/v1/calendar/notices/2101', body2027)).statusCode).toBe(400);
    const stored = (await pub('/api/v1/calendar/notices/2027')).json();
    expect([stored.version, stored.lines.find((l: { holiday: string }) => l.holiday === 'dragonBoat').restTo]).toEqual([2, '2027-06-11']);
  });

  it('only a province-level system admin may enter or remove a notice', async () => {
    const anonymous = await p.app.inject({ method: 'PUT', url: '/api/v1/calendar/notices/2028', payload: body2027 });
    expect(anonymous.statusCode).toBe(401);
    for (const c of [citizen, admin, await login(p.app, 'clerk1')]) {
      const res = await c.put('/api/v1/calendar/notices/2028', body2027);
      expect([res.statusCode, res.json().error.code]).toEqual([403, 'FORBIDDEN']);
    }
    // A county's system admin (石泉县) may change its own overrides, not the national notice.
    expect((await del(admin, '/api/v1/calendar/notices/2027', { 'if-match': '"2"' })).statusCode).toBe(403);
    expect((await pub('/api/v1/calendar/notices/2028')).statusCode).toBe(404);
    expect((await pub('/api/v1/calendar/notices/2027')).json().version).toBe(2);
  });

  it('audits entering, replacing and removing a notice, with before and after', async () => {
    const noIfMatch = await del(shaanxi, '/api/v1/calendar/notices/2027');
    expect([noIfMatch.statusCode, noIfMatch.json().error.code]).toEqual([428, 'VERSION_REQUIRED']);
    expect((await del(shaanxi, '/api/v1/calendar/notices/2027', { 'if-match': '"1"' })).statusCode).toBe(409);
    expect((await del(shaanxi, '/api/v1/calendar/notices/2027', { 'if-match': '"2"' })).statusCode).toBe(204);
    expect(await yearOf(2027)).toMatchObject({ status: 'provisional', basis: 'law', notice: null });
    expect(await dueFor('2026-12-31', 1)).toBe('2027-01-04');
    const events = (await auditor.get('/api/v1/audit-events?entityType=calendarNotice&entityId=2027')).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'calendar.notice.delete',
      'calendar.notice.set',
      'calendar.notice.set',
      'calendar.notice.delete',
      'calendar.notice.set',
    ]);
    const [deleted, replaced, created] = events;
    expect(created.before).toBeNull();
    expect(created.after).toMatchObject({ year: 2027, version: 1, title: body2027.title });
    expect(replaced.before).toMatchObject({ version: 1 });
    expect(replaced.after).toMatchObject({ version: 2 });
    expect(deleted.before).toMatchObject({ version: 2 });
    expect(deleted.after).toBeNull();
    expect((await auditor.post('/api/v1/audit-events/verify')).json().ok).toBe(true);
  });

  it('in December, system admins are told once per year and region that next year is provisional', async () => {
    const reminders = async (c: Client) =>
      (await c.get('/api/v1/notifications?pageSize=100')).json().items.filter((n: { kind: string }) => n.kind === 'calendar.provisional');
    p.clock.set(at('2026-11-30'));
    await runJob('calendar.remind');
    expect(await reminders(admin)).toEqual([]);
    p.clock.set(at('2026-12-01'));
    await runJob('calendar.remind');
    const [told] = await reminders(admin);
    expect(told).toMatchObject({ title: '2027年节假日安排尚未录入' });
    expect(told.body).toContain('管理后台 → 工作日历');
    expect(await reminders(shaanxi)).toHaveLength(1);
    p.clock.set(at('2026-12-02'));
    await runJob('calendar.remind');
    expect(await reminders(admin)).toHaveLength(1);
    const rows = await p.ctx.db.selectFrom('calendar_notice_reminders').selectAll().where('year', '=', 2027).execute();
    expect(rows.map((r) => r.region_code).sort()).toEqual(expect.arrayContaining(['61', '610922']));
    expect(new Set(rows.map((r) => r.region_code)).size).toBe(rows.length);
    p.clock.set(at('2026-11-02'));
  });
});
