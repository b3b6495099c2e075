import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs, type Jobs } from '../../src/server/platform/jobs.ts';
import { createLogger } from '../../src/server/platform/logger.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/** Two workers on one database (as two server nodes would be) record each job they run. */
const runs: { id: string; marker: string; worker: string }[] = [];
let p: TestPlatform;
let second: Jobs;

beforeAll(async () => {
  p = await startTestPlatform({ handlers: { 'system.probe': async (data, meta) => { runs.push({ id: meta.id, marker: data.marker, worker: 'a' }); } } });
  second = await startJobs(p.database.url, createLogger('silent'), { schedule: false });
  await second.work({ 'system.probe': async (data, meta) => { runs.push({ id: meta.id, marker: data.marker, worker: 'b' }); } });
});
afterAll(async () => {
  await second?.stop();
  await p?.close();
});

describe(`job queue (${testDb})`, () => {
  it('runs each of 60 jobs exactly once across two workers', async () => {
    for (let i = 0; i < 60; i++) {
      await p.ctx.db.transaction().execute((trx) => p.ctx.jobs.enqueue(trx, 'system.probe', { marker: `job-${i}` }));
    }
    await eventually(async () => runs.filter((r) => r.marker.startsWith('job-')).length >= 60, 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    const markers = runs.filter((r) => r.marker.startsWith('job-')).map((r) => r.marker);
    expect(markers).toHaveLength(60);
    expect(new Set(markers).size).toBe(60);
  });

  it('never runs a job whose transaction rolled back (outbox)', async () => {
    await expect(p.ctx.db.transaction().execute(async (trx) => {
      await p.ctx.jobs.enqueue(trx, 'system.probe', { marker: 'rolled-back' });
      throw new Error('abort');
    })).rejects.toThrow('abort');
    await p.ctx.db.transaction().execute((trx) => p.ctx.jobs.enqueue(trx, 'system.probe', { marker: 'committed' }));
    await eventually(async () => runs.some((r) => r.marker === 'committed'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(runs.some((r) => r.marker === 'rolled-back')).toBe(false);
  });
});
