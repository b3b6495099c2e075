/**
 * `npm run bench -- foundation`: costs of the foundation's durable writes, as ratios against a baseline measured
 * in the same run on the same database (this machine is shared and noisy; ratios travel, seconds don't).
 *   - audit append vs a plain single-row INSERT transaction, one at a time and 32 concurrent transactions
 *     (the append used to update the chain's head row and hold its lock to commit; now it inserts a
 *     pending row and the sealer chains it), and the sealer's rate on a backlog
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

/** `n` operations spread over `clients` concurrent loops: ms per operation (wall time / n). */
async function timeConcurrent(label: string, n: number, clients: number, fn: (i: number) => Promise<unknown>) {
  await Promise.all(Array.from({ length: clients }, (_, w) => fn(-1 - w))); // warm-up
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, w) => {
      for (let i = w; i < n; i += clients) await fn(i);
    }),
  );
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { label, n, msPerOp: ms / n };
}

const CONCURRENT = 32;

async function benchOn(p: TestPlatform) {
  const db = p.ctx.db;
  await sql`CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, payload text NOT NULL)`.execute(db);
  const base = await time('baseline: INSERT in a transaction', N, (i) =>
    db.transaction().execute((trx) => sql`INSERT INTO bench_baseline (payload) VALUES (${`row ${i}`})`.execute(trx)),
  );
  const appendOne = await time('audit append (HMAC-SM3 chain)', N, (i) =>
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
  const baseC = await timeConcurrent(`baseline: INSERT, ${CONCURRENT} concurrent`, N, CONCURRENT, (i) =>
    db.transaction().execute((trx) => sql`INSERT INTO bench_baseline (payload) VALUES (${`row ${i}`})`.execute(trx)),
  );
  const auditC = await timeConcurrent(`audit append, ${CONCURRENT} concurrent`, N, CONCURRENT, (i) =>
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
  // The sealer's rate on a backlog (absent before the sealer existed): append N with the loop stopped, then seal them.
  const audit = (await import('../src/server/platform/audit.ts')) as Record<string, unknown>;
  const sealAll = audit.sealAllAuditEvents as ((db: unknown, key: Uint8Array) => Promise<number>) | undefined;
  const sealer = (p as unknown as { sealer?: { stop(): Promise<void>; start(): void } }).sealer;
  let seal: { label: string; n: number; msPerOp: number } | null = null;
  if (sealAll && sealer) {
    await sealer.stop();
    for (let i = 0; i < N; i++)
      await db.transaction().execute((trx) =>
        appendAuditEvent(trx, p.ctx.auditKey, {
          actor: null,
          action: 'bench.seal',
          entityType: 'bench',
          entityId: String(i),
          after: { i },
        }),
      );
    const t0 = process.hrtime.bigint();
    const sealed = await sealAll(db, p.ctx.auditKey);
    seal = { label: 'sealing a backlog (batches of 1000)', n: sealed, msPerOp: Number(process.hrtime.bigint() - t0) / 1e6 / sealed };
    sealer.start();
  }
  const job = await time('job enqueue in a transaction', N, (i) =>
    db.transaction().execute((trx) => p.ctx.jobs.enqueue(trx, 'system.probe', { marker: `bench-${i}` })),
  );
  const health = await time('baseline: GET /healthz', N, () => p.app.inject({ url: '/healthz' }));
  const citizen = await login(p.app, 'citizen1');
  const me = await time('GET /api/v1/auth/me (bearer)', N, () => citizen.get('/api/v1/auth/me'));
  const regions = await time('GET /api/v1/regions?parentCode=610922', N, () => p.app.inject({ url: '/api/v1/regions?parentCode=610922' }));
  return [
    { ...base, ratio: 1 },
    { ...appendOne, ratio: appendOne.msPerOp / base.msPerOp },
    { ...baseC, ratio: 1 },
    { ...auditC, ratio: auditC.msPerOp / baseC.msPerOp },
    ...(seal ? [{ ...seal, ratio: seal.msPerOp / base.msPerOp }] : []),
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
