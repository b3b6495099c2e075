import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import * as OTPAuth from 'otpauth';
import { makeIdNumber } from '../../src/server/platform/identifiers.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { registerPerson } from '../../src/server/modules/identity/registration-service.ts';
import { defaultRealNameProvider } from '../../src/server/modules/identity/real-name.ts';

export const DEMO_PASSWORD = 'Tongban@2026';

/** A small HTTP client over app.inject with a bearer token. */
export type Client = {
  token: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
};

export function clientFor(app: FastifyInstance, token: string): Client {
  const call = (method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    token,
    get: (url, headers) => call('GET', url, undefined, headers),
    post: (url, body, headers) => call('POST', url, body ?? {}, headers),
    put: (url, body, headers) => call('PUT', url, body ?? {}, headers),
    patch: (url, body, headers) => call('PATCH', url, body ?? {}, headers),
  };
}

/** Logs in over HTTP and returns a bearer client; fails the test if login fails. */
export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD, totp?: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...(totp ? { totp } : {}) } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return clientFor(app, res.json().token);
}

/**
 * Activates a new account as its holder does (the one-time code from its creator, a TOTP secret, a
 * password and a first TOTP code) and returns a client logged in by the activation, with the secret.
 * `now` is the platform's time (p.ctx.now()) when a test has moved its clock.
 */
export async function activate(app: FastifyInstance, username: string, code: string, password: string, now = new Date()) {
  const start = await app.inject({ method: 'POST', url: '/api/v1/auth/activation', payload: { username, code } });
  if (start.statusCode !== 200) throw new Error(`activation of ${username} failed: ${start.statusCode} ${start.body}`);
  const totp = OTPAuth.URI.parse(start.json().otpauthUri) as OTPAuth.TOTP;
  const done = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/activation/complete',
    // The code of the platform's time (a test may have moved its clock).
    payload: { username, code, password, totp: totp.generate({ timestamp: now.getTime() }) },
  });
  if (done.statusCode !== 200) throw new Error(`activation of ${username} failed: ${done.statusCode} ${done.body}`);
  return { client: clientFor(app, done.json().token), totp };
}

let serial = 0;

/** Factory: a registered, real-name verified citizen with a unique ID number and phone (or the ones given). */
export async function makeCitizen(ctx: AppContext, over: { name?: string; idNumber?: string } = {}) {
  serial++;
  const rand = randomBytes(2).readUInt16BE(0);
  const idNumber =
    over.idNumber ??
    makeIdNumber({
      regionCode: '610922',
      birthDate: `19${70 + (rand % 30)}0${1 + (serial % 9)}1${serial % 10}`,
      sequence: (rand + serial * 7) % 1000,
    });
  const phone = `139${String(rand * 100 + serial)
    .padStart(8, '0')
    .slice(-8)}`;
  const username = `citizen_${randomBytes(4).toString('hex')}`;
  const password = 'Citizen#2026';
  const provider = { ...defaultRealNameProvider, verify: async () => 2 as const };
  const account = await registerPerson(
    ctx,
    { username, password, name: over.name ?? '测试居民', idNumber, phone, smsCode: '000000', ip: null },
    provider,
  );
  return { ...account, password, idNumber, phone };
}
