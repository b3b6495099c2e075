import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from './client.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  // The route's rate limiter alone: the lockout's per-address counter (test/api/auth.test.ts) is set out of the way.
  p = await startTestPlatform({
    env: {
      BODY_LIMIT_BYTES: '65536',
      LOGIN_RATE_PER_MINUTE: '40',
      AUTH_SOURCE_FAILURES: '1000',
      METRICS_TOKEN: 'conventions-metrics-token-0123',
    },
  });
});
afterAll(async () => {
  await p?.close();
});

const inject = (o: InjectOptions) => p.app.inject(o);

describe(`HTTP conventions (${testDb})`, () => {
  it('answers health, readiness and metrics (with the METRICS_TOKEN only)', async () => {
    expect((await inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await inject({ url: '/readyz' })).json().status).toBe('ready');
    expect((await inject({ url: '/metrics' })).statusCode).toBe(401);
    const metrics = await inject({ url: '/metrics', headers: { authorization: 'Bearer conventions-metrics-token-0123' } });
    expect(metrics.body).toContain('tongban_http_requests_total');
  });

  it('sends the security headers on every answer (API, errors and pages), without HSTS on plain HTTP', async () => {
    for (const res of [
      await inject({ url: '/api/v1/regions?parentCode=610922' }),
      await inject({ url: '/api/v1/auth/me' }),
      await inject({ url: '/healthz' }),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('publishes OpenAPI 3.1 generated from the route schemas', async () => {
    const doc = (await inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/regions', '/api/v1/departments/{id}']));
    expect(doc.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
  });

  it('localises error messages by Accept-Language, zh-CN first', async () => {
    const zh = await inject({ url: '/api/v1/auth/me' });
    const en = await inject({ url: '/api/v1/auth/me', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(zh.json().error).toEqual({ code: 'AUTH_REQUIRED', message: '请先登录' });
    expect(en.json().error).toEqual({ code: 'AUTH_REQUIRED', message: 'Please log in' });
  });

  it('refuses unknown fields, wrong types, wrong content types, malformed JSON and oversize bodies with stable codes', async () => {
    const unknown = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a', password: 'b', role: 'admin' } });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'UNKNOWN_FIELD']);
    const wrongType = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 5, password: 'b' } });
    expect([wrongType.statusCode, wrongType.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(wrongType.json().error.details.fields[0]).toEqual({ field: 'body.username', reason: 'notText', message: '应填写文字' });
    const english = await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { username: 5, password: 'b' },
    });
    expect(english.json().error.details.fields[0]).toEqual({ field: 'body.username', reason: 'notText', message: 'Must be text' });
    const custom = await inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { username: 'a!', password: 'x', name: '张三', idNumber: '1', phone: '1', smsCode: '123456' },
    });
    expect(custom.json().error.details.fields.find((f: { field: string }) => f.field === 'body.username')).toEqual({
      field: 'body.username',
      reason: 'usernameInvalid',
      message: '用户名为 3–64 位字母、数字或 _ . @ -',
    });
    const text = await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'username=a',
    });
    expect([text.statusCode, text.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const bad = await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'MALFORMED_BODY']);
    const big = await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(70_000), password: 'y' }),
    });
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'BODY_TOO_LARGE']);
  });

  it('pages lists with page and pageSize ≤ 100, answering {items,total}', async () => {
    const page = (await inject({ url: '/api/v1/regions?parentCode=610922&page=2&pageSize=5' })).json();
    expect(page.total).toBe(11);
    expect(page.items).toHaveLength(5);
    expect(page.items[0].code).toBe('610922105');
    const tooBig = await inject({ url: '/api/v1/regions?pageSize=101' });
    expect([tooBig.statusCode, tooBig.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('knows the demo regions: 石泉县 with 11 towns and their villages, 德昌县 with 12 townships', async () => {
    const shiquan = (await inject({ url: '/api/v1/regions/610922' })).json();
    expect(shiquan.name).toBe('石泉县');
    expect(shiquan.path.map((r: { name: string }) => r.name)).toEqual(['陕西省', '安康市', '石泉县']);
    expect((await inject({ url: '/api/v1/regions?parentCode=513424' })).json().total).toBe(12);
    const town = (await inject({ url: '/api/v1/regions?parentCode=610922&pageSize=1' })).json().items[0];
    expect((await inject({ url: `/api/v1/regions?parentCode=${town.code}` })).json().total).toBeGreaterThan(0);
    const unknown = await inject({ url: '/api/v1/departments?regionCode=999999' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'REGION_NOT_FOUND']);
    const malformed = await inject({ url: '/api/v1/departments?regionCode=61x' });
    expect(malformed.statusCode).toBe(400);
    const halls = (await inject({ url: '/api/v1/halls?regionCode=610922&pageSize=100' })).json();
    const centre = halls.items.find((h: { level: string }) => h.level === 'county');
    expect(centre.name).toBe('石泉县政务服务中心');
    expect(centre.windows.filter((w: { kind: string }) => w.kind === 'comprehensive').length).toBeGreaterThanOrEqual(4);
  });

  it('unknown API paths are a JSON 404', async () => {
    const res = await inject({ url: '/api/v1/nothing-here' });
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('rate-limits login attempts per client', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 45; i++) {
      codes.push(
        (
          await inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            remoteAddress: '10.9.9.9',
            payload: { username: `rl${i}`, password: 'x' },
          })
        ).statusCode,
      );
    }
    expect(codes.filter((c) => c === 429).length).toBe(5);
    const other = await login(p.app, 'citizen1');
    expect(other.token).toBeTruthy();
  });

  it('rate-limits the public progress lookup (办件进度查询) like login', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 45; i++) {
      const res = await inject({
        method: 'POST',
        url: '/api/v1/case-progress',
        remoteAddress: '10.9.9.8',
        payload: { number: `61092220261201${String(i).padStart(5, '0')}`, idNumber: '610922198503151247' },
      });
      codes.push(res.statusCode);
    }
    expect(codes.filter((c) => c === 429).length).toBe(5);
    expect(codes.filter((c) => c === 404).length).toBe(40);
  });
});
