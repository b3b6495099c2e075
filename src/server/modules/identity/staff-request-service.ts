import { hasRole, rootRole, separatedAdminRoles, type Actor, type Role } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageQuery } from '../../platform/http.ts';
import { isPhoneNumber } from '../../platform/identifiers.ts';
import { authorize, can, rolesAreValid, type StaffRequestResource, touchesSeparated } from '../../platform/policies.ts';
import type { IssuedActivation } from './activation-service.ts';
import * as repo from './repo.ts';
import { type CreateStaffInput, insertStaffAccount, resetStaffCredentials, resolveNewStaff, staffInScope } from './staff-service.ts';

/**
 * 三员分立 (等保 level 3), the two-person rule: an account that holds or would hold a separated
 * administrator role (system, security, audit) is created, changed or reset only by a request of one
 * administrator that another decides — the root, or the holder of a different separated role; whatever
 * touches an audit admin, only another audit admin or the root (docs/SECURITY.md).
 */

export type StaffRequestInput =
  | ({ kind: 'create' } & CreateStaffInput)
  | { kind: 'roles'; accountId: string; roles: string[]; version: number }
  | { kind: 'reissue'; accountId: string; phone?: string };

type Payload =
  | {
      kind: 'create';
      username: string;
      displayName: string;
      departmentId: string | null;
      regionCode: string;
      hallId: string | null;
      roles: Role[];
    }
  | { kind: 'roles'; roles: Role[]; version: number; before: Role[] }
  | { kind: 'reissue'; roles: Role[] };

type RequestRow = NonNullable<Awaited<ReturnType<typeof repo.findStaffRequest>>>;

const requesterRoleOf = (a: Actor) => (hasRole(a, rootRole) ? rootRole : (separatedAdminRoles.find((r) => a.roles.includes(r)) ?? 'none'));

/** The policy resource of a request, with the target's roles as they are now. */
async function resourceOf(ctx: AppContext, r: RequestRow): Promise<StaffRequestResource> {
  const p = r.payload as Payload;
  const current = r.target_account_id ? (((await repo.findAccountById(ctx.db, r.target_account_id))?.roles ?? []) as string[]) : [];
  return {
    type: 'staffRequest',
    regionCode: r.region_code,
    requestedBy: r.requested_by,
    requesterRole: r.requester_role,
    targetAccountId: r.target_account_id,
    touchesAudit: [...p.roles, ...current].includes('auditAdmin'),
  };
}

/** Files a request (only for changes that touch a separated role; others are made directly). */
export async function requestStaffChange(ctx: AppContext, actor: Actor, input: StaffRequestInput) {
  let payload: Payload;
  let regionCode: string;
  let targetId: string | null = null;
  let phone: string | null = null;
  if (input.kind === 'create') {
    const s = await resolveNewStaff(ctx, actor, input);
    if (!touchesSeparated(s.roles))
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ field: 'body.roles', reason: 'notSeparatedRole' }],
      });
    authorize(actor, 'staff.requestSeparated', s.resource);
    const username = input.username.toLowerCase();
    if (await repo.findAccountByUsername(ctx.db, username)) throw new AppError('USERNAME_TAKEN');
    payload = {
      kind: 'create',
      username,
      displayName: input.displayName,
      departmentId: s.departmentId,
      regionCode: s.regionCode,
      hallId: s.hallId,
      roles: s.roles,
    };
    regionCode = s.regionCode;
    phone = input.phone ?? null;
  } else {
    if (input.kind === 'roles' && !rolesAreValid(input.roles)) throw new AppError('ROLE_INVALID');
    if (input.kind === 'reissue' && input.phone !== undefined && !isPhoneNumber(input.phone)) throw new AppError('PHONE_INVALID');
    const { target, resource } = await staffInScope(ctx, actor, input.accountId);
    const res = resource(input.kind === 'roles' ? (input.roles as Role[]) : []);
    if (!touchesSeparated(res.roles))
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ field: 'body.kind', reason: 'notSeparatedRole' }],
      });
    authorize(actor, 'staff.requestSeparated', res);
    if (target.id === actor.accountId) throw new AppError('FORBIDDEN', { reason: 'own account' });
    payload =
      input.kind === 'roles'
        ? { kind: 'roles', roles: input.roles as Role[], version: input.version, before: target.roles as Role[] }
        : { kind: 'reissue', roles: target.roles as Role[] };
    regionCode = target.region_code!;
    targetId = target.id;
    phone = input.kind === 'reissue' ? (input.phone ?? null) : null;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertStaffRequest(trx, {
      kind: input.kind,
      region_code: regionCode,
      target_account_id: targetId,
      payload: JSON.stringify(payload),
      phone_enc: phone ? ctx.cipher.encrypt(phone) : null,
      requested_by: actor.accountId,
      requester_role: requesterRoleOf(actor),
      created_at: ctx.now(),
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'staff.request.create',
      entityType: 'staffRequest',
      entityId: row.id,
      after: { kind: row.kind, targetAccountId: targetId, payload, phone: phone ? 'sms' : null },
      ip: actor.ip,
    });
    return row;
  });
}

/** Requests of the actor's region (its separated administrators and root read them). */
export async function listStaffRequests(ctx: AppContext, actor: Actor, q: PageQuery & { status?: 'pending' | 'approved' | 'rejected' }) {
  authorize(actor, 'staff.readRequests', { type: 'region', code: actor.regionCode ?? '' });
  const rows = await repo.listStaffRequests(ctx.db, {
    regionPrefix: actor.regionCode!,
    status: q.status,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const items = await Promise.all(
    rows.items.map(async (r) => ({
      row: r,
      mayDecide: r.status === 'pending' && can(actor, 'staff.decideRequest', await resourceOf(ctx, r)),
      username: r.target_account_id ? ((await repo.findAccountById(ctx.db, r.target_account_id))?.username ?? null) : null,
    })),
  );
  return { items, total: rows.total };
}

/**
 * Approves (the change is made in the same transaction) or rejects (with a reason) a pending request.
 * An approved creation or reset returns the new activation code once (or sends it by SMS).
 */
export async function decideStaffRequest(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { decision: 'approve' | 'reject'; reason?: string; version: number },
): Promise<{ request: RequestRow; activation: IssuedActivation | null }> {
  const r = await repo.findStaffRequest(ctx.db, id);
  if (!r || !can(actor, 'staff.readRequests', { type: 'region', code: r.region_code }) || r.status !== 'pending') {
    throw new AppError('STAFF_REQUEST_NOT_FOUND');
  }
  if (!can(actor, 'staff.decideRequest', await resourceOf(ctx, r))) throw new AppError('SEPARATION_APPROVER_INVALID');
  const reason = input.reason?.trim() || null;
  if (input.decision === 'reject' && !reason) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ field: 'body.reason', reason: 'rejectionNeedsReason' }],
    });
  }
  const p = r.payload as Payload;
  const phone = r.phone_enc ? ctx.cipher.decrypt(r.phone_enc) : null;
  if (input.decision === 'approve' && p.kind === 'create' && (await repo.findAccountByUsername(ctx.db, p.username))) {
    throw new AppError('USERNAME_TAKEN');
  }
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    let activation: IssuedActivation | null = null;
    let resultAccountId: string | null = r.target_account_id;
    if (input.decision === 'approve') {
      if (p.kind === 'create') {
        const created = await insertStaffAccount(ctx, trx, actor.accountId, { ...p, phone });
        activation = created.activation;
        resultAccountId = created.account.id;
      } else if (p.kind === 'roles') {
        if (!(await repo.updateAccountRoles(trx, r.target_account_id!, p.roles, p.version, now))) throw new AppError('VERSION_CONFLICT');
      } else {
        activation = await resetStaffCredentials(ctx, trx, actor.accountId, r.target_account_id!, phone);
      }
    }
    const after = await repo.decideStaffRequest(trx, id, input.version, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      decided_by: actor.accountId,
      decided_at: now,
      reason,
      result_account_id: input.decision === 'approve' ? resultAccountId : null,
    });
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: r.version });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: input.decision === 'approve' ? 'staff.request.approve' : 'staff.request.reject',
      entityType: 'staffRequest',
      entityId: id,
      before: { status: r.status, version: r.version, requestedBy: r.requested_by },
      after: {
        status: after.status,
        version: after.version,
        kind: r.kind,
        accountId: resultAccountId,
        roles: p.roles,
        reason,
        ...(activation ? { activation: activation.sentTo ? 'sms' : 'shown' } : {}),
      },
      ip: actor.ip,
    });
    return { request: after, activation };
  });
}
