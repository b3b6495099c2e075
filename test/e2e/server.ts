import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (test/e2e/../..). */
export const repoRoot = resolve(import.meta.dirname, '..', '..');

/** A running platform started for a test file. */
export type TestPlatform = {
  baseUrl: string;
  dataDir: string;
  output: () => string;
  stop: (options?: { keepData?: boolean }) => Promise<void>;
};

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Builds dist/web when src/web changed (scripts/build-web-if-needed.mjs). */
export function buildWebIfNeeded(): void {
  // vitest sets NODE_ENV=test, which would make vite bundle React's development build.
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build-web-if-needed.mjs')], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`building the web failed (exit code ${result.status})`);
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the platform exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`the platform was not ready within ${timeoutMs / 1000} s:\n${output()}`);
}

/** A hash of everything that decides what a first start writes: the server's code, the migrations and the seed. */
function seedSourceHash(): string {
  const hash = createHash('sha256');
  for (const dir of ['src/server', 'migrations', 'seed']) {
    const root = join(repoRoot, dir);
    if (!existsSync(root)) continue;
    for (const file of (readdirSync(root, { recursive: true }) as string[]).sort()) {
      if (!/\.(ts|json|csv|sql)$/.test(file) || file.endsWith('.test.ts')) continue;
      hash.update(file).update(readFileSync(join(root, file)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * A data directory as the first start of this code leaves it (migrated, demo seeded, master key made),
 * made once per code version under .tmp/ and copied for each test file: every file still gets its own
 * fresh data, without paying for the migrations and the demo seed again (about 20 s a file).
 */
async function seededTemplate(timeoutMs: number): Promise<string> {
  const template = join(repoRoot, '.tmp', `e2e-data-${seedSourceHash()}`);
  if (existsSync(join(template, 'master.key'))) return template;
  const building = mkdtempSync(join(repoRoot, '.tmp', 'e2e-data-building-'));
  const first = await startPlatform({ timeoutMs, dataDir: building });
  await first.stop({ keepData: true });
  rmSync(join(building, 'tongban.pid'), { force: true });
  // Templates of earlier code are dropped (each is ~200 MB).
  for (const old of readdirSync(join(repoRoot, '.tmp')).filter((name) => /^e2e-data-[0-9a-f]{16}$/.test(name))) {
    rmSync(join(repoRoot, '.tmp', old), { recursive: true, force: true });
  }
  renameSync(building, template);
  return template;
}

/**
 * Starts the real platform (`node --import tsx src/server/main.ts start`) in embedded mode (or with
 * `options.env.DATABASE_URL` on PostgreSQL) on a free port with a fresh data directory, and waits
 * until GET /readyz answers 200.
 */
export async function startPlatform(
  options: {
    timeoutMs?: number;
    env?: Record<string, string>;
    nodeArgs?: string[];
    /** Start from a copy of a seeded data directory (embedded database only; see `seededTemplate`). */
    fromTemplate?: boolean;
    dataDir?: string;
  } = {},
): Promise<TestPlatform> {
  buildWebIfNeeded();
  const template = options.fromTemplate && !options.env?.DATABASE_URL ? await seededTemplate(options.timeoutMs ?? 120_000) : null;
  const port = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tongban-e2e-'));
  if (template) cpSync(template, dataDir, { recursive: true });
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  Object.assign(env, options.env);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/server/main.ts', 'start'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => log;
  let stopping = false;
  child.once('exit', (code, signal) => {
    // A platform that dies under a test explains the failures that follow; show why.
    if (!stopping) process.stderr.write(`\n[e2e] the platform exited (${code ?? signal}) during the tests; its last output:\n${log}\n`);
  });

  const stop = async ({ keepData = false } = {}) => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(baseUrl, child, output, options.timeoutMs ?? 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, dataDir, output, stop };
}
