import type { Kysely } from 'kysely';
import { type Actor, inRegion } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize, can, type SealResource } from '../../platform/policies.ts';
import { findItemsByCodes, findItemsByIdList } from '../catalog/index.ts';
import { findAccountName } from '../identity/index.ts';
import { findDepartmentById } from '../org/index.ts';
import * as repo from './repo.ts';

/**
 * 授权 (25.4): a department lets named window staff — a comprehensive-window clerk or the 首席代表 at the hall — decide
 * and seal chosen 即办 items on the spot with its seal. Granted and revoked by whoever manages the department's seals
 * (its department admin, or a system admin of the region); audited; the seal rule (`seal.use`) reads it.
 */

const sealResourceOf = (departmentId: string, allowedRoles: string[], delegatedTo: string[]): SealResource => ({
  type: 'seal',
  departmentId,
  allowedRoles,
  delegatedTo,
});

/** What the `seal.use` rule needs to judge sealing a case's result of this item with this department's seal. */
export async function sealRuleFor(db: Kysely<DB>, departmentId: string, itemId: string, immediate: boolean): Promise<SealResource> {
  const seal = await repo.findActiveSeal(db, departmentId);
  const allowedRoles = seal?.allowed_roles ?? ['approver', 'chiefRepresentative'];
  return sealResourceOf(departmentId, allowedRoles, immediate ? await repo.delegatesFor(db, departmentId, itemId) : []);
}

/** May the actor seal this item's result (the screens offer 办结/即办 of a license item only then)? */
export async function canSeal(ctx: AppContext, actor: Actor, c: { departmentId: string; itemId: string; immediate: boolean }) {
  return can(actor, 'seal.use', await sealRuleFor(ctx.db, c.departmentId, c.itemId, c.immediate));
}

async function managedDepartment(ctx: AppContext, actor: Actor, departmentId: string) {
  const dept = await findDepartmentById(ctx.db, departmentId);
  if (!dept) throw new AppError('DEPARTMENT_NOT_FOUND');
  authorize(actor, 'seal.manage', { type: 'department', id: dept.id, regionCode: dept.region_code }, 'DEPARTMENT_NOT_FOUND');
  return dept;
}

export async function listDelegations(ctx: AppContext, actor: Actor, departmentId: string) {
  const dept = await managedDepartment(ctx, actor, departmentId);
  const rows = await repo.listDelegations(ctx.db, dept.id);
  const items = new Map((await findItemsByIdList(ctx.db, [...new Set(rows.flatMap((r) => r.item_ids))])).map((i) => [i.id, i]));
  return rows.map((r) => ({
    id: r.id,
    departmentId: r.department_id,
    accountId: r.account_id,
    accountName: r.account_name,
    username: r.account_username,
    items: r.item_ids.map((id) => ({ id, code: items.get(id)?.implementation_code ?? '', name: items.get(id)?.name ?? '' })),
    grantedAt: new Date(r.granted_at).toISOString(),
    note: r.note,
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    revokeReason: r.revoke_reason,
    version: r.version,
  }));
}

/** Grants (or replaces) an authorisation: the account must be window staff of a hall in the department's region; the items the department's published 即办 items. */
export async function grantDelegation(
  ctx: AppContext,
  actor: Actor,
  departmentId: string,
  input: { accountId: string; itemCodes: string[]; note?: string },
) {
  const dept = await managedDepartment(ctx, actor, departmentId);
  const account = await findAccountName(ctx.db, input.accountId);
  const problems: { field: string; reason: string; value?: string }[] = [];
  const windowStaff =
    account?.kind === 'staff' &&
    account.status === 'active' &&
    account.hall_id !== null &&
    inRegion(dept.region_code.slice(0, 6), account.region_code ?? '') &&
    (account.roles.includes('clerk') || account.roles.includes('chiefRepresentative'));
  if (!windowStaff) problems.push({ field: 'accountId', reason: 'notWindowStaffOfRegion', value: input.accountId });
  const codes = [...new Set(input.itemCodes)];
  const items = await findItemsByCodes(ctx.db, codes);
  for (const code of codes) {
    const it = items.find((i) => i.implementation_code === code);
    if (!it || it.department_id !== dept.id || it.status !== 'published')
      problems.push({ field: 'itemCodes', reason: 'notDepartmentItem', value: code });
    else if (it.handling_type !== 'immediate') problems.push({ field: 'itemCodes', reason: 'notImmediate', value: code });
  }
  if (problems.length) throw new AppError('SEAL_DELEGATION_INVALID', { problems });
  const now = ctx.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const current = (await repo.listDelegations(trx, dept.id)).find((d) => d.account_id === input.accountId && !d.revoked_at);
    if (current)
      await repo.revokeDelegation(trx, current.id, current.version, {
        revoked_at: now,
        revoked_by: actor.accountId,
        revoke_reason: '重新授权',
      });
    const d = await repo.insertDelegation(trx, {
      department_id: dept.id,
      account_id: input.accountId,
      item_ids: items.map((i) => i.id),
      granted_by: actor.accountId,
      granted_at: now,
      note: input.note ?? null,
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'seal.delegate',
      entityType: 'sealDelegation',
      entityId: d.id,
      before: current ? { id: current.id, items: current.item_ids } : null,
      after: { departmentId: dept.id, accountId: input.accountId, items: codes },
      ip: actor.ip,
    });
    return d.id;
  });
  return (await listDelegations(ctx, actor, dept.id)).find((d) => d.id === id)!;
}

export async function revokeDelegationById(ctx: AppContext, actor: Actor, id: string, input: { version: number; reason: string }) {
  const d = await repo.findDelegation(ctx.db, id);
  if (!d) throw new AppError('SEAL_DELEGATION_NOT_FOUND');
  const dept = await findDepartmentById(ctx.db, d.department_id);
  if (!dept || !can(actor, 'seal.manage', { type: 'department', id: dept.id, regionCode: dept.region_code }))
    throw new AppError('SEAL_DELEGATION_NOT_FOUND');
  if (d.revoked_at) throw new AppError('SEAL_DELEGATION_NOT_FOUND');
  if (d.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: d.version });
  await ctx.db.transaction().execute(async (trx) => {
    const done = await repo.revokeDelegation(trx, d.id, d.version, {
      revoked_at: ctx.now(),
      revoked_by: actor.accountId,
      revoke_reason: input.reason,
    });
    if (!done) throw new AppError('VERSION_CONFLICT', { currentVersion: d.version });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'seal.delegationRevoke',
      entityType: 'sealDelegation',
      entityId: d.id,
      before: { items: d.item_ids },
      after: { reason: input.reason },
      ip: actor.ip,
    });
  });
  return (await listDelegations(ctx, actor, dept.id)).find((x) => x.id === d.id)!;
}
