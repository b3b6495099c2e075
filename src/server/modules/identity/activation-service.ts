import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Secret } from 'otpauth';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { maskPhone } from '../../platform/crypto.ts';
import type { DB } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { type LoginResult, openSession, totpFor, totpStep } from './auth-service.ts';
import { hashPassword, requireGoodPassword } from './passwords.ts';
import * as repo from './repo.ts';

/**
 * Activation: an account made by someone else (a staff account, the initial administrator) gets a
 * one-time code instead of a password. Its holder enters the code, receives a fresh TOTP secret,
 * and sets the password with a first TOTP code; the creator never learns either.
 */

/** 16 characters of Crockford-like base32 (no I, L, O, U): 80 bits, shown as XXXX-XXXX-XXXX-XXXX. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MAX_ATTEMPTS = 5;

function newCode(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(0, ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Upper case, no separators or spaces: what the holder typed, however they typed it. */
const normalise = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');
const codeHash = (ctx: AppContext, id: string, code: string) => ctx.cipher.blindIndex(`activation:${id}:${normalise(code)}`);

export type IssuedActivation = { code: string | null; sentTo: string | null; expiresAt: Date };

/**
 * Issues a new activation code for an account (ending any earlier one), inside the caller's
 * transaction. With a phone the code goes by SMS (the job queue) and is not returned.
 */
export async function issueActivation(
  ctx: AppContext,
  trx: Kysely<DB>,
  a: { accountId: string; createdBy: string | null; phone?: string | null },
): Promise<IssuedActivation> {
  const now = ctx.now();
  const id = randomUUID();
  const code = newCode();
  const expiresAt = new Date(now.getTime() + ctx.config.auth.activationHours * 3_600_000);
  await repo.insertActivation(trx, {
    id,
    account_id: a.accountId,
    code_hash: codeHash(ctx, id, code),
    created_by: a.createdBy,
    expires_at: expiresAt,
    created_at: now,
  });
  if (a.phone) {
    await ctx.jobs.enqueue(trx, 'sms.send', {
      phoneEnc: ctx.cipher.encrypt(a.phone),
      purpose: 'activation',
      body: `【通办】您的工作账号激活码为${code}，${ctx.config.auth.activationHours}小时内有效。请在登录页选择“激活账号”设置密码和动态验证码，请勿告诉他人。`,
    });
    return { code: null, sentTo: maskPhone(a.phone), expiresAt };
  }
  return { code, sentTo: null, expiresAt };
}

/** The account and live activation a username and code name, or ACTIVATION_INVALID (one answer for every failure). */
async function checkCode(ctx: AppContext, username: string, code: string) {
  const account = await repo.findAccountByUsername(ctx.db, username.toLowerCase());
  const live = account ? await repo.findLiveActivation(ctx.db, account.id, ctx.now()) : undefined;
  if (!account || account.status === 'disabled' || !live || live.attempts >= MAX_ATTEMPTS) throw new AppError('ACTIVATION_INVALID');
  if (live.code_hash !== codeHash(ctx, live.id, code)) {
    await repo.countActivationAttempt(ctx.db, live.id);
    throw new AppError('ACTIVATION_INVALID');
  }
  return { account, live };
}

/** Step 1: the code is right; the holder gets the TOTP secret to enrol (the same one until activation completes). */
export async function startActivation(ctx: AppContext, input: { username: string; code: string }) {
  const { account, live } = await checkCode(ctx, input.username, input.code);
  let secret = live.pending_totp_enc ? ctx.cipher.decrypt(live.pending_totp_enc) : null;
  if (!secret) {
    secret = new Secret({ size: 20 }).base32;
    await repo.setPendingTotp(ctx.db, live.id, ctx.cipher.encrypt(secret));
  }
  return { username: account.username, otpauthUri: totpFor(account.username, secret).toString(), secret };
}

/**
 * Step 2: the code again, a password that meets the policy and a first code from the enrolled
 * authenticator. The account becomes active with both, the code is used up, and a session starts.
 */
export async function completeActivation(
  ctx: AppContext,
  input: { username: string; code: string; password: string; totp: string; ip: string | null; deviceToken?: string },
): Promise<LoginResult> {
  const { account, live } = await checkCode(ctx, input.username, input.code);
  if (!live.pending_totp_enc) throw new AppError('ACTIVATION_INVALID', { reason: 'startFirst' });
  requireGoodPassword(input.password, account.username);
  const secret = ctx.cipher.decrypt(live.pending_totp_enc);
  const now = ctx.now();
  const step = totpStep(account.username, secret, input.totp, now);
  if (step === null) {
    await repo.countActivationAttempt(ctx.db, live.id);
    throw new AppError('AUTH_TOTP_REQUIRED', { invalid: true });
  }
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.consumeActivation(trx, live.id, now))) throw new AppError('ACTIVATION_INVALID');
    await repo.activateAccount(
      trx,
      account.id,
      { password_hash: passwordHash, totp_secret_enc: ctx.cipher.encrypt(secret), totp_last_step: step },
      now,
    );
    await repo.endSessionsOfAccount(trx, account.id, now);
    const { sessionId, ...session } = await openSession(ctx, trx, account, input.ip, input.deviceToken);
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: account.id, kind: account.kind },
      action: 'account.activate',
      entityType: 'account',
      entityId: account.id,
      after: { activationId: live.id, totp: true, sessionId },
      ip: input.ip,
    });
    return session;
  });
}
