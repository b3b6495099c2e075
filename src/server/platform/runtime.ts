import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { createAuditSealer, type AuditSealer } from './audit-sealer.ts';
import { createContext, type AppContext } from './context.ts';
import { migrateToLatest, openDatabase, type Database } from './db.ts';
import { startJobs } from './jobs.ts';

/**
 * A running platform: database, migrations done, job queue connected. The audit sealer's loop runs once
 * `sealer.start()` is called (the server does); `close()` always seals what is pending first.
 */
export type Runtime = { ctx: AppContext; database: Database; sealer: AuditSealer; close(): Promise<void> };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The embedded database is one process's: a lock file in DATA_DIR keeps a second process
 * (a CLI command while the server runs) from opening it.
 */
function lockDataDir(config: Config): () => void {
  if (config.databaseUrl) return () => undefined;
  const file = join(config.dataDir, 'tongban.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid && processAlive(pid)) {
      throw new Error(`the embedded database in ${config.dataDir} is in use by process ${pid}; stop it first (or use the HTTP API)`);
    }
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

/** Opens the database (PGlite under DATA_DIR/pgdata unless DATABASE_URL), migrates, connects the queue. */
export async function openRuntime(config: Config, log: Logger, opts: { schedule?: boolean } = {}): Promise<Runtime> {
  const unlock = lockDataDir(config);
  try {
    const database = await openDatabase({
      url: config.databaseUrl,
      pgliteDir: config.databaseUrl ? null : join(config.dataDir, 'pgdata'),
      onIdleError: (err) => log.warn({ err }, 'idle database connection lost'),
    });
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    const jobs = await startJobs(database.url, log, { ...opts, sharedPool: database.sharedPool });
    const ctx = createContext({ db: database.db, config, jobs, log });
    const sealer = createAuditSealer(ctx);
    return {
      ctx,
      database,
      sealer,
      async close() {
        await jobs.stop();
        await sealer.stop();
        await database.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}
