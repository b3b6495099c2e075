import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guide as guideSchema, type GuideInput } from '../../src/server/modules/catalog/guide-schema.ts';
import { hashPassword } from '../../src/server/modules/identity/passwords.ts';
import { insertAccount } from '../../src/server/modules/identity/repo.ts';
import * as orgRepo from '../../src/server/modules/org/repo.ts';
import { periodCaseFiguresFromScratch } from '../../src/server/modules/supervision/repo.ts';
import { shanghaiDate } from '../../src/server/platform/calendar.ts';
import { makeCreditCode } from '../../src/server/platform/identifiers.ts';
import { demoApplicant, insertCaseRows, insertEvaluationRows, insertRectificationRows, type CaseSeedRow } from '../../seed/history.ts';
import { login, type Client } from './client.ts';
import { makeGuide } from './factories/guide.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Supervision indicators against hand-computed figures. A small fixed data set in 宁陕县 (610923, a
 * county the demo does not seed): 4 items, 7 cases and 6 ratings written straight into the tables
 * (as the history generator writes them), so every expected figure below is counted by hand; then
 * changes to those rows must move the rollups exactly. The catalog check runs on the seeded 石泉县.
 */

let p: TestPlatform;
let supervisor: Client;
let _admin: Client;
const R = '610923';
const TOWNSHIP = '610923100';
const PERIOD = 'from=2026-11-01&to=2026-11-30';
const ids: Record<string, string> = {};
/** One more online 即办件 of I1 received on a day (set in beforeAll). */
let receivedRow: (n: number, day: string) => CaseSeedRow;
let applicant: Awaited<ReturnType<typeof demoApplicant>>;

/** 2026-11-02 10:00 in Asia/Shanghai, etc. */
const at = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`);

async function staff(
  username: string,
  roles: string[],
  regionCode: string,
  departmentId: string | null = null,
): Promise<{ id: string; client: () => Promise<Client> }> {
  const a = await insertAccount(p.ctx.db, {
    username,
    password_hash: await hashPassword('Staff#2026x'),
    kind: 'staff',
    display_name: username,
    roles,
    region_code: regionCode,
    department_id: departmentId,
    totp_required: false,
  });
  return { id: a.id, client: () => login(p.app, username, 'Staff#2026x') };
}

async function item(n: number, departmentId: string, over: Partial<GuideInput>) {
  const g = guideSchema.parse(makeGuide({ name: `监察测试事项${n}`, ...over }));
  const code = `116109230000000${String(n).padStart(3, '0')}1SUPV${String(n).padStart(8, '0')}`;
  const it = await p.ctx.db
    .insertInto('items')
    .values({
      implementation_code: code,
      basic_code: `SUPV${String(n).padStart(8, '0')}`,
      region_code: R,
      department_id: departmentId,
      status: 'published',
      published_version: 1,
      name: g.name,
      item_type: g.itemType,
      handling_type: g.handlingType,
      max_visits: g.maxVisits,
      online_depth: g.onlineDepth,
      can_book_online: g.canBookOnline,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const v = await p.ctx.db
    .insertInto('item_versions')
    .values({ item_id: it.id, number: 1, status: 'published', guide: JSON.stringify(g) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: it.id, versionId: v.id, code, name: g.name, g };
}

const indicatorsOf = async (c: Client, query: string) => {
  const res = await c.get(`/api/v1/supervision/indicators?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  return Object.fromEntries(body.indicators.map((i: { key: string }) => [i.key, i])) as Record<
    string,
    {
      value: number | null;
      numerator: number | null;
      denominator: number | null;
      definitionZh: string;
      target: null | { value: number; met: boolean | null; gap: number | null };
    }
  >;
};

beforeAll(async () => {
  p = await startTestPlatform();
  const db = p.ctx.db;
  await db.insertInto('regions').values({ code: TOWNSHIP, name: '城关镇', level: 'township', parent_code: R }).execute();
  const d1 = await orgRepo.insertDepartment(db, {
    key: 'market',
    name: '宁陕县市场监督管理局',
    short_name: '市场监管局',
    credit_code: makeCreditCode({ registrar: '1', category: '1', regionCode: R, serial: 1 }),
    region_code: R,
    kind: 'government',
    phone: null,
    address: null,
  });
  const d2 = await orgRepo.insertDepartment(db, {
    key: 'civil',
    name: '宁陕县民政局',
    short_name: '民政局',
    credit_code: makeCreditCode({ registrar: '1', category: '1', regionCode: R, serial: 2 }),
    region_code: R,
    kind: 'government',
    phone: null,
    address: null,
  });
  ids.d1 = d1.id;
  ids.d2 = d2.id;
  const hall = await orgRepo.insertHall(db, {
    key: `center-${R}`,
    name: '宁陕县政务服务中心',
    level: 'county',
    region_code: R,
    address: '宁陕县政务服务中心',
  });
  const town = await orgRepo.insertHall(db, {
    key: `township-${TOWNSHIP}`,
    name: '城关镇便民服务中心',
    level: 'township',
    region_code: TOWNSHIP,
    address: '城关镇',
  });
  ids.hall = hall.id;
  ids.town = town.id;
  const w1 = await orgRepo.insertWindow(db, {
    hall_id: hall.id,
    number: '01',
    name: '综合受理窗口1',
    kind: 'comprehensive',
    department_id: null,
  });
  const w2 = await orgRepo.insertWindow(db, { hall_id: hall.id, number: '02', name: '民政窗口', kind: 'department', department_id: d2.id });
  // 一窗受理: the comprehensive window accepts the market department's items.
  await db
    .updateTable('windows')
    .set({ accepted_department_ids: [d1.id] })
    .where('id', '=', w1.id)
    .execute();
  ids.w1 = w1.id;
  ids.w2 = w2.id;

  // Four items. 承诺时限压缩: I1 1 − 0/20 = 1; I2 1 − 5/20 = 0.75; I3 no legal limit (left out); I4 legal 14 calendar days = 10 working days, 1 − 4/10 = 0.6.
  const i1 = await item(1, d1.id, {
    handlingType: 'immediate',
    onlineDepth: 4,
    maxVisits: 0,
    canBookOnline: false,
    legalLimit: { value: 20, unit: 'workday' },
    promisedLimit: { value: 0, unit: 'workday' },
  });
  const i2 = await item(2, d1.id, {
    handlingType: 'promised',
    onlineDepth: 3,
    maxVisits: 1,
    canBookOnline: true,
    legalLimit: { value: 20, unit: 'workday' },
    promisedLimit: { value: 5, unit: 'workday' },
  });
  const i3 = await item(3, d2.id, {
    handlingType: 'promised',
    onlineDepth: 2,
    maxVisits: 2,
    canBookOnline: true,
    legalLimit: { value: 0, unit: 'workday' },
    promisedLimit: { value: 10, unit: 'workday' },
  });
  // I4's guide lacks the consultation phone: incomplete (办事指南完整率 3 of 4).
  const i4 = await item(4, d2.id, {
    handlingType: 'promised',
    onlineDepth: 1,
    maxVisits: 2,
    canBookOnline: false,
    legalLimit: { value: 14, unit: 'calendarDay' },
    promisedLimit: { value: 4, unit: 'workday' },
    consultPhone: '',
  });
  Object.assign(ids, { i1: i1.id, i2: i2.id, i3: i3.id, i4: i4.id });

  const clerk = await staff('sv_clerk', ['clerk'], R, d1.id);
  const approver = await staff('sv_approver', ['approver'], R, d1.id);
  const civil = await staff('sv_civil', ['approver'], R, d2.id);
  ids.clerk = clerk.id;
  ids.approver = approver.id;
  ids.civil = civil.id;
  supervisor = await (await staff('sv_supervisor', ['supervisor'], R)).client();
  _admin = await (await staff('sv_admin', ['systemAdmin'], R)).client();

  const who = await demoApplicant(p.ctx);
  const base = (
    n: number,
    it: typeof i1,
    departmentId: string,
  ): Pick<
    CaseSeedRow,
    | 'number'
    | 'itemId'
    | 'itemVersionId'
    | 'implementationCode'
    | 'itemName'
    | 'departmentId'
    | 'regionCode'
    | 'handlingType'
    | 'legalDays'
    | 'promisedDays'
  > => ({
    number: `${R}-SV-${n}`,
    itemId: it.id,
    itemVersionId: it.versionId,
    implementationCode: it.code,
    itemName: it.name,
    departmentId,
    regionCode: R,
    handlingType: it.g.handlingType,
    legalDays: it.g.legalLimit.value,
    promisedDays: it.g.promisedLimit.value,
  });
  const none = {
    hallId: null,
    windowId: null,
    acceptedOn: null,
    decidedOn: null,
    completedAt: null,
    promisedDueOn: null,
    warningLevel: 'none' as const,
    acceptClerkId: null,
    handlerId: null,
  };
  const cases: CaseSeedRow[] = [
    // C1: 即办件 online, same day, on time, 0 working days, 0.5 h.
    {
      ...base(1, i1, d1.id),
      ...none,
      channel: 'online',
      status: 'completed',
      submittedAt: at('2026-11-02', '10:00'),
      acceptedOn: '2026-11-02',
      decidedOn: '2026-11-02',
      completedAt: at('2026-11-02', '10:30'),
      promisedDueOn: '2026-11-02',
      acceptClerkId: clerk.id,
      handlerId: clerk.id,
    },
    // C2: at the comprehensive window; accepted Tue 11-03, decided Mon 11-09 (4 working days), due 11-10: on time; 152 h.
    {
      ...base(2, i2, d1.id),
      ...none,
      hallId: hall.id,
      windowId: w1.id,
      channel: 'window',
      status: 'issued',
      submittedAt: at('2026-11-03', '09:00'),
      acceptedOn: '2026-11-03',
      decidedOn: '2026-11-09',
      completedAt: at('2026-11-09', '17:00'),
      promisedDueOn: '2026-11-10',
      acceptClerkId: clerk.id,
      handlerId: approver.id,
    },
    // C3: at the 民政 window; accepted Wed 11-04, decided Fri 11-20 (12 working days), due 11-18: late; 387 h.
    {
      ...base(3, i3, d2.id),
      ...none,
      hallId: hall.id,
      windowId: w2.id,
      channel: 'window',
      status: 'delivered',
      submittedAt: at('2026-11-04', '09:00'),
      acceptedOn: '2026-11-04',
      decidedOn: '2026-11-20',
      completedAt: at('2026-11-20', '12:00'),
      promisedDueOn: '2026-11-18',
      acceptClerkId: clerk.id,
      handlerId: civil.id,
    },
    // C4: online, still in review and past its due date (red).
    {
      ...base(4, i2, d1.id),
      ...none,
      channel: 'online',
      status: 'review',
      submittedAt: at('2026-11-05', '09:00'),
      acceptedOn: '2026-11-05',
      promisedDueOn: '2026-11-12',
      warningLevel: 'red',
      acceptClerkId: clerk.id,
      handlerId: approver.id,
    },
    // C5: at the township hall, refused (不予受理): received only, in the township.
    { ...base(5, i3, d2.id), ...none, hallId: town.id, channel: 'window', status: 'rejected', submittedAt: at('2026-11-06', '09:00') },
    // C6: submitted in October, completed Mon 11-02: counted as completed in November, not received; accepted Fri 10-30, decided 11-02 = 1 working day, due 10-30: late; 72 h.
    {
      ...base(6, i1, d1.id),
      ...none,
      channel: 'online',
      status: 'completed',
      submittedAt: at('2026-10-30', '10:00'),
      acceptedOn: '2026-10-30',
      decidedOn: '2026-11-02',
      completedAt: at('2026-11-02', '10:00'),
      promisedDueOn: '2026-10-30',
      acceptClerkId: clerk.id,
      handlerId: clerk.id,
    },
    // C7: a draft: nothing.
    { ...base(7, i2, d1.id), ...none, number: null, channel: 'online', status: 'draft', submittedAt: null },
  ];
  applicant = who;
  receivedRow = (n, day) => ({ ...base(n, i1, d1.id), ...none, channel: 'online', status: 'submitted', submittedAt: at(day, '11:00') });
  const caseIds = await insertCaseRows(p.ctx, who, cases);
  caseIds.forEach((id, i) => {
    ids[`c${i + 1}`] = id;
  });
  const ev = (
    caseN: number | null,
    channel: 'online' | 'window' | 'sms',
    score: number,
    day: string,
    over: { excluded?: boolean; windowId?: string | null; itemId?: string; departmentId?: string; staffIds?: string[] } = {},
  ) => ({
    caseId: caseN ? ids[`c${caseN}`] : null,
    channel,
    score,
    comment: score <= 2 ? '等待时间太长' : null,
    itemId: over.itemId ?? (caseN ? cases[caseN - 1].itemId : null),
    departmentId: over.departmentId ?? (caseN ? cases[caseN - 1].departmentId : d2.id),
    regionCode: R,
    hallId: over.windowId ? hall.id : null,
    windowId: over.windowId ?? null,
    staffIds: over.staffIds ?? [clerk.id],
    raterAccountId: who.accountId,
    excluded: over.excluded,
    createdAt: at(day, '15:00'),
  });
  const evIds = await insertEvaluationRows(p.ctx, [
    ev(1, 'online', 5, '2026-11-02'),
    ev(2, 'sms', 4, '2026-11-10', { staffIds: [clerk.id, approver.id] }),
    // A visit to window 1 the same day (one rating per case: C2 is rated by SMS), naming C2's item and department.
    ev(null, 'window', 2, '2026-11-10', {
      windowId: w1.id,
      staffIds: [clerk.id, approver.id],
      itemId: cases[1].itemId,
      departmentId: cases[1].departmentId,
    }),
    ev(3, 'online', 1, '2026-11-21', { staffIds: [civil.id] }),
    ev(null, 'window', 3, '2026-11-12', { windowId: w2.id, departmentId: d2.id, staffIds: [civil.id] }),
    ev(6, 'online', 1, '2026-11-03', { excluded: true }),
  ]);
  evIds.forEach((id, i) => {
    ids[`e${i + 1}`] = id;
  });
  // E3's rater was called back and the rectification closed; E4's is open.
  await insertRectificationRows(p.ctx, [
    {
      evaluationId: ids.e3,
      caseId: null,
      departmentId: d1.id,
      regionCode: R,
      status: 'closed',
      callbackDueOn: '2026-11-12',
      dueOn: '2026-12-01',
      callbackAt: at('2026-11-11', '10:00'),
      createdAt: at('2026-11-10', '15:00'),
    },
    {
      evaluationId: ids.e4,
      caseId: ids.c3,
      departmentId: d2.id,
      regionCode: R,
      status: 'open',
      callbackDueOn: '2026-11-24',
      dueOn: '2026-12-11',
      callbackAt: null,
      createdAt: at('2026-11-21', '15:00'),
    },
  ]);
});
afterAll(async () => {
  await p?.close();
});

describe(`the seeded 石泉县 catalog reproduces the county's published figures (${testDb})`, () => {
  it('473 of 726 items need at most one visit = 65.15 %; 199 即办件; 174 fully online; 273 bookable', async () => {
    const x = await indicatorsOf(await login(p.app, 'supervisor1'), 'regionCode=610922');
    expect(x.publishedItems.value).toBe(726);
    expect(x.atMostOneVisitShare).toMatchObject({ numerator: 473, denominator: 726 });
    expect((x.atMostOneVisitShare.value! * 100).toFixed(2)).toBe('65.15');
    expect(x.immediateItemShare.numerator).toBe(199);
    expect(x.fullyOnlineItemRate.numerator).toBe(174);
    expect(x.bookableItems.value).toBe(273);
    expect(x.zeroVisitItems.value).toBe(174);
    expect(x.guideCompleteness).toMatchObject({ numerator: 726, denominator: 726 });
  });
});

describe(`supervision indicators on a fixed data set (${testDb})`, () => {
  it('computes every catalog indicator of the region by hand', async () => {
    const x = await indicatorsOf(supervisor, `regionCode=${R}&${PERIOD}`);
    expect(x.publishedItems.value).toBe(4);
    expect(x.onlineAvailableRate).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
    expect(x.fullyOnlineItemRate).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
    expect(x.immediateItemShare).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
    expect(x.atMostOneVisitShare).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
    expect(x.zeroVisitItems.value).toBe(1);
    expect(x.bookableItems.value).toBe(2);
    expect(x.timeLimitCompression.denominator).toBe(3);
    expect(x.timeLimitCompression.value).toBeCloseTo((1 + 0.75 + 0.6) / 3, 9);
    expect(x.guideCompleteness).toMatchObject({ numerator: 3, denominator: 4, value: 0.75 });
    expect(x.oneWindowItemShare).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
    expect(x.onTimeRate.definitionZh).toContain('承诺期限');
  });

  it('computes every case and rating indicator of the period by hand', async () => {
    const x = await indicatorsOf(supervisor, `regionCode=${R}&${PERIOD}`);
    expect(x.received.value).toBe(5);
    expect(x.completed.value).toBe(4);
    expect(x.fullyOnlineCaseRate).toMatchObject({ numerator: 1, denominator: 5, value: 0.2 });
    expect(x.onTimeRate).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
    expect(x.avgHandlingWorkdays).toMatchObject({ numerator: 0 + 4 + 12 + 1, denominator: 4, value: 17 / 4 });
    expect(x.avgHandlingHours.value).toBeCloseTo((0.5 + 152 + 387 + 72) / 4, 9);
    expect(x.activeRatingRate).toMatchObject({ numerator: 3, denominator: 4, value: 0.75 });
    expect(x.ratings.value).toBe(5);
    expect(x.satisfactionRate).toMatchObject({ numerator: 3, denominator: 5, value: 0.6 });
    expect(x.averageScore.value).toBe((5 + 4 + 2 + 1 + 3) / 5);
    expect(x.badRatings.value).toBe(2);
    expect(x.callbackRate).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(x.rectificationRate).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(x.ratingsPerGuide).toMatchObject({ numerator: 5, denominator: 4, value: 1.25 });
  });

  it('narrows to a department, an item and a window, and to a township', async () => {
    const dep = await indicatorsOf(supervisor, `regionCode=${R}&${PERIOD}&departmentId=${ids.d1}`);
    expect(dep.publishedItems.value).toBe(2);
    expect(dep.received.value).toBe(3); // C1, C2, C4
    expect(dep.completed.value).toBe(3); // C1, C2, C6
    expect(dep.onTimeRate.value).toBeCloseTo(2 / 3, 9);
    expect(dep.ratings.value).toBe(3); // E1, E2, E3
    const win = await indicatorsOf(supervisor, `regionCode=${R}&${PERIOD}&windowId=${ids.w1}`);
    expect(win.received.value).toBe(1);
    expect(win.ratings.value).toBe(1);
    expect(win.badRatings.value).toBe(1);
    const one = await indicatorsOf(supervisor, `regionCode=${R}&${PERIOD}&itemId=${ids.i3}`);
    expect(one.received.value).toBe(2); // C3, C5
    expect(one.timeLimitCompression.value).toBeNull(); // no legal limit
    const town = await indicatorsOf(supervisor, `regionCode=${TOWNSHIP}&${PERIOD}`);
    expect(town.received.value).toBe(1);
    expect(town.completed.value).toBe(0);
    expect(town.onTimeRate.value).toBeNull();
  });

  it('breaks the figures down by township, department, window and staff member', async () => {
    const by = async (what: string) => {
      const res = await supervisor.get(`/api/v1/supervision/breakdown?regionCode=${R}&${PERIOD}&by=${what}`);
      expect(res.statusCode, res.body).toBe(200);
      return Object.fromEntries(res.json().rows.map((r: { key: string }) => [r.key, r])) as Record<string, Record<string, unknown>>;
    };
    const regions = await by('region');
    expect(regions[TOWNSHIP]).toMatchObject({ name: '城关镇', received: 1, completed: 0 });
    expect(regions[R]).toMatchObject({ received: 4, completed: 4, ratings: 5, badRatings: 2 });
    const deps = await by('department');
    expect(deps[ids.d1]).toMatchObject({ name: '宁陕县市场监督管理局', received: 3, completed: 3, ratings: 3, badRatings: 1 });
    expect(deps[ids.d2]).toMatchObject({
      received: 2,
      completed: 1,
      onTimeRate: 0,
      avgHandlingWorkdays: 12,
      ratings: 2,
      badRatings: 1,
      averageScore: 2,
    });
    const windows = await by('window');
    expect(windows[ids.w1]).toMatchObject({
      name: '宁陕县政务服务中心 01号 综合受理窗口1',
      received: 1,
      completed: 1,
      ratings: 1,
      badRatings: 1,
    });
    // E5 was given at the 民政 window; E4 (C3's online rating) names no window.
    expect(windows[ids.w2]).toMatchObject({ received: 1, completed: 1, ratings: 1, averageScore: 3 });
    const people = await by('staff');
    // sv_clerk accepted C1, C2, C3, C4 in November (C6 was accepted in October) and finished C1 and C6; named in E1, E2, E3.
    expect(people[ids.clerk]).toMatchObject({
      name: 'sv_clerk',
      accepted: 4,
      completed: 2,
      ratings: 3,
      badRatings: 1,
      averageScore: (5 + 4 + 2) / 3,
    });
    expect(people[ids.civil]).toMatchObject({ accepted: 0, completed: 1, ratings: 2, badRatings: 1, averageScore: 2 });
  });

  it('shows the trend by month, the warned cases and the bad-rating board', async () => {
    const trend = (await supervisor.get(`/api/v1/supervision/trend?regionCode=${R}&from=2026-10-01&to=2026-11-30`)).json();
    expect(trend.points).toEqual([
      expect.objectContaining({ bucket: '2026-10', received: 1, completed: 0 }),
      expect.objectContaining({
        bucket: '2026-11',
        received: 5,
        completed: 4,
        ratings: 5,
        badRatings: 2,
        onTimeRate: 0.5,
        satisfactionRate: 0.6,
      }),
    ]);
    const warned = (await supervisor.get(`/api/v1/supervision/warned-cases?regionCode=${R}`)).json();
    expect(warned).toMatchObject({ overdue: 1, nearDue: 0 });
    expect(warned.items).toEqual([
      expect.objectContaining({
        number: `${R}-SV-4`,
        warningLevel: 'red',
        departmentName: '宁陕县市场监督管理局',
        handlerName: 'sv_approver',
      }),
    ]);
    const board = (await supervisor.get(`/api/v1/supervision/bad-ratings?regionCode=${R}&${PERIOD}`)).json();
    // The second is the window visit (no case).
    expect(board.items.map((b: { caseNumber: string | null }) => b.caseNumber)).toEqual([`${R}-SV-3`, null, `${R}-SV-6`]);
    expect(board.items[0]).toMatchObject({ score: 1, excluded: false, rectification: { status: 'open', calledBack: false } });
    expect(board.items[1]).toMatchObject({ score: 2, window: '01号 综合受理窗口1', rectification: { status: 'closed', calledBack: true } });
    expect(board.items[2]).toMatchObject({ excluded: true });
  });
});

describe(`rollups follow every change incrementally (${testDb})`, () => {
  const figures = async () => {
    const x = await indicatorsOf(supervisor, `regionCode=${R}&${PERIOD}`);
    return {
      received: x.received.value,
      completed: x.completed.value,
      onTime: x.onTimeRate.numerator,
      rated: x.activeRatingRate.numerator,
      ratings: x.ratings.value,
      bad: x.badRatings.value,
      calledBack: x.callbackRate.numerator,
      rectified: x.rectificationRate.numerator,
    };
  };

  it('counts an appeal upheld or reversed, a callback and a closed rectification', async () => {
    const before = await figures();
    // Reversing the exclusion of E6 (C6's only rating): one more rating, bad, and C6 becomes rated.
    await p.ctx.db.updateTable('evaluations').set({ excluded: false }).where('id', '=', ids.e6).execute();
    expect(await figures()).toEqual({ ...before, ratings: 6, bad: 3, rated: 4 });
    // Upholding an appeal on E3 (C2 keeps E2): the bad rating and its callback and closure leave the figures; C2 stays rated.
    await p.ctx.db.updateTable('evaluations').set({ excluded: true }).where('id', '=', ids.e3).execute();
    expect(await figures()).toEqual({ ...before, ratings: 5, bad: 2, rated: 4, calledBack: 0, rectified: 0 });
    // E4's rater is called back, then its rectification closed.
    await p.ctx.db
      .updateTable('rectifications')
      .set({ callback_at: at('2026-11-23', '09:00'), status: 'feedback' })
      .where('evaluation_id', '=', ids.e4)
      .execute();
    expect((await figures()).calledBack).toBe(1);
    await p.ctx.db.updateTable('rectifications').set({ status: 'closed' }).where('evaluation_id', '=', ids.e4).execute();
    expect(await figures()).toEqual({ ...before, ratings: 5, bad: 2, rated: 4, calledBack: 1, rectified: 1 });
    // Back to the fixed set.
    await p.ctx.db.updateTable('evaluations').set({ excluded: true }).where('id', '=', ids.e6).execute();
    await p.ctx.db.updateTable('evaluations').set({ excluded: false }).where('id', '=', ids.e3).execute();
    await p.ctx.db.updateTable('rectifications').set({ callback_at: null, status: 'open' }).where('evaluation_id', '=', ids.e4).execute();
    expect(await figures()).toEqual(before);
  });

  it('moves a case between days and states, and agrees with a count from scratch', async () => {
    const before = await figures();
    // C4 is decided on time (11-12) and completed: one more completed, on time.
    await p.ctx.db
      .updateTable('cases')
      .set({ status: 'completed', decided_on: '2026-11-12', completed_at: at('2026-11-12', '16:00'), warning_level: 'none' })
      .where('id', '=', ids.c4)
      .execute();
    expect(await figures()).toEqual({ ...before, completed: 5, onTime: 3 });
    // A supplement moves C5's submission into December: one fewer received in November.
    await p.ctx.db
      .updateTable('cases')
      .set({ submitted_at: at('2026-12-01', '09:00') })
      .where('id', '=', ids.c5)
      .execute();
    expect((await figures()).received).toBe(4);
    // Every other update leaves the figures alone.
    await p.ctx.db.updateTable('cases').set({ updated_at: new Date() }).where('region_code', '=', R).execute();
    const scratch = await periodCaseFiguresFromScratch(p.ctx.db, { regionCode: R }, { from: '2026-11-01', to: '2026-11-30' });
    const now = await figures();
    expect({ received: now.received, completed: now.completed, onTime: now.onTime }).toEqual({
      received: scratch.received,
      completed: scratch.completed,
      onTime: scratch.completedOnTime,
    });
    expect(now).toEqual({ ...before, received: 4, completed: 5, onTime: 3 });
  });

  it('spreads the cases of one key over rollup shards, and the sums stay exact', async () => {
    // 40 cases of one item on one October day (outside the period the other tests read).
    const key = sql`day = '2026-10-15' AND item_id = ${ids.i1}`;
    const rows = async () =>
      (await sql<{ shard: number; received: number }>`SELECT shard, received FROM supervision_case_daily WHERE ${key}`.execute(p.ctx.db))
        .rows;
    const added = await insertCaseRows(
      p.ctx,
      applicant,
      Array.from({ length: 40 }, (_, i) => receivedRow(100 + i, '2026-10-15')),
    );
    let now = await rows();
    expect(now.length).toBeGreaterThan(4); // 16 shards: concurrent submissions update different rows
    expect(now.reduce((sum, r) => sum + r.received, 0)).toBe(40);
    const october = await indicatorsOf(supervisor, `regionCode=${R}&from=2026-10-15&to=2026-10-15`);
    expect(october.received.value).toBe(40);
    // Moving half of them to another day subtracts from the shards they were counted in.
    await p.ctx.db
      .updateTable('cases')
      .set({ submitted_at: at('2026-10-16', '11:00') })
      .where('id', 'in', added.slice(0, 20))
      .execute();
    now = await rows();
    expect(now.every((r) => r.received >= 0)).toBe(true);
    expect(now.reduce((sum, r) => sum + r.received, 0)).toBe(20);
    await p.ctx.db.deleteFrom('cases').where('id', 'in', added).execute();
    expect((await rows()).reduce((sum, r) => sum + r.received, 0)).toBe(0);
  });

  // Two connections at once: PGlite has one (the skip on it is counted in the run's summary).
  it.runIf(testDb === 'postgres')(
    'a second rating of a case at the same moment, on another channel, is refused and counted nowhere',
    async () => {
      const before = await figures();
      // C4 is complete (previous test) and unrated. Transaction A rates it and holds; B rates it on another channel meanwhile.
      const row = (channel: 'app' | 'sms') => ({
        case_id: ids.c4,
        channel,
        score: 5,
        item_id: ids.i2,
        department_id: ids.d1,
        region_code: R,
        staff_ids: [],
        created_at: at('2026-11-13', '10:00'),
      });
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let inserted!: () => void;
      const aInserted = new Promise<void>((r) => {
        inserted = r;
      });
      const a = p.ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('evaluations').values(row('app')).execute();
        inserted();
        await held;
      });
      await aInserted;
      const b = p.ctx.db
        .insertInto('evaluations')
        .values(row('sms'))
        .execute()
        .then(
          () => 'inserted',
          (err: { code?: string; constraint?: string }) => `${err.code} ${err.constraint}`,
        );
      // B waits on A's row in the unique index (one rating per case): seen in pg_stat_activity, not guessed with a sleep.
      await eventually(async () => {
        const waiting = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'insert into "evaluations"%'`.execute(p.ctx.db);
        return waiting.rows[0].n > 0;
      });
      release();
      await a;
      expect(await b).toBe('23505 evaluations_one_per_case');
      expect(await figures()).toEqual({ ...before, ratings: before.ratings! + 1, rated: before.rated! + 1 });
      await p.ctx.db.deleteFrom('evaluations').where('case_id', '=', ids.c4).execute();
      expect(await figures()).toEqual(before);
    },
  );

  it('follows cases handled through the API and ratings given through the API', async () => {
    // The full path in 石泉县: a fresh published item, a case through the engine, the applicant rates it badly.
    const { publishItem, makeCase, act } = await import('./factories/case.ts');
    const company = await login(p.app, 'company1');
    const clerk = await login(p.app, 'clerk1');
    const reviewer = await login(p.app, 'reviewer1');
    const approver = await login(p.app, 'approver1');
    const sup = await login(p.app, 'supervisor1');
    const { code } = await publishItem(p);
    const today = shanghaiDate(new Date());
    const q = `regionCode=610922&from=${today.slice(0, 4)}-01-01&to=${today}`;
    const before = await indicatorsOf(sup, q);
    let c = await makeCase(p, company, code);
    c = (await act(clerk, (await act(clerk, c, 'claim')).json(), 'accept')).json();
    c = (await act(reviewer, c, 'review', { opinion: 'approve', comment: '材料齐全，符合条件' })).json();
    const decided = await act(approver, c, 'decide', { decision: 'approved' });
    expect(decided.statusCode, decided.body).toBe(200);
    const completed = await act(approver, decided.json(), 'complete');
    expect(completed.statusCode, completed.body).toBe(200);
    const mid = await indicatorsOf(sup, q);
    expect(mid.received.value).toBe(before.received.value! + 1);
    expect(mid.completed.value).toBe(before.completed.value! + 1);
    const rated = await company.post('/api/v1/evaluations', { caseId: c.id, score: 1, tags: [], comment: '审批拖沓，多次催问无人答复' });
    expect(rated.statusCode, rated.body).toBe(201);
    const after = await indicatorsOf(sup, q);
    expect(after.ratings.value).toBe(before.ratings.value! + 1);
    expect(after.badRatings.value).toBe(before.badRatings.value! + 1);
    expect(after.activeRatingRate.numerator).toBe(before.activeRatingRate.numerator! + 1);
    const board = (await sup.get(`/api/v1/supervision/bad-ratings?${q}`)).json();
    expect(board.items[0]).toMatchObject({ score: 1, comment: '审批拖沓，多次催问无人答复', caseNumber: c.number });
  });
});
