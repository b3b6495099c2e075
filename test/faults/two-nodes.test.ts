import { randomBytes } from 'node:crypto';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, login, prepareSubmission, query, ServerNode, sleep, submit, type Submission } from './support.ts';

/**
 * Two nodes on one database: both serve every request (a session made on one works on the other);
 * the deadline sweep running on both at once (ten sweeps queued together, taken by either node's
 * workers) deems each overdue case accepted once, raises each warning once, tells each supervisor
 * once and sends each applicant one SMS.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let a: ServerNode;
let b: ServerNode;
beforeAll(async () => {
  db = await freshDatabase();
  const env = { DATABASE_URL: db.url, TONGBAN_MASTER_KEY: randomBytes(32).toString('hex'), LOGIN_RATE_PER_MINUTE: '100000' };
  a = await ServerNode.create(env);
  b = await ServerNode.create(env);
});
afterAll(async () => {
  await a?.destroy();
  await b?.destroy();
  await db?.drop();
});

describe('two nodes on one database (PostgreSQL)', () => {
  it('serve every request, and produce each deadline warning and notification exactly once', async () => {
    await a.start({ TONGBAN_DEMO: '1' });
    await b.start({ TONGBAN_DEMO: '0' });
    const s: Submission = await prepareSubmission(a.baseUrl);
    // A session made on node A works on node B and back.
    const me = await fetch(`${b.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${s.citizen}` } });
    expect(me.status).toBe(200);
    const supervisorToken = await login(b.baseUrl, 'supervisor1');

    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const node = i % 2 === 0 ? a : b;
      const r = await submit(node.baseUrl, s, `two-${i}`);
      expect(r.status, `submission ${i} on node ${i % 2 === 0 ? 'A' : 'B'}`).toBe(201);
      ids.push(r.id as string);
    }
    // Both nodes read what the other wrote.
    for (const [i, id] of ids.entries()) {
      const node = i % 2 === 0 ? b : a;
      expect((await fetch(`${node.baseUrl}/api/v1/cases/${id}`, { headers: { authorization: `Bearer ${s.citizen}` } })).status).toBe(200);
    }

    // Ten working days pass without a notice: every case is due for deemed acceptance (行政许可法 Art. 32).
    await query(db.url, `UPDATE cases SET submitted_at = now() - interval '20 days' WHERE id = ANY($1::uuid[])`, [ids]);
    const boss = new PgBoss({ connectionString: db.url, max: 2, schedule: false, supervise: false, migrate: false });
    await boss.start();
    for (let i = 0; i < 10; i++) await boss.send('cases.sweep', {});
    await boss.stop({ graceful: false, wait: false });
    const until = Date.now() + 120_000;
    for (;;) {
      const [{ open }] = await query<{ open: string }>(
        db.url,
        `SELECT count(*) AS open FROM pgboss.job WHERE name IN ('cases.sweep', 'sms.send') AND state IN ('created', 'retry', 'active')`,
      );
      const [{ accepted }] = await query<{ accepted: string }>(
        db.url,
        `SELECT count(*) AS accepted FROM cases WHERE id = ANY($1::uuid[]) AND deemed_accepted`,
        [ids],
      );
      if ((Number(open) === 0 && Number(accepted) === ids.length) || Date.now() > until) break;
      await sleep(500);
    }
    const workers = await query<{ state: string; n: string }>(
      db.url,
      `SELECT state, count(*) AS n FROM pgboss.job WHERE name = 'cases.sweep' GROUP BY state`,
    );
    expect(workers).toEqual([{ state: 'completed', n: '10' }]);

    const events = await query<{ case_id: string; n: string }>(
      db.url,
      `SELECT case_id, count(*) AS n FROM case_events WHERE action = 'deemAccept' AND case_id = ANY($1::uuid[]) GROUP BY case_id`,
      [ids],
    );
    expect(events.length).toBe(ids.length);
    expect(events.every((e) => e.n === '1')).toBe(true);
    const warnings = await query<{ n: string }>(
      db.url,
      `SELECT count(*) AS n FROM case_warnings WHERE level = 'deemedAccepted' AND case_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(warnings[0].n).toBe(String(ids.length));
    const notices = await query<{ case_id: string; account_id: string; n: string }>(
      db.url,
      `SELECT case_id, account_id, count(*) AS n FROM notifications WHERE kind = 'deemedAccepted' AND case_id = ANY($1::uuid[]) GROUP BY case_id, account_id`,
      [ids],
    );
    expect(notices.length).toBeGreaterThanOrEqual(ids.length);
    expect(notices.every((n) => n.n === '1')).toBe(true);
    const numbers = await query<{ number: string }>(db.url, 'SELECT number FROM cases WHERE id = ANY($1::uuid[])', [ids]);
    const sms = await query<{ body: string }>(db.url, `SELECT body FROM sms_messages WHERE purpose = 'case.accepted'`);
    for (const { number } of numbers) expect(sms.filter((m) => m.body.includes(number)).length, `SMS for ${number}`).toBe(1);
    // The supervisor, logged in on node B, sees the warnings on node A.
    const board = await fetch(`${a.baseUrl}/api/v1/notifications?pageSize=100`, {
      headers: { authorization: `Bearer ${supervisorToken}` },
    });
    expect(board.status).toBe(200);
    console.log(
      `two nodes: 20 submissions (10 per node), 10 concurrent sweeps → ${events.length} deemed acceptances, ${warnings[0].n} warnings, ${notices.length} supervisor notices, ${sms.length} SMS — each once`,
    );
  });
});
