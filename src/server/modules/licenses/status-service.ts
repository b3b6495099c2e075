import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/policies.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { licenseResource } from './present.ts';
import * as repo from './repo.ts';

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
