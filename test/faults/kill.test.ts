import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freshDatabase,
  login,
  prepareSubmission,
  query,
  ServerNode,
  sleep,
  submit,
  submitUntilDone,
  type Attempt,
  type Submission,
} from './support.ts';

/**
 * kill -9 during 64-client submission load, then a restart on the same database: every submission
 * that was answered 2xx exists exactly once; every submission whose answer was lost, retried with the
 * same Idempotency-Key, ends as exactly one case; replays of answered keys return the same case. The
 * audit events committed before the kill but not sealed yet are sealed after the restart: every stored
 * case has its sealed submission event and the chain verifies.
 */
const CLIENTS = 64;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let node: ServerNode;
beforeAll(async () => {
  db = await freshDatabase();
  node = await ServerNode.create({
    DATABASE_URL: db.url,
    TONGBAN_MASTER_KEY: randomBytes(32).toString('hex'),
    LOGIN_RATE_PER_MINUTE: '100000',
  });
});
afterAll(async () => {
  await node?.destroy();
  await db?.drop();
});

describe('kill -9 under load (PostgreSQL)', () => {
  it('keeps every acknowledged submission exactly once, and retries with the same key never duplicate', async () => {
    await node.start({ TONGBAN_DEMO: '1' });
    const s: Submission = await prepareSubmission(node.baseUrl);
    const acknowledged = new Map<string, string>();
    const unanswered = new Set<string>();
    let killed = false;

    const client = async (c: number) => {
      for (let n = 0; !killed; n++) {
        const key = `kill-${c}-${n}`;
        let a: Attempt;
        do {
          a = await submit(node.baseUrl, s, key);
          if (a.status === 503 || a.status === 409) await sleep(200);
        } while ((a.status === 503 || a.status === 409) && !killed);
        if (a.status === 201 && a.id) acknowledged.set(key, a.id);
        else if (a.status === 0 || a.status === 503 || a.status === 409) {
          unanswered.add(key);
          return;
        } else throw new Error(`unexpected answer ${a.status} for ${key}`);
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    // Let the load run until a good number of cases committed, then cut the process.
    const until = Date.now() + 60_000;
    while (acknowledged.size < 150 && Date.now() < until) await sleep(100);
    killed = true;
    await node.kill9();
    await load;
    expect(acknowledged.size).toBeGreaterThanOrEqual(100);
    const [{ n: pendingAtKill }] = await query<{ n: number }>(
      db.url,
      'SELECT count(*)::int AS n FROM audit_events WHERE chain_seq IS NULL',
    );

    await node.start({ TONGBAN_DEMO: '0' });
    // The clients retry what they never heard back about, with the same keys (409 in use until the lease ends).
    const deadline = Date.now() + 120_000;
    const retried = await Promise.all(
      [...unanswered].map(async (key) => [key, await submitUntilDone(node.baseUrl, s, key, deadline)] as const),
    );
    for (const [key, a] of retried) {
      expect(a.status, `retry of ${key}`).toBe(201);
      acknowledged.set(key, a.id as string);
    }
    // Replaying answered keys returns the stored answer: the same case.
    for (const [key, id] of [...acknowledged].slice(0, 20)) {
      const again = await submit(node.baseUrl, s, key);
      expect(again.status).toBe(201);
      expect(again.id).toBe(id);
    }

    const ids = [...acknowledged.values()];
    expect(new Set(ids).size).toBe(ids.length);
    const stored = await query<{ id: string }>(db.url, 'SELECT id FROM cases WHERE implementation_code = $1', [s.code]);
    expect(stored.length).toBe(ids.length);
    expect(new Set(stored.map((r) => r.id))).toEqual(new Set(ids));
    const duplicated = await query(
      db.url,
      'SELECT idempotency_key FROM cases WHERE implementation_code = $1 GROUP BY idempotency_key HAVING count(*) > 1',
      [s.code],
    );
    expect(duplicated).toEqual([]);
    // Nothing committed is lost unsealed: the restarted node's sealer chains what the killed one left pending.
    const deadlineSealed = Date.now() + 30_000;
    let pendingNow = -1;
    while (Date.now() < deadlineSealed) {
      [{ n: pendingNow }] = await query<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM audit_events WHERE chain_seq IS NULL');
      if (pendingNow === 0) break;
      await sleep(100);
    }
    expect(pendingNow).toBe(0);
    const submitted = await query<{ entity_id: string }>(
      db.url,
      `SELECT e.entity_id FROM audit_events e JOIN cases c ON c.id::text = e.entity_id
        WHERE e.action = 'case.submit' AND c.implementation_code = $1 AND e.chain_seq IS NOT NULL`,
      [s.code],
    );
    expect(new Set(submitted.map((r) => r.entity_id))).toEqual(new Set(ids));
    const auditor = await login(node.baseUrl, 'auditor1');
    const verified = await fetch(`${node.baseUrl}/api/v1/audit-events/verify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(await verified.json()).toMatchObject({ ok: true, problems: [] });
    console.log(
      `kill -9: ${ids.length - retried.length} acknowledged before the kill, ${retried.length} unanswered and retried after the restart; ${stored.length} cases stored, none twice; ${pendingAtKill} audit events were pending at the kill, all sealed after the restart`,
    );
  });
});
