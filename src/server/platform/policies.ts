import { hasRole, inRegion, roles, separatedAdminRoles, type Actor, type Role } from './actor.ts';
import { AppError, type ErrorCode } from './errors.ts';

/**
 * One declarative policy table: `can(actor, action, resource)`. Every route asks here.
 * Resources carry only what the rule needs (owner, department, region).
 */
export type Resource =
  | { type: 'person'; id: string }
  | { type: 'organization'; id: string }
  | { type: 'department'; id: string; regionCode: string }
  | { type: 'region'; code: string }
  | { type: 'hall'; id: string; regionCode: string }
  | { type: 'staff'; departmentId: string | null; regionCode: string; roles: Role[] }
  | { type: 'auditLog' }
  | CaseResource;

/** What the case rules need of a case. */
export type CaseResource = {
  type: 'case';
  departmentId: string;
  regionCode: string;
  acceptRegionCode: string;
  createdBy: string;
  applicantAccountId: string | null;
  applicantPersonId: string | null;
  applicantOrganizationId: string | null;
  agentAccountId: string | null;
};

type Rule<R extends Resource> = (actor: Actor, resource: R) => boolean;
type ResourceOf<T extends Resource['type']> = Extract<Resource, { type: T }>;

/** Roles a department admin may grant inside their own department. */
const departmentGrantable: Role[] = ['clerk', 'reviewer', 'approver', 'chiefRepresentative', 'agent'];

const staffScope = (a: Actor, r: ResourceOf<'staff'>) =>
  (hasRole(a, 'securityAdmin') && inRegion(a.regionCode, r.regionCode)) ||
  (hasRole(a, 'departmentAdmin') && r.departmentId !== null && r.departmentId === a.departmentId);

/** The applicant side of a case: who filed it, the applicant (person, their account, their organisation) and the agent. */
const isCaseParty = (a: Actor, r: CaseResource) =>
  a.accountId === r.createdBy || a.accountId === r.applicantAccountId || a.accountId === r.agentAccountId ||
  (a.personId !== null && a.personId === r.applicantPersonId) ||
  (r.applicantOrganizationId !== null && a.organizationIds.includes(r.applicantOrganizationId));

/** A front-desk clerk: a clerk or 首席代表 at a hall of the region where the case is accepted (一窗受理). */
const isFrontDesk = (a: Actor, r: CaseResource) =>
  hasRole(a, 'clerk', 'chiefRepresentative') && a.hallId !== null && inRegion(a.regionCode, r.acceptRegionCode);

const policy = {
  'person.read': ((a, r) => a.personId === r.id) as Rule<ResourceOf<'person'>>,
  'organization.read': ((a, r) => a.organizationIds.includes(r.id)) as Rule<ResourceOf<'organization'>>,
  'organization.actFor': ((a, r) => a.organizationIds.includes(r.id)) as Rule<ResourceOf<'organization'>>,
  'department.create': ((a, r) => hasRole(a, 'systemAdmin') && inRegion(a.regionCode, r.code)) as Rule<ResourceOf<'region'>>,
  'department.update': ((a, r) =>
    (hasRole(a, 'systemAdmin') && inRegion(a.regionCode, r.regionCode)) ||
    (hasRole(a, 'departmentAdmin') && a.departmentId === r.id)) as Rule<ResourceOf<'department'>>,
  'hall.manage': ((a, r) =>
    (hasRole(a, 'systemAdmin') && inRegion(a.regionCode, r.regionCode)) ||
    (hasRole(a, 'hallAdmin') && a.hallId === r.id)) as Rule<ResourceOf<'hall'>>,
  'staff.read': staffScope as Rule<ResourceOf<'staff'>>,
  /** Creating staff or changing their roles: security admins in their region; department admins for ordinary roles. */
  'staff.manage': ((a, r) =>
    (hasRole(a, 'securityAdmin') && inRegion(a.regionCode, r.regionCode)) ||
    (hasRole(a, 'departmentAdmin') && r.departmentId !== null && r.departmentId === a.departmentId &&
      r.roles.every((role) => departmentGrantable.includes(role)))) as Rule<ResourceOf<'staff'>>,
  /** Editing a department's catalog items: its department admin, or a system admin of the region. */
  'catalog.edit': ((a, r) =>
    (hasRole(a, 'systemAdmin') && inRegion(a.regionCode, r.regionCode)) ||
    (hasRole(a, 'departmentAdmin') && a.departmentId === r.id)) as Rule<ResourceOf<'department'>>,
  /** Publishing or withdrawing a guide: the region's system admin (the 审改 office), never the department alone. */
  'catalog.publish': ((a, r) => hasRole(a, 'systemAdmin') && inRegion(a.regionCode, r.regionCode)) as Rule<ResourceOf<'department'>>,
  /** Reading a case: its parties; staff of the owning department; front desks of the accepting region; supervisors of the region. */
  'case.read': ((a, r) =>
    isCaseParty(a, r) ||
    (a.kind === 'staff' && (r.departmentId === a.departmentId || isFrontDesk(a, r) ||
      (hasRole(a, 'supervisor') && (inRegion(a.regionCode, r.regionCode) || inRegion(a.regionCode, r.acceptRegionCode)))))) as Rule<CaseResource>,
  /** Applicant actions (submit, supplement, withdraw, sign, supply): the parties. */
  'case.applicantAct': ((a, r) => isCaseParty(a, r)) as Rule<CaseResource>,
  /** The acceptance step (claim, accept, one-time notice, reject, 即办): clerks of the owning department or the front desk. */
  'case.accept': ((a, r) =>
    a.kind === 'staff' && ((hasRole(a, 'clerk', 'chiefRepresentative') && r.departmentId === a.departmentId) || isFrontDesk(a, r))) as Rule<CaseResource>,
  /** Back-office steps: staff of the owning department (the step's role is checked by the service). */
  'case.handle': ((a, r) => a.kind === 'staff' && r.departmentId === a.departmentId) as Rule<CaseResource>,
  /** Filing a case for a walk-in applicant (window) or as an agent (帮办代办), in the staff member's region. */
  'case.fileFor': ((a, r) => hasRole(a, 'clerk', 'chiefRepresentative', 'agent') && inRegion(a.regionCode, r.code)) as Rule<ResourceOf<'region'>>,
  /** Supervisors watch the region's queues and warnings. */
  'case.supervise': ((a, r) => hasRole(a, 'supervisor') && inRegion(a.regionCode, r.code)) as Rule<ResourceOf<'region'>>,
  /** Managing a department's seals (rotate, revoke): the region's system admin or the department admin. */
  'seal.manage': ((a, r) =>
    (hasRole(a, 'systemAdmin') && inRegion(a.regionCode, r.regionCode)) ||
    (hasRole(a, 'departmentAdmin') && a.departmentId === r.id)) as Rule<ResourceOf<'department'>>,
  'audit.read': ((a) => hasRole(a, 'auditAdmin')) as Rule<ResourceOf<'auditLog'>>,
  'audit.verify': ((a) => hasRole(a, 'auditAdmin')) as Rule<ResourceOf<'auditLog'>>,
  /** Working-calendar overrides: a system admin in their region; national ones (code '') only a province-level one. */
  'calendar.manage': ((a, r) => hasRole(a, 'systemAdmin') &&
    (r.code === '' ? a.regionCode !== null && a.regionCode.length === 2 : inRegion(a.regionCode, r.code))) as Rule<ResourceOf<'region'>>,
} as const;

export type Action = keyof typeof policy;
type ResourceFor<A extends Action> = Parameters<(typeof policy)[A]>[1];

/** May this actor do this to this resource? */
export function can<A extends Action>(actor: Actor | null, action: A, resource: ResourceFor<A>): boolean {
  if (!actor) return false;
  return (policy[action] as Rule<Resource>)(actor, resource as Resource);
}

/**
 * Throws unless allowed. `hidden` names the not-found code to answer instead of 403 when the
 * resource must not be revealed (another citizen's record, another department's staff).
 */
export function authorize<A extends Action>(actor: Actor | null, action: A, resource: ResourceFor<A>, hidden?: ErrorCode): void {
  if (!actor) throw new AppError('AUTH_REQUIRED');
  if (!can(actor, action, resource)) throw new AppError(hidden ?? 'FORBIDDEN');
}

/** Validates a role set: known roles, and at most one of the separated admin roles. */
export function rolesAreValid(list: string[]): list is Role[] {
  const known = new Set<string>(roles);
  if (!list.every((r) => known.has(r))) return false;
  return list.filter((r) => separatedAdminRoles.includes(r as Role)).length <= 1;
}
