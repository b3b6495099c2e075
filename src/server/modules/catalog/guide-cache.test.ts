import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeGuide } from '../../../../test/api/factories/guide.ts';
import type { DB, ItemVersionStatus } from '../../platform/db-types.ts';
import { guideOfVersion } from './guide-cache.ts';

/** A Kysely whose every query answers `row` and is counted. */
function fakeDb(row: () => object | undefined) {
  const calls = { n: 0 };
  const client = {
    query: async () => {
      calls.n++;
      const r = row();
      return { rows: r ? [r] : [], command: 'SELECT' };
    },
    release() {},
  };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: { connect: async () => client, end: async () => {} } as never }) });
  return { db, calls };
}

describe('guideOfVersion', () => {
  it('reads an immutable version once and a draft every time', async () => {
    for (const [status, reads] of [
      ['published', 1],
      ['superseded', 1],
      ['withdrawn', 1],
      ['draft', 3],
      ['review', 3],
    ] as [ItemVersionStatus, number][]) {
      const id = randomUUID();
      const { db, calls } = fakeDb(() => ({ id, status, guide: makeGuide() }));
      for (let i = 0; i < 3; i++) expect((await guideOfVersion(db, id)).name).toBe('测试事项企业设立登记');
      expect(calls.n, status).toBe(reads);
    }
  });

  it('answers ITEM_VERSION_NOT_FOUND for an unknown version', async () => {
    const { db } = fakeDb(() => undefined);
    await expect(guideOfVersion(db, randomUUID())).rejects.toMatchObject({ code: 'ITEM_VERSION_NOT_FOUND' });
  });
});
