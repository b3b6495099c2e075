/** Staff and admin roles. Applicants (citizens, enterprise users) have none. */
export const roles = [
  'clerk',
  'reviewer',
  'approver',
  'chiefRepresentative',
  'departmentAdmin',
  'hallAdmin',
  'supervisor',
  'hotlineOperator',
  'agent',
  'systemAdmin',
  'securityAdmin',
  'auditAdmin',
  'platformRoot',
] as const;
export type Role = (typeof roles)[number];

/** 等保 level 3: system, security and audit administration are held by different people. */
export const separatedAdminRoles: Role[] = ['systemAdmin', 'securityAdmin', 'auditAdmin'];

/**
 * The initial administrator of a production start: the root of the separation. It creates the first
 * separated administrators and may approve their requests; no one can grant it (docs/SECURITY.md).
 */
export const rootRole: Role = 'platformRoot';

/** The authenticated caller of a request, as the services and policies see it. */
export type Actor = {
  accountId: string;
  username: string;
  /** The account's display name, when the session lookup loaded it (timelines show it). */
  displayName?: string;
  kind: 'applicant' | 'staff';
  roles: Role[];
  departmentId: string | null;
  /** Region the staff account is bound to; its subtree is the account's scope. */
  regionCode: string | null;
  hallId: string | null;
  /** The window a clerk works at and what it accepts (一窗受理); absent = any front desk of the hall. */
  window?: WindowScope | null;
  personId: string | null;
  organizationIds: string[];
  sessionId: string;
  ip: string | null;
};

/** True when `code` lies in the region subtree rooted at `root` (codes are hierarchical prefixes). */
export function inRegion(root: string | null, code: string | null): boolean {
  return root !== null && code !== null && code.startsWith(root);
}

export function hasRole(actor: Actor, ...wanted: Role[]): boolean {
  return wanted.some((r) => actor.roles.includes(r));
}

/** What a service window accepts (综合窗口 scope, 调峰 windows while open) and whether it hands results over (统一出件). */
export type WindowScope = {
  id: string;
  hallId: string;
  kind: 'department' | 'comprehensive' | 'special' | 'peak';
  departmentId: string | null;
  acceptsAll: boolean;
  departmentIds: string[];
  itemIds: string[];
  pickup: boolean;
  peakOpen: boolean;
};

/** True when the window accepts an item of this department: its own department, everything, or the listed departments and items; a peak window only while open. */
export function windowAccepts(w: WindowScope, r: { departmentId: string; itemId?: string }): boolean {
  if (w.kind === 'peak' && !w.peakOpen) return false;
  if (w.acceptsAll) return true;
  if (w.kind === 'department' && w.departmentId === r.departmentId) return true;
  return w.departmentIds.includes(r.departmentId) || (r.itemId !== undefined && w.itemIds.includes(r.itemId));
}
