import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/modules/identity/passwords.ts';
import { defaultRealNameProvider } from '../../src/server/modules/identity/real-name.ts';
import { registerPerson } from '../../src/server/modules/identity/registration-service.ts';
import { insertAccount } from '../../src/server/modules/identity/repo.ts';
import { makeIdNumber } from '../../src/server/platform/identifiers.ts';
import { login, type Client } from './client.ts';
import { makeCase, publishItem } from './factories/case.ts';
import { makeGuide } from './factories/guide.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Issue 25.6: GB/T 2260 codes in every answer (province 610000, city 610100, county 610922; 乡级 9 and
 * 村级 12 digits), accepted in every request along with the stored prefixes (61, 6101) for compatibility.
 */
let p: TestPlatform;
let admin: Client;
let supervisor: Client;

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await login(p.app, 'admin1');
  supervisor = await login(p.app, 'supervisor1');
});
afterAll(async () => {
  await p?.close();
});

const pub = (url: string) => p.app.inject({ url });
type Row = { code: string; name: string; level: string; parentCode: string | null };

/** A staff account of a region the demo has none in, made in the database as the seed makes staff. */
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

describe(`GB/T 2260 region codes (${testDb})`, () => {
  it('answers 西安市 by its standard code 610100, with its parent 610000 and its path in the standard form', async () => {
    const res = await pub('/api/v1/regions/610100');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: '610100', name: '西安市', level: 'city', parentCode: '610000' });
    expect(res.json().path.map((r: Row) => [r.code, r.name])).toEqual([
      ['610000', '陕西省'],
      ['610100', '西安市'],
    ]);
    // The prefix still works, and gets the same (standard) answer.
    const old = await pub('/api/v1/regions/6101');
    expect(old.statusCode).toBe(200);
    expect(old.json()).toEqual(res.json());
    expect((await pub('/api/v1/regions/610000')).json()).toMatchObject({ code: '610000', name: '陕西省', parentCode: null });
  });

  it('lists children by a standard parent code, each in the standard form, down to townships and villages', async () => {
    const cities = (await pub('/api/v1/regions?parentCode=610000&pageSize=100')).json().items as Row[];
    expect(cities.length).toBe(10);
    expect(cities).toContainEqual({ code: '610900', name: '安康市', level: 'city', parentCode: '610000' });
    expect(cities.every((c) => /^61\d{2}00$/.test(c.code))).toBe(true);
    const districts = (await pub('/api/v1/regions?parentCode=610100&pageSize=100')).json().items as Row[];
    expect(districts.length).toBe(13);
    expect(districts.every((d) => /^6101\d{2}$/.test(d.code) && !d.code.endsWith('00') && d.parentCode === '610100')).toBe(true);
    expect((await pub('/api/v1/regions?parentCode=6101&pageSize=100')).json().total).toBe(13);

    const town = await pub('/api/v1/regions/610922100');
    expect(town.statusCode, town.body).toBe(200);
    expect(town.json()).toMatchObject({ code: '610922100', level: 'township', parentCode: '610922' });
    expect(town.json().path.map((r: Row) => r.code)).toEqual(['610000', '610900', '610922', '610922100']);
    const villages = (await pub('/api/v1/regions?parentCode=610922100&pageSize=100')).json().items as Row[];
    expect(villages.length).toBeGreaterThan(0);
    expect(villages.every((v) => /^610922100\d{3}$/.test(v.code) && v.parentCode === '610922100')).toBe(true);
  });

  it('presents the region of departments and halls: 石泉县 610922 and its townships, 西安市 610100', async () => {
    const depts = (await pub('/api/v1/departments?regionCode=610922&pageSize=100')).json().items as { regionCode: string }[];
    expect(depts.length).toBeGreaterThan(10);
    expect(new Set(depts.map((d) => d.regionCode))).toEqual(new Set(['610922']));
    const halls = (await pub('/api/v1/halls?regionCode=610922&pageSize=100')).json().items as { level: string; regionCode: string }[];
    expect(halls.find((h) => h.level === 'county')?.regionCode).toBe('610922');
    expect(halls.filter((h) => h.level === 'township').every((h) => /^610922\d{3}$/.test(h.regionCode))).toBe(true);

    const xian = (await pub('/api/v1/departments?regionCode=610100&pageSize=100')).json();
    const xianCodes = new Set(xian.items.map((d: { regionCode: string }) => d.regionCode));
    expect(xianCodes.has('610100')).toBe(true);
    expect([...xianCodes].every((c) => /^6101\d{2}$/.test(String(c)))).toBe(true);
    expect((await pub('/api/v1/departments?regionCode=6101&pageSize=100')).json()).toEqual(xian);
    const xianHalls = (await pub('/api/v1/halls?regionCode=610100&pageSize=100')).json().items as { level: string; regionCode: string }[];
    expect(xianHalls.find((h) => h.level === 'city')?.regionCode).toBe('610100');
    // A province-wide list by 610000 is the list by the prefix 61.
    const shaanxi = (await pub('/api/v1/departments?regionCode=610000&pageSize=1')).json().total;
    expect(shaanxi).toBe((await pub('/api/v1/departments?regionCode=61&pageSize=1')).json().total);
    expect(shaanxi).toBeGreaterThan(depts.length);
  });

  it('refuses a malformed region code with 400 VALIDATION_FAILED naming the field, and changes nothing', async () => {
    for (const [url, field] of [
      ['/api/v1/regions/6101001', 'params.code'],
      ['/api/v1/regions/61X', 'params.code'],
      ['/api/v1/regions?parentCode=610', 'querystring.parentCode'],
      ['/api/v1/departments?regionCode=6101001', 'querystring.regionCode'],
      ['/api/v1/halls?regionCode=61X', 'querystring.regionCode'],
      ['/api/v1/items?regionCode=6109221', 'querystring.regionCode'],
      ['/api/v1/bundles?regionCode=61092', 'querystring.regionCode'],
    ]) {
      const res = await pub(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe('VALIDATION_FAILED');
      expect(res.json().error.details.fields, url).toMatchObject([{ field, reason: 'regionCodeInvalid' }]);
    }
    const bad = await supervisor.get('/api/v1/supervision/indicators?regionCode=6101001');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toMatchObject([{ field: 'querystring.regionCode' }]);

    const before = (await pub('/api/v1/departments?regionCode=610922&pageSize=1')).json().total;
    const created = await admin.post('/api/v1/departments', {
      key: 'regionTest',
      name: '石泉县测试局',
      shortName: '测试局',
      creditCode: '11610922MB0000000X',
      regionCode: '61092X',
      kind: 'government',
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.details.fields).toMatchObject([{ field: 'body.regionCode' }]);
    expect((await pub('/api/v1/departments?regionCode=610922&pageSize=1')).json().total).toBe(before);
  });

  it("lets a city's supervisor read the dashboard by 610100 (or 6101), its districts keyed by their standard codes", async () => {
    const xian = await staffOf('xa_supervisor', ['supervisor'], '6101');
    expect((await xian.get('/api/v1/auth/me')).json().region).toEqual({ code: '610100', name: '西安市' });
    const indicators = await xian.get('/api/v1/supervision/indicators?regionCode=610100');
    expect(indicators.statusCode, indicators.body).toBe(200);
    expect(indicators.json().region).toEqual({ code: '610100', name: '西安市', level: 'city' });
    expect((await xian.get('/api/v1/supervision/indicators?regionCode=6101')).json().region.code).toBe('610100');
    expect((await xian.get('/api/v1/supervision/indicators')).json().region.code).toBe('610100');
    const breakdown = (await xian.get('/api/v1/supervision/breakdown?by=region&regionCode=610100')).json();
    expect(breakdown.region).toEqual({ code: '610100', name: '西安市' });
    const keys = breakdown.rows.map((r: { key: string }) => r.key);
    expect(keys).toContain('610102');
    expect(keys.every((k: string) => /^6101\d{2}$/.test(k))).toBe(true);
    expect(breakdown.rows.find((r: { key: string }) => r.key === '610102').name).toBe('新城区');
    // Outside its region: refused as before.
    expect((await xian.get('/api/v1/supervision/indicators?regionCode=610922')).statusCode).toBe(403);
  });

  it("lets a province's supervisor read by 610000: the cities as rows, 安康市 (610900) holding 石泉县's cases", async () => {
    const { code } = await publishItem(p);
    await makeCase(p, await login(p.app, 'citizen1'), code);
    const shaanxi = await staffOf('sx_supervisor', ['supervisor'], '61');
    const indicators = await shaanxi.get('/api/v1/supervision/indicators?regionCode=610000');
    expect(indicators.statusCode, indicators.body).toBe(200);
    expect(indicators.json().region).toEqual({ code: '610000', name: '陕西省', level: 'province' });
    const rows = (await shaanxi.get('/api/v1/supervision/breakdown?by=region&regionCode=610000')).json().rows as {
      key: string;
      name: string;
      received: number;
    }[];
    expect(rows.every((r) => /^61\d{2}00$/.test(r.key))).toBe(true);
    const ankang = rows.find((r) => r.key === '610900')!;
    expect(ankang.name).toBe('安康市');
    const shiquan = (await supervisor.get('/api/v1/supervision/indicators?regionCode=610922')).json();
    const received = (x: { indicators: { key: string; value: number | null }[] }) => x.indicators.find((i) => i.key === 'received')?.value;
    expect(ankang.received).toBeGreaterThan(0);
    expect(ankang.received).toBe(received(shiquan));
  });

  it('reads a township by its 9-digit code, and a county breakdown keys its townships by them', async () => {
    const town = await supervisor.get('/api/v1/supervision/indicators?regionCode=610922100');
    expect(town.statusCode, town.body).toBe(200);
    expect(town.json().region).toMatchObject({ code: '610922100', level: 'township' });
    const rows = (await supervisor.get('/api/v1/supervision/breakdown?by=region&regionCode=610922')).json().rows as { key: string }[];
    expect(rows.map((r) => r.key)).toContain('610922100');
    expect(rows.every((r) => /^610922(\d{3})?$/.test(r.key))).toBe(true);
  });

  it('sets and lists targets by the standard code, and answers with it', async () => {
    const xianAdmin = await staffOf('xa_sysadmin', ['systemAdmin'], '6101');
    const put = await xianAdmin.put('/api/v1/supervision/targets', {
      regionCode: '610100',
      year: 2026,
      indicator: 'atMostOneVisitShare',
      value: 0.9,
    });
    expect(put.statusCode, put.body).toBe(201);
    expect(put.json().regionCode).toBe('610100');
    const listed = (await xianAdmin.get('/api/v1/supervision/targets?regionCode=6101&year=2026')).json().items;
    expect(listed).toMatchObject([{ regionCode: '610100', indicator: 'atMostOneVisitShare' }]);
    const target = (await xianAdmin.get('/api/v1/supervision/indicators?regionCode=610100&from=2026-01-01&to=2026-06-30'))
      .json()
      .indicators.find((i: { key: string }) => i.key === 'atMostOneVisitShare').target;
    expect(target).toMatchObject({ regionCode: '610100', value: 0.9 });
  });

  it("keeps a province's calendar override under 610000: set, seen from a county's calendar, listed and removed by it", async () => {
    const shaanxiAdmin = await staffOf('sx_sysadmin', ['systemAdmin'], '61');
    const put = await shaanxiAdmin.put('/api/v1/calendar/overrides/610000/2026-11-17', { isWorkingDay: false, name: '陕西测试假日' });
    expect(put.statusCode, put.body).toBe(201);
    expect(put.json().regionCode).toBe('610000');
    const year = (await pub('/api/v1/calendar?year=2026&regionCode=610922')).json();
    expect(year.regionCode).toBe('610922');
    expect(year.items.find((d: { date: string }) => d.date === '2026-11-17')).toMatchObject({ source: 'override', regionCode: '610000' });
    const national = (year.items as { source: string; regionCode: string }[]).filter((d) => d.source === 'national');
    expect(national.length).toBeGreaterThan(0);
    expect(national.every((d) => d.regionCode === '')).toBe(true);
    const listed = (await shaanxiAdmin.get('/api/v1/calendar/overrides?regionCode=610000&year=2026')).json().items;
    expect(listed).toMatchObject([{ regionCode: '610000', date: '2026-11-17' }]);
    const del = await p.app.inject({
      method: 'DELETE',
      url: '/api/v1/calendar/overrides/610000/2026-11-17',
      headers: { authorization: `Bearer ${shaanxiAdmin.token}` },
    });
    expect(del.statusCode, del.body).toBe(204);
  });

  it('presents catalog items, bundles, cases, staff, reports and completeness in the standard form', async () => {
    const items = (await pub('/api/v1/items?regionCode=610000&pageSize=100')).json();
    expect(items.total).toBe((await pub('/api/v1/items?regionCode=61&pageSize=1')).json().total);
    expect(items.items.every((i: { regionCode: string }) => /^\d{6}$/.test(i.regionCode) && i.regionCode.startsWith('61'))).toBe(true);
    const bundles = (await pub('/api/v1/bundles?regionCode=610000')).json().items as { regionCode: string }[];
    expect(bundles.length).toBeGreaterThan(0);
    expect(new Set(bundles.map((b) => b.regionCode))).toEqual(new Set(['610922']));

    const secadmin = await staffOf('sx_secadmin', ['securityAdmin'], '61');
    // Two pages: the demo seeds over a hundred staff in the province (three per 石泉县 department).
    const staff = [
      ...(await secadmin.get('/api/v1/staff?pageSize=100')).json().items,
      ...(await secadmin.get('/api/v1/staff?pageSize=100&page=2')).json().items,
    ] as { username: string; regionCode: string }[];
    expect(staff.find((s) => s.username === 'xa_supervisor')?.regionCode).toBe('610100');
    expect(staff.find((s) => s.username === 'sx_supervisor')?.regionCode).toBe('610000');

    const xian = await login(p.app, 'xa_supervisor', 'Staff#2026x');
    const report = await xian.post('/api/v1/supervision/reports', { kind: 'monthly', regionCode: '610100', from: '2026-10-01' });
    expect(report.statusCode, report.body).toBe(202);
    expect(report.json().regionCode).toBe('610100');
    const reports = (await xian.get('/api/v1/supervision/reports?regionCode=610100')).json().items;
    expect(reports.map((r: { regionCode: string }) => r.regionCode)).toEqual(['610100']);

    const completeness = await admin.get('/api/v1/catalog/completeness?regionCode=610922');
    expect(completeness.statusCode, completeness.body).toBe(200);
    expect(completeness.json().regionCode).toBe('610922');
    const xianCompleteness = await xian.get('/api/v1/catalog/completeness?regionCode=610100');
    expect(xianCompleteness.json().regionCode).toBe('610100');
  });

  it('files a person whose ID number names a city code (610100) under that city', async () => {
    const idNumber = makeIdNumber({ regionCode: '610100', birthDate: '19870605', sequence: 321 });
    const provider = { ...defaultRealNameProvider, verify: async () => 2 as const };
    const account = await registerPerson(
      p.ctx,
      { username: 'xian_resident', password: 'Resident#2026', name: '王西安', idNumber, phone: '13700001111', smsCode: '000000', ip: null },
      provider,
    );
    const me = await login(p.app, 'xian_resident', 'Resident#2026');
    const person = await me.get(`/api/v1/persons/${account.personId}`);
    expect(person.statusCode, person.body).toBe(200);
    expect(person.json().regionCode).toBe('610100');
  });

  it('presents a 西安市 item and its case under 610100; the case number keeps the stored prefix', async () => {
    const xianAdmin = await login(p.app, 'xa_sysadmin', 'Staff#2026x');
    const market = (await pub('/api/v1/departments?regionCode=610100&pageSize=100'))
      .json()
      .items.find((d: { key: string; regionCode: string }) => d.key === 'market' && d.regionCode === '610100');
    const created = await xianAdmin.post('/api/v1/items', { departmentId: market.id, guide: makeGuide() });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().regionCode).toBe('610100');
    const code = created.json().implementationCode;
    expect((await xianAdmin.post(`/api/v1/items/${code}/submit`)).statusCode).toBe(200);
    expect((await xianAdmin.post(`/api/v1/items/${code}/publish`)).statusCode).toBe(200);
    expect((await pub(`/api/v1/items/${code}`)).json().regionCode).toBe('610100');

    const citizen = await login(p.app, 'citizen1');
    const submitted = await makeCase(p, citizen, code);
    expect(submitted.regionCode).toBe('610100');
    // 办件编号 is an identifier, not a region code: it keeps the stored prefix it was numbered with.
    expect(submitted.number).toMatch(/^6101\d{13}$/);
    const mine = (await citizen.get('/api/v1/cases?pageSize=100')).json().items as { id: string; regionCode: string }[];
    expect(mine.find((c) => c.id === submitted.id)?.regionCode).toBe('610100');
    const queue = (await xianAdmin.get('/api/v1/staff/cases?pageSize=100')).json().items as { id: string; regionCode: string }[];
    expect(queue.every((c) => c.regionCode.startsWith('6101') && c.regionCode.length === 6)).toBe(true);
  });

  it('describes the codes in OpenAPI: either form in a request, the standard form in an answer', async () => {
    const doc = (await pub('/api/openapi.json')).json();
    const op = doc.paths['/api/v1/regions/{code}'].get;
    const param = new RegExp(op.parameters.find((x: { name: string }) => x.name === 'code').schema.pattern);
    const ref: string = op.responses['200'].content['application/json'].schema.$ref;
    const named = doc.components.schemas[ref.split('/').pop()!];
    const answer = new RegExp(named.properties.code.pattern);
    expect(['610100', '6101', '610922100'].map((c) => param.test(c))).toEqual([true, true, true]);
    expect(['610100', '6101', '610922100'].map((c) => answer.test(c))).toEqual([true, false, true]);
  });
});
