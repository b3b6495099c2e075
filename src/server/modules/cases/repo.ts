import { type Insertable, type Kysely, type SqlBool, sql, type Updateable } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { CasesTable, CaseSuspensionsTable, DB } from '../../platform/db-types.ts';

/** Cases repository: cases, their materials, events, suspensions, notices, commitments, post-checks, warnings. */

/**
 * 办件编号: region code, day (Asia/Shanghai) and a per-region daily serial. Taken in its own statement, before the
 * transaction that files the case (the counter row is then locked for one statement, not for the whole transaction);
 * a number is skipped, never reused, when that transaction fails. `B` + region numbers bundle cases (一件事).
 */
export async function nextCaseNumber(db: Kysely<DB>, regionCode: string, day: string): Promise<string> {
  const row = await db
    .insertInto('case_counters')
    .values({ region_code: regionCode, day, last: 1 })
    .onConflict((oc) => oc.columns(['region_code', 'day']).doUpdateSet((eb) => ({ last: eb('case_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${regionCode}${day.replaceAll('-', '')}${String(row.last).padStart(5, '0')}`;
}

export async function insertCase(db: Kysely<DB>, c: Insertable<CasesTable>) {
  return db.insertInto('cases').values(c).returningAll().executeTakeFirstOrThrow();
}

/** insertCase's statement, compiled, not sent (the first part of a submission's one statement). */
export function compileInsertCase(db: Kysely<DB>, c: Insertable<CasesTable>) {
  return db.insertInto('cases').values(c).returningAll().compile();
}

/** A new case's materials, compiled, not sent (the case is inserted in the same statement: no conflict to resolve). */
export function compileInsertCaseMaterials(
  db: Kysely<DB>,
  caseId: string,
  rows: {
    requirement_key: string;
    material_id: string | null;
    license_id?: string | null;
    status: 'submitted' | 'license' | 'shared';
    note?: string | null;
  }[],
) {
  return db
    .insertInto('case_materials')
    .values(rows.map((r) => ({ case_id: caseId, note: null, license_id: null, ...r })))
    .compile();
}

/** insertCommitments' statement, compiled, not sent. */
export function compileInsertCommitments(db: Kysely<DB>, rows: Parameters<typeof insertCommitments>[1]) {
  return db.insertInto('commitments').values(rows).compile();
}

/** The case an account created with this Idempotency-Key, if any. */
export async function findCaseByIdempotencyKey(db: Kysely<DB>, createdBy: string, key: string) {
  return db.selectFrom('cases').selectAll().where('created_by', '=', createdBy).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function findCase(db: Kysely<DB>, id: string) {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A case with everything its detail page shows, in one round trip: the row plus its materials,
 * suspensions, notices, commitments, events (internal ones only for staff), post-check and reviewers,
 * each read by a correlated subquery as JSON (in the orders of listCaseMaterials, listSuspensions,
 * listNotices, listCommitments, listEvents). In the parts, timestamps arrive as ISO strings and
 * bigints as numbers; dates stay 'YYYY-MM-DD' and jsonb stays an object.
 */
export async function findCaseWithParts(db: Kysely<DB>, id: string, includeInternalEvents: boolean) {
  const row = await db
    .selectFrom('cases')
    .selectAll('cases')
    .select((eb) => [
      jsonArrayFrom(caseMaterialRows(db).where('case_materials.case_id', '=', sql.ref<string>('cases.id'))).as('materials'),
      jsonArrayFrom(
        eb.selectFrom('case_suspensions').selectAll().whereRef('case_suspensions.case_id', '=', 'cases.id').orderBy('started_at'),
      ).as('suspensions'),
      jsonArrayFrom(
        eb.selectFrom('deficiency_notices').selectAll().whereRef('deficiency_notices.case_id', '=', 'cases.id').orderBy('issued_at'),
      ).as('notices'),
      jsonArrayFrom(
        eb
          .selectFrom('commitments')
          .selectAll()
          .whereRef('commitments.case_id', '=', 'cases.id')
          .orderBy('created_at')
          .orderBy('subject_key'),
      ).as('commitments'),
      jsonArrayFrom(
        eb
          .selectFrom('case_events')
          .selectAll()
          .whereRef('case_events.case_id', '=', 'cases.id')
          .$if(!includeInternalEvents, (q) => q.where('internal', '=', false))
          .orderBy('id'),
      ).as('events'),
      jsonObjectFrom(eb.selectFrom('post_checks').selectAll().whereRef('post_checks.case_id', '=', 'cases.id')).as('post_check'),
      // Reviewers (and countersigners) from every event, internal ones included (they may not also decide).
      jsonArrayFrom(
        eb
          .selectFrom('case_events')
          .select('actor_id')
          .whereRef('case_events.case_id', '=', 'cases.id')
          .where('action', 'in', ['review', 'countersign'])
          .where('actor_id', 'is not', null),
      ).as('reviewers'),
      jsonArrayFrom(
        eb
          .selectFrom('case_countersigns')
          .innerJoin('departments', 'departments.id', 'case_countersigns.department_id')
          .select([
            'case_countersigns.step_key',
            'case_countersigns.department_id',
            'departments.name as department_name',
            'case_countersigns.role',
            'case_countersigns.due_on',
            'case_countersigns.status',
            'case_countersigns.opinion',
            'case_countersigns.comment',
            'case_countersigns.signed_by_name',
            'case_countersigns.signed_at',
          ])
          .whereRef('case_countersigns.case_id', '=', 'cases.id')
          .orderBy('case_countersigns.created_at')
          .orderBy('case_countersigns.due_on')
          .orderBy('departments.key'),
      ).as('countersigns'),
    ])
    .where('cases.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { materials, suspensions, notices, commitments, events, post_check, reviewers, countersigns, ...c } = row;
  return {
    case: c,
    materials,
    suspensions,
    notices,
    commitments,
    events,
    postCheck: post_check,
    reviewers: reviewers.flatMap((r) => r.actor_id ?? []),
    countersigns,
  };
}

/**
 * What may hold a decision back, in one round trip: whether `accountId` reviewed or countersigned the case (as
 * reviewersOf), its open 容缺 commitments (as countOpenDeficiencies) and its pending countersigns (as countPendingCountersigns).
 */
export async function decisionBlockers(db: Kysely<DB>, caseId: string, accountId: string) {
  const r = await db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom('case_events')
            .select('id')
            .where('case_id', '=', caseId)
            .where('action', 'in', ['review', 'countersign'])
            .where('actor_id', '=', accountId),
        )
        .as('reviewed'),
      eb
        .selectFrom('commitments')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('case_id', '=', caseId)
        .where('kind', '=', 'deficiency')
        .where('status', '!=', 'fulfilled')
        .as('open_deficiencies'),
      eb
        .selectFrom('case_countersigns')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('case_id', '=', caseId)
        .where('status', '=', 'pending')
        .as('pending_countersigns'),
    ])
    .executeTakeFirstOrThrow();
  return { reviewed: !!r.reviewed, openDeficiencies: Number(r.open_deficiencies), pendingCountersigns: Number(r.pending_countersigns) };
}

/**
 * The case locked for a step, with what the step's own writes need read in the same round trip: its
 * suspensions (the clock) and the applicant's stored phone (the SMS of a notice).
 */
export async function lockCaseForStep(db: Kysely<DB>, id: string) {
  const row = await db
    .selectFrom('cases')
    .selectAll('cases')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('case_suspensions')
          .select(['case_suspensions.started_on', 'case_suspensions.ended_on'])
          .whereRef('case_suspensions.case_id', '=', 'cases.id')
          .orderBy('case_suspensions.started_at'),
      ).as('step_suspensions'),
      eb.selectFrom('persons').select('persons.phone_enc').whereRef('persons.id', '=', 'cases.applicant_person_id').as('step_phone_enc'),
    ])
    .where('cases.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  const { step_suspensions: suspensions, step_phone_enc: phoneEnc, ...c } = row;
  return { c, suspensions, phoneEnc: phoneEnc ?? null };
}

/**
 * Writes a change only if the version is still `version` (RETURNING nothing when someone else changed it), compiled,
 * not sent: the first part of a step's one write statement (platform/batch.ts).
 */
export function compileUpdateCase(db: Kysely<DB>, id: string, version: number, patch: Updateable<CasesTable>, now: Date) {
  return db
    .updateTable('cases')
    .set({ ...patch, version: version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .compile();
}

/** The sweep's clock refresh: only if nobody changed the case since it was read. */
export async function refreshClockIfUnchanged(db: Kysely<DB>, id: string, version: number, clock: Updateable<CasesTable>) {
  await db.updateTable('cases').set(clock).where('id', '=', id).where('version', '=', version).execute();
}

export async function insertEvent(
  db: Kysely<DB>,
  e: {
    case_id: string;
    at: Date;
    action: string;
    from_status: string | null;
    to_status: string | null;
    actor_id: string | null;
    actor_name: string;
    step_key?: string | null;
    note?: string | null;
    data?: unknown;
    internal?: boolean;
  },
) {
  await db.executeQuery(compileInsertEvent(db, e));
}

/** insertEvent's statement, compiled, not sent (folded into a step's one write statement). */
export function compileInsertEvent(db: Kysely<DB>, e: Parameters<typeof insertEvent>[1]) {
  return db
    .insertInto('case_events')
    .values({ ...e, data: e.data === undefined ? null : JSON.stringify(e.data) })
    .compile();
}

export async function listEvents(db: Kysely<DB>, caseId: string, includeInternal: boolean) {
  let q = db.selectFrom('case_events').selectAll().where('case_id', '=', caseId);
  if (!includeInternal) q = q.where('internal', '=', false);
  return q.orderBy('id').execute();
}

export async function upsertCaseMaterials(
  db: Kysely<DB>,
  caseId: string,
  rows: {
    requirement_key: string;
    material_id: string | null;
    license_id?: string | null;
    status: 'submitted' | 'deficient' | 'deferred' | 'supplied' | 'accepted' | 'license' | 'shared';
    note?: string | null;
  }[],
  now: Date,
) {
  if (rows.length === 0) return;
  await db
    .insertInto('case_materials')
    .values(rows.map((r) => ({ case_id: caseId, note: null, license_id: null, ...r })))
    .onConflict((oc) =>
      oc.columns(['case_id', 'requirement_key']).doUpdateSet((eb) => ({
        material_id: eb.ref('excluded.material_id'),
        license_id: eb.ref('excluded.license_id'),
        status: eb.ref('excluded.status'),
        note: eb.ref('excluded.note'),
        updated_at: now,
      })),
    )
    .execute();
}

export async function deleteCaseMaterials(db: Kysely<DB>, caseId: string) {
  await db.deleteFrom('case_materials').where('case_id', '=', caseId).execute();
}

export async function setCaseMaterialStatus(
  db: Kysely<DB>,
  caseId: string,
  keys: string[],
  status: 'submitted' | 'deficient' | 'deferred' | 'supplied' | 'accepted',
  now: Date,
  fromStatuses?: string[],
) {
  if (keys.length === 0) return;
  let q = db
    .updateTable('case_materials')
    .set({ status, updated_at: now })
    .where('case_id', '=', caseId)
    .where('requirement_key', 'in', keys);
  if (fromStatuses) q = q.where('status', 'in', fromStatuses as never);
  await q.execute();
}

/** A case's materials with their files and licenses, by requirement (the detail page's rows). */
function caseMaterialRows(db: Kysely<DB>) {
  return db
    .selectFrom('case_materials')
    .leftJoin('materials', 'materials.id', 'case_materials.material_id')
    .leftJoin('licenses', 'licenses.id', 'case_materials.license_id')
    .leftJoin('license_types', 'license_types.id', 'licenses.type_id')
    .select([
      'case_materials.requirement_key',
      'case_materials.material_id',
      'case_materials.status',
      'case_materials.note',
      'materials.name',
      'materials.filename',
      'materials.kind',
      'materials.size',
      'materials.media_type',
      'licenses.identifier as license_identifier',
      'license_types.name as license_type_name',
    ])
    .orderBy('case_materials.requirement_key');
}

export async function listCaseMaterials(db: Kysely<DB>, caseId: string) {
  return caseMaterialRows(db).where('case_materials.case_id', '=', caseId).execute();
}

export async function listSuspensions(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('case_suspensions').selectAll().where('case_id', '=', caseId).orderBy('started_at').execute();
}

export async function openSuspension(
  db: Kysely<DB>,
  s: {
    case_id: string;
    kind: 'special' | 'deficiencyOverdue';
    special_kind: CaseSuspensionsTable['special_kind'];
    reason: string;
    started_on: string;
    started_at: Date;
    started_by: string | null;
  },
) {
  return db.insertInto('case_suspensions').values(s).returningAll().executeTakeFirstOrThrow();
}

export async function closeSuspension(db: Kysely<DB>, caseId: string, endedOn: string, endedAt: Date) {
  return db
    .updateTable('case_suspensions')
    .set({ ended_on: endedOn, ended_at: endedAt })
    .where('case_id', '=', caseId)
    .where('ended_on', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function insertNotice(
  db: Kysely<DB>,
  n: { case_id: string; issued_by: string; issued_at: Date; items: unknown; note: string | null },
) {
  return db
    .insertInto('deficiency_notices')
    .values({ ...n, items: JSON.stringify(n.items) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listNotices(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('deficiency_notices').selectAll().where('case_id', '=', caseId).orderBy('issued_at').execute();
}

export async function markNoticeSupplemented(db: Kysely<DB>, caseId: string, at: Date) {
  await db
    .updateTable('deficiency_notices')
    .set({ supplemented_at: at })
    .where('case_id', '=', caseId)
    .where('supplemented_at', 'is', null)
    .execute();
}

export async function insertCommitments(
  db: Kysely<DB>,
  rows: {
    case_id: string;
    kind: 'deficiency' | 'condition';
    subject_key: string;
    text: string;
    due_on: string | null;
    status: 'awaitingSignature' | 'pending' | 'fulfilled';
    signed_at: Date | null;
    signed_by: string | null;
  }[],
) {
  if (rows.length === 0) return;
  await db.insertInto('commitments').values(rows).execute();
}

/** Drops a draft's commitments (the draft is saved again with its new ones). */
export async function deleteCommitments(db: Kysely<DB>, caseId: string) {
  await db.deleteFrom('commitments').where('case_id', '=', caseId).execute();
}

export async function listCommitments(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('commitments').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('subject_key').execute();
}

export async function updateCommitment(db: Kysely<DB>, id: string, patch: Updateable<DB['commitments']>) {
  return db.updateTable('commitments').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function countOpenDeficiencies(db: Kysely<DB>, caseId: string): Promise<number> {
  const r = await db
    .selectFrom('commitments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .where('kind', '=', 'deficiency')
    .where('status', '!=', 'fulfilled')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertPostCheck(
  db: Kysely<DB>,
  p: { case_id: string; department_id: string; sampled: boolean; status: 'notSampled' | 'pending' },
) {
  await db
    .insertInto('post_checks')
    .values(p)
    .onConflict((oc) => oc.column('case_id').doNothing())
    .execute();
}

export async function findPostCheck(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('post_checks').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export async function recordPostCheck(
  db: Kysely<DB>,
  caseId: string,
  p: { status: 'passed' | 'failed'; checked_by: string; checked_at: Date; findings: string },
) {
  return db
    .updateTable('post_checks')
    .set(p)
    .where('case_id', '=', caseId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function listPendingPostChecks(db: Kysely<DB>, departmentId: string, limit: number, offset: number) {
  const q = db
    .selectFrom('post_checks')
    .innerJoin('cases', 'cases.id', 'post_checks.case_id')
    .where('post_checks.department_id', '=', departmentId)
    .where('post_checks.status', '=', 'pending');
  const [items, total] = await Promise.all([
    q.selectAll('cases').orderBy('post_checks.created_at').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Records a warning once per case and level; true only for the caller that recorded it. */
export async function raiseWarning(
  db: Kysely<DB>,
  caseId: string,
  level: 'yellow' | 'red' | 'deemedAccepted',
  dueOn: string | null,
): Promise<boolean> {
  const r = await db
    .insertInto('case_warnings')
    .values({ case_id: caseId, level, due_on: dueOn })
    .onConflict((oc) => oc.columns(['case_id', 'level']).doNothing())
    .returning('case_id')
    .executeTakeFirst();
  return r !== undefined;
}

/** A case by its number (办件编号), for the public progress lookup. */
export async function findCaseByNumber(db: Kysely<DB>, number: string) {
  return db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirst();
}

/** Open cases for the deadline sweep (accepted and not decided), in batches. */
export async function listClockCases(db: Kysely<DB>, afterId: string | null, limit: number) {
  let q = db.selectFrom('cases').selectAll().where('status', 'in', ['accepted', 'review', 'special', 'suspended']);
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}

/** Cases waiting for acceptance (for the 5-working-day deemed-acceptance rule). */
export async function listAwaitingAcceptance(db: Kysely<DB>, submittedBefore: Date, limit: number) {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('status', 'in', ['submitted', 'prereview'])
    .where('submitted_at', '<', submittedBefore)
    .orderBy('submitted_at')
    .limit(limit)
    .execute();
}

/** 容缺 commitments not yet fulfilled whose due day is on or before `day`. */
export async function listDueDeficiencies(db: Kysely<DB>, day: string, limit: number) {
  return db
    .selectFrom('commitments')
    .innerJoin('cases', 'cases.id', 'commitments.case_id')
    .select([
      'commitments.id',
      'commitments.case_id',
      'commitments.due_on',
      'commitments.status',
      'commitments.reminded_at',
      'commitments.subject_key',
      'cases.status as case_status',
    ])
    .where('commitments.kind', '=', 'deficiency')
    .where('commitments.status', 'in', ['awaitingSignature', 'pending', 'overdue'])
    .where('commitments.due_on', '<=', day)
    .where('cases.status', 'in', ['accepted', 'review', 'special', 'suspended'])
    .orderBy('commitments.due_on')
    .limit(limit)
    .execute();
}

// ── windows and bundles ──

/** The departments handling the sub-cases of a bundle case. */
export async function departmentsOfBundleCase(db: Kysely<DB>, bundleCaseId: string): Promise<string[]> {
  const rows = await db.selectFrom('cases').select('department_id').distinct().where('bundle_case_id', '=', bundleCaseId).execute();
  return rows.map((r) => r.department_id);
}

/** Marks a 容缺 commitment reminded; true only for the one caller (of many nodes) that did. */
export async function claimCommitmentReminder(db: Kysely<DB>, id: string, at: Date): Promise<boolean> {
  const claimed = await db
    .updateTable('commitments')
    .set({ reminded_at: at })
    .where('id', '=', id)
    .where('reminded_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Cases that use a material (as a submitted material or as the agent's mandate): who may see the file through them. */
export async function casesUsingMaterial(db: Kysely<DB>, materialId: string) {
  return db
    .selectFrom('cases')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('id', 'in', eb.selectFrom('case_materials').select('case_id').where('material_id', '=', materialId)),
        sql<SqlBool>`mandate->>'materialId' = ${materialId}`,
      ]),
    )
    .limit(20)
    .execute();
}

/** The license a case's requirement was met with (免提交), by identifier; undefined when the case does not use it. */
export async function findLicenseUsedByCase(db: Kysely<DB>, caseId: string, identifier: string) {
  return db
    .selectFrom('case_materials')
    .innerJoin('licenses', 'licenses.id', 'case_materials.license_id')
    .select(['licenses.id'])
    .where('case_materials.case_id', '=', caseId)
    .where('licenses.identifier', '=', identifier)
    .executeTakeFirst();
}

// ── limits ──

/**
 * The account's open drafts, counted under a transaction-scoped advisory lock on the account, so
 * that concurrent draft creations of one account are counted one after the other (DRAFT_LIMIT).
 */
export async function lockAndCountDrafts(trx: Kysely<DB>, accountId: string): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`drafts:${accountId}`}, 0))`.execute(trx);
  const row = await trx
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('created_by', '=', accountId)
    .where('status', '=', 'draft')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
