/** Staff and admin roles. Applicants (citizens, enterprise users) have none. */
export const roles = [
  'clerk', 'reviewer', 'approver', 'chiefRepresentative', 'departmentAdmin', 'hallAdmin',
  'supervisor', 'hotlineOperator', 'agent', 'systemAdmin', 'securityAdmin', 'auditAdmin',
] as const;
export type Role = (typeof roles)[number];

/** 等保 level 3: system, security and audit administration are held by different people. */
export const separatedAdminRoles: Role[] = ['systemAdmin', 'securityAdmin', 'auditAdmin'];

/** The authenticated caller of a request, as the services and policies see it. */
export type Actor = {
  accountId: string;
  username: string;
  kind: 'applicant' | 'staff';
  roles: Role[];
  departmentId: string | null;
  /** Region the staff account is bound to; its subtree is the account's scope. */
  regionCode: string | null;
  hallId: string | null;
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
