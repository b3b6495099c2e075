import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, login, type Client } from './client.ts';
import { makeGuide } from './factories/guide.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
let admin: Client;
let marketAdmin: Client;
let policeAdmin: Client;
let market: { id: string; creditCode: string };

async function departmentAdmin(username: string, key: string) {
  const sec = await login(p.app, 'secadmin1');
  const dept = (await sec.get('/api/v1/departments?regionCode=610922&pageSize=100'))
    .json()
    .items.find((d: { key: string }) => d.key === key);
  const created = await sec.post('/api/v1/staff', { username, displayName: username, departmentId: dept.id, roles: ['departmentAdmin'] });
  expect(created.statusCode).toBe(201);
  await activate(p.app, username, created.json().activation.code, 'Staff#2026x', p.ctx.now());
  await p.ctx.db.updateTable('accounts').set({ totp_required: false }).where('username', '=', username).execute();
  return { client: await login(p.app, username, 'Staff#2026x'), dept };
}

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await login(p.app, 'admin1');
  const m = await departmentAdmin('market_catalog', 'market');
  marketAdmin = m.client;
  market = m.dept;
  policeAdmin = (await departmentAdmin('police_catalog', 'police')).client;
});
afterAll(async () => {
  await p?.close();
});

const pub = (url: string) => p.app.inject({ url });

describe(`catalog life cycle (${testDb})`, () => {
  it('creates a draft that the public cannot see, then submits, publishes and finds it', async () => {
    const guide = makeGuide({ name: '测试有限公司设立登记', keywords: ['开测试公司'] });
    const created = await marketAdmin.post('/api/v1/items', { departmentId: market.id, guide });
    expect(created.statusCode).toBe(201);
    const item = created.json();
    expect(item.implementationCode).toBe(`${market.creditCode}4${guide.basicCode}`);
    expect(item.status).toBe('draft');
    expect((await pub(`/api/v1/items/${item.implementationCode}`)).statusCode).toBe(404);

    expect((await marketAdmin.post(`/api/v1/items/${item.implementationCode}/submit`)).json().status).toBe('review');
    const byDepartment = await marketAdmin.post(`/api/v1/items/${item.implementationCode}/publish`);
    expect(byDepartment.statusCode).toBe(403);
    const published = await admin.post(`/api/v1/items/${item.implementationCode}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedVersion: 1 });

    const detail = (await pub(`/api/v1/items/${item.implementationCode}`)).json();
    expect(detail.guide.situations.map((s: { name: string }) => s.name)).toEqual(['有限责任公司设立', '个人独资企业设立']);
    expect(detail.guide.materials).toHaveLength(3);
    const found = (await pub(`/api/v1/items?q=${encodeURIComponent('开测试公司')}&regionCode=610922`)).json();
    expect(found.items[0].implementationCode).toBe(item.implementationCode);

    expect(detail.formSchema.required).toEqual(['companyName', 'legalRep', 'capital']);
    const check = (data: object) =>
      p.app
        .inject({ method: 'POST', url: `/api/v1/items/${item.implementationCode}/form/validate`, payload: { data } })
        .then((r) => r.json());
    expect(await check({ companyName: '石泉县测试有限公司', legalRep: '张三', capital: 50 })).toEqual({ valid: true, errors: [] });
    expect((await check({ companyName: '石泉县测试有限公司', capital: -5 })).errors.map((e: { field: string }) => e.field)).toEqual([
      'legalRep',
      'capital',
    ]);

    const pdf = await pub(`/api/v1/items/${item.implementationCode}/guide.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf.rawPayload);
    expect(doc.getTitle()).toBe('测试有限公司设立登记 办事指南');
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
  });

  it('refuses to submit a guide with missing elements and lists every one', async () => {
    const guide = makeGuide({ places: '', consultPhone: '', legalBasis: '' });
    const item = (await marketAdmin.post('/api/v1/items', { departmentId: market.id, guide })).json();
    const res = await marketAdmin.post(`/api/v1/items/${item.implementationCode}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('GUIDE_INCOMPLETE');
    expect(res.json().error.details.missing.map((m: { element: string }) => m.element)).toEqual(['legalBasis', 'places', 'consultPhone']);
    const versions = (await marketAdmin.get(`/api/v1/items/${item.implementationCode}/versions`)).json();
    expect(versions.versions[0].status).toBe('draft');
  });

  it('refuses a promised limit longer than the legal one, a wrong code structure, unknown material keys', async () => {
    const tooLong = await marketAdmin.post('/api/v1/items', {
      departmentId: market.id,
      guide: makeGuide({ promisedLimit: { value: 30, unit: 'workday' } }),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error).toMatchObject({
      code: 'GUIDE_INVALID',
      details: { problems: [{ element: 'promisedLimit', reason: 'promisedExceedsLegal' }] },
    });
    const badCode = await marketAdmin.post('/api/v1/items', { departmentId: market.id, guide: makeGuide({ basicCode: 'abc' }) });
    expect(badCode.json().error.code).toBe('VALIDATION_FAILED');
    const g = makeGuide();
    g.situations = [{ key: 'only', name: '首次申请', materialKeys: ['nothere'] }];
    g.questionnaire = [];
    const unknown = await marketAdmin.post('/api/v1/items', { departmentId: market.id, guide: g });
    expect(unknown.json().error.details.problems[0]).toEqual({
      element: 'situations[only].materialKeys',
      reason: 'unknownMaterial:nothere',
    });
    expect((await pub('/api/v1/items/NOT-A-CODE')).statusCode).toBe(400);
  });

  it('editing a published guide opens version 2; the public keeps version 1 until it is published; the diff shows the change', async () => {
    const guide = makeGuide({ name: '测试食品经营许可' });
    const item = (await marketAdmin.post('/api/v1/items', { departmentId: market.id, guide })).json();
    const code = item.implementationCode;
    await marketAdmin.post(`/api/v1/items/${code}/submit`);
    await admin.post(`/api/v1/items/${code}/publish`);
    const current = (await marketAdmin.get(`/api/v1/items/${code}/versions`)).json().item;
    const edited = {
      ...guide,
      promisedLimit: { value: 0, unit: 'workday' as const },
      materials: guide.materials.map((m) => (m.key === 'idCard' ? { ...m, copies: 0 } : m)),
    };
    const saved = await marketAdmin.put(`/api/v1/items/${code}/draft`, { guide: edited, version: current.version });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ number: 2, status: 'draft' });
    const stale = await marketAdmin.put(`/api/v1/items/${code}/draft`, { guide: edited, version: current.version });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await pub(`/api/v1/items/${code}`)).json().guideVersion).toBe(1);
    await marketAdmin.post(`/api/v1/items/${code}/submit`);
    await admin.post(`/api/v1/items/${code}/publish`);
    const after = (await pub(`/api/v1/items/${code}`)).json();
    expect(after.guideVersion).toBe(2);
    expect(after.guide.promisedLimit.value).toBe(0);
    const diff = (await admin.get(`/api/v1/items/${code}/diff?from=1&to=2`)).json().changes;
    expect(diff).toEqual(
      expect.arrayContaining([
        { path: 'promisedLimit.value', kind: 'changed', before: 1, after: 0 },
        { path: 'materials[idCard].copies', kind: 'changed', before: 1, after: 0 },
      ]),
    );
    const versions = (await admin.get(`/api/v1/items/${code}/versions`))
      .json()
      .versions.map((v: { number: number; status: string }) => [v.number, v.status]);
    expect(versions).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    const events = await p.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', code).orderBy('seq').execute();
    expect(events.map((e) => e.action)).toEqual([
      'item.create',
      'item.submit',
      'item.publish',
      'item.draft.save',
      'item.submit',
      'item.publish',
    ]);
  });

  it("another department's admin can neither see the drafts nor edit them", async () => {
    const item = (await marketAdmin.post('/api/v1/items', { departmentId: market.id, guide: makeGuide() })).json();
    expect((await policeAdmin.get(`/api/v1/items/${item.implementationCode}/versions`)).statusCode).toBe(404);
    const edit = await policeAdmin.put(`/api/v1/items/${item.implementationCode}/draft`, {
      guide: makeGuide({ basicCode: item.basicCode }),
      version: item.version,
    });
    expect(edit.statusCode).toBe(403);
    expect((await policeAdmin.post('/api/v1/items', { departmentId: market.id, guide: makeGuide() })).statusCode).toBe(403);
  });

  it("lists drafts to their editors only: the department's admin and the region's system admin", async () => {
    const item = (
      await marketAdmin.post('/api/v1/items', { departmentId: market.id, guide: makeGuide({ name: '测试草稿列表事项' }) })
    ).json();
    const mine = (await marketAdmin.get(`/api/v1/catalog/items?status=draft&pageSize=100`)).json();
    expect(mine.items.map((i: { implementationCode: string }) => i.implementationCode)).toContain(item.implementationCode);
    expect(mine.items.every((i: { department: { id: string } }) => i.department.id === market.id)).toBe(true);
    const police = (await policeAdmin.get('/api/v1/catalog/items?status=draft&pageSize=100')).json();
    expect(police.items.map((i: { implementationCode: string }) => i.implementationCode)).not.toContain(item.implementationCode);
    const region = (await admin.get(`/api/v1/catalog/items?q=${encodeURIComponent('草稿列表')}`)).json();
    expect(region.items[0].implementationCode).toBe(item.implementationCode);
    expect((await (await login(p.app, 'citizen1')).get('/api/v1/catalog/items')).statusCode).toBe(403);
  });

  it('withdraws an item: it disappears from search and its guide', async () => {
    const guide = makeGuide({ name: '测试撤回事项', keywords: ['撤回测试'] });
    const code = (await marketAdmin.post('/api/v1/items', { departmentId: market.id, guide })).json().implementationCode;
    await marketAdmin.post(`/api/v1/items/${code}/submit`);
    await admin.post(`/api/v1/items/${code}/publish`);
    expect((await pub(`/api/v1/items?q=${encodeURIComponent('撤回测试')}`)).json().total).toBeGreaterThan(0);
    expect((await admin.post(`/api/v1/items/${code}/withdraw`, { reason: '事项已取消' })).json().status).toBe('withdrawn');
    expect((await pub(`/api/v1/items/${code}`)).statusCode).toBe(404);
    expect(
      (await pub(`/api/v1/items?q=${encodeURIComponent('撤回测试')}`))
        .json()
        .items.map((i: { implementationCode: string }) => i.implementationCode),
    ).not.toContain(code);
  });
});
