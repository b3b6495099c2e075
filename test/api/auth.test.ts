import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, clientFor, DEMO_PASSWORD, login } from './client.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ env: { SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' } });
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

  it('requires a TOTP code from staff created through the API, and accepts each code once', async () => {
    const sec = await login(p.app, 'secadmin1');
    const dept = (await sec.get('/api/v1/departments?regionCode=610922&pageSize=100'))
      .json()
      .items.find((d: { key: string }) => d.key === 'market');
    const created = await sec.post('/api/v1/staff', {
      username: 'clerk_totp',
      displayName: '测试受理员',
      departmentId: dept.id,
      roles: ['clerk'],
    });
    expect(created.statusCode).toBe(201);
    const { totp } = await activate(p.app, 'clerk_totp', created.json().activation.code, 'Clerk#2026x', p.ctx.now());
    const noCode = await post('/api/v1/auth/login', { username: 'clerk_totp', password: 'Clerk#2026x' });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('AUTH_TOTP_REQUIRED');
    const badCode = await post('/api/v1/auth/login', {
      username: 'clerk_totp',
      password: 'Clerk#2026x',
      totp: totp.generate() === '000000' ? '111111' : '000000',
    });
    expect(badCode.json().error.code).toBe('AUTH_TOTP_REQUIRED');
    // The activation used this period's code: the next period's code logs in, once.
    p.clock.set(new Date(Date.now() + 30_000));
    const code = totp.generate({ timestamp: p.ctx.now().getTime() });
    const ok = await post('/api/v1/auth/login', { username: 'clerk_totp', password: 'Clerk#2026x', totp: code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().account.roles).toEqual(['clerk']);
    const replay = await post('/api/v1/auth/login', { username: 'clerk_totp', password: 'Clerk#2026x', totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error).toMatchObject({ code: 'AUTH_TOTP_REQUIRED', details: { invalid: true } });
    p.clock.reset();
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await p.ctx.db.selectFrom('accounts').select('password_hash').where('username', '=', 'citizen1').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe(`lockout that an attacker cannot turn against the owner (${testDb})`, () => {
  const from = (ip: string, payload: object, cookies: Record<string, string> = {}) =>
    p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, remoteAddress: ip, cookies });
  const throttleOf = async (username: string) =>
    p.ctx.db
      .selectFrom('login_throttle')
      .selectAll()
      .where('username_key', '=', p.ctx.cipher.blindIndex(`login:${username}`))
      .executeTakeFirst();

  it('counts 20 parallel wrong passwords atomically: exactly 5 are checked, the other 15 meet the lock', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => from(`10.1.0.${i + 1}`, { username: 'reviewer1', password: `Wrong-guess-${i}` })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 423)).toHaveLength(15);
    expect((await throttleOf('reviewer1'))?.failures).toBe(5);
    expect(await from('10.1.0.99', { username: 'reviewer1', password: DEMO_PASSWORD }).then((r) => r.statusCode)).toBe(423);
  });

  it('lets the owner in from a device it logged in from before, while the account is locked for everyone else', async () => {
    const first = await from('10.2.0.1', { username: 'approver1', password: DEMO_PASSWORD });
    expect(first.statusCode).toBe(200);
    const device = first.cookies.find((c) => c.name === 'tongban_device');
    expect(device?.httpOnly).toBe(true);
    expect(device?.sameSite).toBe('Strict');
    // An attacker locks the account from elsewhere.
    for (let i = 0; i < 5; i++) await from('10.2.0.66', { username: 'approver1', password: `Attacker#${i}x` });
    expect((await from('10.2.0.67', { username: 'approver1', password: DEMO_PASSWORD })).statusCode).toBe(423);
    // The owner's browser still gets in.
    const owner = await from('10.2.0.1', { username: 'approver1', password: DEMO_PASSWORD }, { tongban_device: device!.value });
    expect(owner.statusCode).toBe(200);
    // A device cookie of another account, or a made-up one, is no exemption.
    const other = await from('10.2.0.66', { username: 'approver1', password: DEMO_PASSWORD }, { tongban_device: 'x'.repeat(32) });
    expect(other.statusCode).toBe(423);
  });

  it('makes a known device wait (doubling) after repeated failures instead of locking it', async () => {
    const first = await from('10.3.0.1', { username: 'admin1', password: DEMO_PASSWORD });
    const device = { tongban_device: first.cookies.find((c) => c.name === 'tongban_device')!.value };
    const t0 = Date.now();
    p.clock.set(new Date(t0));
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await from('10.3.0.1', { username: 'admin1', password: `Typo#${i}abc` }, device)).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 401]);
    const waiting = await from('10.3.0.1', { username: 'admin1', password: DEMO_PASSWORD }, device);
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } });
    p.clock.set(new Date(t0 + 1500));
    expect((await from('10.3.0.1', { username: 'admin1', password: 'Typo#6abc' }, device)).statusCode).toBe(401);
    const longer = await from('10.3.0.1', { username: 'admin1', password: DEMO_PASSWORD }, device);
    expect(longer.json().error.details.retryAfterSeconds).toBe(2);
    p.clock.set(new Date(t0 + 4000));
    expect((await from('10.3.0.1', { username: 'admin1', password: DEMO_PASSWORD }, device)).statusCode).toBe(200);
    p.clock.reset();
  });

  it('ends the lock when its time is over (the test moves the clock, it does not wait)', async () => {
    const t0 = Date.now();
    p.clock.set(new Date(t0));
    for (let i = 0; i < 5; i++) await from('10.4.0.1', { username: 'auditor1', password: `Wrong#${i}abc` });
    const locked = await from('10.4.0.2', { username: 'auditor1', password: DEMO_PASSWORD });
    expect(locked.json().error).toMatchObject({ code: 'AUTH_LOCKED', details: { retryAfterSeconds: 15 * 60 } });
    p.clock.set(new Date(t0 + 14 * 60_000));
    expect((await from('10.4.0.2', { username: 'auditor1', password: DEMO_PASSWORD })).statusCode).toBe(423);
    p.clock.set(new Date(t0 + 15 * 60_000 + 1000));
    expect((await from('10.4.0.2', { username: 'auditor1', password: DEMO_PASSWORD })).statusCode).toBe(200);
    p.clock.reset();
  });

  it('slows down one address that sprays passwords over many accounts', async () => {
    const t0 = Date.now();
    p.clock.set(new Date(t0));
    for (let i = 0; i < 20; i++)
      expect((await from('10.5.0.1', { username: `nobody_${i}`, password: 'Spray#2026x' })).statusCode).toBe(401);
    const slowed = await from('10.5.0.1', { username: 'nobody_x', password: 'Spray#2026x' });
    expect(slowed.statusCode).toBe(429);
    // Another address is not slowed.
    expect((await from('10.5.0.2', { username: 'supervisor1', password: DEMO_PASSWORD })).statusCode).not.toBe(429);
    p.clock.reset();
  });
});

describe(`sessions by the platform clock (${testDb})`, () => {
  it('ends a session idle for 30 minutes and one older than 12 hours, by moving the clock', async () => {
    const t0 = Date.now();
    p.clock.set(new Date(t0));
    const c = await login(p.app, 'company1');
    p.clock.set(new Date(t0 + 29 * 60_000));
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    p.clock.set(new Date(t0 + 29 * 60_000 + 31 * 60_000));
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    const d = await login(p.app, 'company1');
    for (let h = 1; h <= 12; h++) {
      p.clock.set(new Date(t0 + 60 * 60_000 + h * 25 * 60_000));
      await d.get('/api/v1/auth/me');
    }
    p.clock.set(new Date(t0 + 60 * 60_000 + 12 * 3_600_000 + 60_000));
    expect((await d.get('/api/v1/auth/me')).statusCode).toBe(401);
    p.clock.reset();
  });
});
