import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { makeGuide } from '../api/factories/guide.ts';
import { pdfBytes } from '../api/factories/case.ts';
import { buildWebIfNeeded, freePort, repoRoot } from '../e2e/server.ts';
import { createScratchDatabase } from '../support/postgres.ts';

/** The PostgreSQL server of this machine (trust auth), where each fault test makes its own database. */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database on `base`; `drop()` removes it. */
export const freshDatabase = (base = postgresUrl) => createScratchDatabase(base, 'tongban_fault');

/**
 * One platform node as its own process (`src/server/main.ts start`) on a fixed port and data
 * directory, so that it can be killed with SIGKILL and started again on the same data.
 */
export class ServerNode {
  readonly port: number;
  readonly dataDir: string;
  private child: ChildProcess | null = null;
  private log = '';

  private constructor(
    port: number,
    dataDir: string,
    private env: Record<string, string>,
  ) {
    this.port = port;
    this.dataDir = dataDir;
  }

  static async create(env: Record<string, string>, dataDir?: string): Promise<ServerNode> {
    buildWebIfNeeded();
    return new ServerNode(await freePort(), dataDir ?? mkdtempSync(join(tmpdir(), 'tongban-fault-')), env);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  output(): string {
    return this.log;
  }

  /** Starts the process (with extra env for this start) and waits until /readyz answers 200. */
  async start(extraEnv: Record<string, string> = {}, timeoutMs = 300_000): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      DATA_DIR: this.dataDir,
      LOG_LEVEL: 'warn',
      ...this.env,
      ...extraEnv,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString('utf8')).slice(-40_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the node exited before it was ready:\n${this.log}`);
      if ((await readyStatus(this.baseUrl)) === 200) return;
      await sleep(300);
    }
    throw new Error(`the node was not ready within ${timeoutMs / 1000} s:\n${this.log}`);
  }

  /** kill -9: no shutdown hook runs, in-flight requests and transactions are cut. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** GET /readyz: its status, or 0 when nothing answers. */
export async function readyStatus(baseUrl: string): Promise<number> {
  try {
    return (await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) })).status;
  } catch {
    return 0;
  }
}

export async function login(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Tongban@2026' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export type Submission = { body: unknown; code: string; citizen: string };

/** Publishes a fresh item (admin1) and uploads citizen1's materials: what a submission needs. */
export async function prepareSubmission(baseUrl: string): Promise<Submission> {
  const admin = await login(baseUrl, 'admin1');
  const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const departments = (await (
    await fetch(`${baseUrl}/api/v1/departments?regionCode=610922&pageSize=100`, { headers: auth(admin) })
  ).json()) as { items: Array<{ id: string; key: string }> };
  const market = departments.items.find((d) => d.key === 'market');
  const created = await fetch(`${baseUrl}/api/v1/items`, {
    method: 'POST',
    headers: auth(admin),
    body: JSON.stringify({ departmentId: market?.id, guide: makeGuide() }),
  });
  if (created.status !== 201) throw new Error(`item: ${created.status} ${await created.text()}`);
  const code = ((await created.json()) as { implementationCode: string }).implementationCode;
  for (const step of ['submit', 'publish']) {
    const res = await fetch(`${baseUrl}/api/v1/items/${code}/${step}`, { method: 'POST', headers: auth(admin), body: '{}' });
    if (res.status !== 200) throw new Error(`${step}: ${res.status} ${await res.text()}`);
  }
  const citizen = await login(baseUrl, 'citizen1');
  const materials = [];
  for (const key of ['application', 'articles', 'idCard']) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdfBytes())], { type: 'application/pdf' }), `${key}.pdf`);
    const res = await fetch(`${baseUrl}/api/v1/materials`, { method: 'POST', headers: { authorization: `Bearer ${citizen}` }, body: form });
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
    materials.push({ requirementKey: key, materialId: ((await res.json()) as { id: string }).id });
  }
  return {
    code,
    citizen,
    body: {
      itemCode: code,
      situationKey: 'limitedCompany',
      formData: { companyName: '石泉县故障演练商贸有限公司', legalRep: '张三', capital: 100 },
      materials,
      submit: true,
    },
  };
}

export type Attempt = { status: number; id?: string; retryAfter?: number; replayed?: boolean };

/** One POST /api/v1/cases with an Idempotency-Key; status 0 when the connection failed. */
export async function submit(baseUrl: string, s: Submission, key: string): Promise<Attempt> {
  try {
    const res = await fetch(`${baseUrl}/api/v1/cases`, {
      method: 'POST',
      signal: AbortSignal.timeout(60_000),
      headers: { authorization: `Bearer ${s.citizen}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(s.body),
    });
    const text = await res.text();
    const retry = res.headers.get('retry-after');
    return {
      status: res.status,
      id: res.status === 201 ? (JSON.parse(text) as { id: string }).id : undefined,
      retryAfter: retry ? Number(retry) : undefined,
      replayed: res.headers.get('idempotent-replayed') === 'true',
    };
  } catch {
    return { status: 0 };
  }
}

/** Retries one key until it is answered 201 (a client honouring Retry-After); gives up after `deadline`. */
export async function submitUntilDone(baseUrl: string, s: Submission, key: string, deadline: number): Promise<Attempt> {
  for (;;) {
    const a = await submit(baseUrl, s, key);
    if (a.status === 201 || Date.now() > deadline) return a;
    if (a.status !== 0 && a.status !== 503 && a.status !== 409) return a;
    await sleep(a.retryAfter ? Math.min(a.retryAfter * 1000, 5000) : 500);
  }
}

/** Runs a SQL query against the database at `url`. */
export async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

/** The path of PostgreSQL's server programs (initdb, pg_ctl), or null when they are not installed. */
export function postgresBin(): string | null {
  const r = spawnSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'], { encoding: 'utf8' });
  const dir = r.stdout.trim();
  return dir || null;
}
