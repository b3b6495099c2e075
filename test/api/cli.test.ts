import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testDb } from './platform.ts';

/**
 * The operator's CLI (`npm run tongban -- …`) against a database on disk: the data outlives the
 * process, and `audit verify` finds an edited and a deleted audit row.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'tongban-cli-'));
const key = randomBytes(32).toString('hex');
let dbName: string | null = null;
const base = process.env.TEST_DATABASE_URL ?? '';

function dbUrl(): string | null {
  if (testDb !== 'postgres') return null;
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  return u.toString();
}

function cli(...args: string[]) {
  const url = dbUrl();
  const r = spawnSync('node', ['--import', 'tsx', 'src/server/main.ts', ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      TONGBAN_MASTER_KEY: key,
      LOG_LEVEL: 'silent',
      ...(url ? { DATABASE_URL: url } : { DATABASE_URL: '' }),
    },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

/** Runs SQL straight against the stored database, as an attacker with database access would. */
async function tamper(sqlText: string) {
  if (testDb === 'postgres') {
    const c = new pg.Client({ connectionString: dbUrl()! });
    await c.connect();
    await c.query(sqlText);
    await c.end();
  } else {
    const lite = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
    await lite.exec(sqlText);
    await lite.close();
  }
}

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (dbName) {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
  }
});

describe(`tongban CLI (${testDb})`, () => {
  it('migrates and seeds in one process; a second process finds the data and an intact audit chain', async () => {
    if (testDb === 'postgres') {
      dbName = `tongban_cli_${randomBytes(5).toString('hex')}`;
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`CREATE DATABASE ${dbName}`);
      await c.end();
    }
    const seed = cli('seed');
    expect(seed.out).toContain('demo data loaded');
    expect(seed.code).toBe(0);
    const verify = cli('audit', 'verify');
    expect(verify.out).toMatch(/audit chain intact: [1-9]\d* events verified/);
    expect(verify.code).toBe(0);
  });

  it('reports an edited audit row and exits 1', async () => {
    await tamper(`UPDATE audit_events SET action = 'seed.nothing' WHERE seq = 1`);
    const verify = cli('audit', 'verify');
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('AUDIT CHAIN BROKEN');
    expect(verify.out).toContain('event 1: edited');
  });

  it('reports a deleted audit row', async () => {
    await tamper(
      `UPDATE audit_events SET action = 'seed.demo' WHERE seq = 1; DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)`,
    );
    const verify = cli('audit', 'verify');
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(/head does not match the last event|missing/);
  });

  it('explains its usage for an unknown command', () => {
    const r = cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.out).toContain('audit verify');
  });
});
