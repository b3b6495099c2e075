import type { Account } from '../api-types.ts';

const CONSOLE_ROLES = ['systemAdmin', 'securityAdmin', 'auditAdmin', 'hallAdmin', 'departmentAdmin', 'platformRoot'];
const QUEUE_ROLES = ['clerk', 'reviewer', 'approver', 'chiefRepresentative', 'agent'];

/**
 * Where an account lands after login when no page was asked for: a window clerk, reviewer or approver on their queue
 * (/staff), a supervisor on the dashboard, an administrator (system, security, audit, hall, department, root) on the
 * console, a resident or an enterprise on their home (/me), which leads with what waits for them (补正, 待评价). Staff
 * holding both handling and other roles land on the queue: the work that waits for them first.
 */
export function landingPath(account: Pick<Account, 'kind' | 'roles'>): string {
  if (account.kind !== 'staff') return '/me';
  const has = (roles: string[]) => account.roles.some((role) => roles.includes(role));
  if (has(QUEUE_ROLES)) return '/staff';
  if (account.roles.includes('supervisor')) return '/dashboard';
  if (has(CONSOLE_ROLES)) return '/admin';
  return '/me';
}
