/**
 * Catalog search at 100,000 items (issue 3): p50/p99 of `GET /api/v1/items?q=…` for what residents
 * type, with and without a region filter, against a primary-key lookup measured in the same run; and
 * the residents' search `GET /api/v1/search` (items and bundles in one ranking, issue 25.7) with the
 * same queries and with life events, every county holding the seeded county's five bundles.
 * Usage: npm run bench -- catalog [--items 100000] [--db postgres|pglite]
 */
import { CompiledQuery, type KyselyPlugin, sql } from 'kysely';
import * as catalogSearch from '../src/server/modules/catalog/query-service.ts';
import { synonyms } from '../seed/catalog/synonyms.ts';
import { upsertSynonyms } from '../src/server/modules/catalog/repo.ts';
import { startTestPlatform } from '../test/api/platform.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const N = Number(arg('items', '100000'));
const db = arg('db', 'postgres') === 'postgres' ? 'postgres' : 'pglite';
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';

const queries = [
  '开公司',
  '营业执照办理',
  '个体户',
  '结婚证',
  '公积金提取',
  '身份证',
  '低保',
  '不动产过户',
  '食品经营许可证',
  '取水',
  '残疾证',
  '出租车',
];
const lifeEvents = ['生孩子', '去世', '过户', '结婚', '开公司', '卖房'];

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

const p = await startTestPlatform({ db, env: { LOGIN_RATE_PER_MINUTE: '100000' } });
try {
  await upsertSynonyms(p.ctx.db, synonyms);
  // A realistic 100,000-item catalog: the seeded 石泉县 catalog (real item names, 33 departments)
  // implemented again by the departments of other counties, as ~140 counties' lists would be.
  const seeded = await p.ctx.db
    .selectFrom('items')
    .innerJoin('departments', 'departments.id', 'items.department_id')
    .select([
      'items.name',
      'items.name_grams',
      'items.search_grams',
      'items.handling_type',
      'items.online_depth',
      'items.can_book_online',
      'items.max_visits',
      'items.popularity',
      'departments.key',
    ])
    .where('items.region_code', '=', '610922')
    .execute();
  const depts = await p.ctx.db
    .selectFrom('departments')
    .select(['id', 'key', 'region_code', 'credit_code'])
    .where('region_code', '!=', '610922')
    .execute();
  const counties = [...new Set(depts.map((d) => d.region_code))];
  const deptOf = new Map(depts.map((d) => [`${d.region_code}:${d.key}`, d]));
  const t0 = Date.now();
  let made = 0;
  for (let c = 0; made < N; c++) {
    const region = counties[c % counties.length];
    const rows = [];
    for (const [i, it] of seeded.entries()) {
      if (made >= N) break;
      const d = deptOf.get(`${region}:${it.key}`);
      if (!d) continue;
      const basic = `C${String(c).padStart(4, '0')}${String(i).padStart(7, '0')}`;
      rows.push({
        implementation_code: `${d.credit_code}4${basic}`,
        basic_code: basic,
        region_code: region,
        department_id: d.id,
        status: 'published' as const,
        published_version: 1,
        popularity: it.popularity,
        name: it.name,
        item_type: '01',
        handling_type: it.handling_type,
        max_visits: it.max_visits,
        online_depth: it.online_depth,
        can_book_online: it.can_book_online,
        themes: [],
        name_grams: it.name_grams,
        search_grams: it.search_grams,
      });
      made++;
    }
    for (let k = 0; k < rows.length; k += 1000)
      await p.ctx.db
        .insertInto('items')
        .values(rows.slice(k, k + 1000))
        .execute();
  }
  // Each county has the bundles (一件事) the seeded county has, as search documents.
  const documents = await p.ctx.db.selectFrom('search_documents').selectAll().where('region_code', '=', '610922').execute();
  for (const region of counties)
    if (documents.length)
      await p.ctx.db
        .insertInto('search_documents')
        .values(documents.map(({ ref_id: _r, updated_at: _u, ...d }) => ({ ...d, ref_id: crypto.randomUUID(), region_code: region })))
        .execute();
  await sql`ANALYZE items`.execute(p.ctx.db);
  await sql`ANALYZE search_documents`.execute(p.ctx.db);
  console.log(
    `loaded ${made} items (the 石泉县 catalog in ${Math.ceil(made / seeded.length)} counties' departments) in ${((Date.now() - t0) / 1000).toFixed(1)} s (${p.database.mode})`,
  );
  const anyCode = (await p.ctx.db.selectFrom('items').select('implementation_code').limit(1).executeTakeFirstOrThrow()).implementation_code;
  const runs = 300;
  const results = [
    await measure('baseline: GET /api/v1/items/:code (one row)', runs, () => p.app.inject({ url: `/api/v1/items/${anyCode}` })),
    await measure('search q=… regionCode=610922', runs, (i) =>
      p.app.inject({ url: `/api/v1/items?q=${encodeURIComponent(queries[i % queries.length])}&regionCode=610922` }),
    ),
    await measure('search q=… (whole catalog)', runs, (i) =>
      p.app.inject({ url: `/api/v1/items?q=${encodeURIComponent(queries[i % queries.length])}` }),
    ),
    await measure('items+bundles /search q=… regionCode=610922', runs, (i) =>
      p.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(queries[i % queries.length])}&regionCode=610922` }),
    ),
    await measure('items+bundles /search q=… (whole catalog)', runs, (i) =>
      p.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(queries[i % queries.length])}` }),
    ),
    await measure('/search life events regionCode=610922', runs, (i) =>
      p.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(lifeEvents[i % lifeEvents.length])}&regionCode=610922` }),
    ),
    await measure('/search life events (whole catalog)', runs, (i) =>
      p.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(lifeEvents[i % lifeEvents.length])}` }),
    ),
  ];
  const perQuery = [];
  for (const q of queries) {
    perQuery.push(await measure(`  q=${q}`, 40, () => p.app.inject({ url: `/api/v1/items?q=${encodeURIComponent(q)}` })));
  }
  const base = results[0].p99;
  console.log(`\n${N} items, ${runs} requests each, in-process HTTP (app.inject)`);
  console.log('\nper query, whole catalog (40 requests each):');
  for (const r of perQuery)
    console.log(`  ${r.label.padEnd(20)} p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms`);
  for (const r of results)
    console.log(
      `  ${r.label.padEnd(46)} p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms  (p99 ×${(r.p99 / base).toFixed(2)})`,
    );
  if (args.includes('--explain')) {
    // EXPLAIN ANALYZE of every statement of a whole-catalog search, per query (the profile behind the p99).
    const captured: CompiledQuery[] = [];
    const spy: KyselyPlugin = {
      transformQuery: (a) => {
        captured.push(p.ctx.db.getExecutor().compileQuery(a.node, a.queryId));
        return a.node;
      },
      transformResult: async (a) => a.result,
    };
    const ctx = { ...p.ctx, db: p.ctx.db.withPlugin(spy) };
    for (const q of queries) {
      captured.length = 0;
      await catalogSearch.searchItems(ctx, { q, page: 1, pageSize: 20 });
      console.log(`\n── EXPLAIN ANALYZE, whole catalog, q=${q}: ${captured.length} statements`);
      for (const c of captured) {
        const plan = await p.ctx.db.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${c.sql}`, [...c.parameters]),
        );
        const lines = plan.rows.map((r) => r['QUERY PLAN']);
        console.log(`  ${c.sql.replace(/\s+/g, ' ').slice(0, 100)}…`);
        for (const l of lines) console.log(`    ${l}`);
      }
    }
  }
} finally {
  await p.close();
}
