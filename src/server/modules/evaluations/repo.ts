import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type {
  AppealsTable,
  DB,
  EvaluationsTable,
  EvaluationTokensTable,
  RectificationsTable,
  RectificationStatus,
  SupervisionLettersTable,
} from '../../platform/db-types.ts';

/** Evaluations repository: ratings, rating tokens, rectifications and their timeline, appeals, supervision letters, settings. */

// ───────────────────────── settings

export async function readSetting(db: Kysely<DB>, key: string): Promise<unknown> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
}

export async function writeSetting(db: Kysely<DB>, key: string, value: unknown, at: Date) {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
    .execute();
}

// ───────────────────────── cases and names

/** Staff who handled a case, in order: the accepting clerk, reviewers, the decider and whoever completed it. */
export async function caseStaff(db: Kysely<DB>, caseId: string, acceptClerkId: string | null): Promise<string[]> {
  const rows = await db
    .selectFrom('case_events')
    .select('actor_id')
    .where('case_id', '=', caseId)
    .where('action', 'in', ['accept', 'review', 'decide', 'handleImmediately', 'complete'])
    .where('actor_id', 'is not', null)
    .orderBy('id')
    .execute();
  const ids = [acceptClerkId, ...rows.map((r) => r.actor_id)].filter((x): x is string => !!x);
  const staff = await db
    .selectFrom('accounts')
    .select('id')
    .where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])
    .where('kind', '=', 'staff')
    .execute();
  const isStaff = new Set(staff.map((s) => s.id));
  return [...new Set(ids)].filter((id) => isStaff.has(id));
}

export async function accountNames(db: Kysely<DB>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function findWindowWithHall(db: Kysely<DB>, windowId: string) {
  return db
    .selectFrom('windows')
    .innerJoin('halls', 'halls.id', 'windows.hall_id')
    .select([
      'windows.id',
      'windows.name',
      'windows.number',
      'windows.hall_id',
      'windows.department_id',
      'halls.name as hall_name',
      'halls.region_code',
    ])
    .where('windows.id', '=', windowId)
    .executeTakeFirst();
}

export async function listWindowsOfHall(db: Kysely<DB>, hallId: string) {
  return db.selectFrom('windows').select(['id', 'number', 'name', 'kind']).where('hall_id', '=', hallId).orderBy('number').execute();
}

/** The window a clerk is seated at (一窗受理), if any. */
export async function seatedWindowOf(db: Kysely<DB>, accountId: string): Promise<string | null> {
  return (await db.selectFrom('accounts').select('window_id').where('id', '=', accountId).executeTakeFirst())?.window_id ?? null;
}

export async function findDepartment(db: Kysely<DB>, id: string) {
  return db.selectFrom('departments').select(['id', 'name', 'region_code']).where('id', '=', id).executeTakeFirst();
}

/** Staff of a department (for notices about its rectifications and letters). */
export async function departmentStaff(db: Kysely<DB>, departmentId: string) {
  return db
    .selectFrom('accounts')
    .select('id')
    .where('department_id', '=', departmentId)
    .where('kind', '=', 'staff')
    .where('status', '=', 'active')
    .where(sql<boolean>`roles && ARRAY['clerk','reviewer','approver','chiefRepresentative','departmentAdmin']::text[]`)
    .execute();
}

// ───────────────────────── evaluations

/** An evaluation with the names its presenter shows. */
function evaluationQuery(db: Kysely<DB>) {
  return db
    .selectFrom('evaluations')
    .innerJoin('departments', 'departments.id', 'evaluations.department_id')
    .leftJoin('cases', 'cases.id', 'evaluations.case_id')
    .leftJoin('items', 'items.id', 'evaluations.item_id')
    .leftJoin('windows', 'windows.id', 'evaluations.window_id')
    .leftJoin('rectifications', 'rectifications.evaluation_id', 'evaluations.id')
    .leftJoin('appeals', 'appeals.evaluation_id', 'evaluations.id')
    .selectAll('evaluations')
    .select([
      'departments.name as department_name',
      'cases.number as case_number',
      'cases.applicant_name_masked',
      'items.name as item_name',
      'windows.name as window_name',
      'rectifications.id as rectification_id',
      'rectifications.status as rectification_status',
      'rectifications.due_on as rectification_due_on',
      'rectifications.callback_due_on as rectification_callback_due_on',
      'rectifications.warning_level as rectification_warning_level',
      'appeals.id as appeal_id',
      'appeals.status as appeal_status',
      'appeals.kind as appeal_kind',
    ]);
}
export type EvaluationView = NonNullable<Awaited<ReturnType<typeof findEvaluationView>>>;

export async function findEvaluationView(db: Kysely<DB>, id: string) {
  return evaluationQuery(db).where('evaluations.id', '=', id).executeTakeFirst();
}

export async function findEvaluation(db: Kysely<DB>, id: string) {
  return db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The rating of a case, whatever its channel (one per case: the unique index evaluations_one_per_case). */
export async function findCaseEvaluation(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('evaluations').select(['id', 'channel']).where('case_id', '=', caseId).executeTakeFirst();
}

export async function insertEvaluation(db: Kysely<DB>, e: Insertable<EvaluationsTable>) {
  return db.insertInto('evaluations').values(e).returningAll().executeTakeFirstOrThrow();
}

export async function excludeEvaluation(db: Kysely<DB>, id: string, by: string, at: Date) {
  await db.updateTable('evaluations').set({ excluded: true, excluded_by: by, excluded_at: at }).where('id', '=', id).execute();
}

type Page = { limit: number; offset: number };

async function paged(q: ReturnType<typeof evaluationQuery>, page: Page) {
  const [items, total] = await Promise.all([
    q.orderBy('evaluations.created_at', 'desc').orderBy('evaluations.id').limit(page.limit).offset(page.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function listRaterEvaluations(db: Kysely<DB>, accountId: string, f: Page & { caseId?: string }) {
  let q = evaluationQuery(db).where('evaluations.rater_account_id', '=', accountId);
  if (f.caseId) q = q.where('evaluations.case_id', '=', f.caseId);
  return paged(q, f);
}

export async function listCaseEvaluations(db: Kysely<DB>, caseId: string) {
  return evaluationQuery(db).where('evaluations.case_id', '=', caseId).orderBy('evaluations.created_at').execute();
}

/** Staff scope: the department's ratings and those naming the account; supervisors: the region's. */
export async function listScopedEvaluations(
  db: Kysely<DB>,
  scope: { departmentId: string | null; accountId: string; regionPrefix: string | null },
  f: Page & { bad?: boolean; channel?: string },
) {
  let q = evaluationQuery(db).where((eb) =>
    eb.or([
      ...(scope.departmentId ? [eb('evaluations.department_id', '=', scope.departmentId)] : []),
      eb(sql<boolean>`evaluations.staff_ids @> ARRAY[${scope.accountId}]::uuid[]`, '=', true),
      ...(scope.regionPrefix !== null ? [eb('evaluations.region_code', 'like', `${scope.regionPrefix}%`)] : []),
    ]),
  );
  if (f.bad !== undefined) q = q.where('evaluations.score', f.bad ? '<=' : '>', 2);
  if (f.channel) q = q.where('evaluations.channel', '=', f.channel as never);
  return paged(q, f);
}

// ───────────────────────── tokens

export async function insertToken(db: Kysely<DB>, t: Insertable<EvaluationTokensTable>) {
  return db.insertInto('evaluation_tokens').values(t).returningAll().executeTakeFirstOrThrow();
}

export async function findSmsToken(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('evaluation_tokens').select('id').where('case_id', '=', caseId).where('channel', '=', 'sms').executeTakeFirst();
}

export async function lockTokenByHash(db: Kysely<DB>, hash: string) {
  return db.selectFrom('evaluation_tokens').selectAll().where('token_hash', '=', hash).forUpdate().executeTakeFirst();
}

export async function findTokenView(db: Kysely<DB>, hash: string) {
  return db
    .selectFrom('evaluation_tokens')
    .innerJoin('departments', 'departments.id', 'evaluation_tokens.department_id')
    .leftJoin('cases', 'cases.id', 'evaluation_tokens.case_id')
    .leftJoin('items', 'items.id', 'evaluation_tokens.item_id')
    .leftJoin('halls', 'halls.id', 'evaluation_tokens.hall_id')
    .leftJoin('windows', 'windows.id', 'evaluation_tokens.window_id')
    .selectAll('evaluation_tokens')
    .select([
      'departments.name as department_name',
      'cases.number as case_number',
      'cases.item_name as case_item_name',
      'items.name as item_name',
      'halls.name as hall_name',
      'windows.name as window_name',
      'cases.accept_clerk_id',
    ])
    .where('evaluation_tokens.token_hash', '=', hash)
    .executeTakeFirst();
}

export async function useToken(db: Kysely<DB>, id: string, evaluationId: string, at: Date) {
  await db.updateTable('evaluation_tokens').set({ used_at: at, evaluation_id: evaluationId }).where('id', '=', id).execute();
}

/** A new code for a window ends the earlier unused ones: one rating per visit. */
export async function expireWindowTokens(db: Kysely<DB>, windowId: string, at: Date) {
  await db
    .updateTable('evaluation_tokens')
    .set({ expires_at: at })
    .where('window_id', '=', windowId)
    .where('channel', '=', 'window')
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .execute();
}

// ───────────────────────── rectifications

function rectificationQuery(db: Kysely<DB>) {
  return db
    .selectFrom('rectifications')
    .innerJoin('evaluations', 'evaluations.id', 'rectifications.evaluation_id')
    .innerJoin('departments', 'departments.id', 'rectifications.department_id')
    .leftJoin('cases', 'cases.id', 'rectifications.case_id')
    .leftJoin('items', 'items.id', 'evaluations.item_id')
    .selectAll('rectifications')
    .select(['departments.name as department_name', 'evaluations.score', 'items.name as item_name', 'cases.number as case_number']);
}
export type RectificationView = NonNullable<Awaited<ReturnType<typeof findRectificationView>>>;

export async function findRectificationView(db: Kysely<DB>, id: string) {
  return rectificationQuery(db).where('rectifications.id', '=', id).executeTakeFirst();
}

export async function findRectificationOfEvaluation(db: Kysely<DB>, evaluationId: string) {
  return db.selectFrom('rectifications').selectAll().where('evaluation_id', '=', evaluationId).executeTakeFirst();
}

export async function lockRectification(db: Kysely<DB>, id: string) {
  return db.selectFrom('rectifications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertRectification(db: Kysely<DB>, r: Insertable<RectificationsTable>) {
  return db.insertInto('rectifications').values(r).returningAll().executeTakeFirstOrThrow();
}

export async function updateRectification(db: Kysely<DB>, id: string, version: number, patch: Updateable<RectificationsTable>, at: Date) {
  return db
    .updateTable('rectifications')
    .set({ ...patch, version: version + 1, updated_at: at })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function insertRectificationEvent(
  db: Kysely<DB>,
  e: {
    rectification_id: string;
    at: Date;
    action: string;
    from_status: string | null;
    to_status: string | null;
    actor_id: string | null;
    actor_name: string;
    note: string | null;
  },
) {
  await db.insertInto('rectification_events').values(e).execute();
}

export async function listRectificationEvents(db: Kysely<DB>, id: string) {
  return db.selectFrom('rectification_events').selectAll().where('rectification_id', '=', id).orderBy('id').execute();
}

export async function listRectifications(
  db: Kysely<DB>,
  scope: { departmentId: string | null; regionPrefix: string | null },
  f: Page & { status?: RectificationStatus; overdueOn?: string },
) {
  let q = rectificationQuery(db).where((eb) =>
    eb.or([
      ...(scope.departmentId ? [eb('rectifications.department_id', '=', scope.departmentId)] : []),
      ...(scope.regionPrefix !== null ? [eb('rectifications.region_code', 'like', `${scope.regionPrefix}%`)] : []),
      eb.val(false),
    ]),
  );
  if (f.status) q = q.where('rectifications.status', '=', f.status);
  if (f.overdueOn) q = q.where('rectifications.status', 'not in', ['closed', 'voided']).where('rectifications.due_on', '<', f.overdueOn);
  const [items, total] = await Promise.all([
    // Open ones first (soonest deadline first), then the finished ones, newest first.
    q
      .orderBy(sql`rectifications.status IN ('closed','voided')`)
      .orderBy(sql`CASE WHEN rectifications.status IN ('closed','voided') THEN NULL ELSE rectifications.due_on END`)
      .orderBy('rectifications.created_at', 'desc')
      .orderBy('rectifications.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Open rectifications for the sweep, after `after` by id. */
export async function listOpenRectifications(db: Kysely<DB>, after: string | null, limit: number) {
  let q = rectificationQuery(db).where('rectifications.status', 'not in', ['closed', 'voided']);
  if (after) q = q.where('rectifications.id', '>', after);
  return q.orderBy('rectifications.id').limit(limit).execute();
}

/** Raises a warning once per rectification and level; false when it was raised before. */
export async function raiseRectificationWarning(db: Kysely<DB>, id: string, level: 'callbackOverdue' | 'yellow' | 'red') {
  const r = await db
    .insertInto('rectification_warnings')
    .values({ rectification_id: id, level })
    .onConflict((oc) => oc.columns(['rectification_id', 'level']).doNothing())
    .returning('rectification_id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function setRectificationWarningLevel(db: Kysely<DB>, id: string, level: 'none' | 'yellow' | 'red') {
  await db.updateTable('rectifications').set({ warning_level: level }).where('id', '=', id).execute();
}

// ───────────────────────── appeals

function appealQuery(db: Kysely<DB>) {
  return db
    .selectFrom('appeals')
    .innerJoin('evaluations', 'evaluations.id', 'appeals.evaluation_id')
    .innerJoin('accounts', 'accounts.id', 'appeals.appellant_id')
    .leftJoin('items', 'items.id', 'evaluations.item_id')
    .selectAll('appeals')
    .select(['accounts.display_name as appellant_name', 'evaluations.score', 'items.name as item_name']);
}
export type AppealView = NonNullable<Awaited<ReturnType<typeof findAppealView>>>;

export async function findAppealView(db: Kysely<DB>, id: string) {
  return appealQuery(db).where('appeals.id', '=', id).executeTakeFirst();
}

export async function findAppealOfEvaluation(db: Kysely<DB>, evaluationId: string) {
  return db.selectFrom('appeals').select('id').where('evaluation_id', '=', evaluationId).executeTakeFirst();
}

export async function insertAppeal(db: Kysely<DB>, a: Insertable<AppealsTable>) {
  return db.insertInto('appeals').values(a).returningAll().executeTakeFirstOrThrow();
}

export async function lockAppeal(db: Kysely<DB>, id: string) {
  return db.selectFrom('appeals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateAppeal(db: Kysely<DB>, id: string, version: number, patch: Updateable<AppealsTable>) {
  return db
    .updateTable('appeals')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function listAppeals(
  db: Kysely<DB>,
  scope: { departmentId: string | null; accountId: string; regionPrefix: string | null },
  f: Page & { status?: 'pending' | 'upheld' | 'rejected' },
) {
  let q = appealQuery(db).where((eb) =>
    eb.or([
      eb('appeals.appellant_id', '=', scope.accountId),
      ...(scope.departmentId ? [eb('appeals.department_id', '=', scope.departmentId)] : []),
      ...(scope.regionPrefix !== null ? [eb('appeals.region_code', 'like', `${scope.regionPrefix}%`)] : []),
    ]),
  );
  if (f.status) q = q.where('appeals.status', '=', f.status);
  const [items, total] = await Promise.all([
    q.orderBy('appeals.created_at', 'desc').orderBy('appeals.id').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

// ───────────────────────── supervision letters

/** 督办函 number: 石泉督〔2026〕3号 style, a per-region yearly serial. */
export async function nextLetterSerial(db: Kysely<DB>, regionCode: string, year: number): Promise<number> {
  const row = await db
    .insertInto('supervision_letter_counters')
    .values({ region_code: regionCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['region_code', 'year']).doUpdateSet((eb) => ({ last: eb('supervision_letter_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

function letterQuery(db: Kysely<DB>) {
  return db
    .selectFrom('supervision_letters')
    .innerJoin('departments', 'departments.id', 'supervision_letters.department_id')
    .innerJoin('accounts as sender', 'sender.id', 'supervision_letters.sent_by')
    .leftJoin('accounts as replier', 'replier.id', 'supervision_letters.replied_by')
    .leftJoin('cases', 'cases.id', 'supervision_letters.case_id')
    .selectAll('supervision_letters')
    .select([
      'departments.name as department_name',
      'sender.display_name as sender_name',
      'replier.display_name as replier_name',
      'cases.number as case_number',
    ]);
}
export type LetterView = NonNullable<Awaited<ReturnType<typeof findLetterView>>>;

export async function findLetterView(db: Kysely<DB>, id: string) {
  return letterQuery(db).where('supervision_letters.id', '=', id).executeTakeFirst();
}

export async function insertLetter(db: Kysely<DB>, l: Insertable<SupervisionLettersTable>) {
  return db.insertInto('supervision_letters').values(l).returningAll().executeTakeFirstOrThrow();
}

export async function lockLetter(db: Kysely<DB>, id: string) {
  return db.selectFrom('supervision_letters').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateLetter(db: Kysely<DB>, id: string, version: number, patch: Updateable<SupervisionLettersTable>) {
  return db
    .updateTable('supervision_letters')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function listLetters(
  db: Kysely<DB>,
  scope: { departmentId: string | null; regionPrefix: string | null },
  f: Page & { status?: 'sent' | 'replied'; overdueOn?: string },
) {
  let q = letterQuery(db).where((eb) =>
    eb.or([
      ...(scope.departmentId ? [eb('supervision_letters.department_id', '=', scope.departmentId)] : []),
      ...(scope.regionPrefix !== null ? [eb('supervision_letters.region_code', 'like', `${scope.regionPrefix}%`)] : []),
      eb.val(false),
    ]),
  );
  if (f.status) q = q.where('supervision_letters.status', '=', f.status);
  if (f.overdueOn) q = q.where('supervision_letters.status', '=', 'sent').where('supervision_letters.reply_due_on', '<', f.overdueOn);
  const [items, total] = await Promise.all([
    q.orderBy('supervision_letters.reply_due_on').orderBy('supervision_letters.id').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Letters past their reply deadline not yet warned about; each claimed once (overdue_warned_at). */
export async function claimOverdueLetters(db: Kysely<DB>, today: string, at: Date, limit: number) {
  const ids = await db
    .selectFrom('supervision_letters')
    .select('id')
    .where('status', '=', 'sent')
    .where('reply_due_on', '<', today)
    .where('overdue_warned_at', 'is', null)
    .limit(limit)
    .execute();
  if (ids.length === 0) return [];
  return db
    .updateTable('supervision_letters')
    .set({ overdue_warned_at: at })
    .where(
      'id',
      'in',
      ids.map((r) => r.id),
    )
    .where('overdue_warned_at', 'is', null)
    .returningAll()
    .execute();
}
