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
  | { type: 'auditLog' };

type Rule<R extends Resource> = (actor: Actor, resource: R) => boolean;
type ResourceOf<T extends Resource['type']> = Extract<Resource, { type: T }>;

/** Roles a department admin may grant inside their own department. */
const departmentGrantable: Role[] = ['clerk', 'reviewer', 'approver', 'chiefRepresentative', 'agent'];

const staffScope = (a: Actor, r: ResourceOf<'staff'>) =>
  (hasRole(a, 'securityAdmin') && inRegion(a.regionCode, r.regionCode)) ||
  (hasRole(a, 'departmentAdmin') && r.departmentId !== null && r.departmentId === a.departmentId);

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
  'audit.read': ((a) => hasRole(a, 'auditAdmin')) as Rule<ResourceOf<'auditLog'>>,
  'audit.verify': ((a) => hasRole(a, 'auditAdmin')) as Rule<ResourceOf<'auditLog'>>,
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
