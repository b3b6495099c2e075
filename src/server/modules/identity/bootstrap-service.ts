import { rootRole } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { findRegion } from '../org/index.ts';
import { type IssuedActivation, issueActivation } from './activation-service.ts';
import * as repo from './repo.ts';

/**
 * A production first start (no demo, no staff account yet) makes one initial administrator: the
 * platform root (TONGBAN_ADMIN_USERNAME, default `admin`, in TONGBAN_ADMIN_REGION), waiting for
 * activation with a one-time setup code that the start prints once. Activating sets its password and
 * TOTP. It then creates the first system, security and audit administrators (docs/SECURITY.md).
 * Returns null when there is nothing to do (staff exist, or another node made it first).
 */
export async function ensureInitialAdmin(ctx: AppContext): Promise<{ username: string; activation: IssuedActivation } | null> {
  if (await repo.staffAccountExists(ctx.db)) return null;
  const region = ctx.config.adminRegion;
  if (!region) {
    throw new Error(
      'first start without the demo: set TONGBAN_ADMIN_REGION to the region code this platform serves (e.g. 61 for 陕西省, 610922 for 石泉县); see docs/OPERATIONS.md',
    );
  }
  if (!(await findRegion(ctx.db, region))) throw new Error(`TONGBAN_ADMIN_REGION=${region} is not a known region code (GB/T 2260)`);
  const username = ctx.config.adminUsername;
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await repo.insertInitialAdmin(trx, { username, region, role: rootRole });
    if (!inserted) return null;
    const activation = await issueActivation(ctx, trx, { accountId: inserted.id, createdBy: null });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: null,
      action: 'platform.initialAdmin',
      entityType: 'account',
      entityId: inserted.id,
      after: { username, roles: [rootRole], regionCode: region, activation: 'printed' },
    });
    return { username, activation };
  });
}

/** `tongban setup-code`: a new one-time code for the initial administrator while it is not activated yet. */
export async function reissueInitialAdminCode(ctx: AppContext): Promise<{ username: string; activation: IssuedActivation } | null> {
  const root = await repo.findPendingAccountWithRole(ctx.db, rootRole);
  if (!root) return null;
  return ctx.db.transaction().execute(async (trx) => {
    const activation = await issueActivation(ctx, trx, { accountId: root.id, createdBy: null });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: null,
      action: 'platform.initialAdmin.reissue',
      entityType: 'account',
      entityId: root.id,
      after: { activation: 'printed' },
    });
    return { username: root.username, activation };
  });
}
