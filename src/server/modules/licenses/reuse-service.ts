import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { maskIdNumber, maskName } from '../../platform/crypto.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import type { Guide } from '../catalog/index.ts';
import * as repo from './repo.ts';

/**
 * 免提交: the requirements of a situation that the applicant's valid licenses meet (a requirement
 * names its license type in `replacedByLicenseType`). Returns requirement key → license.
 */
export async function licensesForRequirements(
  ctx: AppContext,
  db: Kysely<DB>,
  g: Guide,
  situationKey: string,
  holder: { personId: string | null; organizationId: string | null },
) {
  const situation = g.situations.find((s) => s.key === situationKey);
  const wanted = (situation?.materialKeys ?? []).map((k) => g.materials.find((m) => m.key === k)).filter((m) => m?.replacedByLicenseType);
  const found = new Map<string, { id: string; identifier: string; type_name: string }>();
  if (wanted.length === 0) return found;
  const held = await repo.findValidLicensesOfHolder(
    db,
    holder,
    wanted.map((m) => m!.replacedByLicenseType!),
    shanghaiDate(ctx.now()),
  );
  for (const m of wanted) {
    const l = held.find((x) => x.type_name === m!.replacedByLicenseType || x.type_key === m!.replacedByLicenseType);
    if (l) found.set(m!.key, l);
  }
  return found;
}

/**
 * 用证: staff handling a case read a license the applicant did not have to submit. Each read is
 * recorded (the holder sees it) and audited. The caller (the cases module) has checked that the actor
 * handles the case and that the case uses this license.
 */
export async function readLicenseForCase(
  ctx: AppContext,
  actor: Actor,
  c: { id: string; number: string | null },
  identifier: string,
  full: boolean,
) {
  if (actor.kind !== 'staff') throw new AppError('CASE_NOT_FOUND');
  const l = await repo.findLicenseByIdentifier(ctx.db, identifier);
  if (!l) throw new AppError('NOT_FOUND');
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertUse(trx, { license_id: l.id, used_by: actor.accountId, case_id: c.id, purpose: `办件 ${c.number} 审查` });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'license.use',
      entityType: 'license',
      entityId: identifier,
      after: { caseId: c.id },
      ip: actor.ip,
    });
  });
  const data = JSON.parse(ctx.cipher.decrypt(l.data_enc, 'license.data')) as { fields: { label: string; value: string }[] };
  const type = await repo.findLicenseType(ctx.db, l.type_name);
  const personal = new Set(
    ((type?.fields ?? []) as { key: string; label: string }[])
      .filter((f) => (l.holder_kind === 'person' && (f.key === 'holderName' || f.key === 'holderCode')) || /(Name|IdNumber)$/.test(f.key))
      .filter((f) => f.key !== 'holderName' || l.holder_kind === 'person')
      .map((f) => f.label),
  );
  const mask = (f: { label: string; value: string }) => {
    if (full || !personal.has(f.label)) return f;
    return { ...f, value: /^\d{17}[\dX]$/.test(f.value) ? maskIdNumber(f.value) : maskName(f.value) };
  };
  return {
    identifier,
    typeName: l.type_name,
    issuerName: l.issuer_name,
    status: l.status,
    validFrom: l.valid_from,
    validUntil: l.valid_until,
    fields: data.fields.map(mask),
    /** Whether personal fields are shown in full (the deciding department on an open case) or masked. */
    full,
  };
}

/**
 * The license a case's result is, with its holder in full (一件事 sequencing fills a waiting sub-case's fields from it:
 * the newborn's 公民身份号码 given at 出生登记); null when the case has none.
 */
export async function licenseResultOfCase(ctx: AppContext, caseId: string) {
  const l = await repo.findLicenseByCase(ctx.db, caseId);
  if (!l) return null;
  const data = JSON.parse(ctx.cipher.decrypt(l.data_enc, 'license.data')) as { holder?: { name: string; code: string } };
  return { id: l.id, identifier: l.identifier, status: l.status, holderName: data.holder?.name ?? '', holderCode: data.holder?.code ?? '' };
}
