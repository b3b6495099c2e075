import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/modules/identity/passwords.ts';
import { insertAccount } from '../../src/server/modules/identity/repo.ts';
import { periodShareOfYear } from '../../src/server/modules/supervision/indicators.ts';
import { shanghaiDate } from '../../src/server/platform/calendar.ts';
import { login, type Client } from './client.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Assessment targets (考核): system admins of a region set them, supervisors read them, the
 * indicators show each as met or missed with the gap; 德昌县's 2021 targets come with the seed.
 * Bad input gets a precise 4xx and changes nothing.
 */

let p: TestPlatform;
let admin: Client;
let supervisor: Client;
let citizen: Client;
let clerk: Client;

async function staffOf(username: string, roles: string[], regionCode: string): Promise<Client> {
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

const del = (c: Client, url: string, headers: Record<string, string> = {}) =>
  p.app.inject({ method: 'DELETE', url, headers: { authorization: `Bearer ${c.token}`, ...headers } });
const targetsOf = async (regionCode: string) =>
  p.ctx.db.selectFrom('assessment_targets').selectAll().where('region_code', '=', regionCode).orderBy('indicator').execute();

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await login(p.app, 'admin1');
  supervisor = await login(p.app, 'supervisor1');
  citizen = await login(p.app, 'citizen1');
  clerk = await login(p.app, 'clerk1');
});
afterAll(async () => {
  await p?.close();
});

describe(`assessment targets (${testDb})`, () => {
  it("seeds 德昌县's 2021 targets and judges its catalog against them, with the gap", async () => {
    const dechang = await staffOf('dc_supervisor', ['supervisor'], '513424');
    const list = (await dechang.get('/api/v1/supervision/targets?regionCode=513424&year=2021')).json().items;
    expect(Object.fromEntries(list.map((t: { indicator: string; value: number }) => [t.indicator, t.value]))).toEqual({
      onlineAvailableRate: 1,
      atMostOneVisitShare: 0.95,
      fullyOnlineItemRate: 0.85,
      timeLimitCompression: 0.6,
      activeRatingRate: 0.9,
      ratingsPerGuide: 10,
      oneWindowItemShare: 0.8,
    });
    const res = await dechang.get('/api/v1/supervision/indicators?regionCode=513424&from=2026-01-01&to=2026-11-30');
    expect(res.statusCode, res.body).toBe(200);
    const x = Object.fromEntries(res.json().indicators.map((i: { key: string }) => [i.key, i])) as Record<
      string,
      { value: number | null; target: { value: number; year: number; met: boolean | null; gap: number | null } | null }
    >;
    // 2021's targets still apply in 2026 (no newer year set).
    expect(x.atMostOneVisitShare.target).toMatchObject({ value: 0.95, year: 2021 });
    const share = x.atMostOneVisitShare.value!;
    expect(x.atMostOneVisitShare.target!.met).toBe(share >= 0.95);
    expect(x.atMostOneVisitShare.target!.gap).toBeCloseTo(share - 0.95, 9);
    // No ratings in the demo's 德昌县: 0 per guide, missed by the annual 10 pro-rated to the 334 days asked.
    expect(x.ratingsPerGuide.target).toMatchObject({ met: false, annualValue: 10, basis: 'prorated' });
    expect(x.ratingsPerGuide.target!.gap).toBeCloseTo((-10 * 334) / 365, 9);
    // A rate applies to any period as it is.
    expect(x.atMostOneVisitShare.target).toMatchObject({ annualValue: 0.95, basis: 'annual' });
    // No completed case: no rate, so neither met nor missed.
    expect(x.activeRatingRate.target).toMatchObject({ met: null, gap: null });
    // Indicators without a target carry none.
    expect(x.satisfactionRate.target).toBeNull();
  });

  it("lets the region's system admin set, change and remove a target (audited), and judges it", async () => {
    const created = await admin.put('/api/v1/supervision/targets', {
      regionCode: '610922',
      year: 2026,
      indicator: 'atMostOneVisitShare',
      value: 0.6,
      note: '最多跑一次 ≥ 60%',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      regionCode: '610922',
      year: 2026,
      indicator: 'atMostOneVisitShare',
      comparator: 'gte',
      value: 0.6,
      version: 1,
      name: '最多跑一次占比',
    });
    const today = shanghaiDate(p.ctx.now());
    let x = (await supervisor.get('/api/v1/supervision/indicators?regionCode=610922'))
      .json()
      .indicators.find((i: { key: string }) => i.key === 'atMostOneVisitShare');
    expect(x.target).toMatchObject({ value: 0.6, met: true });
    expect(x.target.gap).toBeCloseTo(473 / 726 - 0.6, 9);

    const changed = await admin.put('/api/v1/supervision/targets', {
      regionCode: '610922',
      year: 2026,
      indicator: 'atMostOneVisitShare',
      value: 0.95,
      version: 1,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ value: 0.95, version: 2 });
    x = (await supervisor.get('/api/v1/supervision/indicators?regionCode=610922'))
      .json()
      .indicators.find((i: { key: string }) => i.key === 'atMostOneVisitShare');
    expect(x.target).toMatchObject({ value: 0.95, met: false });
    expect(x.target.gap).toBeCloseTo(473 / 726 - 0.95, 9);

    // A "lower is better" indicator defaults to ≤.
    const bad = await admin.put('/api/v1/supervision/targets', { regionCode: '610922', year: 2026, indicator: 'badRatings', value: 5 });
    expect(bad.json()).toMatchObject({ comparator: 'lte' });
    x = (await supervisor.get('/api/v1/supervision/indicators?regionCode=610922'))
      .json()
      .indicators.find((i: { key: string }) => i.key === 'badRatings');
    // A count: the annual 5 pro-rated to this year so far (none counted, so the whole allowance is left).
    const share = periodShareOfYear({ from: `${today.slice(0, 4)}-01-01`, to: today });
    expect(x.target).toMatchObject({ annualValue: 5, basis: 'prorated', met: true });
    expect(x.target.value).toBeCloseTo(5 * share, 9);
    expect(x.target.gap).toBeCloseTo(5 * share, 9);

    // The supervisor reads them.
    const list = (await supervisor.get('/api/v1/supervision/targets?regionCode=610922&year=2026')).json().items;
    expect(list.map((t: { indicator: string }) => t.indicator).sort()).toEqual(['atMostOneVisitShare', 'badRatings']);

    const stale = await del(admin, `/api/v1/supervision/targets/${bad.json().id}?version=7`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const gone = await del(admin, `/api/v1/supervision/targets/${bad.json().id}`, { 'if-match': '1' });
    expect(gone.statusCode).toBe(204);
    expect((await targetsOf('610922')).map((t) => t.indicator)).toEqual(['atMostOneVisitShare']);

    const audit = await p.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id'])
      .where('action', 'like', 'supervision.target.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'supervision.target.set',
      'supervision.target.set',
      'supervision.target.set',
      'supervision.target.delete',
    ]);
  });

  it("refuses targets from anyone but the region's system admin, and bad values, changing nothing", async () => {
    const before = await targetsOf('610922');
    const body = { regionCode: '610922', year: 2026, indicator: 'onTimeRate', value: 0.99 };
    const cases: [Client, unknown, number, string][] = [
      [supervisor, body, 403, 'FORBIDDEN'],
      [clerk, body, 403, 'FORBIDDEN'],
      [citizen, body, 403, 'FORBIDDEN'],
      [admin, { ...body, regionCode: '513424' }, 403, 'FORBIDDEN'],
      [admin, { ...body, indicator: 'happiness' }, 400, 'SUPERVISION_INDICATOR_UNKNOWN'],
      [admin, { ...body, value: 1.2 }, 400, 'SUPERVISION_TARGET_INVALID'],
      [admin, { ...body, indicator: 'ratingsPerGuide', value: -1 }, 400, 'SUPERVISION_TARGET_INVALID'],
      [admin, { ...body, year: 1999 }, 400, 'VALIDATION_FAILED'],
      [admin, { ...body, comparator: 'eq' }, 400, 'VALIDATION_FAILED'],
      [admin, { ...body, extra: 1 }, 400, 'UNKNOWN_FIELD'],
      [admin, { ...body, regionCode: '6109229' }, 400, 'VALIDATION_FAILED'],
      [admin, { ...body, indicator: 'atMostOneVisitShare', value: 0.5, version: 9 }, 409, 'VERSION_CONFLICT'],
    ];
    for (const [who, b, status, code] of cases) {
      const res = await who.put('/api/v1/supervision/targets', b);
      expect(res.statusCode, JSON.stringify(b)).toBe(status);
      expect(res.json().error.code, JSON.stringify(b)).toBe(code);
    }
    const anon = await p.app.inject({ method: 'PUT', url: '/api/v1/supervision/targets', payload: body });
    expect(anon.statusCode).toBe(401);
    expect(await targetsOf('610922')).toEqual(before);
    const t = before[0];
    expect((await del(supervisor, `/api/v1/supervision/targets/${t.id}?version=${t.version}`)).statusCode).toBe(403);
    const foreign = await staffOf('sv_admin_other', ['systemAdmin'], '513424');
    expect((await del(foreign, `/api/v1/supervision/targets/${t.id}?version=${t.version}`)).json().error.code).toBe(
      'SUPERVISION_TARGET_NOT_FOUND',
    );
    expect(await targetsOf('610922')).toEqual(before);
  });
});

describe(`who may read the indicators (${testDb})`, () => {
  it('lets supervisors and system admins of the region in, and nobody else', async () => {
    expect((await supervisor.get('/api/v1/supervision/indicators')).json().region).toMatchObject({ code: '610922', name: '石泉县' });
    expect((await admin.get('/api/v1/supervision/indicators?regionCode=610922')).statusCode).toBe(200);
    for (const who of [clerk, citizen]) {
      const res = await who.get('/api/v1/supervision/indicators?regionCode=610922');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await supervisor.get('/api/v1/supervision/indicators?regionCode=513424')).statusCode).toBe(403);
    expect((await supervisor.get('/api/v1/supervision/bad-ratings?regionCode=513424')).statusCode).toBe(403);
    expect((await p.app.inject({ url: '/api/v1/supervision/indicators' })).statusCode).toBe(401);
    // A township of the county is inside the supervisor's region.
    const township = await p.ctx.db
      .selectFrom('regions')
      .select('code')
      .where('parent_code', '=', '610922')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    expect((await supervisor.get(`/api/v1/supervision/indicators?regionCode=${township.code}`)).statusCode).toBe(200);
  });

  it('answers a bad period or filter precisely', async () => {
    const bad: [string, number, string][] = [
      ['from=2026-11-30&to=2026-11-01', 400, 'SUPERVISION_PERIOD_INVALID'],
      ['from=2020-01-01&to=2026-11-01', 400, 'SUPERVISION_PERIOD_INVALID'],
      ['from=2026-13-01', 400, 'VALIDATION_FAILED'],
      ['departmentId=nope', 400, 'VALIDATION_FAILED'],
      ['regionCode=610922999', 404, 'REGION_NOT_FOUND'],
      ['regionCode=610999', 403, 'FORBIDDEN'],
      ['color=red', 400, 'UNKNOWN_FIELD'],
    ];
    for (const [q, status, code] of bad) {
      const res = await supervisor.get(`/api/v1/supervision/indicators?${q}`);
      expect(res.statusCode, q).toBe(status);
      expect(res.json().error.code, q).toBe(code);
    }
    expect((await supervisor.get('/api/v1/supervision/breakdown?by=planet')).statusCode).toBe(400);
    const defs = (await citizen.get('/api/v1/supervision/definitions')).json();
    expect(defs.find((d: { key: string }) => d.key === 'atMostOneVisitShare')).toMatchObject({ zh: '最多跑一次占比', unit: 'ratio' });
  });
});
