import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database made for one test file, benchmark or fault test: its URL and a way to drop it. */
export type ScratchDatabase = { url: string; drop(): Promise<void> };

/**
 * Creates an empty database named `<prefix>_<random>` on the PostgreSQL server at `base` (trust auth
 * on this machine); `drop()` removes it, even with connections still open.
 */
export async function createScratchDatabase(base: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
