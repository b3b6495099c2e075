import * as OTPAuth from 'otpauth';
import type { Actor, Role, WindowScope } from '../../platform/actor.ts';
import { appendAuditEvent, recordAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sm3Hex } from '../../platform/crypto.ts';
import type { DB } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import type { Kysely } from 'kysely';
import { verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';

export type LoginInput = { username: string; password: string; totp?: string; ip: string | null; deviceToken?: string };
export type LoginResult = { token: string; csrfToken: string; accountId: string; deviceToken: string };

const TOTP_PERIOD = 30;

/** A TOTP for an account (RFC 6238, 6 digits, 30 s), as authenticator apps expect. */
export function totpFor(username: string, secretBase32: string) {
  return new OTPAuth.TOTP({
    issuer: '通办 Tongban',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** The time step a code matches (±1 step of drift), or null. */
export function totpStep(username: string, secretBase32: string, code: string, now: Date): number | null {
  const delta = totpFor(username, secretBase32).validate({ token: code, window: 1, timestamp: now.getTime() });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / TOTP_PERIOD) + delta;
}

/**
 * The lockout's three counters (docs/SECURITY.md "Login lockout"):
 * - the account, for attempts from devices it has not logged in from: a hard lock after AUTH_MAX_FAILURES;
 * - the source address, across accounts: from AUTH_SOURCE_FAILURES on, a doubling wait (spraying);
 * - a known device of the account (its device cookie): a doubling wait, never a lock, so an attacker
 *   who locks the account does not lock its owner out.
 */
function rules(ctx: AppContext) {
  const a = ctx.config.auth;
  const lockMs = a.lockMinutes * 60_000;
  return {
    account: { max: a.maxFailures, mode: 'lock', lockMs, delayMs: 0, capMs: lockMs, windowMs: lockMs },
    source: { max: a.sourceFailures, mode: 'delay', lockMs, delayMs: 1000, capMs: lockMs, windowMs: 60 * 60_000 },
    device: { max: a.maxFailures, mode: 'delay', lockMs, delayMs: 1000, capMs: 5 * 60_000, windowMs: lockMs },
  } satisfies Record<string, repo.ThrottleRule>;
}

const accountKey = (ctx: AppContext, username: string) => ctx.cipher.blindIndex(`login:${username.toLowerCase()}`);
const sourceKey = (ctx: AppContext, ip: string | null) => `src:${ctx.cipher.blindIndex(`login-source:${ip ?? '-'}`)}`;
const deviceKey = (deviceHash: string) => `dev:${deviceHash}`;

type Counter = { key: string; rule: repo.ThrottleRule };

/** Takes an attempt on each counter; the first refusal answers (423 for the account lock, 429 for a wait). */
async function reserve(ctx: AppContext, counters: Counter[], now: Date) {
  let locks = false;
  const taken: Counter[] = [];
  for (const c of counters) {
    const r = await repo.reserveAttempt(ctx.db, c.key, c.rule, now);
    if (!r.allowed) {
      for (const t of taken) await repo.releaseAttempt(ctx.db, t.key, t.rule);
      const retryAfterSeconds = Math.max(1, Math.ceil((r.until.getTime() - now.getTime()) / 1000));
      throw new AppError(c.rule.mode === 'lock' ? 'AUTH_LOCKED' : 'RATE_LIMITED', { retryAfterSeconds });
    }
    taken.push(c);
    locks ||= r.locks;
  }
  return { locks };
}

async function fail(ctx: AppContext, input: LoginInput, accountId: string | null, reason: string, locked: boolean): Promise<never> {
  await recordAuditEvent(ctx.db, ctx.auditKey, {
    actor: accountId ? { accountId, kind: 'account' } : null,
    action: 'auth.login',
    entityType: 'account',
    entityId: accountId,
    outcome: 'failure',
    after: { reason, locked },
    ip: input.ip,
  });
  throw new AppError(
    reason === 'totp' ? 'AUTH_TOTP_REQUIRED' : 'AUTH_INVALID_CREDENTIALS',
    reason === 'totp' ? { invalid: true } : undefined,
  );
}

/**
 * Password login. Each attempt is counted before the password is checked (so parallel guesses are
 * counted one by one); the account lock binds devices the account has not logged in from, while the
 * owner's known device only waits. TOTP for accounts that require it, each code once; then a session.
 */
export async function login(ctx: AppContext, input: LoginInput): Promise<LoginResult> {
  const now = ctx.now();
  const username = input.username.toLowerCase();
  const account = await repo.findAccountByUsername(ctx.db, username);
  const deviceHash = input.deviceToken ? sm3Hex(input.deviceToken) : null;
  const known = account !== undefined && deviceHash !== null && (await repo.isKnownDevice(ctx.db, deviceHash, account.id));
  const r = rules(ctx);
  const counters: Counter[] = known
    ? [{ key: deviceKey(deviceHash), rule: r.device }]
    : [
        { key: sourceKey(ctx, input.ip), rule: r.source },
        { key: accountKey(ctx, username), rule: r.account },
      ];
  const { locks } = await reserve(ctx, counters, now);
  const ok = await verifyPassword(account?.password_hash ?? null, input.password);
  if (!account || !ok) return fail(ctx, input, account?.id ?? null, 'password', locks);
  if (account.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
  if (account.totp_required) {
    if (!account.totp_secret_enc || !input.totp) throw new AppError('AUTH_TOTP_REQUIRED');
    const step = totpStep(username, ctx.cipher.decrypt(account.totp_secret_enc), input.totp, now);
    if (step === null || !(await repo.consumeTotpStep(ctx.db, account.id, step))) return fail(ctx, input, account.id, 'totp', locks);
  }
  for (const c of counters) {
    if (c.rule === r.account) await repo.clearAttempts(ctx.db, c.key);
    else await repo.releaseAttempt(ctx.db, c.key, c.rule);
  }
  return startSession(ctx, account, input.ip, input.deviceToken);
}

/** Writes a session and remembers the device (its cookie token, new or kept), inside the caller's transaction; no audit. */
export async function openSession(
  ctx: AppContext,
  trx: Kysely<DB>,
  account: { id: string },
  ip: string | null,
  deviceToken: string | undefined,
): Promise<LoginResult & { sessionId: string }> {
  const now = ctx.now();
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const device = deviceToken && deviceToken.length >= 20 && deviceToken.length <= 100 ? deviceToken : randomToken(24);
  await repo.rememberDevice(trx, sm3Hex(device), account.id, now);
  const session = await repo.insertSession(trx, { token_hash: sm3Hex(token), account_id: account.id, csrf_token: csrfToken, ip }, now);
  return { token, csrfToken, accountId: account.id, deviceToken: device, sessionId: session.id };
}

/** Opens a session for an authenticated account; the audit event is the transaction's last write. */
export async function startSession(
  ctx: AppContext,
  account: { id: string; kind: string },
  ip: string | null,
  deviceToken: string | undefined,
): Promise<LoginResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const { sessionId, ...result } = await openSession(ctx, trx, account, ip, deviceToken);
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: account.id, kind: account.kind },
      action: 'auth.login',
      entityType: 'session',
      entityId: sessionId,
      ip,
    });
    return result;
  });
}

export type Authenticated = { actor: Actor; csrfToken: string };

/**
 * Resolves a session token to an actor, ending sessions that were idle too long or are older
 * than the absolute limit (by ctx.now()). Returns null for anything not valid.
 */
export async function authenticate(ctx: AppContext, token: string, ip: string | null): Promise<Authenticated | null> {
  if (token.length < 20 || token.length > 100) return null;
  const s = await repo.findSessionWithAccount(ctx.db, sm3Hex(token));
  if (!s || s.status !== 'active') return null;
  const now = ctx.now();
  const idle = now.getTime() - new Date(s.last_seen_at).getTime() > ctx.config.auth.idleMinutes * 60_000;
  const old = now.getTime() - new Date(s.created_at).getTime() > ctx.config.auth.absoluteHours * 3_600_000;
  if (idle || old) {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.endSession(trx, s.session_id, now);
      await appendAuditEvent(trx, ctx.auditKey, {
        actor: { accountId: s.account_id, kind: s.kind },
        action: 'auth.sessionExpired',
        entityType: 'session',
        entityId: s.session_id,
        after: { reason: idle ? 'idle' : 'absolute' },
        ip,
      });
    });
    return null;
  }
  if (now.getTime() - new Date(s.last_seen_at).getTime() > 60_000) await repo.touchSession(ctx.db, s.session_id, now);
  return {
    csrfToken: s.csrf_token,
    actor: {
      accountId: s.account_id,
      username: s.username,
      displayName: s.display_name,
      kind: s.kind,
      roles: s.roles as Role[],
      departmentId: s.department_id,
      regionCode: s.region_code,
      hallId: s.hall_id,
      window: (s.window_scope ?? null) as WindowScope | null,
      personId: s.person_id,
      organizationIds: s.organization_ids,
      sessionId: s.session_id,
      ip,
    },
  };
}

/** Ends the session server-side; the token stops working at once. */
export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.endSession(trx, actor.sessionId, ctx.now());
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'auth.logout',
      entityType: 'session',
      entityId: actor.sessionId,
      ip: actor.ip,
    });
  });
}
