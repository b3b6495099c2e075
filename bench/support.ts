import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { startTestPlatform, type TestPlatform } from '../test/api/platform.ts';
import { createScratchDatabase } from '../test/support/postgres.ts';

/** True when a PostgreSQL server answers at `url`. */
export async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `fn` on a fresh platform on PGlite, then on PostgreSQL (BENCH_DATABASE_URL, TEST_DATABASE_URL or
 * 127.0.0.1:5432) when it answers; `--db pglite|postgres` picks one. Returns the results by database.
 */
export async function onEachDatabase<T>(fn: (p: TestPlatform, target: 'pglite' | 'postgres') => Promise<T>): Promise<Record<string, T>> {
  const results: Record<string, T> = {};
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const only = process.argv.includes('--db') ? process.argv[process.argv.indexOf('--db') + 1] : null;
  for (const target of ['pglite', 'postgres'] as const) {
    if (only && only !== target) continue;
    if (target === 'postgres') {
      if (!(await reachable(pgUrl))) {
        console.log(`\n(no PostgreSQL at ${pgUrl}: skipped)`);
        continue;
      }
      process.env.TEST_DB = 'postgres';
      process.env.TEST_DATABASE_URL = pgUrl;
    }
    // The database is named here: test/api/platform.ts read TEST_DB when it was imported.
    const p = await startTestPlatform({ env: { LOGIN_RATE_PER_MINUTE: '100000' }, db: target });
    try {
      results[target] = await fn(p, target);
    } finally {
      await p.close();
    }
  }
  return results;
}

/** Writes a report to bench/results/<name>-<random>.json and says where. */
export function writeReport(name: string, report: object): void {
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${name}-${randomBytes(3).toString('hex')}.json`;
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`\nwritten to ${file}`);
}

/** The PostgreSQL server the benches use: BENCH_DATABASE_URL, TEST_DATABASE_URL or 127.0.0.1:5432. */
export const benchPostgresUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates an empty database on the server at `base` for one run; `drop()` removes it. */
export const freshPostgresDatabase = (base: string) => createScratchDatabase(base, 'tongban_bench');
