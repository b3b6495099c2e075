/** Shapes of the API answers the web application reads (see the server's OpenAPI at /api/openapi.json). */

/** Role names carried in `Account.roles`. */
export type RoleName =
  | 'clerk'
  | 'reviewer'
  | 'approver'
  | 'chiefRepresentative'
  | 'departmentAdmin'
  | 'hallAdmin'
  | 'supervisor'
  | 'hotlineOperator'
  | 'agent'
  | 'systemAdmin'
  | 'securityAdmin'
  | 'auditAdmin'
  | 'platformRoot';

/** Roles that open the admin console. */
export const ADMIN_ROLES: readonly string[] = [
  'systemAdmin',
  'departmentAdmin',
  'hallAdmin',
  'securityAdmin',
  'auditAdmin',
  'platformRoot',
];

/** The logged-in account as `GET /api/v1/auth/me` answers it; personal data arrives masked. */
export type Account = {
  id: string;
  username: string;
  displayName: string;
  kind: 'applicant' | 'staff';
  roles: string[];
  department: { id: string; name: string } | null;
  region: { code: string; name: string } | null;
  person: { name: string; idNumber: string; phone: string; realNameLevel: number } | null;
  organizations: Array<{ id: string; name: string; creditCode: string }>;
  csrfToken?: string;
};

/** `POST /api/v1/auth/login` answer. */
export type LoginResult = { token: string; csrfToken: string; account: Partial<Account> };

/** A page of items. */
export type Page<T> = { items: T[]; total: number };

/** 行政区划 (GB/T 2260). */
export type Region = { code: string; name: string; level: string; parentCode: string | null };

/** 部门. */
export type Department = { id: string; name: string; shortName: string | null; creditCode: string | null; regionCode: string };

/** 窗口. */
export type HallWindow = { id: string; number: string; name: string; kind: string };

/** 政务服务中心 / 便民服务中心 / 代办点. */
export type Hall = { id: string; name: string; level: string; regionCode: string; address: string | null; windows: HallWindow[] };
