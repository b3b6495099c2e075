import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/policies.ts';
import { findDepartmentById, findRegion } from '../org/repo.ts';
import * as repo from './repo.ts';

/** The current account as `GET /auth/me` shows it: personal data masked. */
export async function presentMe(ctx: AppContext, accountId: string, csrfToken?: string) {
  const account = await repo.findAccountById(ctx.db, accountId);
  if (!account) throw new AppError('AUTH_REQUIRED');
  const [person, orgs, dept, region] = await Promise.all([
    repo.findPersonByAccount(ctx.db, account.id),
    repo.listOrganizationsForAccount(ctx.db, account.id),
    account.department_id ? findDepartmentById(ctx.db, account.department_id) : undefined,
    account.region_code ? findRegion(ctx.db, account.region_code) : undefined,
  ]);
  return {
    id: account.id,
    username: account.username,
    displayName: account.display_name,
    kind: account.kind,
    roles: account.roles,
    department: dept ? { id: dept.id, name: dept.name } : null,
    region: region ? { code: region.code, name: region.name } : null,
    person: person ? { id: person.id, name: person.name_masked, idNumber: person.id_number_masked, phone: person.phone_masked, realNameLevel: person.real_name_level } : null,
    organizations: orgs.map((o) => ({ id: o.id, name: o.name, creditCode: o.credit_code, role: o.role })),
    ...(csrfToken ? { csrfToken } : {}),
  };
}

/** A person record, only for its owner (404 for anyone else: no existence oracle). */
export async function presentPerson(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'person.read', { type: 'person', id }, 'PERSON_NOT_FOUND');
  const p = await repo.findPersonById(ctx.db, id);
  if (!p) throw new AppError('PERSON_NOT_FOUND');
  return { id: p.id, name: p.name_masked, idNumber: p.id_number_masked, phone: p.phone_masked, regionCode: p.region_code, realNameLevel: p.real_name_level };
}

type StaffRow = Awaited<ReturnType<typeof repo.listStaff>>['items'][number];

export function presentStaff(r: StaffRow) {
  return {
    id: r.id, username: r.username, displayName: r.display_name, roles: r.roles, status: r.status, regionCode: r.region_code,
    department: r.department_id && r.department_name ? { id: r.department_id, name: r.department_name } : null, version: r.version,
  };
}
