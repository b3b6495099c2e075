import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs, type Jobs } from '../../src/server/platform/jobs.ts';
import { createLogger } from '../../src/server/platform/logger.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/** Two workers on one database (as two server nodes would be) record each job they run. */
const runs: { id: string; marker: string; worker: string }[] = [];
let p: TestPlatform;
let second: Jobs;

beforeAll(async () => {
  p = await startTestPlatform({
    handlers: {
      'system.probe': async (data, meta) => {
        runs.push({ id: meta.id, marker: data.marker, worker: 'a' });
      },
    },
  });
  second = await startJobs(p.database.url, createLogger('silent'), { schedule: false, sharedPool: p.database.sharedPool });
  await second.work({
    'system.probe': async (data, meta) => {
      runs.push({ id: meta.id, marker: data.marker, worker: 'b' });
    },
  });
});
afterAll(async () => {
  await second?.stop();
  await p?.close();
});

/** The queue's own rows of the probe jobs whose marker is LIKE `pattern`, with their states. */
async function probeJobs(pattern: string) {
  const rows = await sql<{ state: string }>`
    SELECT state FROM pgboss.job WHERE name = 'system.probe' AND data->>'marker' LIKE ${pattern}`.execute(p.ctx.db);
  return rows.rows;
}

describe(`job queue (${testDb})`, () => {
  it('runs each of 60 jobs exactly once across two workers', async () => {
    for (let i = 0; i < 60; i++) {
      await p.ctx.db.transaction().execute((trx) => p.ctx.jobs.enqueue(trx, 'system.probe', { marker: `job-${i}` }));
    }
    await eventually(async () => runs.filter((r) => r.marker.startsWith('job-')).length >= 60, 60_000);
    // Every job completed in the queue: none can be fetched and run again (no sleep deciding it).
    await eventually(
      async () => (await probeJobs('job-%')).every((j) => j.state === 'completed') && (await probeJobs('job-%')).length === 60,
      60_000,
    );
    const markers = runs.filter((r) => r.marker.startsWith('job-')).map((r) => r.marker);
    expect(markers).toHaveLength(60);
    expect(new Set(markers).size).toBe(60);
  });

  it('never runs a job whose transaction rolled back (outbox)', async () => {
    await expect(
      p.ctx.db.transaction().execute(async (trx) => {
        await p.ctx.jobs.enqueue(trx, 'system.probe', { marker: 'rolled-back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await p.ctx.db.transaction().execute((trx) => p.ctx.jobs.enqueue(trx, 'system.probe', { marker: 'committed' }));
    await eventually(async () => runs.some((r) => r.marker === 'committed'));
    // The rolled-back job was never written to the queue at all, so no worker can ever run it.
    expect(await probeJobs('rolled-back')).toEqual([]);
    expect(await probeJobs('committed')).toHaveLength(1);
    expect(runs.some((r) => r.marker === 'rolled-back')).toBe(false);
  });

  it('answers the queue and the application correctly while transactions run, some of them failing', async () => {
    // Embedded mode is one PGlite session: a second connection's protocol messages, interleaved with a
    // transaction's, were handed the wrong result ("portal does not exist", or an empty result that
    // made pg-boss crash the process). The queue and the application share one connection now.
    const app = async (i: number) =>
      p.ctx.db
        .transaction()
        .execute(async (trx) => {
          const first = await sql<{ i: number }>`SELECT ${i}::int AS i FROM accounts LIMIT 1`.execute(trx);
          if (i % 3 === 0) await sql`SELECT 1 / ${0}::int`.execute(trx); // fails: the transaction rolls back
          const second = await sql<{ i: number }>`SELECT ${i}::int + 1 AS i`.execute(trx);
          return [first.rows[0]?.i, second.rows[0]?.i];
        })
        .catch((err: Error) => err.message);
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        i % 2 ? app(i) : p.ctx.jobs.boss.getQueueSize('system.probe').catch((err: Error) => `queue: ${err.message}`),
      ),
    );
    results.forEach((r, i) => {
      if (i % 2 === 0) expect(r).toBeTypeOf('number');
      else expect(r).toEqual(i % 3 === 0 ? 'division by zero' : [i, i + 1]);
    });
    for (let n = 0; n < 20; n++)
      await p.ctx.db.transaction().execute((trx) => p.ctx.jobs.enqueue(trx, 'system.probe', { marker: `busy-${n}` }));
    await eventually(async () => {
      const { rows } = await sql<{
        state: string;
        n: number;
      }>`SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = 'system.probe' AND data->>'marker' LIKE 'busy-%' GROUP BY state`.execute(
        p.ctx.db,
      );
      return rows.length === 1 && rows[0]!.state === 'completed' && rows[0]!.n === 20;
    }, 60_000);
    expect(new Set(runs.filter((r) => r.marker.startsWith('busy-')).map((r) => r.marker)).size).toBe(20);
  });
});
