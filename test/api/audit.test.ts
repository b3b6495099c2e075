import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent, recordAuditEvent, verifyAuditChain } from '../../src/server/platform/audit.ts';
import { flushDeniedRequests } from '../../src/server/platform/audit-denials.ts';
import { hashPassword } from '../../src/server/modules/identity/passwords.ts';
import { clientFor, login } from './client.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  // Denied requests are written when the test says (no window boundary in the middle of a test).
  p = await startTestPlatform({ env: { AUDIT_DENIED_WINDOW_SECONDS: '0' } });
  // A few real events: logins, a failed login, a department change.
  const admin = await login(p.app, 'admin1');
  await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin1', password: 'Wrong#1234' } });
  const d = (await admin.get('/api/v1/departments?regionCode=610922&pageSize=1')).json().items[0];
  await admin.patch(`/api/v1/departments/${d.id}`, { phone: '0915-1234567', version: d.version });
  await sealed();
});
afterAll(async () => {
  await p?.close();
});

const verify = () => verifyAuditChain(p.ctx.db, p.ctx.auditKey);
/** Waits until the sealer has chained every committed event. */
const sealed = () =>
  eventually(
    async () => (await p.ctx.db.selectFrom('audit_events').select('seq').where('chain_seq', 'is', null).executeTakeFirst()) === undefined,
  );

/** An audit admin bound to a region (made in the database: the security admin of 石泉县 cannot create one elsewhere). */
async function auditorOf(username: string, regionCode: string) {
  await p.ctx.db
    .insertInto('accounts')
    .values({
      username,
      password_hash: await hashPassword('Auditor#2026x'),
      kind: 'staff',
      display_name: username,
      roles: ['auditAdmin'],
      region_code: regionCode,
      totp_required: false,
    })
    .execute();
  return login(p.app, username, 'Auditor#2026x');
}

describe(`audit log (${testDb})`, () => {
  it('records every login, failed login and state change with who, what, before and after', async () => {
    const events = await p.ctx.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    const actions = events.map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining(['seed.demo:success', 'auth.login:success', 'auth.login:failure', 'department.update:success']),
    );
    const change = events.find((e) => e.action === 'department.update')!;
    expect(change.actor_id).not.toBeNull();
    expect((change.before as { phone: string | null }).phone).toBeNull();
    expect((change.after as { phone: string }).phone).toBe('0915-1234567');
    expect(change.region_code).toBe('610922');
    // Sealed in one chain: positions 1…n without a gap (nothing rolled back here, so numbers are 1…n too).
    expect(events.every((e, i) => e.chain_seq === i + 1 && e.seq === i + 1)).toBe(true);
  });

  it('verifies an intact chain, through the API for the audit admin only', async () => {
    expect(await verify()).toMatchObject({ ok: true, problems: [], pending: 0 });
    const auditor = await login(p.app, 'auditor1');
    const res = await auditor.post('/api/v1/audit-events/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, problems: [] });
    expect(res.json().head.chainSeq).toBeGreaterThan(3);
    const page = (await auditor.get('/api/v1/audit-events?pageSize=3')).json();
    expect(page.items).toHaveLength(3);
    const admin = await login(p.app, 'admin1');
    expect((await admin.post('/api/v1/audit-events/verify')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/audit-events')).statusCode).toBe(403);
  });

  it('seals an event within a second of its commit (the sealer looks every 200 ms)', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const seq = await recordAuditEvent(p.ctx.db, p.ctx.auditKey, { actor: null, action: 'test.latency', entityType: 'test' });
      const t0 = performance.now();
      await eventually(async () => {
        const row = await p.ctx.db.selectFrom('audit_events').select('chain_seq').where('seq', '=', seq).executeTakeFirst();
        return row !== undefined && row.chain_seq !== null;
      });
      waits.push(performance.now() - t0);
    }
    console.log(`sealed after ${waits.map((w) => w.toFixed(0)).join(', ')} ms`);
    expect(Math.max(...waits)).toBeLessThan(1000);
  });

  it('shows a committed event as pending until the sealer chains it; verification counts it', async () => {
    await p.sealer.stop();
    try {
      await p.ctx.db.transaction().execute((trx) =>
        appendAuditEvent(trx, p.ctx.auditKey, {
          actor: null,
          action: 'test.pending',
          entityType: 'test',
          entityId: 'pending-1',
          regionCode: '610922',
        }),
      );
      const auditor = await login(p.app, 'auditor1');
      const listed = (await auditor.get('/api/v1/audit-events?action=test.pending')).json().items;
      expect(listed).toEqual([expect.objectContaining({ sealed: false, chainSeq: null, regionCode: '610922' })]);
      const v = (await auditor.post('/api/v1/audit-events/verify')).json();
      expect(v).toMatchObject({ ok: true });
      expect(v.pending).toBeGreaterThanOrEqual(1);
    } finally {
      p.sealer.start();
    }
    await sealed();
    const auditor = await login(p.app, 'auditor1');
    const listed = (await auditor.get('/api/v1/audit-events?action=test.pending')).json().items;
    expect(listed).toEqual([expect.objectContaining({ sealed: true, chainSeq: expect.any(Number) })]);
    await sealed();
    expect(await verify()).toMatchObject({ ok: true, pending: 0 });
  });

  it("a county's audit admin reads that county's events only; a province-level one also the platform's", async () => {
    const other = await auditorOf('auditor_hanyin', '610921');
    const province = await auditorOf('auditor_shaanxi', '61');
    const neighbour = await auditorOf('auditor_sichuan', '513424');
    // Each auditor's own login is an event of their region; a system event has none.
    await p.ctx.db
      .transaction()
      .execute((trx) => appendAuditEvent(trx, p.ctx.auditKey, { actor: null, action: 'test.platform', entityType: 'platform' }));
    await sealed();
    const auditor1 = await login(p.app, 'auditor1');
    const all = async (c: typeof auditor1) =>
      (await c.get('/api/v1/audit-events?pageSize=100')).json().items as { regionCode: string | null; action: string }[];
    const regions = (items: { regionCode: string | null }[]) => new Set(items.map((e) => e.regionCode));

    const mine = await all(auditor1);
    expect(mine.length).toBeGreaterThan(3);
    expect([...regions(mine)].every((r) => r?.startsWith('610922'))).toBe(true);
    expect(mine.some((e) => e.action === 'test.platform')).toBe(false);

    const theirs = await all(other);
    expect(theirs.length).toBeGreaterThan(0);
    expect([...regions(theirs)].every((r) => r?.startsWith('610921'))).toBe(true);
    expect(theirs.some((e) => e.action === 'department.update')).toBe(false);

    const shaanxi = await all(province);
    // The province's own events (its auditor's login) carry its GB/T 2260 code.
    expect(regions(shaanxi)).toEqual(new Set([null, '610922', '610921', '610000']));
    expect(shaanxi.some((e) => e.action === 'test.platform')).toBe(true);
    expect(regions(await all(neighbour))).toEqual(new Set(['513424']));

    // Asking for another county's entity by id finds nothing.
    const change = mine.find((e) => e.action === 'department.update') as unknown as { entityId: string };
    expect((await other.get(`/api/v1/audit-events?entityType=department&entityId=${change.entityId}`)).json()).toEqual({
      items: [],
      total: 0,
    });
  });

  it('denied requests are audited in aggregate: one event per actor (or IP), route, status and code per window', async () => {
    await flushDeniedRequests(p.ctx.db, p.ctx.auditKey, p.ctx.deniedRequests);
    const denials = () =>
      p.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'access.denied').where('seq', '>', before).orderBy('seq');
    const before = Number(
      (
        await p.ctx.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.max('seq').as('n'))
          .executeTakeFirstOrThrow()
      ).n ?? 0,
    );
    const admin = await login(p.app, 'admin1');
    for (let i = 0; i < 7; i++) expect((await admin.post('/api/v1/audit-events/verify')).statusCode).toBe(403);
    for (let i = 0; i < 3; i++) expect((await p.app.inject({ url: '/api/v1/audit-events' })).statusCode).toBe(401);
    const stranger = clientFor(p.app, 'not-a-session');
    expect((await stranger.get('/api/v1/cases/00000000-0000-4000-8000-000000000000')).statusCode).toBe(401);
    const citizen = await login(p.app, 'citizen1');
    expect((await citizen.get('/api/v1/cases/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    // Public reads, unknown URLs and a wrong password (audited on its own) are not denied access to a protected resource.
    const wrong = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'clerk1', password: 'Wrong#1234' },
    });
    expect(wrong.statusCode).toBe(401);
    expect((await p.app.inject({ url: '/api/v1/items/11610922MB0000000X5000000000000' })).statusCode).toBe(404);
    expect((await p.app.inject({ url: '/api/v1/no-such-route' })).statusCode).toBe(404);
    // Nothing is written on the request path: the events appear when the window is written.
    expect(await denials().execute()).toEqual([]);
    expect(await flushDeniedRequests(p.ctx.db, p.ctx.auditKey, p.ctx.deniedRequests)).toBe(4);
    await sealed();
    const events = await denials().execute();
    const byRoute = Object.fromEntries(events.map((e) => [`${e.entity_id} ${(e.after as { status: number }).status}`, e]));
    const adminId = (await p.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'admin1').executeTakeFirstOrThrow()).id;
    expect(byRoute['POST /api/v1/audit-events/verify 403']).toMatchObject({
      actor_id: adminId,
      outcome: 'failure',
      region_code: '610922',
      after: expect.objectContaining({ count: 7, code: 'FORBIDDEN' }),
    });
    expect(byRoute['GET /api/v1/audit-events 401']).toMatchObject({
      actor_id: null,
      ip: '127.0.0.1',
      after: expect.objectContaining({ count: 3, code: 'AUTH_REQUIRED' }),
    });
    expect(byRoute['GET /api/v1/cases/:id 404'].after).toMatchObject({ count: 1, code: 'CASE_NOT_FOUND' });
    expect(byRoute['GET /api/v1/cases/:id 401'].after).toMatchObject({ count: 1 });
    expect(events).toHaveLength(4);
    expect((await verify()).ok).toBe(true);
  });

  it('detects an edited row', async () => {
    const target = await p.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'department.update')
      .executeTakeFirstOrThrow();
    await sql`UPDATE audit_events SET after = jsonb_set(after, '{phone}', '"0000"') WHERE seq = ${target.seq}`.execute(p.ctx.db);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ chainSeq: target.chain_seq, seq: target.seq, kind: 'edited' }));
    await sql`UPDATE audit_events SET after = ${JSON.stringify(target.after)}::jsonb WHERE seq = ${target.seq}`.execute(p.ctx.db);
    expect((await verify()).ok).toBe(true);
    // The region is under the MAC too: moving an event to another county's auditor is an edit.
    await sql`UPDATE audit_events SET region_code = '610921' WHERE seq = ${target.seq}`.execute(p.ctx.db);
    expect((await verify()).problems).toContainEqual(expect.objectContaining({ chainSeq: target.chain_seq, kind: 'edited' }));
    await sql`UPDATE audit_events SET region_code = '610922' WHERE seq = ${target.seq}`.execute(p.ctx.db);
    expect((await verify()).ok).toBe(true);
  });

  it('detects a deleted row in the middle and a deleted last row', async () => {
    await p.sealer.stop();
    const rows = await p.ctx.db.selectFrom('audit_events').select('chain_seq').orderBy('chain_seq').execute();
    const middle = Number(rows[Math.floor(rows.length / 2)].chain_seq);
    await p.ctx.db.deleteFrom('audit_events').where('chain_seq', '=', middle).execute();
    const r1 = await verify();
    expect(r1.ok).toBe(false);
    expect(r1.problems).toContainEqual({ chainSeq: middle, kind: 'missing' });
    const last = Number(rows[rows.length - 1].chain_seq);
    await p.ctx.db.deleteFrom('audit_events').where('chain_seq', '=', last).execute();
    expect((await verify()).problems).toContainEqual(expect.objectContaining({ kind: 'head' }));
  });
});
