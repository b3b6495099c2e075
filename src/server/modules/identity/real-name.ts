import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { validateIdNumber } from '../../platform/identifiers.ts';
import * as repo from './repo.ts';

/** 实名认证 levels: 1 self-declared, 2 ID structure + own phone (SMS), 3 checked against the public-security source, 4 face match. */
export type RealNameLevel = 1 | 2 | 3 | 4;

export type RealNameRequest = { name: string; idNumber: string; phone: string; smsCode: string; purpose: string };

/**
 * A real-name verification provider. The default checks the ID number's structure (GB 11643)
 * and proves the phone by an SMS code; a deployment plugs in its province's identity service.
 * `verify` runs inside the registration transaction and must throw an AppError on failure.
 */
export type RealNameProvider = { name: string; verify(ctx: AppContext, req: RealNameRequest): Promise<RealNameLevel> };

export const defaultRealNameProvider: RealNameProvider = {
  name: 'structure+sms',
  async verify(ctx, req) {
    const id = validateIdNumber(req.idNumber);
    if (!id.ok) throw new AppError('ID_NUMBER_INVALID', { reason: id.reason });
    await consumeSmsCode(ctx, req.phone, req.purpose, req.smsCode);
    return 2;
  },
};

/** Checks and uses up an SMS code: 5 wrong tries kill it; expired or used codes never match. */
export async function consumeSmsCode(ctx: AppContext, phone: string, purpose: string, code: string): Promise<void> {
  const phoneIndex = ctx.cipher.blindIndex(`phone:${phone}`);
  const now = ctx.now();
  const live = await repo.findLiveSmsCode(ctx.db, phoneIndex, purpose, now);
  if (!live || live.attempts >= 5) throw new AppError('SMS_CODE_INVALID');
  if (live.code_hash !== ctx.cipher.blindIndex(`sms:${live.id}:${code}`)) {
    await repo.countSmsCodeAttempt(ctx.db, live.id);
    throw new AppError('SMS_CODE_INVALID');
  }
  if (!(await repo.markSmsCodeUsed(ctx.db, live.id, now))) throw new AppError('SMS_CODE_INVALID');
}
