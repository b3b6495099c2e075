import PgBoss from 'pg-boss';
import { describe, expect, it } from 'vitest';
import { isJobQueueRejection } from './jobs.ts';

describe('isJobQueueRejection', () => {
  it("recognises a rejection from pg-boss's own completion call, and nothing else", async () => {
    // The database went away: pg-boss's worker calls complete() without awaiting it.
    const down = new PgBoss({
      db: {
        executeSql: async () => {
          throw new Error('the database system is shutting down');
        },
      },
    });
    const fromQueue = await down.complete('sms.send', '00000000-0000-4000-8000-000000000001').then(
      () => null,
      (e: unknown) => e,
    );
    expect(fromQueue).toBeInstanceOf(Error);
    expect(isJobQueueRejection(fromQueue)).toBe(true);
    // An empty result (the embedded race this project fixed): pg-boss reads rows[0].count of nothing.
    const empty = new PgBoss({ db: { executeSql: async () => ({ rows: [] }) } });
    const typeError = await empty.complete('sms.send', '00000000-0000-4000-8000-000000000001').then(
      () => null,
      (e: unknown) => e,
    );
    expect(isJobQueueRejection(typeError)).toBe(true);
    // Anything else still stops the process.
    expect(isJobQueueRejection(new Error('a bug of ours'))).toBe(false);
    expect(isJobQueueRejection('a string')).toBe(false);
    expect(isJobQueueRejection(undefined)).toBe(false);
  });
});
