import { randomInt, randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { maskIdNumber, maskName, maskPhone } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { isPhoneNumber, validateCreditCode, validateIdNumber } from '../../platform/identifiers.ts';
import { parseRegionCode } from '../../platform/region-code.ts';
import { findRegion } from '../org/index.ts';
import { passwordIsStrong, hashPassword } from './passwords.ts';
import { defaultRealNameProvider, type RealNameProvider } from './real-name.ts';
import * as repo from './repo.ts';

const SMS_TTL_SECONDS = 600;

/** Sends a 6-digit code by SMS (through the job queue); at most 1 a minute and 10 a day per phone. */
export async function requestSmsCode(ctx: AppContext, input: { phone: string; purpose: 'register' | 'login'; ip: string | null }) {
  if (!isPhoneNumber(input.phone)) throw new AppError('PHONE_INVALID');
  const phoneIndex = ctx.cipher.blindIndex(`phone:${input.phone}`);
  const lastMinute = await repo.countRecentSmsCodes(ctx.db, phoneIndex, new Date(Date.now() - 60_000));
  const lastDay = await repo.countRecentSmsCodes(ctx.db, phoneIndex, new Date(Date.now() - 86_400_000));
  if (lastMinute > 0 || lastDay >= 10) throw new AppError('RATE_LIMITED', { retryAfterSeconds: lastMinute > 0 ? 60 : 86_400 });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertSmsCode(trx, {
      id,
      phone_index: phoneIndex,
      purpose: input.purpose,
      code_hash: ctx.cipher.blindIndex(`sms:${id}:${code}`),
      expires_at: new Date(Date.now() + SMS_TTL_SECONDS * 1000),
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

/** Registers a natural person's account after real-name verification; the ID number and phone are stored encrypted. */
export async function registerPerson(ctx: AppContext, input: RegisterInput, provider: RealNameProvider = defaultRealNameProvider) {
  const username = input.username.toLowerCase();
  const id = validateIdNumber(input.idNumber);
  if (!id.ok) throw new AppError('ID_NUMBER_INVALID', { reason: id.reason });
  if (!isPhoneNumber(input.phone)) throw new AppError('PHONE_INVALID');
  if (!passwordIsStrong(input.password)) throw new AppError('PASSWORD_TOO_WEAK');
  const idIndex = ctx.cipher.blindIndex(`id:${input.idNumber}`);
  if (await repo.findAccountByUsername(ctx.db, username)) throw new AppError('USERNAME_TAKEN');
  if (await repo.personExistsByIdIndex(ctx.db, idIndex)) throw new AppError('PERSON_ALREADY_REGISTERED');
  const passwordHash = await hashPassword(input.password);
  // Outside the transaction: a wrong SMS code must count as an attempt even though registration fails.
  const level = await provider.verify(ctx, { ...input, purpose: 'register' });
  return ctx.db.transaction().execute(async (trx) => {
    const account = await repo.insertAccount(trx, {
      username,
      password_hash: passwordHash,
      kind: 'applicant',
      display_name: maskName(input.name),
      totp_required: false,
    });
    const regionCode = await regionOrNull(trx, id.regionCode);
    const person = await repo.insertPerson(trx, {
      account_id: account.id,
      name_enc: ctx.cipher.encrypt(input.name),
      name_masked: maskName(input.name),
      id_number_enc: ctx.cipher.encrypt(input.idNumber),
      id_number_index: idIndex,
      id_number_masked: maskIdNumber(input.idNumber),
      phone_enc: ctx.cipher.encrypt(input.phone),
      phone_index: ctx.cipher.blindIndex(`phone:${input.phone}`),
      phone_masked: maskPhone(input.phone),
      region_code: regionCode,
      real_name_level: level,
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: account.id, kind: 'applicant' },
      action: 'account.register',
      entityType: 'account',
      entityId: account.id,
      after: { username, personId: person.id, realNameLevel: level, provider: provider.name },
      ip: input.ip,
    });
    return { id: account.id, username, personId: person.id, realNameLevel: level };
  });
}

/** The region named by the GB/T 2260 code in an ID number or a credit code (610100 is 西安市), if it exists. */
async function regionOrNull(db: AppContext['db'], code: string): Promise<string | null> {
  const stored = parseRegionCode(code);
  return stored ? ((await findRegion(db, stored))?.code ?? null) : null;
}

/** An applicant registers an enterprise or other organisation they represent (GB 32100 code). */
export async function registerOrganization(ctx: AppContext, actor: Actor, input: { name: string; creditCode: string }) {
  if (actor.kind !== 'applicant' || !actor.personId) throw new AppError('FORBIDDEN');
  const check = validateCreditCode(input.creditCode);
  if (!check.ok) throw new AppError('CREDIT_CODE_INVALID', { reason: check.reason });
  if (await repo.organizationExistsByCreditCode(ctx.db, input.creditCode)) throw new AppError('CREDIT_CODE_TAKEN');
  const person = await repo.findPersonById(ctx.db, actor.personId);
  return ctx.db.transaction().execute(async (trx) => {
    const regionCode = await regionOrNull(trx, input.creditCode.slice(2, 8));
    const org = await repo.insertOrganization(trx, {
      name: input.name,
      credit_code: input.creditCode,
      region_code: regionCode,
      legal_representative_masked: person?.name_masked ?? null,
    });
    await repo.linkAccountToOrganization(trx, actor.accountId, org.id, 'legalRepresentative');
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'organization.register',
      entityType: 'organization',
      entityId: org.id,
      after: { name: org.name, creditCode: org.credit_code, role: 'legalRepresentative' },
      ip: actor.ip,
    });
    return org;
  });
}
