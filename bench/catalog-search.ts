/**
 * Catalog search at 100,000 items (issue 3): p50/p99 of `GET /api/v1/items?q=…` for what residents
 * type, with and without a region filter, against a primary-key lookup measured in the same run.
 * Usage: npm run bench -- catalog [--items 100000] [--db postgres|pglite]
 */
import { sql } from 'kysely';
import { grams } from '../src/server/modules/catalog/search-text.ts';
import { synonyms } from '../seed/catalog/synonyms.ts';
import { upsertSynonyms } from '../src/server/modules/catalog/repo.ts';
import { startTestPlatform } from '../test/api/platform.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const N = Number(arg('items', '100000'));
if (arg('db', 'postgres') === 'postgres') {
  process.env.TEST_DB = 'postgres';
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
}

const objects = ['企业', '个体工商户', '食品经营', '食品生产', '道路运输经营', '取水', '烟草专卖零售', '建筑工程施工', '律师执业', '医师执业', '护士执业',
  '不动产', '住房公积金', '社会保障卡', '居民身份证', '户口', '结婚', '离婚', '出生医学证明', '残疾人证', '最低生活保障', '特种设备', '药品经营',
  '医疗器械经营', '排污', '林木采伐', '河道采砂', '出租汽车', '民办学校', '养老机构', '社会团体', '消防', '广告', '农药经营', '种子生产经营', '兽药经营'];
const actions = ['设立登记', '变更登记', '注销登记', '许可', '许可证延续', '许可证补领', '备案', '提取', '申领', '换领', '迁移', '登记', '年检', '核准', '审批'];
const queries = ['开公司', '营业执照办理', '个体户', '结婚证', '公积金提取', '身份证', '低保', '不动产过户', '食品经营许可证', '取水', '残疾证', '出租车'];

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function measure(label: string, runs: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 30; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { label, p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: times[times.length - 1] };
}

const p = await startTestPlatform({ env: { LOGIN_RATE_PER_MINUTE: '100000' } });
try {
  await upsertSynonyms(p.ctx.db, synonyms);
  const depts = await p.ctx.db.selectFrom('departments').select(['id', 'region_code', 'credit_code', 'short_name']).execute();
  const t0 = Date.now();
  for (let start = 0; start < N; start += 1000) {
    const rows = [];
    for (let i = start; i < Math.min(N, start + 1000); i++) {
      const d = depts[i % depts.length];
      const name = `${objects[(i * 7) % objects.length]}${actions[(i * 13) % actions.length]}${i % 5 === 0 ? '（首次申请）' : ''}`;
      const basic = `B${String(i).padStart(11, '0')}`;
      rows.push({
        implementation_code: `${d.credit_code}4${basic}`, basic_code: basic, region_code: d.region_code, department_id: d.id, status: 'published' as const,
        published_version: 1, popularity: i % 100, name, item_type: '01', handling_type: i % 4 ? 'promised' : 'immediate', max_visits: i % 3,
        online_depth: 1 + (i % 4), can_book_online: i % 2 === 0, themes: [], name_grams: grams(name), search_grams: grams(`${name} ${d.short_name}`),
      });
    }
    await p.ctx.db.insertInto('items').values(rows).execute();
  }
  await sql`ANALYZE items`.execute(p.ctx.db);
  console.log(`loaded ${N} items in ${((Date.now() - t0) / 1000).toFixed(1)} s (${p.database.mode})`);
  const anyCode = (await p.ctx.db.selectFrom('items').select('implementation_code').limit(1).executeTakeFirstOrThrow()).implementation_code;
  const runs = 300;
  const results = [
    await measure('baseline: GET /api/v1/items/:code (one row)', runs, () => p.app.inject({ url: `/api/v1/items/${anyCode}` })),
    await measure('search q=… regionCode=610922', runs, (i) => p.app.inject({ url: `/api/v1/items?q=${encodeURIComponent(queries[i % queries.length])}&regionCode=610922` })),
    await measure('search q=… (whole catalog)', runs, (i) => p.app.inject({ url: `/api/v1/items?q=${encodeURIComponent(queries[i % queries.length])}` })),
  ];
  const base = results[0].p99;
  console.log(`\n${N} items, ${runs} requests each, in-process HTTP (app.inject)`);
  for (const r of results) console.log(`  ${r.label.padEnd(46)} p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms  (p99 ×${(r.p99 / base).toFixed(2)})`);
} finally {
  await p.close();
}
