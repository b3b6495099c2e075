import { randomInt, randomUUID } from 'node:crypto';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { maskIdNumber, maskName, maskPhone } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { isPhoneNumber, validateIdNumber } from '../../platform/identifiers.ts';
import { parseRegionCode } from '../../platform/region-code.ts';
import { findRegion } from '../org/index.ts';
import { hashPassword, requireGoodPassword } from './passwords.ts';
import { defaultRealNameProvider, type RealNameProvider } from './real-name.ts';
import * as repo from './repo.ts';

const SMS_TTL_SECONDS = 600;

/** Sends a 6-digit code by SMS (through the job queue); at most 1 a minute and 10 a day per phone. */
export async function requestSmsCode(ctx: AppContext, input: { phone: string; purpose: 'register' | 'login'; ip: string | null }) {
  if (!isPhoneNumber(input.phone)) throw new AppError('PHONE_INVALID');
  const now = ctx.now();
  const phoneIndex = ctx.cipher.blindIndex(`phone:${input.phone}`);
  const lastMinute = await repo.countRecentSmsCodes(ctx.db, phoneIndex, new Date(now.getTime() - 60_000));
  const lastDay = await repo.countRecentSmsCodes(ctx.db, phoneIndex, new Date(now.getTime() - 86_400_000));
  if (lastMinute > 0 || lastDay >= 10) throw new AppError('RATE_LIMITED', { retryAfterSeconds: lastMinute > 0 ? 60 : 86_400 });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertSmsCode(trx, {
      id,
      phone_index: phoneIndex,
      purpose: input.purpose,
      code_hash: ctx.cipher.blindIndex(`sms:${id}:${code}`),
      expires_at: new Date(now.getTime() + SMS_TTL_SECONDS * 1000),
      created_at: now,
    });
    await ctx.jobs.enqueue(trx, 'sms.send', {
      phoneEnc: ctx.cipher.encrypt(input.phone),
      purpose: input.purpose,
      body: `【通办】您的验证码为${code}，${SMS_TTL_SECONDS / 60}分钟内有效，请勿告诉他人。`,
    });
  });
  return { expiresInSeconds: SMS_TTL_SECONDS };
}

export type RegisterInput = {
  username: string;
  password: string;
  name: string;
  idNumber: string;
  phone: string;
  smsCode: string;
  ip: string | null;
};

const isUniqueViolation = (e: unknown, constraint: string) =>
  (e as { code?: string }).code === '23505' && String((e as { constraint?: string }).constraint ?? '').includes(constraint);

/**
 * Registers a natural person's account after real-name verification; the ID number and phone are
 * stored encrypted. Whether the username or the ID number is taken is answered only after a valid
 * SMS code (no registration oracle). A person recorded at a window (no account) is linked, when the
 * name matches the record; a different name is refused.
 */
export async function registerPerson(ctx: AppContext, input: RegisterInput, provider: RealNameProvider = defaultRealNameProvider) {
  const username = input.username.toLowerCase();
  const id = validateIdNumber(input.idNumber, { now: ctx.now() });
  if (!id.ok) throw new AppError('ID_NUMBER_INVALID', { reason: id.reason });
  if (!isPhoneNumber(input.phone)) throw new AppError('PHONE_INVALID');
  requireGoodPassword(input.password, username);
  // The SMS code first: it counts an attempt even though registration then fails, and nothing about
  // existing accounts or persons is told to whoever has not proved a phone.
  const level = await provider.verify(ctx, { ...input, purpose: 'register' });
  if (await repo.findAccountByUsername(ctx.db, username)) throw new AppError('USERNAME_TAKEN');
  const idIndex = ctx.cipher.blindIndex(`id:${input.idNumber}`);
  const existing = await repo.findPersonByIdIndex(ctx.db, idIndex);
  if (existing?.account_id) throw new AppError('PERSON_ALREADY_REGISTERED');
  if (existing && ctx.cipher.decrypt(existing.name_enc).normalize('NFKC') !== input.name.normalize('NFKC')) {
    throw new AppError('REGISTRATION_NAME_MISMATCH');
  }
  const passwordHash = await hashPassword(input.password);
  // The GB/T 2260 code in an ID number is a standard code (610100 is 西安市): stored as its prefix.
  const stored = parseRegionCode(id.regionCode);
  const regionCode = stored ? ((await findRegion(ctx.db, stored))?.code ?? null) : null;
  const phone = {
    phone_enc: ctx.cipher.encrypt(input.phone),
    phone_index: ctx.cipher.blindIndex(`phone:${input.phone}`),
    phone_masked: maskPhone(input.phone),
  };
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const account = await repo.insertAccount(trx, {
        username,
        password_hash: passwordHash,
        kind: 'applicant',
        display_name: maskName(input.name),
        totp_required: false,
      });
      let personId: string;
      if (existing) {
        if (
          !(await repo.linkPersonToAccount(trx, existing.id, {
            account_id: account.id,
            ...phone,
            real_name_level: level,
            region_code: regionCode,
          }))
        ) {
          throw new AppError('PERSON_ALREADY_REGISTERED');
        }
        personId = existing.id;
      } else {
        personId = (
          await repo.insertPerson(trx, {
            account_id: account.id,
            name_enc: ctx.cipher.encrypt(input.name),
            name_masked: maskName(input.name),
            id_number_enc: ctx.cipher.encrypt(input.idNumber),
            id_number_index: idIndex,
            id_number_masked: maskIdNumber(input.idNumber),
            ...phone,
            region_code: regionCode,
            real_name_level: level,
          })
        ).id;
      }
      await appendAuditEvent(trx, ctx.auditKey, {
        actor: { accountId: account.id, kind: 'applicant' },
        action: 'account.register',
        entityType: 'account',
        entityId: account.id,
        after: { username, personId, realNameLevel: level, provider: provider.name, windowRecord: existing !== undefined },
        ip: input.ip,
      });
      return { id: account.id, username, personId, realNameLevel: level };
    });
  } catch (e) {
    // Two registrations racing for one username or ID number: the loser gets the same answer as above.
    if (isUniqueViolation(e, 'username')) throw new AppError('USERNAME_TAKEN');
    if (isUniqueViolation(e, 'id_number_index')) throw new AppError('PERSON_ALREADY_REGISTERED');
    throw e;
  }
}
