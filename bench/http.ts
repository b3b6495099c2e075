/**
 * `npm run bench -- http`: the platform over HTTP, the server in its own process (`src/server/main.ts
 * start`), this process only generating load (undici, one connection per client, closed loop):
 *   - durable submissions (POST /api/v1/cases: a realistic form, materials from the Wallet, its own
 *     Idempotency-Key) at 1, 16 and 64 clients; baseline: single-row INSERTs of a 1 KB jsonb document,
 *     each its own transaction with synchronous_commit on, through the same `pg` driver at the same
 *     concurrency (PostgreSQL: the same server; embedded: a PGlite of this process behind the same
 *     socket server the platform uses);
 *   - full cases per second: submit → accept → review → decide, 16 clients;
 *   - reads at 64 clients: a guide by code, a catalog search, my cases, a case with its timeline;
 *     baseline: a bare Fastify route answering the same bytes (bench/bare-server.ts, its own process).
 * Each measure runs BENCH_SECONDS (default 8) after a 1 s warm-up. `--db pglite|postgres` picks one.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Pool as HttpPool } from 'undici';
import { openDatabase } from '../src/server/platform/db.ts';
import { freePort, repoRoot, startPlatform } from '../test/e2e/server.ts';
import { login, prepareSubmission } from '../test/faults/support.ts';
import { benchPostgresUrl, freshPostgresDatabase, reachable, writeReport } from './support.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const only = process.argv.includes('--db') ? process.argv[process.argv.indexOf('--db') + 1] : null;
const doc = JSON.stringify({ form: { companyName: '石泉县测试商贸有限公司', legalRep: '张三', capital: 100, note: 'x'.repeat(900) } });

type Result = { label: string; clients: number; perSecond: number; p50Ms: number; p99Ms: number; errors: number; n: number };

/** Runs `op` in `clients` closed loops for SECONDS (after a 1 s warm-up) and reports throughput and latency. */
async function closedLoop(label: string, clients: number, op: (worker: number, i: number) => Promise<boolean>): Promise<Result> {
  const lat: number[] = [];
  let errors = 0;
  let measuring = false;
  let stop = false;
  const worker = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const t0 = performance.now();
      const ok = await op(w, i).catch(() => false);
      if (!measuring) continue;
      if (ok) lat.push(performance.now() - t0);
      else errors++;
    }
  };
  const running = Array.from({ length: clients }, (_, w) => worker(w));
  await new Promise((r) => setTimeout(r, 1000));
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  stop = true;
  await Promise.all(running);
  lat.sort((a, b) => a - b);
  const q = (p: number) => Math.round((lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? 0) * 10) / 10;
  const r = {
    label,
    clients,
    perSecond: Math.round((lat.length / elapsed) * 10) / 10,
    p50Ms: q(0.5),
    p99Ms: q(0.99),
    errors,
    n: lat.length,
  };
  console.log(
    `  ${label.padEnd(34)} ${String(clients).padStart(3)} clients: ${String(r.perSecond).padStart(8)}/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms${errors ? `  (${errors} errors)` : ''}`,
  );
  return r;
}

/** The raw-insert baseline through `pg` at the given concurrency. */
async function insertBaseline(url: string, clients: number): Promise<Result> {
  const pool = new pg.Pool({ connectionString: url, max: clients });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, doc jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())',
  );
  await pool.query('SET synchronous_commit = on');
  const r = await closedLoop('baseline: raw INSERT', clients, async () => {
    await pool.query('INSERT INTO bench_insert (doc) VALUES ($1)', [doc]);
    return true;
  });
  await pool.end();
  return r;
}

async function bareServer(bytes: Buffer, type: string): Promise<{ url: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-bare-'));
  const file = join(dir, 'body');
  writeFileSync(file, bytes);
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts', String(port), file, type], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) =>
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    }),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function runOn(target: 'pglite' | 'postgres') {
  console.log(`\n${target}:`);
  const pgdb = target === 'postgres' ? await freshPostgresDatabase(benchPostgresUrl) : null;
  const env: Record<string, string> = {
    LOGIN_RATE_PER_MINUTE: '100000',
    LOG_LEVEL: 'warn',
    ADMIT_MAX_WAIT_MS: '60000',
    ADMIT_QUEUE: '100000',
    ADMIT_MAX_LAG_MS: '60000',
    ...(pgdb ? { DATABASE_URL: pgdb.url, TONGBAN_DEMO: '1', TONGBAN_MASTER_KEY: randomBytes(32).toString('hex') } : {}),
  };
  const server = await startPlatform({ timeoutMs: 600_000, env });
  const http = new HttpPool(server.baseUrl, { connections: 128, pipelining: 1 });
  const results: Result[] = [];
  const baselines: Result[] = [];
  let auditAfter = { ok: false, checked: 0, pending: -1 };
  try {
    const s = await prepareSubmission(server.baseUrl);
    const staff = Object.fromEntries(
      await Promise.all(['clerk1', 'reviewer1', 'approver1'].map(async (u) => [u, await login(server.baseUrl, u)] as const)),
    );
    const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    const post = async (path: string, token: string, body: unknown, extra: Record<string, string> = {}) => {
      const res = await http.request({ method: 'POST', path, headers: { ...auth(token), ...extra }, body: JSON.stringify(body) });
      const text = await res.body.text();
      return { status: res.statusCode, json: text ? JSON.parse(text) : null };
    };
    const get = async (path: string, token: string) => {
      const res = await http.request({ method: 'GET', path, headers: auth(token) });
      const bytes = Buffer.from(await res.body.arrayBuffer());
      return { status: res.statusCode, bytes, type: String(res.headers['content-type']) };
    };
    const run = randomBytes(3).toString('hex');
    const submitOne = async (w: number, i: number) =>
      (await post('/api/v1/cases', s.citizen, s.body, { 'idempotency-key': `http-${run}-${w}-${i}-${Math.random()}` })).status === 201;

    // Baseline database: PostgreSQL itself, or a PGlite of this process behind pglite-socket.
    const embedded = target === 'pglite' ? await openDatabase({ pgliteDir: null }) : null;
    const baselineUrl = embedded ? embedded.url : pgdb!.url;
    for (const clients of [1, 16, 64]) {
      const base = await insertBaseline(baselineUrl, embedded ? 1 : clients);
      baselines.push({ ...base, clients });
      results.push(await closedLoop('durable submission', clients, submitOne));
    }
    await embedded?.close();

    results.push(
      await closedLoop('full case (4 steps)', 16, async (w, i) => {
        let c = (await post('/api/v1/cases', s.citizen, s.body, { 'idempotency-key': `full-${run}-${w}-${i}` })).json;
        for (const [who, action, body] of [
          ['clerk1', 'accept', {}],
          ['reviewer1', 'review', { opinion: 'approve', comment: '同意' }],
          ['approver1', 'decide', { decision: 'approved' }],
        ] as const) {
          const r = await post(`/api/v1/cases/${c.id}/${action}`, staff[who], { version: c.version, ...body });
          if (r.status !== 200) return false;
          c = r.json;
        }
        return true;
      }),
    );

    const mine = await get('/api/v1/cases?pageSize=1', s.citizen);
    const caseId = JSON.parse(mine.bytes.toString()).items[0].id as string;
    const reads: Array<[string, string]> = [
      ['read: guide by code', `/api/v1/items/${s.code}`],
      ['read: catalog search 营业执照', `/api/v1/items?q=${encodeURIComponent('营业执照')}&pageSize=10`],
      ['read: my cases', '/api/v1/cases?pageSize=20'],
      ['read: a case with its timeline', `/api/v1/cases/${caseId}`],
    ];
    for (const [label, path] of reads) {
      const sample = await get(path, s.citizen);
      const bare = await bareServer(sample.bytes, sample.type);
      const barePool = new HttpPool(bare.url, { connections: 128, pipelining: 1 });
      const base = await closedLoop(`baseline: bare route, ${sample.bytes.length} B`, 64, async () => {
        const res = await barePool.request({ method: 'GET', path: '/bare' });
        await res.body.arrayBuffer();
        return res.statusCode === 200;
      });
      baselines.push({ ...base, label: `bare route for ${label}` });
      results.push(await closedLoop(label, 64, async () => (await get(path, s.citizen)).status === 200));
      await barePool.close();
      bare.stop();
    }

    // The audit chain after the run: every event of the load sealed (within seconds) and the chain verifies.
    const auditor = await login(server.baseUrl, 'auditor1');
    let check = (await post('/api/v1/audit-events/verify', auditor, {})).json;
    for (let waited = 0; check?.pending > 0 && waited < 60; waited++) {
      await new Promise((done) => setTimeout(done, 1000));
      check = (await post('/api/v1/audit-events/verify', auditor, {})).json;
    }
    auditAfter = { ok: check?.ok === true, checked: check?.checked ?? 0, pending: check?.pending ?? -1 };
    console.log(
      `  audit chain after the run: ${auditAfter.ok ? 'verifies' : 'DOES NOT VERIFY'}, ${auditAfter.checked} events checked, ${auditAfter.pending} pending`,
    );
  } finally {
    await http.close();
    await server.stop();
    await pgdb?.drop();
  }
  if (!auditAfter.ok) process.exitCode = 1;
  return { target, results, baselines, auditAfter };
}

/**
 * The goal table of issue 24 ("Goals"), from this run's own figures: each figure beside the baseline measured in the
 * same run, the share, the goal and whether it is met. Rows measured by other benches name them.
 */
function goalTable(r: Awaited<ReturnType<typeof runOn>>): string {
  const by = (label: string, clients?: number) =>
    r.results.find((x) => x.label === label && (clients === undefined || x.clients === clients));
  const base = (label: string) => r.baselines.find((x) => x.label === label);
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
  const rows: string[][] = [];
  const ratio = (figure: string, res: Result | undefined, b: Result | undefined, share: number, p99?: number) => {
    if (!res || !b) return rows.push([figure, '—', '—', '—', `≥ ${share} %${p99 ? `, p99 ≤ ${p99} ms` : ''}`, 'not measured']);
    const s = (100 * res.perSecond) / b.perSecond;
    const met = s >= share && (p99 === undefined || res.p99Ms <= p99);
    rows.push([
      figure,
      `${res.perSecond}/s, p99 ${res.p99Ms} ms`,
      `${b.perSecond}/s`,
      pct(res.perSecond, b.perSecond),
      `≥ ${share} %${p99 ? `, p99 ≤ ${p99} ms` : ''}`,
      met ? 'yes' : 'no',
    ]);
  };
  ratio('durable submissions / raw INSERT (64 clients)', by('durable submission', 64), r.baselines[2], 15, 100);
  const full = by('full case (4 steps)');
  rows.push([
    'full cases (4 steps), 16 clients',
    full ? `${full.perSecond}/s` : '—',
    '— (absolute)',
    '—',
    '≥ 150/s',
    full && full.perSecond >= 150 ? 'yes' : 'no',
  ]);
  ratio(
    'catalog search 营业执照 / bare route',
    by('read: catalog search 营业执照'),
    base('bare route for read: catalog search 营业执照'),
    25,
    20,
  );
  ratio('my cases / bare route', by('read: my cases'), base('bare route for read: my cases'), 25);
  ratio(
    'a case with its timeline / bare route',
    by('read: a case with its timeline'),
    base('bare route for read: a case with its timeline'),
    25,
  );
  ratio('guide by code / bare route', by('read: guide by code'), base('bare route for read: guide by code'), 50);
  rows.push(['whole-catalog search p99 at 100k items', '— (`npm run bench -- catalog`)', '—', '—', '< 20 ms', 'not in this bench']);
  rows.push([
    'opening minute (20,000 applicants in 10 s)',
    '— (`npm run bench -- opening`)',
    '—',
    '—',
    '0 failures; ≥ 3× admitted',
    'not in this bench',
  ]);
  const head = ['figure', 'this run', 'baseline of this run', 'share', 'goal', 'met?'];
  return [head, head.map(() => '---'), ...rows].map((x) => `| ${x.join(' | ')} |`).join('\n');
}

const report = [];
for (const target of ['pglite', 'postgres'] as const) {
  if (only && only !== target) continue;
  if (target === 'postgres' && !(await reachable(benchPostgresUrl))) {
    console.log(`(no PostgreSQL at ${benchPostgresUrl}: skipped)`);
    continue;
  }
  report.push(await runOn(target));
}
for (const r of report) console.log(`\nGoals (issue 24), ${r.target}, ${SECONDS} s per measure:\n${goalTable(r)}`);
writeReport('http', { at: new Date().toISOString(), seconds: SECONDS, report });
