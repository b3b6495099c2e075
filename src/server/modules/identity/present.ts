import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/policies.ts';
import * as repo from './repo.ts';

/** The current account as `GET /auth/me` shows it: personal data masked (two queries). */
export async function presentMe(ctx: AppContext, accountId: string, csrfToken?: string) {
  const [a, orgs] = await Promise.all([repo.findAccountProfile(ctx.db, accountId), repo.listOrganizationsForAccount(ctx.db, accountId)]);
  if (!a) throw new AppError('AUTH_REQUIRED');
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    kind: a.kind,
    roles: a.roles,
    department: a.department_id && a.department_name ? { id: a.department_id, name: a.department_name } : null,
    region: a.region_code && a.region_name ? { code: a.region_code, name: a.region_name } : null,
    person: a.person_id
      ? { id: a.person_id, name: a.name_masked!, idNumber: a.id_number_masked!, phone: a.phone_masked, realNameLevel: a.real_name_level! }
      : null,
    organizations: orgs.map((o) => ({ id: o.id, name: o.name, creditCode: o.credit_code, role: o.role })),
    ...(csrfToken ? { csrfToken } : {}),
  };
}

/** A person record, only for its owner (404 for anyone else: no existence oracle). */
export async function presentPerson(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'person.read', { type: 'person', id }, 'PERSON_NOT_FOUND');
  const p = await repo.findPersonById(ctx.db, id);
  if (!p) throw new AppError('PERSON_NOT_FOUND');
  return {
    id: p.id,
    name: p.name_masked,
    idNumber: p.id_number_masked,
    phone: p.phone_masked,
    regionCode: p.region_code,
    realNameLevel: p.real_name_level,
  };
}

type StaffRow = Awaited<ReturnType<typeof repo.listStaff>>['items'][number];

export function presentStaff(r: StaffRow) {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles,
    status: r.status,
    regionCode: r.region_code,
    department: r.department_id && r.department_name ? { id: r.department_id, name: r.department_name } : null,
    version: r.version,
  };
}

type ClaimRow = NonNullable<Awaited<ReturnType<typeof repo.findClaim>>>;

export function presentClaim(c: ClaimRow) {
  return {
    id: c.id,
    name: c.name,
    creditCode: c.credit_code,
    regionCode: c.region_code,
    method: c.method,
    status: c.status,
    verifiedBy: c.status === 'verified' ? (c.verified_by ?? 'staffReview') : null,
    reason: c.reason,
    organizationId: c.organization_id,
    hasDocuments: c.license_material_id !== null && c.id_material_id !== null,
    createdAt: c.created_at.toISOString(),
    decidedAt: c.decided_at ? c.decided_at.toISOString() : null,
    version: c.version,
  };
}

type StaffRequestRow = NonNullable<Awaited<ReturnType<typeof repo.findStaffRequest>>>;

export function presentStaffRequest(r: StaffRequestRow, mayDecide: boolean, targetUsername?: string | null) {
  const p = r.payload as { username?: string; roles?: string[] };
  return {
    id: r.id,
    kind: r.kind,
    regionCode: r.region_code,
    targetAccountId: r.target_account_id,
    username: p.username ?? targetUsername ?? null,
    roles: p.roles ?? [],
    status: r.status,
    requestedBy: r.requested_by,
    requesterRole: r.requester_role,
    decidedBy: r.decided_by,
    reason: r.reason,
    resultAccountId: r.result_account_id,
    mayDecide,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}
