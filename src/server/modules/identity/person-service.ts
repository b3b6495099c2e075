import type { AppContext } from '../../platform/context.ts';
import { maskIdNumber, maskName, maskPhone } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { isPhoneNumber, validateIdNumber } from '../../platform/identifiers.ts';
import * as repo from './repo.ts';

/** Names compare without spaces and with the middle dot of minority names in any of its forms (· • ・ ‧ .). */
const normalName = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[·•・‧.]/g, '·');

/**
 * A walk-in applicant (a clerk at a window or an agent files for them): found by the blind index of the ID number, or
 * recorded (encrypted) on first visit. The name must match the name on record for that ID number — a mismatch is
 * refused (APPLICANT_NAME_MISMATCH), never replaced silently, so that nobody files in another person's name from an
 * ID number alone. The stored phone is kept.
 */
export async function recordWalkInPerson(ctx: AppContext, a: { name: string; idNumber: string; phone: string }) {
  return (await findOrRecordPerson(ctx, a)).person;
}

/** As `recordWalkInPerson`, saying whether the person was recorded just now (their phone is then only what was typed). */
export async function findOrRecordPerson(ctx: AppContext, a: { name: string; idNumber: string; phone: string }) {
  const id = validateIdNumber(a.idNumber);
  if (!id.ok) throw new AppError('ID_NUMBER_INVALID', { reason: id.reason });
  if (!isPhoneNumber(a.phone)) throw new AppError('PHONE_INVALID');
  const idIndex = ctx.cipher.blindIndex(`id:${a.idNumber}`);
  const existing = await repo.findPersonByIdIndex(ctx.db, idIndex);
  if (existing) {
    if (normalName(ctx.cipher.decrypt(existing.name_enc)) !== normalName(a.name)) throw new AppError('APPLICANT_NAME_MISMATCH');
    return { person: existing, created: false };
  }
  const person = await repo.insertPerson(ctx.db, {
    account_id: null,
    name_enc: ctx.cipher.encrypt(a.name),
    name_masked: maskName(a.name),
    id_number_enc: ctx.cipher.encrypt(a.idNumber),
    id_number_index: idIndex,
    id_number_masked: maskIdNumber(a.idNumber),
    phone_enc: ctx.cipher.encrypt(a.phone),
    phone_index: ctx.cipher.blindIndex(`phone:${a.phone}`),
    phone_masked: maskPhone(a.phone),
    region_code: null,
    real_name_level: 1,
  });
  return { person, created: true };
}
