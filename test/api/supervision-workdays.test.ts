import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refillWorkdays } from '../../src/server/modules/supervision/workdays-service.ts';
import { login, makeCitizen, type Client } from './client.ts';
import { act, makeCase, publishItem } from './factories/case.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * 平均办理工作日 agrees with the case clock (issue 15.3): the working-day table the rollups count with
 * is refilled from the calendar service — region overrides and entered notices included — at start and
 * by the calendar.changed job, and the completed cases it affects move to the new calendar.
 */

let p: TestPlatform;
let citizen: Client;
let clerk: Client;
let reviewer: Client;
let approver: Client;
let supervisor: Client;
let admin: Client;
let shaanxi: Client;
let code: string;
let itemId: string;
const caseIds: string[] = [];

const at = (day: string) => `${day}T02:00:00Z`; // 10:00 in Shanghai

/** A case of the test item accepted on `acceptOn` and decided and completed on `decideOn`. */
async function completedCase(acceptOn: string, decideOn: string) {
  p.clock.set(at(acceptOn));
  let c = await makeCase(p, citizen, code);
  c = (await act(clerk, c, 'accept')).json();
  c = (await act(reviewer, c, 'review', { opinion: 'approve', comment: '同意' })).json();
  p.clock.set(at(decideOn));
  c = (await act(approver, c, 'decide', { decision: 'approved' })).json();
  const done = await act(approver, c, 'complete');
  expect(done.statusCode, done.body).toBe(200);
  expect(['completed', 'issued']).toContain(done.json().status); // the item's 营业执照 is issued on completion
  expect(done.json().clock).toMatchObject({ stopped: true });
  caseIds.push(c.id);
  return c.id as string;
}

/** Σ usedDays of the clocks of the given cases, as their detail pages show them. */
async function clockDays(ids: string[]) {
  let sum = 0;
  // Read after every decision (a stopped clock counts up to its decision day, or to today if earlier).
  p.clock.set(at('2027-03-01'));
  for (const id of ids) sum += (await citizen.get(`/api/v1/cases/${id}`)).json().clock.usedDays;
  return sum;
}

/** The indicator 平均办理工作日 of the test item in 石泉县 over a period. */
async function avgWorkdays(from: string, to: string) {
  const res = await supervisor.get(`/api/v1/supervision/indicators?regionCode=610922&itemId=${itemId}&from=${from}&to=${to}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().indicators.find((i: { key: string }) => i.key === 'avgHandlingWorkdays') as { numerator: number; denominator: number };
}

beforeAll(async () => {
  p = await startTestPlatform({ handlers: (ctx) => ({ 'calendar.changed': async () => void (await refillWorkdays(ctx)) }) });
  // As `npm start` does after migrating and seeding.
  await refillWorkdays(p.ctx);
  p.clock.set(at('2026-11-02'));
  const a = await makeCitizen(p.ctx);
  citizen = await login(p.app, a.username, a.password);
  [clerk, reviewer, approver, supervisor, admin] = await Promise.all(
    ['clerk1', 'reviewer1', 'approver1', 'supervisor1', 'admin1'].map((u) => login(p.app, u)),
  );
  shaanxi = await (async () => {
    const { hashPassword } = await import('../../src/server/modules/identity/passwords.ts');
    const { insertAccount } = await import('../../src/server/modules/identity/repo.ts');
    await insertAccount(p.ctx.db, {
      username: 'shaanxi_workdays',
      password_hash: await hashPassword('Staff#2026x'),
      kind: 'staff',
      display_name: '陕西省系统管理员',
      roles: ['systemAdmin'],
      region_code: '61',
      totp_required: false,
    });
    return login(p.app, 'shaanxi_workdays', 'Staff#2026x');
  })();
  code = (await publishItem(p, { promisedLimit: { value: 10, unit: 'workday' }, legalLimit: { value: 20, unit: 'workday' } })).code;
  itemId = (await p.ctx.db.selectFrom('items').select('id').where('implementation_code', '=', code).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await p?.close();
});

describe(`平均办理工作日 and the case clock (${testDb})`, () => {
  it('the table is refilled from the calendar at start: 2027 by the law; a second refill changes nothing', async () => {
    const day = (region: string, d: string) =>
      p.ctx.db
        .selectFrom('supervision_workdays')
        .select('working')
        .where('region_code', '=', region)
        .where('day', '=', d)
        .executeTakeFirst();
    expect(await day('', '2027-01-01')).toEqual({ working: false }); // the migration's copy had Monday–Friday there
    expect(await day('', '2026-10-10')).toEqual({ working: true }); // 调休 Saturday
    expect(await refillWorkdays(p.ctx)).toMatchObject({ rewritten: [], cases: null });
  });

  it('a case completed in 石泉县 counts the working days its clock counts', async () => {
    const id = await completedCase('2026-11-02', '2026-11-06'); // Mon → Fri: 11-03, 04, 05, 06
    expect(await clockDays([id])).toBe(4);
    expect(await avgWorkdays('2026-11-01', '2026-11-30')).toMatchObject({ numerator: 4, denominator: 1 });
  });

  it("an override of 石泉县 moves the completed case's count to the new calendar, as its clock moves", async () => {
    const set = await admin.put('/api/v1/calendar/overrides/610922/2026-11-04', { isWorkingDay: false, name: '石泉县地方节日' });
    expect(set.statusCode, set.body).toBe(201);
    const moved = await eventually(async () => {
      const x = await avgWorkdays('2026-11-01', '2026-11-30');
      return x.numerator === 3 ? x : null;
    });
    expect(moved).toMatchObject({ numerator: 3, denominator: 1 });
    expect(await clockDays(caseIds)).toBe(3);
    // The region's own calendar is in the table; the national one is untouched.
    const rows = await p.ctx.db
      .selectFrom('supervision_workdays')
      .select(['region_code', 'working'])
      .where('day', '=', '2026-11-04')
      .orderBy('region_code')
      .execute();
    expect(rows).toEqual([
      { region_code: '', working: true },
      { region_code: '610922', working: false },
    ]);
  });

  it('a case completed after the override counts with the region calendar too (the trigger)', async () => {
    await completedCase('2026-11-03', '2026-11-05'); // 11-04 is the local holiday: only 11-05 counts
    const x = await avgWorkdays('2026-11-01', '2026-11-30');
    expect(x).toMatchObject({ numerator: 3 + 1, denominator: 2 });
    expect(await clockDays(caseIds)).toBe(x.numerator);
  });

  it('removing the override moves both cases back', async () => {
    expect(
      (
        await p.app.inject({
          method: 'DELETE',
          url: '/api/v1/calendar/overrides/610922/2026-11-04',
          headers: { authorization: `Bearer ${admin.token}` },
        })
      ).statusCode,
    ).toBe(204);
    const back = await eventually(async () => {
      const x = await avgWorkdays('2026-11-01', '2026-11-30');
      return x.numerator === 4 + 2 ? x : null;
    });
    expect(back.denominator).toBe(2);
    expect(await clockDays(caseIds)).toBe(6);
  });

  it("entering 2027's notice moves a case decided in 2027 from the law's holidays to the notice's", async () => {
    // Accepted Thu 2027-02-04, decided Mon 02-15. By the law 02-05…02-10 are off: 02-11, 02-12, 02-15 → 3.
    const id = await completedCase('2027-02-04', '2027-02-15');
    expect(await clockDays([id])).toBe(3);
    expect(await avgWorkdays('2027-02-01', '2027-02-28')).toMatchObject({ numerator: 3, denominator: 1 });
    const lines = [
      { holiday: 'newYear', restFrom: '2027-01-01', restTo: '2027-01-03', workdays: [] },
      { holiday: 'springFestival', restFrom: '2027-02-05', restTo: '2027-02-12', workdays: ['2027-02-20'] },
      { holiday: 'qingming', restFrom: '2027-04-03', restTo: '2027-04-05', workdays: [] },
      { holiday: 'labourDay', restFrom: '2027-05-01', restTo: '2027-05-05', workdays: ['2027-04-25'] },
      { holiday: 'dragonBoat', restFrom: '2027-06-09', restTo: '2027-06-09', workdays: [] },
      { holiday: 'midAutumn', restFrom: '2027-09-15', restTo: '2027-09-15', workdays: [] },
      { holiday: 'nationalDay', restFrom: '2027-10-01', restTo: '2027-10-07', workdays: ['2027-09-26', '2027-10-09'] },
    ];
    const entered = await shaanxi.put('/api/v1/calendar/notices/2027', { title: '国务院办公厅关于2027年部分节假日安排的通知', lines });
    expect(entered.statusCode, entered.body).toBe(201);
    // The notice's break runs to 02-12: only 02-15 counts.
    const moved = await eventually(async () => {
      const x = await avgWorkdays('2027-02-01', '2027-02-28');
      return x.numerator === 1 ? x : null;
    });
    expect(moved.denominator).toBe(1);
    expect(await clockDays([id])).toBe(1);
  });
});
