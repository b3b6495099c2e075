import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/policies.ts';
import type { Kysely } from 'kysely';
import { type AuditInput, appendAuditEvent } from '../../platform/audit.ts';
import type { DB } from '../../platform/db-types.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { licenseResource } from './present.ts';
import * as repo from './repo.ts';

/**
 * 告知承诺 事后核查 failed (defects issue 25.3): the case's license is revoked, or suspended pending a decision when the
 * guide says so, with the reason the wallet and /verify show. In the case step's transaction; returns its audit event
 * (null when the case issued no license or it is no longer in force).
 */
export async function withdrawLicenseOfCase(
  trx: Kysely<DB>,
  actor: Actor,
  caseId: string,
  input: { mode: 'revoke' | 'suspend'; reason: string },
): Promise<{ identifier: string; status: 'revoked' | 'suspended'; audit: AuditInput } | null> {
  const l = await repo.findLicenseByCase(trx, caseId);
  if (!l || (l.status !== 'valid' && l.status !== 'suspended')) return null;
  const status = input.mode === 'revoke' ? 'revoked' : 'suspended';
  const updated = await repo.updateLicense(trx, l.id, l.version, { status, status_reason: input.reason });
  if (!updated) throw new AppError('VERSION_CONFLICT');
  return {
    identifier: l.identifier,
    status,
    audit: {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: `license.${input.mode}`,
      entityType: 'license',
      entityId: l.identifier,
      before: { status: l.status },
      after: { status, reason: input.reason, caseId },
      ip: actor.ip,
    },
  };
}

/** Revokes a valid or suspended license: an approver (or 首席代表) of the issuing department; audited. */
export async function revokeLicense(ctx: AppContext, actor: Actor, identifier: string, reason: string) {
  const l = await repo.findLicenseByIdentifier(ctx.db, identifier);
  if (!l) throw new AppError('NOT_FOUND');
  if (!can(actor, 'license.manage', licenseResource(l))) throw new AppError('FORBIDDEN');
  if (l.status !== 'valid' && l.status !== 'suspended') throw new AppError('VERSION_CONFLICT', { status: l.status });
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateLicense(trx, l.id, l.version, { status: 'revoked', status_reason: reason });
    if (!updated) throw new AppError('VERSION_CONFLICT');
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'license.revoke',
      entityType: 'license',
      entityId: identifier,
      before: { status: l.status },
      after: { status: 'revoked', reason },
      ip: actor.ip,
    });
    return updated;
  });
}
