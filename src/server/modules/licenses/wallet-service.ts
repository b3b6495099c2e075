import { createHash } from 'node:crypto';
import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { randomToken } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { can } from '../../platform/policies.ts';
import { licenseResource } from './present.ts';
import * as repo from './repo.ts';
import { licenseVerifyCode, verifyLicense } from './verify-service.ts';

/** 亮证 codes live this long. */
export const PRESENTATION_SECONDS = 300;

type LicenseRow = NonNullable<Awaited<ReturnType<typeof repo.findLicenseByIdentifier>>>;

export function presentLicense(l: LicenseRow, today: string) {
  const status = l.status === 'valid' && l.valid_until !== null && l.valid_until < today ? 'expired' : l.status;
  const path = `/api/v1/licenses/${encodeURIComponent(l.identifier)}`;
  return {
    identifier: l.identifier,
    typeName: l.type_name,
    typeCode: l.type_code,
    issuerName: l.issuer_name,
    status,
    /** Why it was revoked or suspended (a failed 告知承诺 post-check, a decision), as the holder and /verify see it. */
    statusReason: status === 'revoked' || status === 'suspended' ? l.status_reason : null,
    holderName: l.holder_name_masked,
    issuedAt: new Date(l.issued_at).toISOString(),
    validFrom: l.valid_from,
    validUntil: l.valid_until,
    pdfUrl: `${path}/pdf`,
    signatureUrl: `${path}/signature`,
  };
}

/** 证照夹: the licenses the actor holds (as a person or for their organisations). */
export async function listMyLicenses(ctx: AppContext, actor: Actor) {
  const rows = await repo.listLicensesOfHolder(ctx.db, { personId: actor.personId, organizationIds: actor.organizationIds });
  const today = shanghaiDate(ctx.now());
  // The holder sees the 核验码 to give a verifier (it is printed on the license too).
  return rows.map((l) => ({ ...presentLicense(l, today), verifyCode: licenseVerifyCode(ctx, l.identifier) }));
}

/** A license the actor holds, or one issued by the actor's department. */
export async function readableLicense(ctx: AppContext, actor: Actor, identifier: string) {
  const l = await repo.findLicenseByIdentifier(ctx.db, identifier);
  if (!l || !can(actor, 'license.read', licenseResource(l))) throw new AppError('LICENSE_NOT_FOUND');
  return l;
}

export async function holdersLicense(ctx: AppContext, actor: Actor, identifier: string) {
  const l = await repo.findLicenseByIdentifier(ctx.db, identifier);
  if (!l || !can(actor, 'license.hold', licenseResource(l))) throw new AppError('LICENSE_NOT_FOUND');
  return l;
}

/** Who used the holder's license (用证 records). */
export async function listUses(ctx: AppContext, actor: Actor, identifier: string) {
  const l = await holdersLicense(ctx, actor, identifier);
  return (await repo.listUses(ctx.db, l.id)).map((u) => ({
    at: new Date(u.at).toISOString(),
    purpose: u.purpose,
    caseId: u.case_id,
    user: u.display_name,
    department: u.department_name,
  }));
}

const tokenHash = (t: string) => createHash('sm3').update(t).digest('hex');

/** 亮证: a short-lived code a verifier scans; only its hash is stored. */
export async function createPresentation(ctx: AppContext, actor: Actor, identifier: string) {
  const l = await holdersLicense(ctx, actor, identifier);
  if (l.status !== 'valid') throw new AppError('LICENSE_STATE_INVALID', { status: l.status });
  const token = randomToken(24);
  const expiresAt = new Date(ctx.now().getTime() + PRESENTATION_SECONDS * 1000);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('license_presentations')
      .values({ token_hash: tokenHash(token), license_id: l.id, expires_at: expiresAt, created_by: actor.accountId })
      .execute();
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'license.present',
      entityType: 'license',
      entityId: identifier,
      ip: actor.ip,
    });
  });
  return { token, expiresAt: expiresAt.toISOString(), url: `${ctx.config.publicBaseUrl}/verify/present/${token}` };
}

/** A verifier scans a 亮证 code: the license's verification, or LICENSE_PRESENTATION_EXPIRED. */
export async function checkPresentation(ctx: AppContext, token: string) {
  const p = await ctx.db
    .selectFrom('license_presentations')
    .innerJoin('licenses', 'licenses.id', 'license_presentations.license_id')
    .select(['licenses.identifier', 'license_presentations.expires_at'])
    .where('token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!p || new Date(p.expires_at).getTime() < ctx.now().getTime()) throw new AppError('LICENSE_PRESENTATION_EXPIRED');
  return {
    ...(await verifyLicense(ctx, p.identifier, { presentation: true })),
    presentationExpiresAt: new Date(p.expires_at).toISOString(),
  };
}
