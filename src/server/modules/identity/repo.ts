import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.ts';
import type { Actor } from '../../platform/actor.ts';

/** Identity repository: accounts, persons, organizations, sessions, login throttle, SMS codes. */

export async function findAccountByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findAccountById(db: Kysely<DB>, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export type NewAccount = {
  username: string;
  password_hash: string;
  kind: 'applicant' | 'staff';
  display_name: string;
  roles?: string[];
  department_id?: string | null;
  region_code?: string | null;
  hall_id?: string | null;
  totp_secret_enc?: string | null;
  totp_required?: boolean;
};

export async function insertAccount(db: Kysely<DB>, a: NewAccount) {
  return db
    .insertInto('accounts')
    .values({
      ...a,
      roles: a.roles ?? [],
      department_id: a.department_id ?? null,
      region_code: a.region_code ?? null,
      hall_id: a.hall_id ?? null,
      totp_secret_enc: a.totp_secret_enc ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Sets roles if the version matches; returns the new row, or undefined when stale. */
export async function updateAccountRoles(db: Kysely<DB>, id: string, roles: string[], version: number) {
  return db
    .updateTable('accounts')
    .set((eb) => ({ roles, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export type StaffFilter = { regionPrefix?: string; departmentId?: string; limit: number; offset: number };

export async function listStaff(db: Kysely<DB>, f: StaffFilter) {
  let q = db
    .selectFrom('accounts')
    .leftJoin('departments', 'departments.id', 'accounts.department_id')
    .where('accounts.kind', '=', 'staff');
  if (f.regionPrefix) q = q.where('accounts.region_code', 'like', `${f.regionPrefix}%`);
  if (f.departmentId) q = q.where('accounts.department_id', '=', f.departmentId);
  const [items, total] = await Promise.all([
    q
      .select([
        'accounts.id',
        'accounts.username',
        'accounts.display_name',
        'accounts.roles',
        'accounts.status',
        'accounts.region_code',
        'accounts.department_id',
        'accounts.version',
        'departments.name as department_name',
      ])
      .orderBy('accounts.username')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** An account with its person, department and region, in one query (for `/auth/me`). */
export async function findAccountProfile(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('accounts')
    .leftJoin('persons', 'persons.account_id', 'accounts.id')
    .leftJoin('departments', 'departments.id', 'accounts.department_id')
    .leftJoin('regions', 'regions.code', 'accounts.region_code')
    .select([
      'accounts.id',
      'accounts.username',
      'accounts.display_name',
      'accounts.kind',
      'accounts.roles',
      'departments.id as department_id',
      'departments.name as department_name',
      'regions.code as region_code',
      'regions.name as region_name',
      'persons.id as person_id',
      'persons.name_masked',
      'persons.id_number_masked',
      'persons.phone_masked',
      'persons.real_name_level',
    ])
    .where('accounts.id', '=', id)
    .executeTakeFirst();
}

export async function findPersonById(db: Kysely<DB>, id: string) {
  return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function personExistsByIdIndex(db: Kysely<DB>, idIndex: string): Promise<boolean> {
  return (await db.selectFrom('persons').select('id').where('id_number_index', '=', idIndex).executeTakeFirst()) !== undefined;
}

export type NewPerson = {
  account_id: string | null;
  name_enc: string;
  name_masked: string;
  id_number_enc: string;
  id_number_index: string;
  id_number_masked: string;
  phone_enc: string | null;
  phone_index: string | null;
  phone_masked: string | null;
  region_code: string | null;
  real_name_level: number;
};

export async function insertPerson(db: Kysely<DB>, p: NewPerson) {
  return db.insertInto('persons').values(p).returningAll().executeTakeFirstOrThrow();
}

export async function listOrganizationsForAccount(db: Kysely<DB>, accountId: string) {
  return db
    .selectFrom('account_organizations')
    .innerJoin('organizations', 'organizations.id', 'account_organizations.organization_id')
    .select([
      'organizations.id',
      'organizations.name',
      'organizations.credit_code',
      'organizations.region_code',
      'account_organizations.role',
    ])
    .where('account_organizations.account_id', '=', accountId)
    .orderBy('organizations.name')
    .execute();
}

export async function findOrganizationById(db: Kysely<DB>, id: string) {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function organizationExistsByCreditCode(db: Kysely<DB>, code: string): Promise<boolean> {
  return (await db.selectFrom('organizations').select('id').where('credit_code', '=', code).executeTakeFirst()) !== undefined;
}

export async function insertOrganization(
  db: Kysely<DB>,
  o: { name: string; credit_code: string; region_code: string | null; legal_representative_masked: string | null },
) {
  return db.insertInto('organizations').values(o).returningAll().executeTakeFirstOrThrow();
}

export async function linkAccountToOrganization(
  db: Kysely<DB>,
  accountId: string,
  organizationId: string,
  role: 'legalRepresentative' | 'authorisedAgent',
) {
  await db.insertInto('account_organizations').values({ account_id: accountId, organization_id: organizationId, role }).execute();
}

// ---- sessions ----

export async function insertSession(db: Kysely<DB>, s: { token_hash: string; account_id: string; csrf_token: string; ip: string | null }) {
  return db
    .insertInto('sessions')
    .values({ ...s, last_seen_at: new Date() })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** The live session for a token hash, with everything the actor needs, in one query. */
export async function findSessionWithAccount(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .leftJoin('persons', 'persons.account_id', 'accounts.id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'accounts.id as account_id',
      'accounts.username',
      'accounts.display_name',
      'accounts.kind',
      'accounts.roles',
      'accounts.status',
      'accounts.department_id',
      'accounts.region_code',
      'accounts.hall_id',
      'persons.id as person_id',
      sql<unknown>`(select json_build_object('id', w.id, 'hallId', w.hall_id, 'kind', w.kind, 'departmentId', w.department_id, 'acceptsAll', w.accepts_all,
        'departmentIds', w.accepted_department_ids, 'itemIds', w.accepted_item_ids, 'pickup', w.pickup, 'peakOpen', w.peak_open)
        from windows w where w.id = accounts.window_id)`.as('window_scope'),
      sql<
        string[]
      >`coalesce((select array_agg(ao.organization_id::text) from account_organizations ao where ao.account_id = accounts.id), '{}')`.as(
        'organization_ids',
      ),
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.ended_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, id: string) {
  await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
}

export async function endSession(db: Kysely<DB>, id: string) {
  await db.updateTable('sessions').set({ ended_at: new Date() }).where('id', '=', id).where('ended_at', 'is', null).execute();
}

export async function endSessionsOfAccount(db: Kysely<DB>, accountId: string) {
  await db
    .updateTable('sessions')
    .set({ ended_at: new Date() })
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null)
    .execute();
}

// ---- login throttle ----

export async function findThrottle(db: Kysely<DB>, key: string) {
  return db.selectFrom('login_throttle').selectAll().where('username_key', '=', key).executeTakeFirst();
}

/** Counts a failure; once `max` is reached the key is locked for `lockMinutes` and the count restarts. */
export async function recordLoginFailure(db: Kysely<DB>, key: string, max: number, lockMinutes: number) {
  const row = await db
    .insertInto('login_throttle')
    .values({ username_key: key, failures: 1, updated_at: new Date() })
    .onConflict((oc) =>
      oc.column('username_key').doUpdateSet((eb) => ({ failures: eb('login_throttle.failures', '+', 1), updated_at: new Date() })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  if (row.failures >= max) {
    await db
      .updateTable('login_throttle')
      .set({ failures: 0, locked_until: new Date(Date.now() + lockMinutes * 60_000) })
      .where('username_key', '=', key)
      .execute();
    return { locked: true };
  }
  return { locked: false };
}

export async function clearLoginFailures(db: Kysely<DB>, key: string) {
  await db.deleteFrom('login_throttle').where('username_key', '=', key).execute();
}

// ---- SMS codes and the SMS sink ----

export async function countRecentSmsCodes(db: Kysely<DB>, phoneIndex: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('sms_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('phone_index', '=', phoneIndex)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertSmsCode(
  db: Kysely<DB>,
  c: { id: string; phone_index: string; purpose: string; code_hash: string; expires_at: Date },
) {
  await db.insertInto('sms_codes').values(c).execute();
}

export async function findLiveSmsCode(db: Kysely<DB>, phoneIndex: string, purpose: string) {
  return db
    .selectFrom('sms_codes')
    .selectAll()
    .where('phone_index', '=', phoneIndex)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function countSmsCodeAttempt(db: Kysely<DB>, id: string) {
  await db
    .updateTable('sms_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function markSmsCodeUsed(db: Kysely<DB>, id: string) {
  await db.updateTable('sms_codes').set({ used_at: new Date() }).where('id', '=', id).execute();
}

export async function findPersonByIdIndex(db: Kysely<DB>, idIndex: string) {
  return db.selectFrom('persons').selectAll().where('id_number_index', '=', idIndex).executeTakeFirst();
}

// ── People lookups other modules use (through index.ts): staff to notify, supervisors, names, phones ──

/** Staff of a department holding one of the roles (for notifications and assignment checks). */
export async function staffOfDepartment(db: Kysely<DB>, departmentId: string, roles: string[]) {
  return db
    .selectFrom('accounts')
    .select(['id', 'display_name', 'roles'])
    .where('department_id', '=', departmentId)
    .where('status', '=', 'active')
    .where('kind', '=', 'staff')
    .where(sql<boolean>`roles && ${sql.val(roles)}::text[]`)
    .execute();
}

export async function supervisorsOf(db: Kysely<DB>, regionCode: string) {
  return db
    .selectFrom('accounts')
    .select(['id'])
    .where('kind', '=', 'staff')
    .where('status', '=', 'active')
    .where(sql<boolean>`'supervisor' = ANY(roles)`)
    .where(sql<boolean>`${regionCode} LIKE region_code || '%'`)
    .execute();
}

export async function findAccountName(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'display_name', 'roles', 'department_id', 'region_code', 'hall_id', 'status', 'kind'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The name a timeline shows for the actor: from the session when it carries it, else the account's. */
export async function actorName(db: Kysely<DB>, actor: Pick<Actor, 'accountId' | 'username' | 'displayName'>): Promise<string> {
  return actor.displayName ?? (await findAccountName(db, actor.accountId))?.display_name ?? actor.username;
}

/** A person's phone (encrypted) for SMS, or null. */
export async function personPhoneEnc(db: Kysely<DB>, personId: string | null) {
  if (!personId) return null;
  const p = await db.selectFrom('persons').select('phone_enc').where('id', '=', personId).executeTakeFirst();
  return p?.phone_enc ?? null;
}
