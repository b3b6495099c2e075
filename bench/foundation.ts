/**
 * `npm run bench -- foundation`: costs of the foundation's durable writes, as ratios against a baseline measured
 * in the same run on the same database (this machine is shared and noisy; ratios travel, seconds don't).
 *   - audit append (HMAC-SM3 chain, head row lock) vs a plain single-row INSERT transaction
 *   - an authenticated API read (session lookup + query) vs GET /healthz through the same HTTP stack
 *   - job enqueue inside a transaction vs the plain INSERT transaction
 * Runs on PGlite, and on PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is reachable.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { appendAuditEvent } from '../src/server/platform/audit.ts';
import { login } from '../test/api/client.ts';
import { startTestPlatform, type TestPlatform } from '../test/api/platform.ts';

const N = Number(process.env.BENCH_N ?? 400);

async function time(label: string, n: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, n); i++) await fn(-1 - i); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { label, n, msPerOp: ms / n };
}

async function benchOn(p: TestPlatform) {
  const db = p.ctx.db;
  await sql`CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, payload text NOT NULL)`.execute(db);
  const base = await time('baseline: INSERT in a transaction', N, (i) =>
    db.transaction().execute((trx) => sql`INSERT INTO bench_baseline (payload) VALUES (${`row ${i}`})`.execute(trx)),
  );
  const audit = await time('audit append (HMAC-SM3 chain)', N, (i) =>
    db.transaction().execute((trx) =>
      appendAuditEvent(trx, p.ctx.auditKey, {
        actor: null,
        action: 'bench.append',
        entityType: 'bench',
        entityId: String(i),
        after: { i },
      }),
    ),
  );
  const job = await time('job enqueue in a transaction', N, (i) =>
    db.transaction().execute((trx) => p.ctx.jobs.enqueue(trx, 'system.probe', { marker: `bench-${i}` })),
  );
  const health = await time('baseline: GET /healthz', N, () => p.app.inject({ url: '/healthz' }));
  const citizen = await login(p.app, 'citizen1');
  const me = await time('GET /api/v1/auth/me (bearer)', N, () => citizen.get('/api/v1/auth/me'));
  const regions = await time('GET /api/v1/regions?parentCode=610922', N, () => p.app.inject({ url: '/api/v1/regions?parentCode=610922' }));
  return [
    { ...base, ratio: 1 },
    { ...audit, ratio: audit.msPerOp / base.msPerOp },
    { ...job, ratio: job.msPerOp / base.msPerOp },
    { ...health, ratio: 1 },
    { ...me, ratio: me.msPerOp / health.msPerOp },
    { ...regions, ratio: regions.msPerOp / health.msPerOp },
  ];
}

async function reachable(url: string) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const report: Record<string, unknown> = { date: new Date().toISOString(), n: N, node: process.version };
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
for (const target of ['pglite', 'postgres'] as const) {
  if (target === 'postgres') {
    if (!(await reachable(pgUrl))) {
      console.log(`\n(no PostgreSQL at ${pgUrl}: skipped)`);
      continue;
    }
    process.env.TEST_DB = 'postgres';
    process.env.TEST_DATABASE_URL = pgUrl;
  }
  const p = await startTestPlatform({ handlers: { 'system.probe': async () => undefined }, env: { LOGIN_RATE_PER_MINUTE: '100000' } });
  try {
    const rows = await benchOn(p);
    report[target] = rows;
    console.log(`\n${target} (${N} operations each)`);
    for (const r of rows) console.log(`  ${r.label.padEnd(42)} ${r.msPerOp.toFixed(3).padStart(8)} ms/op   ×${r.ratio.toFixed(2)}`);
  } finally {
    await p.close();
  }
}
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/foundation-${randomBytes(3).toString('hex')}.json`;
writeFileSync(file, JSON.stringify(report, null, 2));
console.log(`\nwritten to ${file}`);
