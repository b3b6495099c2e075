import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/server/platform/audit.ts';
import { login } from './client.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
  // A few real events: logins, a failed login, a department change.
  const admin = await login(p.app, 'admin1');
  await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin1', password: 'Wrong#1234' } });
  const d = (await admin.get('/api/v1/departments?regionCode=610922&pageSize=1')).json().items[0];
  await admin.patch(`/api/v1/departments/${d.id}`, { phone: '0915-1234567', version: d.version });
});
afterAll(async () => {
  await p?.close();
});

const verify = () => verifyAuditChain(p.ctx.db, p.ctx.auditKey);

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
    expect(events.every((e, i) => e.seq === i + 1)).toBe(true);
  });

  it('verifies an intact chain, through the API for the audit admin only', async () => {
    expect(await verify()).toMatchObject({ ok: true, problems: [] });
    const auditor = await login(p.app, 'auditor1');
    const res = await auditor.post('/api/v1/audit-events/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json().ok).toBe(true);
    expect((await auditor.get('/api/v1/audit-events?pageSize=5')).json().items).toHaveLength(5);
    const admin = await login(p.app, 'admin1');
    expect((await admin.post('/api/v1/audit-events/verify')).statusCode).toBe(403);
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
    expect(result.problems).toContainEqual({ seq: target.seq, kind: 'edited' });
    await sql`UPDATE audit_events SET after = ${JSON.stringify(target.after)}::jsonb WHERE seq = ${target.seq}`.execute(p.ctx.db);
    expect((await verify()).ok).toBe(true);
  });

  it('detects a deleted row in the middle and a deleted last row', async () => {
    const rows = await p.ctx.db.selectFrom('audit_events').select('seq').orderBy('seq').execute();
    const middle = rows[Math.floor(rows.length / 2)].seq;
    await p.ctx.db.deleteFrom('audit_events').where('seq', '=', middle).execute();
    const r1 = await verify();
    expect(r1.ok).toBe(false);
    expect(r1.problems).toContainEqual({ seq: middle, kind: 'missing' });
    const last = rows[rows.length - 1].seq;
    await p.ctx.db.deleteFrom('audit_events').where('seq', '=', last).execute();
    expect((await verify()).problems).toContainEqual(expect.objectContaining({ kind: 'head' }));
  });
});
