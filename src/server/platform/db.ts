import { mkdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Kysely, Migrator, PostgresDialect, type LogEvent, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import type { DB } from './db-types.ts';

export type Database = {
  db: Kysely<DB>;
  /** A connection string other components (the job queue) can use. */
  url: string;
  mode: 'embedded' | 'postgres';
  /**
   * In embedded mode, the one connection every component must share. PGlite is one backend
   * session: the socket server interleaves the protocol messages of its connections outside a
   * transaction, so a second connection's Parse/Bind can replace another's unnamed statement and
   * hand it a foreign result (seen as pg-boss reading `rows[0]` of an empty result and the process
   * exiting). The job queue therefore runs its SQL through this pool too.
   */
  sharedPool?: pg.Pool;
  close(): Promise<void>;
};

// Return int8 (counts, sequence numbers) as JS numbers: they stay far below 2^53 here.
pg.types.setTypeParser(20, (v) => Number(v));
// Keep DATE columns as 'YYYY-MM-DD' strings: no time-zone shifts.
pg.types.setTypeParser(1082, (v) => v);

/**
 * Statement counting: `countStatements(fn)` collects the SQL of every statement Kysely sends in this
 * process while `fn` runs (background work included: the caller keeps it quiet; Fastify's inject
 * does not keep an AsyncLocalStorage scope). The statement-count test pins the round trips of a
 * case step with it. TONGBAN_SQL_LOG=1 also writes every statement's first line to stderr (profiling).
 */
let collecting: string[] | null = null;
const sqlLog = process.env.TONGBAN_SQL_LOG === '1';
const queryLog = (e: LogEvent) => {
  if (e.level !== 'query') return;
  collecting?.push(e.query.sql);
  if (sqlLog) process.stderr.write(`[sql] ${e.queryDurationMillis.toFixed(2)} ms ${e.query.sql.replace(/\s+/g, ' ').slice(0, 140)}\n`);
};

/** Runs `fn`, returning its result and the SQL of every statement sent through Kysely meanwhile. */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  collecting = statements;
  try {
    return { result: await fn(), statements };
  } finally {
    collecting = null;
  }
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Opens the database: PostgreSQL when a URL is given, else PGlite (in `pgliteDir`, or in memory
 * when it is null) served over the Postgres wire protocol on a loopback port, so that the same
 * `pg` driver, SQL and job queue run in both modes.
 */
export async function openDatabase(opts: {
  url?: string | null;
  pgliteDir?: string | null;
  poolSize?: number;
  onIdleError?: (err: Error) => void;
}): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // A connection dropped by the server (restart, failover) must not crash the process: idle ones
    // are reported by the pool; one checked out (between the queries of a transaction) by the client
    // itself — its next query fails, the transaction rolls back, the request answers 5xx.
    pool.on('error', (err) => opts.onIdleError?.(err));
    pool.on('connect', (client) => client.on('error', (err) => opts.onIdleError?.(err)));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: queryLog });
    return { db, url: opts.url, mode: 'postgres', close: () => db.destroy() };
  }
  if (opts.pgliteDir) mkdirSync(opts.pgliteDir, { recursive: true });
  const lite = await PGlite.create({ dataDir: opts.pgliteDir ?? undefined, extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db: lite, host: '127.0.0.1', port: 0, maxConnections: 32 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  // One connection: PGlite runs one query at a time anyway, and several pooled connections let a
  // transaction's queries wait in the socket server's queue behind queries from other connections
  // (50 concurrent actions on one case stalled with 4). The job queue uses this pool too (sharedPool).
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: queryLog });
  return {
    db,
    url,
    mode: 'embedded',
    sharedPool: pool,
    async close() {
      await db.destroy();
      await server.stop();
      await lite.close();
    },
  };
}

/** Loads the ordered migration files from migrations/. */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const dir = join(repoRoot, 'migrations');
    const files = (await readdir(dir)).filter((f) => /^\d{8}T\d{4}-[a-z0-9-]+\.ts$/.test(f)).sort();
    const out: Record<string, Migration> = {};
    for (const f of files) out[f.replace(/\.ts$/, '')] = (await import(pathToFileURL(join(dir, f)).href)) as Migration;
    return out;
  }
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every migration file has been applied. */
export async function migrationsDone(db: Kysely<DB>): Promise<boolean> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const list = await migrator.getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}
