/**
 * `npm run bench -- opening`: the opening minute. 20,000 simulated applicants (BENCH_APPLICANTS)
 * arrive evenly within 10 s (BENCH_WINDOW_MS); each reads the guide (GET /api/v1/items/:code) and
 * submits an application (POST /api/v1/cases, a realistic form, materials from the Wallet, its own
 * Idempotency-Key). The server is the real platform in its own process (`src/server/main.ts start`,
 * default admission control); this process is only the load generator (undici, one connection per
 * applicant in flight). Reported: every request's outcome — admitted, refused with 503 + Retry-After
 * (deliberate, admission control), or failed (anything else, timeouts and socket errors included: the
 * goal is zero) — latency of the admitted, and whether every acknowledged submission is stored once.
 * Runs on PGlite (embedded) and on PostgreSQL (BENCH_DATABASE_URL / 127.0.0.1:5432); `--db` picks one.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'undici';
import { startPlatform } from '../test/e2e/server.ts';
import { prepareSubmission } from '../test/faults/support.ts';
import { benchPostgresUrl, freshPostgresDatabase, reachable, writeReport } from './support.ts';

const APPLICANTS = Number(process.env.BENCH_APPLICANTS ?? 20_000);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 10_000);
const only = process.argv.includes('--db') ? process.argv[process.argv.indexOf('--db') + 1] : null;

type Outcome = { status: number; ms: number; retryAfter: boolean; error?: string };

const agent = new Agent({ connections: 4096, pipelining: 1, headersTimeout: 120_000, bodyTimeout: 120_000, connectTimeout: 30_000 });

async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Outcome & { json?: unknown }> {
  const t0 = performance.now();
  try {
    const res = await request(`${base}${path}`, {
      method,
      dispatcher: agent,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.body.text();
    return {
      status: res.statusCode,
      ms: performance.now() - t0,
      retryAfter: res.headers['retry-after'] !== undefined,
      json: text ? JSON.parse(text) : undefined,
    };
  } catch (error) {
    const e = error as Error & { code?: string };
    return { status: 0, ms: performance.now() - t0, retryAfter: false, error: e.code ?? e.name };
  }
}

function summary(outcomes: Outcome[]) {
  const ok = outcomes.filter((o) => o.status >= 200 && o.status < 300);
  const refused = outcomes.filter((o) => o.status === 503 && o.retryAfter);
  const failed = outcomes.filter((o) => !(o.status >= 200 && o.status < 300) && !(o.status === 503 && o.retryAfter));
  const lat = ok.map((o) => o.ms).sort((a, b) => a - b);
  const q = (p: number) => (lat.length ? Math.round(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]) : null);
  const refusedMs = refused.map((o) => o.ms).sort((a, b) => a - b);
  const failures: Record<string, number> = {};
  for (const f of failed) failures[f.error ?? String(f.status)] = (failures[f.error ?? String(f.status)] ?? 0) + 1;
  return {
    requests: outcomes.length,
    admitted: ok.length,
    refused503: refused.length,
    failed: failed.length,
    failures,
    admittedP50Ms: q(0.5),
    admittedP99Ms: q(0.99),
    admittedMaxMs: lat.length ? Math.round(lat[lat.length - 1]) : null,
    refusedP99Ms: refusedMs.length ? Math.round(refusedMs[Math.min(refusedMs.length - 1, Math.floor(0.99 * refusedMs.length))]) : null,
  };
}

async function runOn(target: 'pglite' | 'postgres') {
  const pgdb = target === 'postgres' ? await freshPostgresDatabase(benchPostgresUrl) : null;
  const env: Record<string, string> = {
    LOGIN_RATE_PER_MINUTE: '100000',
    LOG_LEVEL: 'warn',
    ...(pgdb ? { DATABASE_URL: pgdb.url, TONGBAN_DEMO: '1', TONGBAN_MASTER_KEY: randomBytes(32).toString('hex') } : {}),
  };
  const server = await startPlatform({ timeoutMs: 600_000, env });
  try {
    const base = server.baseUrl;
    const { code, citizen, body } = await prepareSubmission(base);
    const countCases = async () => ((await call(base, 'GET', '/api/v1/cases?pageSize=1', citizen)).json as { total: number }).total;
    const before = await countCases();
    const reads: Outcome[] = [];
    const writes: Outcome[] = [];
    const acknowledged = new Set<string>();
    const t0 = performance.now();
    const applicant = async (i: number) => {
      const guide = await call(base, 'GET', `/api/v1/items/${code}`, citizen);
      reads.push(guide);
      if (guide.status !== 200) return;
      const submitted = await call(base, 'POST', '/api/v1/cases', citizen, body, { 'idempotency-key': `opening-${target}-${i}` });
      writes.push(submitted);
      if (submitted.status === 201) acknowledged.add((submitted.json as { id: string }).id);
    };
    const running: Promise<void>[] = [];
    for (let i = 0; i < APPLICANTS; i++) {
      const due = t0 + (i * WINDOW_MS) / APPLICANTS;
      const wait = due - performance.now();
      if (wait > 4) await new Promise((r) => setTimeout(r, wait));
      running.push(applicant(i));
    }
    const arrivedInMs = Math.round(performance.now() - t0);
    await Promise.all(running);
    const totalMs = Math.round(performance.now() - t0);
    const after = await countCases();
    const ready = await call(base, 'GET', '/readyz', citizen);
    const result = {
      target,
      applicants: APPLICANTS,
      windowMs: WINDOW_MS,
      arrivedInMs,
      totalMs,
      guideReads: summary(reads),
      submissions: summary(writes),
      stored: {
        acknowledged: acknowledged.size,
        newCases: after - before,
        everyAcknowledgedStoredOnce: after - before === acknowledged.size,
      },
      serverAliveAfter: ready.status === 200,
    };
    const s = result.submissions;
    const g = result.guideReads;
    console.log(`\n${target}: ${APPLICANTS} applicants arrived in ${arrivedInMs} ms; all answered after ${totalMs} ms`);
    console.log(
      `  guide reads: ${g.admitted} ok, ${g.refused503} refused (503 + Retry-After), ${g.failed} failed ${JSON.stringify(g.failures)}; ok p50 ${g.admittedP50Ms} ms, p99 ${g.admittedP99Ms} ms`,
    );
    console.log(
      `  submissions: ${s.admitted} admitted, ${s.refused503} refused (503 + Retry-After), ${s.failed} failed ${JSON.stringify(s.failures)}; admitted p50 ${s.admittedP50Ms} ms, p99 ${s.admittedP99Ms} ms; refusals answered within p99 ${s.refusedP99Ms} ms`,
    );
    console.log(
      `  stored: ${result.stored.newCases} new cases for ${result.stored.acknowledged} acknowledged → ${result.stored.everyAcknowledgedStoredOnce ? 'every acknowledged submission stored exactly once' : 'MISMATCH'}; server ready afterwards: ${result.serverAliveAfter}`,
    );
    return result;
  } finally {
    await server.stop();
    await pgdb?.drop();
  }
}

const results = [];
for (const target of ['pglite', 'postgres'] as const) {
  if (only && only !== target) continue;
  if (target === 'postgres' && !(await reachable(benchPostgresUrl))) {
    console.log(`(no PostgreSQL at ${benchPostgresUrl}: skipped)`);
    continue;
  }
  results.push(await runOn(target));
}
writeReport('opening', { at: new Date().toISOString(), applicants: APPLICANTS, windowMs: WINDOW_MS, results });
await agent.close();
