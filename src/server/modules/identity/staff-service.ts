import { Secret } from 'otpauth';
import type { Actor, Role } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageQuery } from '../../platform/http.ts';
import { authorize, can, rolesAreValid } from '../../platform/policies.ts';
import { findDepartmentById } from '../org/index.ts';
import { totpFor } from './auth-service.ts';
import { hashPassword, passwordIsStrong } from './passwords.ts';
import * as repo from './repo.ts';

export type CreateStaffInput = {
  username: string;
  displayName: string;
  password: string;
  departmentId: string;
  hallId?: string;
  roles: string[];
};

async function departmentOf(ctx: AppContext, id: string) {
  const d = await findDepartmentById(ctx.db, id);
  if (!d) throw new AppError('DEPARTMENT_NOT_FOUND');
  return d;
}

/**
 * Creates a staff account bound to a department and its region. Staff always need a TOTP second
 * factor: the secret is generated here and returned once, as an otpauth:// URI for the admin to hand over.
 */
export async function createStaff(ctx: AppContext, actor: Actor, input: CreateStaffInput) {
  if (!rolesAreValid(input.roles)) throw new AppError('ROLE_INVALID');
  const dept = await departmentOf(ctx, input.departmentId);
  authorize(actor, 'staff.manage', { type: 'staff', departmentId: dept.id, regionCode: dept.region_code, roles: input.roles as Role[] });
  if (!passwordIsStrong(input.password)) throw new AppError('PASSWORD_TOO_WEAK');
  const username = input.username.toLowerCase();
  if (await repo.findAccountByUsername(ctx.db, username)) throw new AppError('USERNAME_TAKEN');
  const secret = new Secret({ size: 20 }).base32;
  const passwordHash = await hashPassword(input.password);
  const account = await ctx.db.transaction().execute(async (trx) => {
    const a = await repo.insertAccount(trx, {
      username,
      password_hash: passwordHash,
      kind: 'staff',
      display_name: input.displayName,
      roles: input.roles,
      department_id: dept.id,
      region_code: dept.region_code,
      hall_id: input.hallId ?? null,
      totp_secret_enc: ctx.cipher.encrypt(secret),
      totp_required: true,
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'staff.create',
      entityType: 'account',
      entityId: a.id,
      after: { username, departmentId: dept.id, roles: input.roles },
      ip: actor.ip,
    });
    return a;
  });
  return { account, otpauthUri: totpFor(username, secret).toString() };
}

/** Replaces a staff member's roles (a permission change: audited with before and after). */
export async function updateStaffRoles(ctx: AppContext, actor: Actor, id: string, roles: string[], version: number) {
  if (!rolesAreValid(roles)) throw new AppError('ROLE_INVALID');
  const target = await repo.findAccountById(ctx.db, id);
  const scope = (r: Role[]) => ({
    type: 'staff' as const,
    departmentId: target?.department_id ?? null,
    regionCode: target?.region_code ?? '',
    roles: r,
  });
  if (!target || target.kind !== 'staff' || !can(actor, 'staff.read', scope([]))) throw new AppError('STAFF_NOT_FOUND');
  authorize(actor, 'staff.manage', scope([...roles, ...(target.roles as Role[])]));
  if (target.id === actor.accountId) throw new AppError('FORBIDDEN', { reason: 'own roles' });
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateAccountRoles(trx, id, roles, version);
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

/** Staff in the actor's scope: a security admin's region, or a department admin's department. */
export async function listStaffInScope(ctx: AppContext, actor: Actor, q: PageQuery & { departmentId?: string }) {
  const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
  if (actor.roles.includes('securityAdmin') && actor.regionCode) {
    return repo.listStaff(ctx.db, { regionPrefix: actor.regionCode, departmentId: q.departmentId, ...page });
  }
  if (actor.roles.includes('departmentAdmin') && actor.departmentId) {
    if (q.departmentId && q.departmentId !== actor.departmentId) return { items: [], total: 0 };
    return repo.listStaff(ctx.db, { departmentId: actor.departmentId, ...page });
  }
  throw new AppError('FORBIDDEN');
}
