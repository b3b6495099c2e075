import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
