import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeCitizen, type Client } from './client.ts';
import { makeCase, publishItem } from './factories/case.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
let alice: Client;
let bob: Client;
let clerk: Client;
let code: string;
const aliceCases: string[] = [];

async function citizenClient() {
  const c = await makeCitizen(p.ctx);
  return login(p.app, c.username, c.password);
}

type Page = { items: { id: string }[]; total: number; totalCapped: boolean; nextCursor: string | null };

/** Walks a list by cursor, `between` running after each page (concurrent writes); returns the ids in order. */
async function walk(client: Client, url: string, between?: () => Promise<void>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res = await client.get(`${url}${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page: Page = res.json();
    ids.push(...page.items.map((x) => x.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
    await between?.();
  }
  throw new Error('the walk did not end');
}

beforeAll(async () => {
  p = await startTestPlatform();
  alice = await citizenClient();
  bob = await citizenClient();
  clerk = await login(p.app, 'clerk1');
  code = (await publishItem(p)).code;
  for (let i = 0; i < 7; i++) aliceCases.push((await makeCase(p, alice, code)).id);
  await makeCase(p, bob, code);
});
afterAll(async () => {
  await p?.close();
});

describe(`lists walked by cursor (${testDb})`, () => {
  it('my cases: every case once, newest first, in the order of the paged list, while new cases arrive', async () => {
    const paged: Page = (await alice.get('/api/v1/cases?pageSize=100')).json();
    expect(paged).toMatchObject({ total: 7, totalCapped: false, nextCursor: null });
    expect(new Set(paged.items.map((x) => x.id))).toEqual(new Set(aliceCases));

    const added: string[] = [];
    const walked = await walk(alice, '/api/v1/cases?pageSize=2', async () => {
      added.push((await makeCase(p, alice, code)).id);
    });
    // The cases there at the start, once each, in the paged list's order; the new ones (newest) come before the cursor.
    expect(walked).toEqual(paged.items.map((x) => x.id));
    expect(walked.some((id) => added.includes(id))).toBe(false);
    // The whole list again, walked from the start: old and new, each once.
    const again = await walk(alice, '/api/v1/cases?pageSize=3');
    expect(again).toHaveLength(7 + added.length);
    expect(new Set(again).size).toBe(again.length);
    expect(again.slice(0, added.length)).toEqual([...added].reverse());
    // A filter is part of the walk: the submitted ones only.
    expect(await walk(alice, '/api/v1/cases?pageSize=4&status=submitted')).toEqual(again);
  });

  it('a staff queue: every case once in queue order, while new cases arrive; page numbers still work', async () => {
    const paged: Page = (await clerk.get('/api/v1/staff/cases?queue=toAccept&pageSize=100')).json();
    expect(paged.nextCursor).toBeNull();
    expect(paged.totalCapped).toBe(false);
    const before = paged.items.map((x) => x.id);
    expect(before).toEqual(expect.arrayContaining(aliceCases));
    const second: Page = (await clerk.get('/api/v1/staff/cases?queue=toAccept&pageSize=2&page=2')).json();
    expect(second.items.map((x) => x.id)).toEqual(before.slice(2, 4));

    const walked = await walk(clerk, '/api/v1/staff/cases?queue=toAccept&pageSize=2', async () => {
      await makeCase(p, bob, code);
    });
    // Nothing twice; every case of the start, in the same order (the new ones sort by their submission, after).
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked.filter((id) => before.includes(id))).toEqual(before);
  });

  it('a garbled, forged or borrowed cursor is CURSOR_INVALID (400), in Chinese and English', async () => {
    const first: Page = (await alice.get('/api/v1/cases?pageSize=1')).json();
    const cursor = first.nextCursor!;
    expect(cursor).toBeTruthy();
    const [body, tag] = cursor.split('.');
    const forgedBody = Buffer.from(JSON.stringify(['2000-01-01 00:00:00+00', '00000000-0000-0000-0000-000000000000'])).toString(
      'base64url',
    );
    for (const bad of ['x', 'not.a.cursor', `${body}.`, `${body}.${tag}x`, `${forgedBody}.${tag}`, `${body}X.${tag}`, '%00%ff']) {
      const res = await alice.get(`/api/v1/cases?pageSize=1&after=${encodeURIComponent(bad)}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code, bad).toMatch(/^(CURSOR_INVALID|NUL_CHARACTER|ENCODING_INVALID)$/);
    }
    const garbled = await alice.get(`/api/v1/cases?after=${encodeURIComponent(`${body}.${tag}`.replace(/^./, 'A'))}`, {
      'accept-language': 'zh-CN',
    });
    expect(garbled.json().error).toMatchObject({ code: 'CURSOR_INVALID', message: '翻页位置无效，请从第一页重新加载列表' });
    const en = await alice.get('/api/v1/cases?after=garbled', { 'accept-language': 'en' });
    expect(en.json().error).toMatchObject({
      code: 'CURSOR_INVALID',
      message: 'The page cursor is not valid; reload the list from its first page',
    });

    // Another account's cursor, another filter's or another list's is refused, never read as a position.
    expect((await bob.get(`/api/v1/cases?after=${encodeURIComponent(cursor)}`)).json().error.code).toBe('CURSOR_INVALID');
    expect((await alice.get(`/api/v1/cases?status=submitted&after=${encodeURIComponent(cursor)}`)).json().error.code).toBe(
      'CURSOR_INVALID',
    );
    const queueCursor: string = (await clerk.get('/api/v1/staff/cases?queue=toAccept&pageSize=1')).json().nextCursor;
    expect((await clerk.get(`/api/v1/staff/cases?queue=open&after=${encodeURIComponent(queueCursor)}`)).json().error.code).toBe(
      'CURSOR_INVALID',
    );
    expect((await clerk.get(`/api/v1/cases?after=${encodeURIComponent(queueCursor)}`)).json().error.code).toBe('CURSOR_INVALID');
  });

  it("a citizen's walk shows only their own cases", async () => {
    const bobs = await walk(bob, '/api/v1/cases?pageSize=1');
    expect(bobs.length).toBeGreaterThan(1);
    expect(bobs.some((id) => aliceCases.includes(id))).toBe(false);
    for (const id of bobs) expect((await bob.get(`/api/v1/cases/${id}`)).statusCode).toBe(200);
  });
});
