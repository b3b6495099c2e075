import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devEnterpriseIdentity, devEnterpriseRegister, httpEnterpriseIdentity } from './enterprise-identity.ts';

/**
 * The HTTP adapter against a small server on this machine that answers as the contract says (and,
 * on purpose, as it does not): the adapter maps what comes back, and anything unexpected is never a match.
 */
let server: Server;
let url: string;
const seen: { path: string; auth: string | undefined; body: unknown }[] = [];
const answers: Record<string, { status: number; body: string; delayMs?: number }> = {
  '91610922609220038N': { status: 200, body: JSON.stringify({ result: 'match', registeredName: '石泉县汉江船运有限公司' }) },
  '91350200776049653A': { status: 200, body: JSON.stringify({ result: 'mismatch' }) },
  '91610922609220046E': { status: 200, body: JSON.stringify({ result: 'match' }) },
  '91610922609220054A': { status: 502, body: 'bad gateway' },
  '91610922609220062X': { status: 200, body: '{}', delayMs: 5000 },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const body = JSON.parse(raw) as { creditCode: string };
      seen.push({ path: req.url ?? '', auth: req.headers.authorization, body });
      const a = answers[body.creditCode] ?? { status: 200, body: JSON.stringify({ result: 'notFound' }) };
      setTimeout(() => res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body), a.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
);

const claimant = { name: '赵建华', idNumber: '610922198206114157' };

describe('the enterprise identity HTTP adapter', () => {
  const service = () => httpEnterpriseIdentity({ url, token: 'secret-token', timeoutMs: 2000 });

  it('sends the contract and maps match, mismatch and notFound', async () => {
    expect(await service().verify({ creditCode: '91610922609220038N', name: '汉江船运', claimant })).toEqual({
      result: 'match',
      registeredName: '石泉县汉江船运有限公司',
    });
    expect(seen.at(-1)).toEqual({
      path: '/legal-representative/verify',
      auth: 'Bearer secret-token',
      body: { creditCode: '91610922609220038N', name: '汉江船运', legalRepresentative: claimant },
    });
    expect(await service().verify({ creditCode: '91350200776049653A', name: 'x', claimant })).toEqual({ result: 'mismatch' });
    expect(await service().verify({ creditCode: '91110000000000000X', name: 'x', claimant })).toEqual({ result: 'notFound' });
  });

  it('never takes a malformed answer, an error status, a timeout or no server for a match', async () => {
    for (const code of ['91610922609220046E', '91610922609220054A', '91610922609220062X']) {
      await expect(service().verify({ creditCode: code, name: 'x', claimant }), code).rejects.toMatchObject({
        code: 'ORGANIZATION_IDENTITY_UNAVAILABLE',
      });
    }
    const nowhere = httpEnterpriseIdentity({ url: 'http://127.0.0.1:9', token: null, timeoutMs: 200 });
    await expect(nowhere.verify({ creditCode: '91610922609220038N', name: 'x', claimant })).rejects.toMatchObject({
      code: 'ORGANIZATION_IDENTITY_UNAVAILABLE',
    });
  });
});

describe('the demo stand-in register', () => {
  it('matches the registered representative only', async () => {
    const e = devEnterpriseRegister[1];
    expect(await devEnterpriseIdentity.verify({ creditCode: e.creditCode, name: 'x', claimant: e.legalRepresentative })).toEqual({
      result: 'match',
      registeredName: e.name,
    });
    expect(await devEnterpriseIdentity.verify({ creditCode: e.creditCode, name: 'x', claimant })).toEqual({ result: 'mismatch' });
    expect(await devEnterpriseIdentity.verify({ creditCode: '91350200776049653A', name: 'x', claimant })).toEqual({ result: 'notFound' });
  });
});
