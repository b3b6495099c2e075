import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import { createAuditSealer, type AuditSealer } from '../../src/server/platform/audit-sealer.ts';
import { createContext, type AppContext } from '../../src/server/platform/context.ts';
import { migrateToLatest, openDatabase, type Database } from '../../src/server/platform/db.ts';
import { startJobs, type JobHandlers } from '../../src/server/platform/jobs.ts';
import { createLogger } from '../../src/server/platform/logger.ts';
import { smsSinkHandler } from '../../src/server/modules/notifications/sms.ts';
import { seedDemo } from '../../seed/demo.ts';
import { createScratchDatabase } from '../support/postgres.ts';

/** Which database this run of the API tier uses: TEST_DB=pglite (default) or postgres (TEST_DATABASE_URL). */
export const testDb = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** A clock the test can move: services read time only through ctx.now(). */
export type TestClock = { set(at: Date | string): void; advanceDays(days: number): void; reset(): void };

export type TestPlatform = {
  clock: TestClock;
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  /** The audit sealer, running as on a server node. */
  sealer: AuditSealer;
  close(): Promise<void>;
};

async function createPostgresDatabase() {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
  return createScratchDatabase(base, 'tongban_test');
}

/**
 * A fresh platform for one test file: its own database (an in-memory PGlite, or a new database
 * on the PostgreSQL server), migrated and seeded with the demo data, job workers running.
 */
export async function startTestPlatform(
  opts: {
    handlers?: JobHandlers | ((ctx: AppContext) => JobHandlers);
    env?: Record<string, string>;
    db?: 'pglite' | 'postgres';
    /** A logger to capture (tests of what is never logged); silent otherwise. */
    log?: Logger;
  } = {},
): Promise<TestPlatform> {
  const pgdb = (opts.db ?? testDb) === 'postgres' ? await createPostgresDatabase() : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    TONGBAN_MASTER_KEY: randomBytes(32).toString('hex'),
    TONGBAN_DEMO: '1',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_PER_MINUTE: '1000',
    // Sessions expire by the platform clock (ctx.now()), which tests move across days: sessions outlive the
    // moves unless a test asks for the real limits (test/api/auth.test.ts does).
    SESSION_IDLE_MINUTES: '10000000',
    SESSION_ABSOLUTE_HOURS: '1000000',
    // Tests fire bursts on purpose (50 concurrent decisions): they wait in the admission queue instead of getting 503.
    ADMIT_MAX_WAIT_MS: '120000',
    ADMIT_MAX_LAG_MS: '60000',
    ...(pgdb ? { DATABASE_URL: pgdb.url } : {}),
    ...opts.env,
  });
  const log = opts.log ?? createLogger('silent');
  const database = await openDatabase({ url: pgdb?.url ?? null, pgliteDir: null });
  await migrateToLatest(database.db);
  const jobs = await startJobs(database.url, log, { schedule: false, sharedPool: database.sharedPool });
  let fixed: number | null = null;
  const clock: TestClock = {
    set: (at) => {
      fixed = new Date(at).getTime();
    },
    advanceDays: (days) => {
      fixed = (fixed ?? Date.now()) + days * 86_400_000;
    },
    reset: () => {
      fixed = null;
    },
  };
  const ctx = createContext({ db: database.db, config, jobs, log, now: () => new Date(fixed ?? Date.now()) });
  await seedDemo(ctx);
  await jobs.work({ 'sms.send': smsSinkHandler(ctx), ...(typeof opts.handlers === 'function' ? opts.handlers(ctx) : opts.handlers) });
  const app = await buildApp(ctx);
  await app.ready();
  const sealer = createAuditSealer(ctx);
  sealer.start();
  return {
    app,
    ctx,
    database,
    clock,
    sealer,
    async close() {
      await app.close();
      await jobs.stop();
      await sealer.stop();
      await database.close();
      await pgdb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `fn` returns a value (jobs run asynchronously); fails after `ms`. */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
