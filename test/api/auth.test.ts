import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, DEMO_PASSWORD, login } from './client.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  await p?.close();
});

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  p.app.inject({ method: 'POST', url, payload, headers });

describe(`authentication (${testDb})`, () => {
  it('logs in with the demo password, sets an HttpOnly SameSite cookie and returns a bearer token', async () => {
    const res = await post('/api/v1/auth/login', { username: 'citizen1', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.account.username).toBe('citizen1');
    expect(body.account.person.idNumber).toMatch(/^610922\*{8}\d{3}[\dX]$/);
    const cookie = res.cookies.find((c) => c.name === 'tongban_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const me = await clientFor(p.app, body.token).get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().kind).toBe('applicant');
  });

  it('answers 401 AUTH_REQUIRED without a session, and for a made-up token', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_REQUIRED');
    const forged = await clientFor(p.app, 'x'.repeat(43)).get('/api/v1/auth/me');
    expect(forged.statusCode).toBe(401);
  });

  it('gives identical answers for an unknown user and a wrong password', async () => {
    const unknown = await post('/api/v1/auth/login', { username: 'no_such_user', password: 'Wrong#123' });
    const wrong = await post('/api/v1/auth/login', { username: 'approver1', password: 'Wrong#123' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.json().error.message).toBe('用户名或密码错误');
  });

  it('locks a username after 5 failures: even the right password is refused, and the lock is audited', async () => {
    for (let i = 0; i < 5; i++)
      expect((await post('/api/v1/auth/login', { username: 'supervisor1', password: `Wrong#${i}` })).statusCode).toBe(401);
    const locked = await post('/api/v1/auth/login', { username: 'supervisor1', password: DEMO_PASSWORD }, { 'accept-language': 'en' });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('AUTH_LOCKED');
    expect(locked.json().error.details.retryAfterSeconds).toBeGreaterThan(14 * 60);
    const events = await p.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .execute();
    expect(events.some((e) => (e.after as { locked?: boolean }).locked === true)).toBe(true);
    // Unknown usernames lock the same way, so a lock reveals nothing.
    for (let i = 0; i < 5; i++) await post('/api/v1/auth/login', { username: 'ghost_user', password: `Wrong#${i}` });
    expect((await post('/api/v1/auth/login', { username: 'ghost_user', password: 'Wrong#9' })).statusCode).toBe(423);
  });

  it('ends the session server-side at logout: the same token stops working', async () => {
    const c = await login(p.app, 'reviewer1');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('ends a session idle for more than 30 minutes', async () => {
    const c = await login(p.app, 'clerk1');
    await p.ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('ended_at', 'is', null)
      .where('account_id', '=', (await c.get('/api/v1/auth/me')).json().id)
      .execute();
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('requires the CSRF token for changes made with the session cookie', async () => {
    const res = await post('/api/v1/auth/login', { username: 'company1', password: DEMO_PASSWORD });
    const { token, csrfToken } = res.json();
    const cookies = { tongban_session: token };
    const without = await p.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_INVALID');
    const me = await p.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies });
    expect(me.json().csrfToken).toBe(csrfToken);
    const withToken = await p.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies, headers: { 'x-csrf-token': csrfToken } });
    expect(withToken.statusCode).toBe(204);
  });

  it('requires a TOTP code from staff created through the API', async () => {
    const sec = await login(p.app, 'secadmin1');
    const dept = (await sec.get('/api/v1/departments?regionCode=610922&pageSize=100'))
      .json()
      .items.find((d: { key: string }) => d.key === 'market');
    const created = await sec.post('/api/v1/staff', {
      username: 'clerk_totp',
      displayName: '测试受理员',
      password: 'Clerk#2026x',
      departmentId: dept.id,
      roles: ['clerk'],
    });
    expect(created.statusCode).toBe(201);
    const totp = OTPAuth.URI.parse(created.json().otpauthUri) as OTPAuth.TOTP;
    const noCode = await post('/api/v1/auth/login', { username: 'clerk_totp', password: 'Clerk#2026x' });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('AUTH_TOTP_REQUIRED');
    const badCode = await post('/api/v1/auth/login', {
      username: 'clerk_totp',
      password: 'Clerk#2026x',
      totp: totp.generate() === '000000' ? '111111' : '000000',
    });
    expect(badCode.json().error.code).toBe('AUTH_TOTP_REQUIRED');
    const ok = await post('/api/v1/auth/login', { username: 'clerk_totp', password: 'Clerk#2026x', totp: totp.generate() });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().account.roles).toEqual(['clerk']);
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await p.ctx.db.selectFrom('accounts').select('password_hash').where('username', '=', 'citizen1').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});
