import * as OTPAuth from 'otpauth';
import type { Actor, Role, WindowScope } from '../../platform/actor.ts';
import { appendAuditEvent, recordAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sm3Hex } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';

export type LoginInput = { username: string; password: string; totp?: string; ip: string | null };
export type LoginResult = { token: string; csrfToken: string; accountId: string };

const throttleKey = (ctx: AppContext, username: string) => ctx.cipher.blindIndex(`login:${username.toLowerCase()}`);

/** A TOTP for an account (RFC 6238, 6 digits, 30 s), as authenticator apps expect. */
export function totpFor(username: string, secretBase32: string) {
  return new OTPAuth.TOTP({
    issuer: '通办 Tongban',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

async function fail(ctx: AppContext, key: string, input: LoginInput, accountId: string | null, reason: string): Promise<never> {
  const { locked } = await repo.recordLoginFailure(ctx.db, key, ctx.config.auth.maxFailures, ctx.config.auth.lockMinutes);
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
 * Password login with lockout by username (known or not, so answers never reveal which exist),
 * TOTP for accounts that require it, and a new server-side session.
 */
export async function login(ctx: AppContext, input: LoginInput): Promise<LoginResult> {
  const username = input.username.toLowerCase();
  const key = throttleKey(ctx, username);
  const throttle = await repo.findThrottle(ctx.db, key);
  if (throttle?.locked_until && throttle.locked_until > new Date()) {
    const retryAfterSeconds = Math.ceil((throttle.locked_until.getTime() - Date.now()) / 1000);
    throw new AppError('AUTH_LOCKED', { retryAfterSeconds });
  }
  const account = await repo.findAccountByUsername(ctx.db, username);
  const ok = await verifyPassword(account?.password_hash ?? null, input.password);
  if (!account || !ok) return fail(ctx, key, input, account?.id ?? null, 'password');
  if (account.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
  if (account.totp_required) {
    if (!account.totp_secret_enc) throw new AppError('AUTH_TOTP_REQUIRED');
    if (!input.totp) throw new AppError('AUTH_TOTP_REQUIRED');
    const valid = totpFor(username, ctx.cipher.decrypt(account.totp_secret_enc)).validate({ token: input.totp, window: 1 });
    if (valid === null) return fail(ctx, key, input, account.id, 'totp');
  }
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.clearLoginFailures(trx, key);
    const session = await repo.insertSession(trx, {
      token_hash: sm3Hex(token),
      account_id: account.id,
      csrf_token: csrfToken,
      ip: input.ip,
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: account.id, kind: account.kind },
      action: 'auth.login',
      entityType: 'session',
      entityId: session.id,
      ip: input.ip,
    });
  });
  return { token, csrfToken, accountId: account.id };
}

export type Authenticated = { actor: Actor; csrfToken: string };

/**
 * Resolves a session token to an actor, ending sessions that were idle too long or are older
 * than the absolute limit. Returns null for anything not valid.
 */
export async function authenticate(ctx: AppContext, token: string, ip: string | null): Promise<Authenticated | null> {
  if (token.length < 20 || token.length > 100) return null;
  const s = await repo.findSessionWithAccount(ctx.db, sm3Hex(token));
  if (!s || s.status !== 'active') return null;
  const now = Date.now();
  const idle = now - new Date(s.last_seen_at).getTime() > ctx.config.auth.idleMinutes * 60_000;
  const old = now - new Date(s.created_at).getTime() > ctx.config.auth.absoluteHours * 3_600_000;
  if (idle || old) {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.endSession(trx, s.session_id);
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
  if (now - new Date(s.last_seen_at).getTime() > 60_000) await repo.touchSession(ctx.db, s.session_id);
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
    await repo.endSession(trx, actor.sessionId);
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'auth.logout',
      entityType: 'session',
      entityId: actor.sessionId,
      ip: actor.ip,
    });
  });
}
