import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.ts';
import { testDb } from './platform.ts';

/**
 * Production is not the demo: the real `start` command as an operator runs it. A first start without
 * the demo loads no demo account, makes one initial administrator and prints its one-time setup code
 * once; the holder activates it (password and TOTP). The implicit demo refuses a network address.
 */
const PORT = 3431;
const dataDir = mkdtempSync(join(tmpdir(), 'tongban-prod-'));
const key = randomBytes(32).toString('hex');
let pgdb: ScratchDatabase | null = null;
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  await pgdb?.drop();
});

/** Starts `main.ts start`; resolves with its output once `until` appears (or the process exits). */
function start(env: Record<string, string>, until: RegExp) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
    env: { ...process.env, DATA_DIR: dataDir, TONGBAN_MASTER_KEY: key, LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise<{ out: string; code: number | null; child: ChildProcess }>((resolve) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (until.test(out)) resolve({ out, code: null, child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => resolve({ out, code, child }));
  });
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const base = `http://127.0.0.1:${PORT}`;
/** One request as a well-behaved client makes it: a 503 of the admission control (a busy machine) is retried after its Retry-After. */
const call = async (path: string, body?: unknown, token?: string) => {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, any>;
    if (res.status !== 503 || attempt >= 20) return { status: res.status, json };
    await new Promise((r) => setTimeout(r, 1000 * Math.min(Number(res.headers.get('retry-after')) || 1, 3)));
  }
};

describe(`production is not the demo (${testDb})`, () => {
  it('refuses to show the implicit demo on a network address', async () => {
    const { out, code } = await start({ HOST: '0.0.0.0', PORT: String(PORT) }, /$^/);
    expect(code).toBe(1);
    expect(out).toContain('refusing to listen on 0.0.0.0: this is the demo');
  });

  it('makes one initial administrator with a one-time setup code on a first start without the demo, and no demo account', async () => {
    if (testDb === 'postgres') pgdb = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'tongban_prod');
    const env = {
      HOST: '127.0.0.1',
      PORT: String(PORT),
      TONGBAN_ADMIN_REGION: '610922',
      ...(pgdb ? { DATABASE_URL: pgdb.url } : { TONGBAN_DEMO: '0' }),
    };
    const first = await start(env, /Tongban is running[\s\S]*activate it at/);
    expect(first.code).toBeNull();
    expect(first.out).not.toContain('demo logins');
    const code = /one-time setup code:\s+([0-9A-Z-]{19})/.exec(first.out)![1];
    expect((await call('/api/v1/auth/login', { username: 'citizen1', password: 'Tongban@2026' })).status).toBe(401);
    // The demo's SMS outbox does not exist outside the demo.
    expect((await call('/api/v1/demo/sms?phone=13800000001')).status).toBe(404);
    expect((await call('/api/v1/auth/login', { username: 'admin', password: code })).status).toBe(401);
    // The holder activates: a TOTP secret, then a new password with a first code.
    const started = await call('/api/v1/auth/activation', { username: 'admin', code });
    expect(started.status).toBe(200);
    const totp = OTPAuth.URI.parse(started.json.otpauthUri) as OTPAuth.TOTP;
    const weak = await call('/api/v1/auth/activation/complete', { username: 'admin', code, password: 'admin12345', totp: totp.generate() });
    expect(weak.json.error.code).toBe('PASSWORD_TOO_WEAK');
    const done = await call('/api/v1/auth/activation/complete', {
      username: 'admin',
      code,
      password: 'Root-Of-Trust-2026',
      totp: totp.generate(),
    });
    expect(done.status).toBe(200);
    expect(done.json.account).toMatchObject({ username: 'admin', roles: ['platformRoot'], region: { code: '610922' } });
    // The root bootstraps the first security administrator (region-bound, no department yet).
    const sec = await call(
      '/api/v1/staff',
      { username: 'secadmin', displayName: '安全管理员', regionCode: '610922', roles: ['securityAdmin'] },
      done.json.token,
    );
    expect(sec.status).toBe(201);
    expect(sec.json.activation.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    // …but no ordinary staff: that is the security administrator's work.
    const clerk = await call(
      '/api/v1/staff',
      { username: 'clerk', displayName: '受理员', regionCode: '610922', roles: ['clerk'] },
      done.json.token,
    );
    expect(clerk.status).toBe(400);
    await stop(first.child);
    // A second start prints no new code: the initial administrator exists.
    const second = await start(env, /Tongban is running/);
    expect(second.out).not.toContain('setup code');
    expect((await call('/api/v1/auth/activation', { username: 'admin', code })).json.error.code).toBe('ACTIVATION_INVALID');
    await stop(second.child);
  }, 180_000);
});
