import type { Kysely } from 'kysely';
import { hasRole, inRegion, rootRole, type Actor, type Role } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageQuery } from '../../platform/http.ts';
import { isPhoneNumber } from '../../platform/identifiers.ts';
import { authorize, can, rolesAreValid, type StaffResource, touchesSeparated } from '../../platform/policies.ts';
import { findDepartmentById, findHallById, findRegion } from '../org/index.ts';
import { type IssuedActivation, issueActivation } from './activation-service.ts';
import * as repo from './repo.ts';

export type CreateStaffInput = {
  username: string;
  displayName: string;
  /** The department; a separated administrator may instead be bound to a region only. */
  departmentId?: string;
  regionCode?: string;
  hallId?: string;
  roles: string[];
  /** Where the activation code goes by SMS; without it the code is shown once to the creator. */
  phone?: string;
};

const fieldError = (field: string, code: string, message: string) =>
  new AppError('VALIDATION_FAILED', { fields: [{ field: `body.${field}`, code, message }] });

/**
 * Resolves where a new staff account would sit — department (or region), hall — and checks that each
 * lies in the actor's scope: the hall only through `hall.bindStaff` (a security admin of the hall's region)
 * and inside the department's region. Returns the policy resource of the account to be.
 */
export async function resolveNewStaff(ctx: AppContext, actor: Actor, input: CreateStaffInput) {
  if (!rolesAreValid(input.roles)) throw new AppError('ROLE_INVALID');
  const roles = input.roles as Role[];
  let departmentId: string | null = null;
  let regionCode: string;
  if (input.departmentId) {
    const dept = await findDepartmentById(ctx.db, input.departmentId);
    if (!dept) throw new AppError('DEPARTMENT_NOT_FOUND');
    departmentId = dept.id;
    regionCode = dept.region_code;
  } else if (input.regionCode && roles.length > 0 && !roles.some((r) => !touchesSeparated([r]))) {
    if (!(await findRegion(ctx.db, input.regionCode))) throw new AppError('REGION_NOT_FOUND');
    regionCode = input.regionCode;
  } else {
    throw fieldError('departmentId', 'required', 'a department (only separated administrators may have a region instead)');
  }
  let hallId: string | null = null;
  if (input.hallId) {
    const hall = await findHallById(ctx.db, input.hallId);
    if (!hall) throw new AppError('HALL_NOT_FOUND');
    authorize(actor, 'hall.bindStaff', { type: 'hall', id: hall.id, regionCode: hall.region_code });
    if (!inRegion(regionCode, hall.region_code)) throw new AppError('STAFF_HALL_INVALID', { hallRegion: hall.region_code, regionCode });
    hallId = hall.id;
  }
  if (input.phone !== undefined && !isPhoneNumber(input.phone)) throw new AppError('PHONE_INVALID');
  const resource: StaffResource = { type: 'staff', departmentId, regionCode, roles, hallBound: hallId !== null };
  return { departmentId, regionCode, hallId, roles, resource };
}

/**
 * Allowed alone, or: a separated-admin change that needs a request (SEPARATION_APPROVAL_REQUIRED for
 * those who may file one), or FORBIDDEN.
 */
export function authorizeStaffChange(actor: Actor, resource: StaffResource) {
  if (can(actor, 'staff.manage', resource)) return;
  if (touchesSeparated(resource.roles) && can(actor, 'staff.requestSeparated', resource))
    throw new AppError('SEPARATION_APPROVAL_REQUIRED');
  throw new AppError('FORBIDDEN');
}

type NewStaff = {
  username: string;
  displayName: string;
  departmentId: string | null;
  regionCode: string;
  hallId: string | null;
  roles: Role[];
  phone?: string | null;
};

/** Writes a pending staff account and its activation code, inside the caller's transaction (no audit). */
export async function insertStaffAccount(ctx: AppContext, trx: Kysely<DB>, createdBy: string, s: NewStaff) {
  const account = await repo.insertAccount(trx, {
    username: s.username,
    password_hash: repo.UNUSABLE_PASSWORD,
    kind: 'staff',
    status: 'pending',
    display_name: s.displayName,
    roles: s.roles,
    department_id: s.departmentId,
    region_code: s.regionCode,
    hall_id: s.hallId,
    totp_required: true,
  });
  const activation = await issueActivation(ctx, trx, { accountId: account.id, createdBy, phone: s.phone });
  return { account, activation };
}

export const presentActivation = (a: IssuedActivation) => ({
  ...(a.code ? { code: a.code } : {}),
  ...(a.sentTo ? { sentTo: a.sentTo } : {}),
  expiresAt: a.expiresAt.toISOString(),
});

/**
 * Creates a staff account bound to a department (and hall) in the actor's scope. The account waits for
 * its holder: the creator gets a one-time activation code (or it goes by SMS), never a password or a
 * TOTP secret; the holder sets both when activating. Separated administrator roles need a request.
 */
export async function createStaff(ctx: AppContext, actor: Actor, input: CreateStaffInput) {
  const s = await resolveNewStaff(ctx, actor, input);
  authorizeStaffChange(actor, s.resource);
  const username = input.username.toLowerCase();
  if (await repo.findAccountByUsername(ctx.db, username)) throw new AppError('USERNAME_TAKEN');
  return ctx.db.transaction().execute(async (trx) => {
    const created = await insertStaffAccount(ctx, trx, actor.accountId, {
      ...s,
      username,
      displayName: input.displayName,
      phone: input.phone,
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'staff.create',
      entityType: 'account',
      entityId: created.account.id,
      after: {
        username,
        departmentId: s.departmentId,
        regionCode: s.regionCode,
        hallId: s.hallId,
        roles: s.roles,
        activation: created.activation.sentTo ? 'sms' : 'shown',
      },
      ip: actor.ip,
    });
    return created;
  });
}

/** A staff account in the actor's read scope, or STAFF_NOT_FOUND (no existence oracle). */
export async function staffInScope(ctx: AppContext, actor: Actor, id: string) {
  const target = await repo.findAccountById(ctx.db, id);
  const res = (r: Role[]): StaffResource => ({
    type: 'staff',
    departmentId: target?.department_id ?? null,
    regionCode: target?.region_code ?? '',
    roles: r,
    hallBound: target?.hall_id != null,
  });
  if (!target || target.kind !== 'staff' || !can(actor, 'staff.read', res([]))) throw new AppError('STAFF_NOT_FOUND');
  return { target, resource: (roles: Role[]) => res([...new Set([...roles, ...(target.roles as Role[])])]) };
}

/** Replaces a staff member's roles (a permission change: audited with before and after). */
export async function updateStaffRoles(ctx: AppContext, actor: Actor, id: string, roles: string[], version: number) {
  if (!rolesAreValid(roles)) throw new AppError('ROLE_INVALID');
  const { target, resource } = await staffInScope(ctx, actor, id);
  authorizeStaffChange(actor, resource(roles as Role[]));
  if (target.id === actor.accountId) throw new AppError('FORBIDDEN', { reason: 'own roles' });
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateAccountRoles(trx, id, roles, version, ctx.now());
    if (!updated) throw new AppError('VERSION_CONFLICT');
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'staff.roles.update',
      entityType: 'account',
      entityId: id,
      before: { roles: target.roles, version: target.version },
      after: { roles: updated.roles, version: updated.version },
      ip: actor.ip,
    });
    return updated;
  });
}

/** Resets an account's credentials inside the caller's transaction: pending again, sessions ended, a new activation code. */
export async function resetStaffCredentials(ctx: AppContext, trx: Kysely<DB>, createdBy: string, accountId: string, phone?: string | null) {
  await repo.resetCredentials(trx, accountId, ctx.now());
  await repo.endSessionsOfAccount(trx, accountId, ctx.now());
  return issueActivation(ctx, trx, { accountId, createdBy, phone });
}

/**
 * A new activation code for a staff member who lost it (or their password or authenticator): the
 * account waits for its holder again. For separated administrators this is a request (三员分立).
 */
export async function reissueActivation(ctx: AppContext, actor: Actor, id: string, input: { phone?: string }) {
  if (input.phone !== undefined && !isPhoneNumber(input.phone)) throw new AppError('PHONE_INVALID');
  const { target, resource } = await staffInScope(ctx, actor, id);
  authorizeStaffChange(actor, resource([]));
  if (target.id === actor.accountId) throw new AppError('FORBIDDEN', { reason: 'own account' });
  return ctx.db.transaction().execute(async (trx) => {
    const activation = await resetStaffCredentials(ctx, trx, actor.accountId, id, input.phone);
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'staff.activation.reissue',
      entityType: 'account',
      entityId: id,
      before: { status: target.status },
      after: { status: 'pending', activation: activation.sentTo ? 'sms' : 'shown' },
      ip: actor.ip,
    });
    return activation;
  });
}

/** Staff in the actor's scope: a security admin's (or the root's) region, or a department admin's department. */
export async function listStaffInScope(ctx: AppContext, actor: Actor, q: PageQuery & { departmentId?: string }) {
  const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
  if (hasRole(actor, 'securityAdmin', rootRole) && actor.regionCode) {
    return repo.listStaff(ctx.db, { regionPrefix: actor.regionCode, departmentId: q.departmentId, ...page });
  }
  if (actor.roles.includes('departmentAdmin') && actor.departmentId) {
    if (q.departmentId && q.departmentId !== actor.departmentId) return { items: [], total: 0 };
    return repo.listStaff(ctx.db, { departmentId: actor.departmentId, ...page });
  }
  throw new AppError('FORBIDDEN');
}
