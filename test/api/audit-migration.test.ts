import { createHmac, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAuditEvent, canonicalJson, sealAllAuditEvents, verifyAuditChain } from '../../src/server/platform/audit.ts';
import { migrateToLatest, openDatabase, type Database } from '../../src/server/platform/db.ts';
import type { DB } from '../../src/server/platform/db-types.ts';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.ts';
import { testDb } from './platform.ts';

/** An existing installation: events chained at append by the head-row design, then the sealer's migration. */
const migrations = fileURLToPath(new URL('../../migrations/', import.meta.url));
const provider: MigrationProvider = {
  async getMigrations() {
    const files = (await readdir(migrations)).filter((f) => /^\d{8}T\d{4}-[a-z0-9-]+\.ts$/.test(f)).sort();
    const out: Record<string, Migration> = {};
    for (const f of files) out[f.replace(/\.ts$/, '')] = (await import(pathToFileURL(join(migrations, f)).href)) as Migration;
    return out;
  },
};

/** The append of commit 8df8c29, written out again: head row, seq = chain position, the first MAC form. */
async function appendTheOldWay(db: Kysely<DB>, key: Buffer, action: string, after: unknown) {
  await db.transaction().execute(async (trx) => {
    const head = (
      await sql<{ seq: number; hash: string }>`UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`.execute(trx)
    ).rows[0];
    const occurred = new Date();
    const fields = [
      Number(head.seq),
      occurred.toISOString(),
      null,
      'system',
      action,
      'test',
      null,
      null,
      after,
      'success',
      null,
      head.hash,
    ];
    const hash = createHmac('sm3', key).update(canonicalJson(fields)).digest('hex');
    await sql`INSERT INTO audit_events (seq, occurred_at, actor_id, actor_kind, action, entity_type, entity_id, before, after, outcome, ip, prev_hash, hash)
      VALUES (${head.seq}, ${occurred}, NULL, 'system', ${action}, 'test', NULL, NULL, ${JSON.stringify(after)}::jsonb, 'success', NULL, ${head.hash}, ${hash})`.execute(
      trx,
    );
    await sql`UPDATE audit_head SET hash = ${hash} WHERE id = 1`.execute(trx);
  });
}

let pgdb: ScratchDatabase | null = null;
let database: Database | null = null;
afterAll(async () => {
  await database?.close();
  await pgdb?.drop();
});

describe(`audit chain migration (${testDb})`, () => {
  it('events chained by the head-row design still verify after the migration, and sealed events continue their chain', async () => {
    pgdb = testDb === 'postgres' ? await createScratchDatabase(process.env.TEST_DATABASE_URL ?? '', 'tongban_test') : null;
    database = await openDatabase({ url: pgdb?.url ?? null, pgliteDir: null });
    const db = database.db;
    const migrated = await new Migrator({ db, provider }).migrateTo('20261204T1700-rollup-shards');
    expect(migrated.error).toBeUndefined();
    const key = randomBytes(32);
    for (let i = 0; i < 3; i++) await appendTheOldWay(db, key, 'old.event', { i, nested: { b: 1, a: [i] } });

    expect(await migrateToLatest(db)).toContain('20261207T0900-audit-sealer');
    const old = await db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    expect(old.map((e) => [e.seq, e.chain_seq, e.mac_version])).toEqual([
      [1, 1, 1],
      [2, 2, 1],
      [3, 3, 1],
    ]);
    expect(await verifyAuditChain(db, key)).toMatchObject({ ok: true, checked: 3, pending: 0, problems: [] });

    await db.transaction().execute((trx) => appendAuditEvent(trx, key, { actor: null, action: 'new.event', entityType: 'test' }));
    expect(await sealAllAuditEvents(db, key)).toBe(1);
    const added = await db.selectFrom('audit_events').selectAll().where('action', '=', 'new.event').executeTakeFirstOrThrow();
    expect([added.seq, added.chain_seq, added.mac_version, added.prev_hash]).toEqual([4, 4, 2, old[2].hash]);
    expect(await verifyAuditChain(db, key)).toMatchObject({ ok: true, checked: 4, problems: [] });
    // An old event edited after the migration still fails its (first-form) MAC.
    await sql`UPDATE audit_events SET after = '{"i":9}'::jsonb WHERE seq = 2`.execute(db);
    expect((await verifyAuditChain(db, key)).problems).toEqual([{ chainSeq: 2, seq: 2, kind: 'edited' }]);
  });
});
