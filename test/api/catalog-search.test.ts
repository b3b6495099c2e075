import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBundlesForSearch } from '../../src/server/modules/bundles/service.ts';
import { login } from './client.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  await p?.close();
});

const search = async (q: string, extra = '') =>
  (await p.app.inject({ url: `/api/v1/items?q=${encodeURIComponent(q)}&regionCode=610922&pageSize=5${extra}` })).json() as {
    total: number;
    items: { name: string; implementationCode: string; handlingType: string; themes: string[] }[];
  };

describe(`the seeded catalog of 石泉县 and Chinese search (${testDb})`, () => {
  it.each([
    ['开公司', '企业设立登记'],
    ['营业执照办理', '个体工商户登记'],
    ['个体户', '个体工商户登记'],
    ['结婚证', '内地居民结婚登记'],
    ['公积金提取', '住房公积金提取'],
    ['身份证', '居民身份证换领'],
    ['低保', '最低生活保障审核确认'],
  ])('typing %s finds %s among the first results', async (q, expected) => {
    const r = await search(q);
    expect(r.items.slice(0, 3).map((i) => i.name)).toContain(expected);
  });

  it("holds 726 published items in 33 departments with the county's reported mix", async () => {
    const db = p.ctx.db;
    const rows = await db
      .selectFrom('items')
      .select(['handling_type', 'online_depth', 'can_book_online', 'max_visits', 'department_id'])
      .where('region_code', '=', '610922')
      .where('status', '=', 'published')
      .execute();
    expect(rows.length).toBe(726);
    expect(new Set(rows.map((r) => r.department_id)).size).toBe(33);
    expect(rows.filter((r) => r.handling_type === 'immediate').length).toBe(199);
    expect(rows.filter((r) => r.online_depth === 4).length).toBe(174);
    expect(rows.filter((r) => r.can_book_online).length).toBe(273);
    expect(rows.filter((r) => r.max_visits <= 1).length).toBe(473);
  });

  it('reads a full guide with situations, a questionnaire and materials, and prints it', async () => {
    const code = (await search('企业设立登记')).items[0].implementationCode;
    const detail = (await p.app.inject({ url: `/api/v1/items/${code}` })).json();
    expect(detail.name).toBe('企业设立登记');
    expect(detail.guide.situations.length).toBeGreaterThan(1);
    expect(detail.guide.questionnaire.length).toBeGreaterThan(0);
    expect(detail.guide.materials.length).toBeGreaterThanOrEqual(3);
    const pdf = await p.app.inject({ url: `/api/v1/items/${code}/guide.pdf` });
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('filters by theme and handling type', async () => {
    const r = (await p.app.inject({ url: '/api/v1/items?regionCode=610922&handlingType=immediate&pageSize=100' })).json();
    expect(r.total).toBe(199);
    const marriage = (await p.app.inject({ url: '/api/v1/items?regionCode=610922&theme=marriage&pageSize=100' })).json();
    expect(marriage.items.map((i: { name: string }) => i.name)).toContain('内地居民结婚登记');
    expect(marriage.items.every((i: { themes: string[] }) => i.themes.includes('marriage'))).toBe(true);
  });

  it('treats SQL and LIKE syntax in a query as text', async () => {
    for (const q of [`' OR 1=1--`, `'; SELECT pg_sleep(5)--`, '%', '_', '\\']) {
      const res = await p.app.inject({ url: `/api/v1/items?q=${encodeURIComponent(q)}&regionCode=610922` });
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBeLessThan(726);
    }
  });

  it('lists fees with their basis and computes the guide completeness rate per department', async () => {
    const fees = (await p.app.inject({ url: '/api/v1/fees?regionCode=610922' })).json() as {
      itemName: string;
      basis: string;
      amountYuan?: number;
    }[];
    expect(fees.find((f) => f.itemName === '居民身份证换领')?.amountYuan).toBe(20);
    expect(fees.every((f) => f.basis.length >= 4)).toBe(true);
    const admin = await login(p.app, 'admin1');
    const report = (await admin.get('/api/v1/catalog/completeness?regionCode=610922')).json();
    expect(report.items).toBe(726);
    expect(report.rate).toBe(1);
    expect(report.departments).toHaveLength(33);
  });
});

type Hit = { kind: 'item'; name: string; implementationCode: string } | { kind: 'bundle'; name: string; id: string; description: string };
const find = async (q: string, extra = '', pageSize = 5) => {
  const res = await p.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}&regionCode=610922&pageSize=${pageSize}${extra}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; items: Hit[] };
};

/**
 * What residents type, and what must come first (issue 25.7): a life event finds its bundle
 * (一件事一次办), an errand its item. Each phrase is the residents' word, not the official name.
 */
const phrases: [string, 'bundle' | 'item', string][] = [
  ['生孩子', 'bundle', '新生儿出生一件事'],
  ['生小孩', 'bundle', '新生儿出生一件事'],
  ['宝宝出生', 'bundle', '新生儿出生一件事'],
  ['新生儿', 'bundle', '新生儿出生一件事'],
  ['去世', 'bundle', '身后一件事'],
  ['过世', 'bundle', '身后一件事'],
  ['死亡', 'bundle', '身后一件事'],
  ['办丧事', 'bundle', '身后一件事'],
  ['家人去世了', 'bundle', '身后一件事'],
  ['开公司', 'bundle', '企业开办一件事'],
  ['注册公司', 'bundle', '企业开办一件事'],
  ['开办企业', 'bundle', '企业开办一件事'],
  ['过户', 'bundle', '二手房转移登记与水电气过户'],
  ['卖房', 'bundle', '二手房转移登记与水电气过户'],
  ['买房', 'bundle', '二手房转移登记与水电气过户'],
  ['二手房过户', 'bundle', '二手房转移登记与水电气过户'],
  ['水电气过户', 'bundle', '二手房转移登记与水电气过户'],
  ['结婚', 'bundle', '结婚登记与户口迁移'],
  ['领证', 'bundle', '结婚登记与户口迁移'],
  ['领结婚证', 'bundle', '结婚登记与户口迁移'],
  ['上户口', 'item', '出生登记'],
  ['报户口', 'item', '出生登记'],
  ['出生登记', 'item', '出生登记'],
  ['办准生', 'item', '生育登记'],
  ['生育登记', 'item', '生育登记'],
  ['出生证', 'item', '出生医学证明首次签发、换发、补发'],
  ['死亡证明', 'item', '居民死亡医学证明（推断）书签发'],
  ['死亡注销户口', 'item', '死亡注销户口'],
  ['火化', 'item', '遗体接运、火化服务'],
  ['开店', 'item', '个体工商户登记'],
  ['开饭馆', 'item', '食品经营许可'],
  ['办营业执照', 'item', '企业设立登记'],
  ['离婚', 'item', '内地居民离婚登记'],
  ['迁户口', 'item', '户口迁移'],
  ['身份证丢了', 'item', '居民身份证补领'],
  ['补办身份证', 'item', '居民身份证补领'],
  ['换身份证', 'item', '居民身份证换领'],
  ['提公积金', 'item', '住房公积金提取'],
  ['公积金贷款', 'item', '个人住房公积金贷款'],
  ['退休', 'item', '企业职工基本养老保险待遇申领'],
  ['领养老金', 'item', '城乡居民养老保险待遇申领'],
  ['办社保卡', 'item', '社会保障卡申领'],
  ['医保', 'item', '城乡居民基本医疗保险参保登记'],
  ['驾照到期', 'item', '机动车驾驶证换证（有效期满换证）'],
  ['残疾证', 'item', '残疾人证办理（新办、换领、迁移、挂失补办、注销）'],
  ['低保', 'item', '最低生活保障审核确认'],
  ['结婚证丢了', 'item', '补领婚姻登记证'],
  ['装水表', 'item', '用水报装'],
];

describe(`residents' search: items and bundles in one ranking (${testDb})`, () => {
  it.each(phrases)('typing %s finds the %s %s first', async (q, kind, name) => {
    const r = await find(q);
    expect(r.items[0], JSON.stringify(r.items.map((h) => `${h.kind}:${h.name}`))).toMatchObject({ kind, name });
  });

  it('answers a bundle with its id and description; its page opens; the items it holds follow it', async () => {
    const r = await find('生孩子', '', 10);
    const bundle = r.items[0];
    if (bundle.kind !== 'bundle') throw new Error('a bundle first');
    expect(bundle.description).toContain('出生医学证明');
    const page = await p.app.inject({ url: `/api/v1/bundles/${bundle.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.json().name).toBe('新生儿出生一件事');
    const items = r.items.filter((h) => h.kind === 'item').map((h) => h.name);
    expect(items).toContain('出生医学证明首次签发、换发、补发');
    expect(r.total).toBeGreaterThanOrEqual(r.items.length);
  });

  it('keeps bundles out under item-only filters, another county and without a query; keeps them under their theme', async () => {
    const kinds = (r: { items: Hit[] }) => new Set(r.items.map((h) => h.kind));
    expect(kinds(await find('生孩子', '&handlingType=promised')).has('bundle')).toBe(false);
    expect(kinds(await find('生孩子', '&type=01')).has('bundle')).toBe(false);
    expect((await find('生孩子', '&theme=birth')).items[0]).toMatchObject({ kind: 'bundle', name: '新生儿出生一件事' });
    expect(kinds(await find('生孩子', '&theme=marriage')).has('bundle')).toBe(false);
    const elsewhere = (await p.app.inject({ url: `/api/v1/search?q=${encodeURIComponent('生孩子')}&regionCode=513424` })).json();
    expect(elsewhere.items.some((h: Hit) => h.kind === 'bundle')).toBe(false);
    const all = (await p.app.inject({ url: '/api/v1/search?regionCode=610922&pageSize=100' })).json();
    expect(all.total).toBe(726);
    expect(all.items.every((h: Hit) => h.kind === 'item')).toBe(true);
  });

  it('leaves the items list as it was: GET /api/v1/items answers items only', async () => {
    const r = await search('生孩子');
    expect(r.items.every((i) => 'implementationCode' in i)).toBe(true);
  });

  it('forgets a withdrawn bundle when the bundles are indexed again, and finds it again when republished', async () => {
    const bundle = await p.ctx.db.selectFrom('bundles').select(['id', 'status']).where('key', '=', 'afterDeath').executeTakeFirstOrThrow();
    await p.ctx.db.updateTable('bundles').set({ status: 'withdrawn' }).where('id', '=', bundle.id).execute();
    await indexBundlesForSearch(p.ctx);
    expect((await find('去世')).items.some((h) => h.name === '身后一件事')).toBe(false);
    await p.ctx.db.updateTable('bundles').set({ status: bundle.status }).where('id', '=', bundle.id).execute();
    await indexBundlesForSearch(p.ctx);
    expect((await find('去世')).items[0]).toMatchObject({ kind: 'bundle', name: '身后一件事' });
  });
});
