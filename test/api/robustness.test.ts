import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { login, makeCitizen, type Client } from './client.ts';
import { companyForm, makeCase, pdfBytes, publishItem, upload } from './factories/case.ts';
import { multipartFile } from './factories/multipart.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Robustness at the edge (issue 26.8): NUL and invalid UTF-8 anywhere in a request are a 400 with a
 * stable code and change nothing (PostgreSQL cannot store U+0000 in text or jsonb: that was a 500);
 * a refused upload leaves no file and no row; HSTS over TLS; /metrics only with its token; a limit
 * on open drafts per account; size and rate caps on the one anonymous upload.
 */
let p: TestPlatform;
let citizen: Client;
let code: string;
beforeAll(async () => {
  p = await startTestPlatform({ env: { TRUST_PROXY: '1', DRAFT_LIMIT: '3', VERIFY_UPLOAD_LIMIT_MB: '1', VERIFY_UPLOADS_PER_MINUTE: '4' } });
  const c = await makeCitizen(p.ctx);
  citizen = await login(p.app, c.username, c.password);
  code = (await publishItem(p)).code;
});
afterAll(async () => {
  await p?.close();
});

/** Every stored file under DATA_DIR/files, temporary names included. */
function storedFiles(): string[] {
  const root = join(p.ctx.config.dataDir, 'files');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  try {
    walk(root);
  } catch {
    // no file stored yet
  }
  return out.sort();
}

const counts = async () => ({
  cases: Number(
    (
      await p.ctx.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  materials: Number(
    (
      await p.ctx.db
        .selectFrom('materials')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  files: Number(
    (
      await p.ctx.db
        .selectFrom('files')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  onDisk: storedFiles(),
});

const json = (method: 'POST' | 'PUT', url: string, payload: string | Buffer, auth = true) =>
  p.app.inject({
    method,
    url,
    payload,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${citizen.token}` } : {}) },
  });

/** A multipart body built byte by byte, so that a name or value can hold any bytes. */
function multipartRaw(parts: Array<{ name: Buffer | string; filename?: Buffer | string; value: Buffer | string }>) {
  const boundary = '----tongbanRobust';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="`), Buffer.from(part.name));
    if (part.filename !== undefined) chunks.push(Buffer.from('"; filename="'), Buffer.from(part.filename));
    chunks.push(Buffer.from(part.filename !== undefined ? '"\r\nContent-Type: application/pdf\r\n\r\n' : '"\r\n\r\n'));
    chunks.push(Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe(`NUL and invalid UTF-8 at the edge (${testDb})`, () => {
  it('answers 400 NUL_CHARACTER to a NUL in any JSON string or key, naming where, and stores nothing', async () => {
    const before = await counts();
    const application = { itemCode: code, situationKey: 'limitedCompany', materials: [], submit: false };
    for (const [payload, where] of [
      [{ ...application, formData: { ...companyForm, legalRep: '张\u0000三' } }, 'body.formData.legalRep'],
      [{ ...application, formData: { ...companyForm, 'x\u0000': '1' } }, 'body.formData.x\\u0000'],
      [{ ...application, formData: companyForm, situationKey: 'limited\u0000Company' }, 'body.situationKey'],
    ] as const) {
      const res = await json('POST', '/api/v1/cases', JSON.stringify(payload));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'NUL_CHARACTER', details: { where } });
    }
    // Before: PostgreSQL's "unsupported Unicode escape sequence" (22P05) on the login lookup, a 500.
    const anonymous = await json('POST', '/api/v1/auth/login', JSON.stringify({ username: 'citizen1\u0000', password: 'x' }), false);
    expect(anonymous.statusCode, anonymous.body).toBe(400);
    expect(anonymous.json().error.code).toBe('NUL_CHARACTER');
    // A backslash followed by "u0000" is text, not a NUL.
    const literal = await json(
      'POST',
      '/api/v1/cases',
      JSON.stringify({ ...application, formData: { ...companyForm, legalRep: '张\\u0000三' } }),
    );
    expect(literal.statusCode, literal.body).toBe(201);
    expect(await counts()).toEqual({ ...before, cases: before.cases + 1 });
  });

  it('answers 400 ENCODING_INVALID to a JSON body that is not UTF-8, instead of storing U+FFFD', async () => {
    const before = await counts();
    const body = Buffer.concat([
      Buffer.from(`{"itemCode":"${code}","situationKey":"limitedCompany","materials":[],"submit":false,"formData":{"companyName":"`),
      Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
      Buffer.from(`","legalRep":"张三","capital":100}}`),
    ]);
    const res = await json('POST', '/api/v1/cases', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'ENCODING_INVALID', details: { where: 'body' } });
    // GBK bytes of 张三 declared as JSON: refused the same way.
    const gbk = await json(
      'POST',
      '/api/v1/auth/login',
      Buffer.from([...Buffer.from('{"username":"'), 0xd5, 0xc5, 0xc8, 0xfd, ...Buffer.from('","password":"x"}')]),
      false,
    );
    expect(gbk.json().error.code).toBe('ENCODING_INVALID');
    expect(await counts()).toEqual(before);
  });

  it('answers 400 to NUL or non-UTF-8 escapes in the path and the query, public routes included', async () => {
    const anon = (url: string) => p.app.inject({ url });
    for (const [url, errorCode, where] of [
      ['/api/v1/items?q=a%00b', 'NUL_CHARACTER', 'query'],
      ['/api/v1/items?q=a%FFb', 'ENCODING_INVALID', 'query'],
      ['/api/v1/items?q=%C3%28', 'ENCODING_INVALID', 'query'],
      ['/api/v1/items/a%00b', 'NUL_CHARACTER', 'path'],
      ['/api/v1/licenses/1.2.156.3005.2.X%00/verify', 'NUL_CHARACTER', 'path'],
      ['/api/v1/rate/abcdefghijklmnopqrstuvwxyz0123%00', 'NUL_CHARACTER', 'path'],
      // Fastify's router refuses these itself (FST_ERR_BAD_URL): the answer is still the catalog's.
      ['/api/v1/items/a%C3%28', 'ENCODING_INVALID', 'path'],
      ['/api/v1/regions/%ff', 'ENCODING_INVALID', 'path'],
    ] as const) {
      const res = await anon(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.json().error, url).toMatchObject({ code: errorCode, details: { where } });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
    // Valid UTF-8 in escapes and a lone % stay what they were.
    expect((await anon(`/api/v1/items?q=${encodeURIComponent('营业执照')}`)).statusCode).toBe(200);
    expect((await anon('/api/v1/items?q=100%25')).statusCode).toBe(200);
    const cases = await citizen.get('/api/v1/cases?q=%00');
    expect(cases.json().error.code).toBe('NUL_CHARACTER');
  });

  it('answers 400 to a header the platform reads holding bytes that are not UTF-8', async () => {
    const before = await counts();
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { itemCode: code, situationKey: 'limitedCompany', formData: companyForm, materials: [], submit: false },
      headers: { authorization: `Bearer ${citizen.token}`, 'idempotency-key': Buffer.from([0x61, 0xff, 0x62]).toString('latin1') },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'ENCODING_INVALID', details: { where: 'header.idempotency-key' } });
    expect(await counts()).toEqual(before);
  });

  it('refuses a NUL or non-UTF-8 multipart filename, name or value with 400, leaving no file on disk and no row', async () => {
    const pdf = pdfBytes('robustness: refused upload');
    const before = await counts();
    const post = (m: { payload: Buffer; headers: Record<string, string> }) =>
      p.app.inject({
        method: 'POST',
        url: '/api/v1/materials',
        payload: m.payload,
        headers: { ...m.headers, authorization: `Bearer ${citizen.token}` },
      });
    for (const [body, errorCode, where] of [
      [multipartFile('营业执照\u0000.pdf', pdf), 'NUL_CHARACTER', 'multipart.file.filename'],
      [multipartFile('a.pdf\u0000.exe', pdf), 'NUL_CHARACTER', 'multipart.file.filename'],
      [
        multipartRaw([{ name: 'file', filename: Buffer.from([0x78, 0xff, 0xfe, 0x2e, 0x70, 0x64, 0x66]), value: pdf }]),
        'ENCODING_INVALID',
        'multipart.file.filename',
      ],
      [
        multipartRaw([
          { name: 'name', value: '营业\u0000执照' },
          { name: 'file', filename: 'x.pdf', value: pdf },
        ]),
        'NUL_CHARACTER',
        'multipart.name',
      ],
      // The name field after the file: checked once the file has been read, before anything is stored.
      [
        multipartRaw([
          { name: 'file', filename: 'x.pdf', value: pdf },
          { name: 'name', value: Buffer.from([0xe8, 0x90]) },
        ]),
        'ENCODING_INVALID',
        'multipart.name',
      ],
      [multipartRaw([{ name: Buffer.from('fi\u0000le'), filename: 'x.pdf', value: pdf }]), 'NUL_CHARACTER', 'multipart.fieldname'],
    ] as const) {
      const res = await post(body);
      expect(res.statusCode, `${where}: ${res.body}`).toBe(400);
      expect(res.json().error, where).toMatchObject({ code: errorCode, details: { where } });
    }
    expect(await counts()).toEqual(before);
    // The same bytes with a clean name are stored: the refusals above were about the names.
    const ok = await post(multipartFile('营业执照.pdf', pdf));
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await counts()).onDisk).toHaveLength(before.onDisk.length + 1);
  });
});

describe(`HSTS and /metrics (${testDb})`, () => {
  let variant: FastifyInstance | undefined;
  afterAll(async () => {
    await variant?.close();
  });

  it('sends HSTS only over TLS: X-Forwarded-Proto https from the trusted proxy, or an https PUBLIC_BASE_URL', async () => {
    const plain = await p.app.inject({ url: '/api/v1/regions?parentCode=610922' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const viaTls = await p.app.inject({ url: '/api/v1/regions?parentCode=610922', headers: { 'x-forwarded-proto': 'https' } });
    expect(viaTls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const error = await p.app.inject({ url: '/api/v1/nothing-here', headers: { 'x-forwarded-proto': 'https' } });
    expect(error.statusCode).toBe(404);
    expect(error.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');

    variant = await buildApp({ ...p.ctx, config: { ...p.ctx.config, tls: true, trustProxy: false } });
    const always = await variant.inject({ url: '/healthz' });
    expect(always.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('answers /metrics only with the METRICS_TOKEN: 404 without one configured, 401 without or with a wrong bearer', async () => {
    expect((await p.app.inject({ url: '/metrics' })).statusCode).toBe(404);
    const token = 'metrics-token-for-the-test-0123456789';
    const app = await buildApp({ ...p.ctx, config: { ...p.ctx.config, metricsToken: token } });
    try {
      const none = await app.inject({ url: '/metrics' });
      expect(none.statusCode).toBe(401);
      expect(none.json().error.code).toBe('AUTH_REQUIRED');
      expect(none.body).not.toContain('tongban_http_requests_total');
      const wrong = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}x` } });
      expect(wrong.statusCode).toBe(401);
      const right = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(right.statusCode).toBe(200);
      expect(right.body).toContain('tongban_http_requests_total');
    } finally {
      await app.close();
    }
  });
});

describe(`limits per account and per client address (${testDb})`, () => {
  it('keeps at most DRAFT_LIMIT open drafts per account (CASE_DRAFT_LIMIT), counting again after one is submitted', async () => {
    const c = await makeCitizen(p.ctx);
    const owner = await login(p.app, c.username, c.password);
    const materials: Array<{ requirementKey: string; materialId: string }> = [];
    for (const k of ['application', 'articles', 'idCard'])
      materials.push({ requirementKey: k, materialId: await upload(p, owner, `${k}.pdf`) });
    const draft = () =>
      owner.post('/api/v1/cases', { itemCode: code, situationKey: 'limitedCompany', formData: companyForm, materials, submit: false });
    const made = [];
    for (let i = 0; i < 3; i++) {
      const res = await draft();
      expect(res.statusCode, res.body).toBe(201);
      made.push(res.json());
    }
    const before = await counts();
    const fourth = await draft();
    expect(fourth.statusCode, fourth.body).toBe(409);
    expect(fourth.json().error).toMatchObject({ code: 'CASE_DRAFT_LIMIT', details: { limit: 3 } });
    expect(await counts()).toEqual(before);
    // Submissions are not drafts: the limit does not stop an application.
    expect((await makeCase(p, owner, code)).status).toBe('submitted');
    // Concurrent drafts of one account are counted one after another.
    const other = await login(p.app, (await makeCitizen(p.ctx)).username, 'Citizen#2026');
    const theirs = await upload(p, other, 'application.pdf');
    const burst = await Promise.all(
      Array.from({ length: 6 }, () =>
        other.post('/api/v1/cases', {
          itemCode: code,
          situationKey: 'limitedCompany',
          formData: companyForm,
          materials: [{ requirementKey: 'application', materialId: theirs }],
          submit: false,
        }),
      ),
    );
    expect(burst.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 409, 409, 409]);
    // Submitting a draft makes room again.
    const submitted = await owner.post(`/api/v1/cases/${made[0].id}/submit`, { version: made[0].version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((await draft()).statusCode).toBe(201);
  });

  it('caps the anonymous license-file check by size and by requests per minute per client address', async () => {
    const form = (pdf: Buffer, ip: string) => {
      const m = multipartRaw([
        { name: 'pdf', filename: 'license.pdf', value: pdf },
        { name: 'signature', filename: 'license.sig', value: Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]) },
      ]);
      return p.app.inject({
        method: 'POST',
        url: '/api/v1/license-verifications',
        payload: m.payload,
        headers: { ...m.headers, 'x-forwarded-for': ip },
      });
    };
    const big = await form(Buffer.concat([pdfBytes(), Buffer.alloc(1024 * 1024 + 10, 0x20)]), '203.0.113.7');
    expect(big.statusCode, big.body).toBe(413);
    expect(big.json().error.code).toBe('BODY_TOO_LARGE');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await form(pdfBytes(), '203.0.113.8')).statusCode);
    expect(answers).toEqual([200, 200, 200, 200]);
    const limited = await form(pdfBytes(), '203.0.113.8');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    // Another address is not held back by the first one's limit.
    expect((await form(pdfBytes(), '203.0.113.9')).statusCode).toBe(200);
  });
});
