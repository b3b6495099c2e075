/**
 * Lists at 100,000 cases (issue 24, item 4): p50/p99 of "my cases" for an applicant holding 100,000 cases and of
 * the staff queues of a department holding the same 100,000, first pages, deep pages by page number and deep
 * pages by cursor (`after`), against an authenticated one-row read (`GET /api/v1/auth/me`) in the same run.
 * In-process HTTP (`app.inject`), so the figures include the session lookup, validation and serialisation.
 * Usage: npm run bench -- lists [--cases 100000] [--db postgres|pglite]
 */
import { sql } from 'kysely';
import { login, makeCitizen } from '../test/api/client.ts';
import { makeCase, publishItem } from '../test/api/factories/case.ts';
import { startTestPlatform } from '../test/api/platform.ts';
import { benchPostgresUrl, writeReport } from './support.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const N = Number(arg('cases', '100000'));
const RUNS = Number(arg('runs', '300'));
const db = arg('db', 'postgres') === 'postgres' ? 'postgres' : 'pglite';
process.env.TEST_DATABASE_URL ??= benchPostgresUrl;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function measure(label: string, fn: (i: number) => Promise<{ statusCode: number; body: string }>) {
  for (let i = 0; i < 30; i++) {
    const r = await fn(i);
    if (r.statusCode !== 200) throw new Error(`${label}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  }
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { label, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

const p = await startTestPlatform({ db, env: { LOGIN_RATE_PER_MINUTE: '100000' } });
try {
  const { code } = await publishItem(p);
  const made = await makeCitizen(p.ctx);
  const citizen = await login(p.app, made.username, made.password);
  const template = await makeCase(p, citizen, code);
  const reviewer = await login(p.app, 'reviewer1');
  // 100,000 cases of the one applicant in the one department, over ~3 years: 70 % done, the rest open in
  // several states (some of them overdue), promised due days spread over two months.
  const t0 = Date.now();
  // The supervision rollups are not what this measures: their trigger is off while loading.
  await sql`ALTER TABLE cases DISABLE TRIGGER supervision_rollup_cases_insert`.execute(p.ctx.db);
  for (let from = 1; from <= N; from += 10_000) {
    const to = Math.min(N, from + 9_999);
    await sql`
      INSERT INTO cases
      SELECT r.*
      FROM (SELECT to_jsonb(c) AS j, c.created_at FROM cases c WHERE c.id = ${template.id}) t
      CROSS JOIN generate_series(${from}::int, ${to}::int) g
      CROSS JOIN LATERAL jsonb_populate_record(NULL::cases, t.j || jsonb_build_object(
        'id', gen_random_uuid(),
        'number', 'L' || lpad(g::text, 9, '0'),
        'idempotency_key', NULL,
        'created_at', t.created_at - make_interval(secs => g * 900),
        'submitted_at', t.created_at - make_interval(secs => g * 900),
        'status', CASE WHEN g % 20 < 14 THEN 'completed' WHEN g % 20 IN (14, 15, 18) THEN 'accepted'
                       WHEN g % 20 = 16 THEN 'review' WHEN g % 20 = 17 THEN 'submitted' ELSE 'rejected' END,
        'warning_level', CASE WHEN g % 20 = 18 THEN 'red' WHEN g % 40 = 15 THEN 'yellow' ELSE 'none' END,
        'promised_due_on', CASE WHEN g % 20 BETWEEN 14 AND 18 AND g % 20 <> 17 THEN (DATE '2026-12-01' + (g % 60)) ELSE NULL END
      )) r`.execute(p.ctx.db);
  }
  await sql`ALTER TABLE cases ENABLE TRIGGER supervision_rollup_cases_insert`.execute(p.ctx.db);
  const t1 = Date.now();
  await sql`VACUUM ANALYZE cases`.execute(p.ctx.db);
  console.log(
    `loaded ${N} cases of one applicant in one department in ${((t1 - t0) / 1000).toFixed(1)} s, vacuumed in ${((Date.now() - t1) / 1000).toFixed(1)} s (${db})`,
  );

  /** The cursor after `pages` pages of 20 (undefined when the API has no cursors). */
  async function cursorAfter(url: string, pages: number): Promise<string | undefined> {
    let cursor: string | undefined;
    for (let i = 0; i < pages; i++) {
      const r = (await citizenOr(url).get(`${url}${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`)).json();
      if (!r.nextCursor) return undefined;
      cursor = r.nextCursor;
    }
    return cursor;
  }
  const citizenOr = (url: string) => (url.startsWith('/api/v1/staff') ? reviewer : citizen);
  const lists: [string, string][] = [
    ['my cases', '/api/v1/cases?pageSize=20'],
    ['my cases, status=accepted', '/api/v1/cases?pageSize=20&status=accepted'],
    ['staff queue open', '/api/v1/staff/cases?queue=open&pageSize=20'],
    ['staff queue toReview', '/api/v1/staff/cases?queue=toReview&pageSize=20'],
    ['staff queue overdue', '/api/v1/staff/cases?queue=overdue&pageSize=20'],
    ['staff queue done', '/api/v1/staff/cases?queue=done&pageSize=20'],
  ];
  const results = [await measure('baseline: GET /api/v1/auth/me (session + profile)', () => citizen.get('/api/v1/auth/me'))];
  for (const [label, url] of lists) {
    const client = citizenOr(url);
    results.push(await measure(`${label}, page 1`, () => client.get(url)));
    results.push(await measure(`${label}, page 100 (offset)`, () => client.get(`${url}&page=100`)));
    const deep = await cursorAfter(url, 99);
    if (deep) results.push(await measure(`${label}, page 100 (cursor)`, () => client.get(`${url}&after=${encodeURIComponent(deep)}`)));
  }
  const base = results[0].p99;
  console.log(`\n${N} cases, ${RUNS} requests each, in-process HTTP (app.inject), ${db}`);
  for (const r of results)
    console.log(
      `  ${r.label.padEnd(48)} p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms  (p99 ×${(r.p99 / base).toFixed(2)})`,
    );
  writeReport('lists', { cases: N, runs: RUNS, db, results });
} finally {
  await p.close();
}
