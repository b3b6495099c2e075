/**
 * The web's names for the API's shapes. Every type here is an alias of `api-types.gen.ts`, which
 * `npm run gen:api-types` generates from the server's OpenAPI document (the zod route schemas), so a
 * server change shows up here as a type error instead of a drift.
 */
import type { components, paths } from './api-types.gen.ts';

/** The named schemas of the OpenAPI document (`components.schemas`). */
export type Schemas = components['schemas'];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** The JSON answer of `method path` with status `S` (200 unless given). */
export type Answer<P extends keyof paths, M extends Method, S extends number = 200> = paths[P][M] extends { responses: infer R }
  ? S extends keyof R
    ? JsonOf<R[S]>
    : never
  : never;

/** The JSON body `method path` takes. */
export type Body<P extends keyof paths, M extends Method> = paths[P][M] extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** Role names carried in `Account.roles`: the roles an admin may grant, and the platform root nobody grants. */
export type RoleName = Body<'/api/v1/staff', 'post'>['roles'][number] | 'platformRoot';

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
export type Account = Schemas['Account'];

/** `POST /api/v1/auth/login` answer. */
export type LoginResult = Schemas['LoginResult'];

/** `GET /api/v1/platform`: whether this installation is the demo. */
export type PlatformInfo = Schemas['PlatformInfo'];

/** A page of items (every list answers `{ items, total }`). */
export type Page<T> = { items: T[]; total: number };

/** 行政区划 (GB/T 2260). */
export type Region = Schemas['Region'];

/** 部门. */
export type Department = Schemas['Department'];

/** 政务服务中心 / 便民服务中心 / 代办点, with its windows. */
export type Hall = Schemas['Hall'];

/** 窗口. */
export type HallWindow = Schemas['ServiceWindow'];
