/**
 * `npm run bench -- cases`: durable case submissions and full cases per second on one node, each
 * as a ratio to a baseline measured in the same run on the same database:
 *   - baseline: a raw single-row INSERT (a 1 KB jsonb document) in its own transaction through the
 *     same `pg` driver, at the same concurrency (synchronous_commit on, the server default);
 *   - submission: upload one small PDF + POST /api/v1/cases (form, material check, SM4-encrypted
 *     form, case number, timeline, audit chain, notification, SMS job), through the HTTP stack;
 *   - full case: submit → accept → review → decide (the clock computed at each step).
 * Runs on PGlite and on PostgreSQL (BENCH_DATABASE_URL, TEST_DATABASE_URL or 127.0.0.1:5432).
 * In-process (app.inject): it measures the server's work, not the network; issue 9 adds a separate load generator.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { login, makeCitizen, type Client } from '../test/api/client.ts';
import { act, companyForm, pdfBytes, publishItem, upload } from '../test/api/factories/case.ts';
import type { TestPlatform } from '../test/api/platform.ts';
import { onEachDatabase, writeReport } from './support.ts';

const N = Number(process.env.BENCH_N ?? 300);
const FULL = Number(process.env.BENCH_FULL ?? 100);

/** Runs n operations with `concurrency` workers; returns ops/s and latency percentiles. */
async function load(label: string, n: number, concurrency: number, op: (i: number) => Promise<void>) {
  for (let i = 0; i < Math.min(10, n); i++) await op(-1 - i);
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const s = performance.now();
        await op(i);
        lat.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const pct = (q: number) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))];
  return { label, n, concurrency, perSecond: n / seconds, p50: pct(0.5), p99: pct(0.99) };
}

async function benchOn(p: TestPlatform) {
  const db = p.ctx.db;
  await sql`CREATE TABLE IF NOT EXISTS bench_cases_baseline (id bigserial PRIMARY KEY, doc jsonb NOT NULL)`.execute(db);
  const doc = JSON.stringify({ form: companyForm, padding: 'x'.repeat(900) });
  const { code } = await publishItem(p, { promisedLimit: { value: 5, unit: 'workday' } });
  const c = await makeCitizen(p.ctx);
  const citizen = await login(p.app, c.username, c.password);
  const clerk = await login(p.app, 'clerk1');
  const reviewer = await login(p.app, 'reviewer1');
  const approver = await login(p.app, 'approver1');
  const idCard = await upload(p, citizen, 'id.pdf');
  const articles = await upload(p, citizen, 'articles.pdf');

  const submit = async (client: Client, i: number) => {
    const application = await upload(p, client, `application-${i}.pdf`, pdfBytes(`application ${i} ${randomBytes(4).toString('hex')}`));
    const res = await client.post(
      '/api/v1/cases',
      {
        itemCode: code,
        situationKey: 'limitedCompany',
        formData: companyForm,
        materials: [
          { requirementKey: 'application', materialId: application },
          { requirementKey: 'articles', materialId: articles },
          { requirementKey: 'idCard', materialId: idCard },
        ],
      },
      { 'idempotency-key': `bench-${i}-${randomBytes(6).toString('hex')}` },
    );
    if (res.statusCode !== 201) throw new Error(`submit ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const rows = [];
  for (const concurrency of [1, 16]) {
    const base = await load('baseline: raw INSERT (1 KB jsonb) in a transaction', N, concurrency, async () => {
      await db.transaction().execute((trx) => sql`INSERT INTO bench_cases_baseline (doc) VALUES (${doc}::jsonb)`.execute(trx));
    });
    const sub = await load('submission: upload PDF + POST /api/v1/cases', N, concurrency, async (i) => {
      await submit(citizen, i);
    });
    rows.push({ ...base, ratio: 1 }, { ...sub, ratio: base.perSecond / sub.perSecond });
  }
  const base = rows[0];
  const full = await load('full case: submit → accept → review → decide', FULL, 1, async (i) => {
    let x = await submit(citizen, 100_000 + i);
    x = (await act(clerk, x, 'accept')).json();
    x = (await act(reviewer, x, 'review', { opinion: 'approve', comment: '同意' })).json();
    const d = await act(approver, x, 'decide', { decision: 'approved' });
    if (d.statusCode !== 200) throw new Error(`decide ${d.statusCode} ${d.body}`);
  });
  rows.push({ ...full, ratio: base.perSecond / full.perSecond });
  const stored = Number(
    (
      await db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { rows, stored };
}

const report: Record<string, unknown> = { date: new Date().toISOString(), n: N, full: FULL, node: process.version };
await onEachDatabase(async (p, target) => {
  const { rows, stored } = await benchOn(p);
  report[target] = { rows, stored };
  console.log(`\n${target}: ${stored} cases stored`);
  for (const r of rows) {
    console.log(
      `  ${r.label.padEnd(52)} c=${String(r.concurrency).padStart(2)} ${r.perSecond.toFixed(1).padStart(8)}/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${r.ratio === 1 ? 'baseline' : `baseline is ×${r.ratio.toFixed(1)} faster`}`,
    );
  }
});
writeReport('cases', report);
