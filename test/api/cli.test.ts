import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testDb } from './platform.ts';

/**
 * The operator's CLI (`npm run tongban -- …`) against a database on disk: the data outlives the
 * process, and `audit verify` finds an edited and a deleted audit row, and a deleted tail (head rolled
 * back) against a signed checkpoint from the file sink or a kept copy.
 */
/** One platform on disk (a data directory, and a database of its own on PostgreSQL). */
function site() {
  return { dataDir: mkdtempSync(join(tmpdir(), 'tongban-cli-')), dbName: null as string | null };
}
const key = randomBytes(32).toString('hex');
const base = process.env.TEST_DATABASE_URL ?? '';
const first = site();
const second = site();
const third = site();

function dbUrl(s = first): string | null {
  if (testDb !== 'postgres') return null;
  const u = new URL(base);
  u.pathname = `/${s.dbName}`;
  return u.toString();
}

function cliOf(s: ReturnType<typeof site>, ...args: string[]) {
  return cliWith(s, { TONGBAN_DEMO: '1' }, ...args);
}
/** The CLI with the environment given (the demo is asked for by name only where a test says so). */
function cliWith(s: ReturnType<typeof site>, env: Record<string, string>, ...args: string[]) {
  const url = dbUrl(s);
  const r = spawnSync('node', ['--import', 'tsx', 'src/server/main.ts', ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DATA_DIR: s.dataDir,
      TONGBAN_MASTER_KEY: key,
      LOG_LEVEL: 'silent',
      TONGBAN_DEMO: '',
      ...(url ? { DATABASE_URL: url } : { DATABASE_URL: '' }),
      ...env,
    },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}
const cli = (...args: string[]) => cliOf(first, ...args);

/** Runs SQL straight against the stored database, as an attacker with database access would. */
async function tamperOf(s: ReturnType<typeof site>, sqlText: string) {
  if (testDb === 'postgres') {
    const c = new pg.Client({ connectionString: dbUrl(s)! });
    await c.connect();
    await c.query(sqlText);
    await c.end();
  } else {
    const lite = await PGlite.create({ dataDir: join(s.dataDir, 'pgdata') });
    await lite.exec(sqlText);
    await lite.close();
  }
}
const tamper = (sqlText: string) => tamperOf(first, sqlText);

async function createDatabase(s: ReturnType<typeof site>) {
  if (testDb !== 'postgres') return;
  s.dbName = `tongban_cli_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`CREATE DATABASE ${s.dbName}`);
  await c.end();
}

afterAll(async () => {
  for (const s of [first, second, third]) {
    rmSync(s.dataDir, { recursive: true, force: true });
    if (s.dbName) {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${s.dbName} WITH (FORCE)`);
      await c.end();
    }
  }
});

describe(`tongban CLI (${testDb})`, () => {
  it('migrates and seeds in one process; a second process finds the data and an intact audit chain', async () => {
    await createDatabase(first);
    const seed = cli('seed');
    expect(seed.out).toContain('demo data loaded');
    expect(seed.code).toBe(0);
    const verify = cli('audit', 'verify');
    expect(verify.out).toMatch(/audit chain intact: [1-9]\d* events verified/);
    expect(verify.code).toBe(0);
  });

  it('seed loads no demo account unless the demo is asked for by name (TONGBAN_DEMO=1)', async () => {
    await createDatabase(third);
    const seed = cliWith(third, {}, 'seed');
    expect(seed.code).toBe(0);
    expect(seed.out).toContain('no demo data');
    expect(seed.out).toContain('TONGBAN_DEMO=1');
    const count = async (sqlText: string) => {
      if (testDb === 'postgres') {
        const c = new pg.Client({ connectionString: dbUrl(third)! });
        await c.connect();
        const n = Number((await c.query(sqlText)).rows[0].n);
        await c.end();
        return n;
      }
      const lite = await PGlite.create({ dataDir: join(third.dataDir, 'pgdata') });
      const n = Number((await lite.query<{ n: number }>(sqlText)).rows[0].n);
      await lite.close();
      return n;
    };
    expect(await count('SELECT count(*) AS n FROM accounts')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM regions')).toBeGreaterThan(3000);
    // Asked for by name, the demo comes with its accounts.
    const demo = cliWith(third, { TONGBAN_DEMO: '1' }, 'seed');
    expect(demo.out).toContain('demo data loaded');
    expect(await count(`SELECT count(*) AS n FROM accounts WHERE username IN ('citizen1', 'police.clerk', 'clerk2')`)).toBe(3);
  }, 120_000);

  it('reports an edited audit row and exits 1', async () => {
    await tamper(`UPDATE audit_events SET action = 'seed.nothing' WHERE seq = 1`);
    const verify = cli('audit', 'verify');
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('AUDIT CHAIN BROKEN');
    expect(verify.out).toMatch(/event 1 \(no\. 1\): edited/);
  });

  it('reports a deleted audit row', async () => {
    await tamper(
      `UPDATE audit_events SET action = 'seed.demo' WHERE seq = 1; DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)`,
    );
    const verify = cli('audit', 'verify');
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(/head does not match the last event|missing/);
  });

  it('finds a deleted tail with the head rolled back only against a signed checkpoint kept outside the database', async () => {
    await createDatabase(second);
    expect(cliOf(second, 'seed').code).toBe(0);
    const made = cliOf(second, 'audit', 'checkpoint');
    expect(made.out).toContain('checkpoint written');
    expect(made.code).toBe(0);
    // The checkpoint file sink, and a copy the audit admin keeps elsewhere.
    const sink = join(second.dataDir, 'audit-checkpoints');
    const kept = join(second.dataDir, 'kept-checkpoints.jsonl');
    const file = readdirSync(sink).find((f) => f.endsWith('.jsonl'))!;
    copyFileSync(join(sink, file), kept);
    // The attacker deletes the newest events, rolls the head back to the last one kept, and deletes the stored checkpoints.
    await tamperOf(
      second,
      `DELETE FROM audit_events WHERE chain_seq = (SELECT max(chain_seq) FROM audit_events);
       UPDATE audit_head SET seq = e.chain_seq, hash = e.hash FROM audit_events e WHERE e.chain_seq = (SELECT max(chain_seq) FROM audit_events);
       DELETE FROM audit_checkpoints;`,
    );
    const withSink = cliOf(second, 'audit', 'verify');
    expect(withSink.code).toBe(1);
    expect(withSink.out).toMatch(/tail deleted: a signed checkpoint names a later event/);
    expect(withSink.out).toContain('file sink');
    // Without the sink (the attacker had the server's disk too), the kept copy still tells.
    rmSync(sink, { recursive: true, force: true });
    const withCopy = cliOf(second, 'audit', 'verify', '--checkpoints', kept);
    expect(withCopy.code).toBe(1);
    expect(withCopy.out).toMatch(/tail deleted/);
    expect(withCopy.out).toContain(kept);
  });

  it('explains its usage for an unknown command', () => {
    const r = cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.out).toContain('audit verify');
  });
});
