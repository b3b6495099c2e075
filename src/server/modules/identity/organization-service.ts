import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent, recordAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { maskName } from '../../platform/crypto.ts';
import type { DB } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageQuery } from '../../platform/http.ts';
import { validateCreditCode } from '../../platform/identifiers.ts';
import { authorize, can } from '../../platform/policies.ts';
import { findMaterial, requireOwnMaterials } from '../materials/index.ts';
import { findRegion } from '../org/index.ts';
import { enterpriseIdentityFrom } from './enterprise-identity.ts';
import * as repo from './repo.ts';

/**
 * Organisation registration is a claim (认领): it grants nothing — no membership, no acting for the
 * organisation — until verified, either at once by the national enterprise identity service
 * (电子营业执照) or by a reviewer of the registration region who has seen the business license and
 * the legal representative's ID card.
 */

/**
 * GB 32100 registrars (the code's first character) whose organisations the public cannot claim:
 * 1 机构编制 (机关, 事业单位, 群众团体), 2 外交 (外国常驻新闻机构), 3 司法行政 (律师事务所, 公证处, 仲裁委…),
 * A 中央军委改革和编制办公室 (军队事业单位). They are government bodies and institutions, or registered by
 * authorities whose registers the enterprise identity service does not cover; their accounts are set up
 * by the platform's administrators, not claimed online.
 */
export const NON_PUBLIC_REGISTRARS: Record<string, string> = {
  '1': '机构编制',
  '2': '外交',
  '3': '司法行政',
  A: '中央军委改革和编制办公室',
};

export type ClaimInput = {
  name: string;
  creditCode: string;
  method: 'enterpriseIdentity' | 'staffReview';
  licenseMaterialId?: string;
  idCardMaterialId?: string;
};

/** The region that registered the code (characters 3–8), or its nearest known ancestor. */
async function registrationRegion(ctx: AppContext, code: string): Promise<string> {
  for (const len of [6, 4, 2]) {
    const r = await findRegion(ctx.db, code.slice(2, 2 + len));
    if (r) return r.code;
  }
  throw new AppError('CREDIT_CODE_INVALID', { reason: 'region' });
}

/** Links the claimant to the organisation (created on first verified claim), inside the caller's transaction. */
async function grant(
  ctx: AppContext,
  trx: Kysely<DB>,
  claim: { name: string; creditCode: string; regionCode: string; accountId: string; nameMasked: string },
) {
  const org =
    (await repo.findOrganizationByCreditCode(trx, claim.creditCode)) ??
    (await repo.insertOrganization(trx, {
      name: claim.name,
      credit_code: claim.creditCode,
      region_code: claim.regionCode,
      legal_representative_masked: claim.nameMasked,
    }));
  await repo.linkAccountOnce(trx, claim.accountId, org.id, 'legalRepresentative', ctx.now());
  return org;
}

/** Files a claim; through the enterprise identity service it is verified (or refused) at once. */
export async function claimOrganization(ctx: AppContext, actor: Actor, input: ClaimInput) {
  const check = validateCreditCode(input.creditCode);
  if (!check.ok) throw new AppError('CREDIT_CODE_INVALID', { reason: check.reason });
  const regionCode = await registrationRegion(ctx, input.creditCode);
  authorize(actor, 'organization.claim', { type: 'region', code: regionCode });
  const registrar = input.creditCode[0];
  if (NON_PUBLIC_REGISTRARS[registrar]) {
    throw new AppError('ORGANIZATION_CLAIM_NOT_PUBLIC', { registrar, authority: NON_PUBLIC_REGISTRARS[registrar] });
  }
  const existing = await repo.findOrganizationByCreditCode(ctx.db, input.creditCode);
  if (existing && actor.organizationIds.includes(existing.id)) throw new AppError('CREDIT_CODE_TAKEN', { reason: 'alreadyYours' });
  const person = await repo.findPersonById(ctx.db, actor.personId!);
  if (!person) throw new AppError('FORBIDDEN');
  const now = ctx.now();
  const base = {
    account_id: actor.accountId,
    person_id: person.id,
    credit_code: input.creditCode,
    region_code: regionCode,
    license_material_id: null,
    id_material_id: null,
    created_at: now,
  };
  if (input.method === 'staffReview') {
    if (!input.licenseMaterialId || !input.idCardMaterialId) throw new AppError('ORGANIZATION_CLAIM_DOCUMENTS_REQUIRED');
    await requireOwnMaterials(ctx, actor, [input.licenseMaterialId, input.idCardMaterialId]);
    if (await repo.openClaimExists(ctx.db, actor.accountId, input.creditCode)) throw new AppError('ORGANIZATION_CLAIM_OPEN');
    return ctx.db
      .transaction()
      .execute(async (trx) => {
        const claim = await repo.insertClaim(trx, {
          ...base,
          name: input.name,
          method: 'staffReview',
          status: 'pending',
          license_material_id: input.licenseMaterialId!,
          id_material_id: input.idCardMaterialId!,
          verified_by: null,
          organization_id: null,
          decided_at: null,
        });
        await appendAuditEvent(trx, ctx.auditKey, {
          actor: { accountId: actor.accountId, kind: actor.kind },
          action: 'organization.claim.create',
          entityType: 'organizationClaim',
          entityId: claim.id,
          after: { creditCode: claim.credit_code, name: claim.name, method: claim.method, regionCode },
          ip: actor.ip,
        });
        return claim;
      })
      .catch((e: unknown) => {
        // Two identical claims at once: the open-claim index lets one through.
        if ((e as { code?: string }).code === '23505') throw new AppError('ORGANIZATION_CLAIM_OPEN');
        throw e;
      });
  }
  const service = enterpriseIdentityFrom(ctx.config);
  if (!service) throw new AppError('ORGANIZATION_IDENTITY_UNAVAILABLE', { reason: 'notConfigured' });
  const claimant = { name: ctx.cipher.decrypt(person.name_enc), idNumber: ctx.cipher.decrypt(person.id_number_enc) };
  const answer = await service.verify({ creditCode: input.creditCode, name: input.name, claimant });
  if (answer.result !== 'match') {
    await recordAuditEvent(ctx.db, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'organization.claim.verify',
      entityType: 'organization',
      entityId: input.creditCode,
      outcome: 'failure',
      after: { service: service.name, result: answer.result },
      ip: actor.ip,
    });
    throw new AppError('ORGANIZATION_CLAIM_UNVERIFIED', { result: answer.result });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const org = await grant(ctx, trx, {
      name: answer.registeredName,
      creditCode: input.creditCode,
      regionCode,
      accountId: actor.accountId,
      nameMasked: person.name_masked,
    });
    const claim = await repo.insertClaim(trx, {
      ...base,
      name: answer.registeredName,
      method: 'enterpriseIdentity',
      status: 'verified',
      verified_by: service.name,
      organization_id: org.id,
      decided_at: now,
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'organization.claim.verify',
      entityType: 'organizationClaim',
      entityId: claim.id,
      after: { creditCode: claim.credit_code, organizationId: org.id, service: service.name, role: 'legalRepresentative' },
      ip: actor.ip,
    });
    return claim;
  });
}

/** A claim for its claimant or a reviewer of its region; 404 for anyone else. */
async function readableClaim(ctx: AppContext, actor: Actor, id: string) {
  const claim = await repo.findClaim(ctx.db, id);
  if (
    !claim ||
    !(claim.account_id === actor.accountId || can(actor, 'organization.reviewClaim', { type: 'region', code: claim.region_code }))
  ) {
    throw new AppError('ORGANIZATION_CLAIM_NOT_FOUND');
  }
  return claim;
}

export const getClaim = readableClaim;

/** The business license or ID card of a claim (its reviewer, or the claimant). */
export async function claimDocument(ctx: AppContext, actor: Actor, id: string, which: 'license' | 'idCard') {
  const claim = await readableClaim(ctx, actor, id);
  const materialId = which === 'license' ? claim.license_material_id : claim.id_material_id;
  if (!materialId) throw new AppError('NOT_FOUND');
  const m = await findMaterial(ctx.db, materialId);
  if (!m) throw new AppError('NOT_FOUND');
  return m;
}

/** The actor's own claims (applicants), or the claims of the regions they review (reviewers). */
export async function listClaims(ctx: AppContext, actor: Actor, q: PageQuery & { status?: 'pending' | 'verified' | 'rejected' }) {
  const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize, status: q.status };
  if (actor.kind === 'applicant') return repo.listClaims(ctx.db, { accountId: actor.accountId, ...page });
  authorize(actor, 'organization.reviewClaim', { type: 'region', code: actor.regionCode ?? '' });
  return repo.listClaims(ctx.db, { regionPrefix: actor.regionCode!, ...page });
}

/** A reviewer approves (the claimant then represents the organisation) or rejects with a reason; audited. */
export async function decideClaim(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { decision: 'approve' | 'reject'; reason?: string; version: number },
) {
  const claim = await repo.findClaim(ctx.db, id);
  if (!claim) throw new AppError('ORGANIZATION_CLAIM_NOT_FOUND');
  authorize(actor, 'organization.reviewClaim', { type: 'region', code: claim.region_code }, 'ORGANIZATION_CLAIM_NOT_FOUND');
  if (claim.status !== 'pending') throw new AppError('ORGANIZATION_CLAIM_DECIDED', { status: claim.status });
  const reason = input.reason?.trim() || null;
  if (input.decision === 'reject' && !reason) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ field: 'body.reason', reason: 'rejectionNeedsReason' }],
    });
  }
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    let organizationId: string | null = null;
    if (input.decision === 'approve') {
      const person = await repo.findPersonById(trx, claim.person_id);
      const org = await grant(ctx, trx, {
        name: claim.name,
        creditCode: claim.credit_code,
        regionCode: claim.region_code,
        accountId: claim.account_id,
        nameMasked: person?.name_masked ?? maskName(claim.name),
      });
      organizationId = org.id;
    }
    const after = await repo.decideClaim(trx, id, input.version, {
      status: input.decision === 'approve' ? 'verified' : 'rejected',
      reviewer_id: actor.accountId,
      reason,
      organization_id: organizationId,
      decided_at: now,
    });
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: claim.version });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: input.decision === 'approve' ? 'organization.claim.approve' : 'organization.claim.reject',
      entityType: 'organizationClaim',
      entityId: id,
      before: { status: claim.status, version: claim.version },
      after: { status: after.status, version: after.version, reason, organizationId, accountId: claim.account_id },
      ip: actor.ip,
    });
    return after;
  });
}
