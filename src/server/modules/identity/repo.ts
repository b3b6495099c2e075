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
  status?: 'active' | 'pending';
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
export async function updateAccountRoles(db: Kysely<DB>, id: string, roles: string[], version: number, now: Date) {
  return db
    .updateTable('accounts')
    .set((eb) => ({ roles, version: eb('version', '+', 1), updated_at: now }))
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

export async function insertSession(
  db: Kysely<DB>,
  s: { token_hash: string; account_id: string; csrf_token: string; ip: string | null },
  now: Date,
) {
  return db
    .insertInto('sessions')
    .values({ ...s, created_at: now, last_seen_at: now })
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

export async function touchSession(db: Kysely<DB>, id: string, now: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function endSession(db: Kysely<DB>, id: string, now: Date) {
  await db.updateTable('sessions').set({ ended_at: now }).where('id', '=', id).where('ended_at', 'is', null).execute();
}

export async function endSessionsOfAccount(db: Kysely<DB>, accountId: string, now: Date) {
  await db.updateTable('sessions').set({ ended_at: now }).where('account_id', '=', accountId).where('ended_at', 'is', null).execute();
}

// ---- login throttle ----

/** How one counter of the lockout behaves (auth-service decides which counters an attempt takes). */
export type ThrottleRule = {
  /** Failures before the counter refuses attempts. */
  max: number;
  /** 'lock': refuse for lockMs once max is reached; 'delay': from max on, each failure doubles the wait (delayMs, 2×…, up to capMs). */
  mode: 'lock' | 'delay';
  lockMs: number;
  delayMs: number;
  capMs: number;
  /** Failures older than this (since the last one) are forgotten. */
  windowMs: number;
};

export type Reservation = { allowed: true; failures: number; locks: boolean } | { allowed: false; until: Date };

/**
 * Takes one attempt on a counter before the password is checked, atomically (the row is locked for
 * the statement's transaction): concurrent attempts are counted one by one, so 20 parallel guesses
 * get exactly `max` password checks. A refused attempt is not counted.
 */
export async function reserveAttempt(db: Kysely<DB>, key: string, rule: ThrottleRule, now: Date): Promise<Reservation> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_throttle')
      .values({ username_key: key, failures: 0, updated_at: now })
      .onConflict((oc) => oc.column('username_key').doNothing())
      .execute();
    const row = await trx.selectFrom('login_throttle').selectAll().where('username_key', '=', key).forUpdate().executeTakeFirstOrThrow();
    if (row.locked_until && row.locked_until > now) return { allowed: false as const, until: row.locked_until };
    const stale = now.getTime() - row.updated_at.getTime() > rule.windowMs || (rule.mode === 'lock' && row.locked_until !== null);
    const failures = (stale ? 0 : row.failures) + 1;
    let until: Date | null = null;
    if (failures >= rule.max) {
      const wait = rule.mode === 'lock' ? rule.lockMs : Math.min(rule.capMs, rule.delayMs * 2 ** (failures - rule.max));
      until = new Date(now.getTime() + wait);
    }
    await trx
      .updateTable('login_throttle')
      .set({ failures, locked_until: until, updated_at: now })
      .where('username_key', '=', key)
      .execute();
    return { allowed: true as const, failures, locks: until !== null };
  });
}

/** Gives back an attempt that succeeded: the counter forgets it (and a wait it would have started). */
export async function releaseAttempt(db: Kysely<DB>, key: string, rule: ThrottleRule) {
  await db
    .updateTable('login_throttle')
    .set((eb) => ({
      failures: sql<number>`greatest(${eb.ref('failures')} - 1, 0)`,
      locked_until: sql<Date | null>`case when ${eb.ref('failures')} - 1 >= ${rule.max} then ${eb.ref('locked_until')} else null end`,
    }))
    .where('username_key', '=', key)
    .execute();
}

/** Forgets a counter (the account's, after a successful login). */
export async function clearAttempts(db: Kysely<DB>, key: string) {
  await db.deleteFrom('login_throttle').where('username_key', '=', key).execute();
}

export async function findThrottle(db: Kysely<DB>, key: string) {
  return db.selectFrom('login_throttle').selectAll().where('username_key', '=', key).executeTakeFirst();
}

// ---- known devices ----

export async function isKnownDevice(db: Kysely<DB>, tokenHash: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('account_devices')
    .select('token_hash')
    .where('token_hash', '=', tokenHash)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function rememberDevice(db: Kysely<DB>, tokenHash: string, accountId: string, now: Date) {
  await db
    .insertInto('account_devices')
    .values({ token_hash: tokenHash, account_id: accountId, created_at: now, last_seen_at: now })
    .onConflict((oc) => oc.columns(['token_hash', 'account_id']).doUpdateSet({ last_seen_at: now }))
    .execute();
}

// ---- TOTP ----

/** Records a TOTP time step as used; false when it (or a later one) was used before: a code works once. */
export async function consumeTotpStep(db: Kysely<DB>, accountId: string, step: number): Promise<boolean> {
  const row = await db
    .updateTable('accounts')
    .set({ totp_last_step: step })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

// ---- activation ----

export async function insertActivation(
  db: Kysely<DB>,
  a: { id: string; account_id: string; code_hash: string; created_by: string | null; expires_at: Date; created_at: Date },
) {
  await db
    .updateTable('account_activations')
    .set({ ended_at: a.created_at })
    .where('account_id', '=', a.account_id)
    .where('ended_at', 'is', null)
    .execute();
  await db.insertInto('account_activations').values(a).execute();
}

/** The account's live activation (not used, not ended, not expired). */
export async function findLiveActivation(db: Kysely<DB>, accountId: string, now: Date) {
  return db
    .selectFrom('account_activations')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function countActivationAttempt(db: Kysely<DB>, id: string) {
  await db
    .updateTable('account_activations')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function setPendingTotp(db: Kysely<DB>, id: string, secretEnc: string) {
  await db.updateTable('account_activations').set({ pending_totp_enc: secretEnc }).where('id', '=', id).execute();
}

/** Uses the activation once (false when another request used it first). */
export async function consumeActivation(db: Kysely<DB>, id: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('account_activations')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Sets the holder's password and TOTP secret and makes the account active. */
export async function activateAccount(
  db: Kysely<DB>,
  id: string,
  a: { password_hash: string; totp_secret_enc: string; totp_last_step: number },
  now: Date,
) {
  return db
    .updateTable('accounts')
    .set((eb) => ({ ...a, status: 'active', totp_required: true, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Credentials reset: the account waits for its holder again (a new activation code). */
export async function resetCredentials(db: Kysely<DB>, id: string, now: Date) {
  await db
    .updateTable('accounts')
    .set((eb) => ({
      status: 'pending',
      password_hash: UNUSABLE_PASSWORD,
      totp_secret_enc: null,
      totp_required: true,
      totp_last_step: null,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', id)
    .execute();
}

/** The password hash of an account nobody can log in to yet (no argon2 hash matches it). */
export const UNUSABLE_PASSWORD = '!pending';

/** Whether any staff account exists (a production first start creates the initial administrator). */
export async function staffAccountExists(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('accounts').select('id').where('kind', '=', 'staff').limit(1).executeTakeFirst()) !== undefined;
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
  c: { id: string; phone_index: string; purpose: string; code_hash: string; expires_at: Date; created_at: Date },
) {
  await db.insertInto('sms_codes').values(c).execute();
}

export async function findLiveSmsCode(db: Kysely<DB>, phoneIndex: string, purpose: string, now: Date) {
  return db
    .selectFrom('sms_codes')
    .selectAll()
    .where('phone_index', '=', phoneIndex)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
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

/** Uses the code once: false when a concurrent request used it first. */
export async function markSmsCodeUsed(db: Kysely<DB>, id: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('sms_codes')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
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

/**
 * Gives a person recorded at a window (no account yet) to the account registered for them: the phone
 * just verified replaces the one typed at the window. False when someone else linked it first.
 */
export async function linkPersonToAccount(
  db: Kysely<DB>,
  personId: string,
  p: {
    account_id: string;
    phone_enc: string;
    phone_index: string;
    phone_masked: string;
    real_name_level: number;
    region_code: string | null;
  },
): Promise<boolean> {
  const row = await db
    .updateTable('persons')
    .set((eb) => ({
      ...p,
      real_name_level: sql<number>`greatest(${eb.ref('real_name_level')}, ${p.real_name_level})`,
      region_code: sql<string | null>`coalesce(${eb.ref('region_code')}, ${p.region_code})`,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', personId)
    .where('account_id', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findOrganizationByCreditCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('organizations').selectAll().where('credit_code', '=', code).executeTakeFirst();
}

/** Links an account to an organisation once (a second verified claim by the same account changes nothing). */
export async function linkAccountOnce(db: Kysely<DB>, accountId: string, organizationId: string, role: 'legalRepresentative', now: Date) {
  await db
    .insertInto('account_organizations')
    .values({ account_id: accountId, organization_id: organizationId, role, granted_at: now })
    .onConflict((oc) => oc.columns(['account_id', 'organization_id']).doNothing())
    .execute();
}

// ---- organisation claims ----

export type NewClaim = {
  account_id: string;
  person_id: string;
  name: string;
  credit_code: string;
  region_code: string;
  method: 'enterpriseIdentity' | 'staffReview';
  status: 'pending' | 'verified';
  license_material_id: string | null;
  id_material_id: string | null;
  verified_by: string | null;
  organization_id: string | null;
  created_at: Date;
  decided_at: Date | null;
};

export async function insertClaim(db: Kysely<DB>, c: NewClaim) {
  return db.insertInto('organization_claims').values(c).returningAll().executeTakeFirstOrThrow();
}

export async function findClaim(db: Kysely<DB>, id: string) {
  return db.selectFrom('organization_claims').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function openClaimExists(db: Kysely<DB>, accountId: string, creditCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('organization_claims')
    .select('id')
    .where('account_id', '=', accountId)
    .where('credit_code', '=', creditCode)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

/** Decides a pending claim if the version matches; undefined when stale or already decided. */
export async function decideClaim(
  db: Kysely<DB>,
  id: string,
  version: number,
  d: { status: 'verified' | 'rejected'; reviewer_id: string; reason: string | null; organization_id: string | null; decided_at: Date },
) {
  return db
    .updateTable('organization_claims')
    .set((eb) => ({ ...d, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function listClaims(
  db: Kysely<DB>,
  f: { accountId?: string; regionPrefix?: string; status?: 'pending' | 'verified' | 'rejected'; limit: number; offset: number },
) {
  let q = db.selectFrom('organization_claims');
  if (f.accountId) q = q.where('account_id', '=', f.accountId);
  if (f.regionPrefix) q = q.where('region_code', 'like', `${f.regionPrefix}%`);
  if (f.status) q = q.where('status', '=', f.status);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

// ---- separated-admin requests (三员分立) ----

export type NewStaffRequest = {
  kind: 'create' | 'roles' | 'reissue';
  region_code: string;
  target_account_id: string | null;
  payload: string;
  phone_enc: string | null;
  requested_by: string;
  requester_role: string;
  created_at: Date;
};

export async function insertStaffRequest(db: Kysely<DB>, r: NewStaffRequest) {
  return db.insertInto('staff_requests').values(r).returningAll().executeTakeFirstOrThrow();
}

export async function findStaffRequest(db: Kysely<DB>, id: string) {
  return db.selectFrom('staff_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Decides a pending request if the version matches; undefined when stale or already decided. */
export async function decideStaffRequest(
  db: Kysely<DB>,
  id: string,
  version: number,
  d: { status: 'approved' | 'rejected'; decided_by: string; decided_at: Date; reason: string | null; result_account_id: string | null },
) {
  return db
    .updateTable('staff_requests')
    .set((eb) => ({ ...d, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function listStaffRequests(
  db: Kysely<DB>,
  f: { regionPrefix: string; status?: 'pending' | 'approved' | 'rejected'; limit: number; offset: number },
) {
  let q = db.selectFrom('staff_requests').where('region_code', 'like', `${f.regionPrefix}%`);
  if (f.status) q = q.where('status', '=', f.status);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The initial administrator, unless the username exists (another node made it first): then undefined. */
export async function insertInitialAdmin(db: Kysely<DB>, a: { username: string; region: string; role: string }) {
  return db
    .insertInto('accounts')
    .values({
      username: a.username,
      password_hash: UNUSABLE_PASSWORD,
      kind: 'staff',
      status: 'pending',
      display_name: '平台初始管理员',
      roles: [a.role],
      region_code: a.region,
      totp_required: true,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning(['id'])
    .executeTakeFirst();
}

export async function findPendingAccountWithRole(db: Kysely<DB>, role: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'username'])
    .where('status', '=', 'pending')
    .where('roles', '@>', [role])
    .executeTakeFirst();
}
