import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from './client.ts';
import { companyForm, publishItem, upload } from './factories/case.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Admission control (platform/admission.ts): with one change admitted at a time and no queue, a burst
 * of submissions meets 503 OVERLOADED with Retry-After for all but the admitted ones; each admitted
 * one is stored, each refused one left nothing, and a retry after the burst succeeds.
 */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ env: { ADMIT_WRITE_CONCURRENCY: '1', ADMIT_QUEUE: '0', ADMIT_MAX_WAIT_MS: '1000' } });
});
afterAll(async () => {
  await p?.close();
});

describe(`admission control (${testDb})`, () => {
  it('refuses a burst beyond capacity with 503 + Retry-After, stores every admitted submission once, and admits the retry', async () => {
    const citizen = await login(p.app, 'citizen1');
    const { code } = await publishItem(p, {});
    const materials = [];
    for (const k of ['application', 'articles', 'idCard'])
      materials.push({ requirementKey: k, materialId: await upload(p, citizen, `${k}.pdf`) });
    const body = { itemCode: code, situationKey: 'limitedCompany', formData: companyForm, materials, submit: true };
    const before = (await citizen.get('/api/v1/cases?pageSize=1')).json().total as number;

    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => citizen.post('/api/v1/cases', body, { 'idempotency-key': `burst-${i}-${Date.now()}` })),
    );
    const admitted = burst.filter((r) => r.statusCode === 201);
    const refused = burst.filter((r) => r.statusCode === 503);
    expect(admitted.length + refused.length).toBe(burst.length);
    expect(admitted.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) {
      expect(r.headers['retry-after']).toBe('1');
      expect(r.json().error.code).toBe('OVERLOADED');
      expect(r.json().error.message).toContain('尚未提交');
    }
    const after = (await citizen.get('/api/v1/cases?pageSize=1')).json().total as number;
    expect(after - before).toBe(admitted.length);
    const ids = new Set(admitted.map((r) => r.json().id));
    expect(ids.size).toBe(admitted.length);

    const retry = await citizen.post('/api/v1/cases', body, { 'idempotency-key': `retry-${Date.now()}` });
    expect(retry.statusCode).toBe(201);
    // Health and readiness are never gated: a load balancer must see the node alive while it sheds load.
    const [ready] = await Promise.all([
      p.app.inject({ url: '/readyz' }),
      ...Array.from({ length: 5 }, () => citizen.post('/api/v1/cases', body, { 'idempotency-key': `x-${Math.random()}` })),
    ]);
    expect(ready.statusCode).toBe(200);
  });
});
