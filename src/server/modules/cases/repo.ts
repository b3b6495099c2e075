import { type Insertable, type Kysely, type SelectQueryBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Actor } from '../../platform/actor.ts';
import type { CaseCountersignsTable, CaseStatus, CasesTable, CaseSuspensionsTable, DB } from '../../platform/db-types.ts';

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

// ------------------------------------------------------------------ 会签

export async function insertCountersigns(db: Kysely<DB>, rows: Insertable<CaseCountersignsTable>[]) {
  if (rows.length) await db.insertInto('case_countersigns').values(rows).execute();
}

/** Records one department's opinion on the open request of the step; undefined when there is none (signed, or never asked). */
export async function signCountersign(
  db: Kysely<DB>,
  caseId: string,
  stepKey: string,
  departmentId: string,
  s: { opinion: 'agree' | 'disagree'; comment: string; signed_by: string; signed_by_name: string; signed_at: Date },
) {
  return db
    .updateTable('case_countersigns')
    .set({ ...s, status: 'signed' })
    .where('case_id', '=', caseId)
    .where('step_key', '=', stepKey)
    .where('department_id', '=', departmentId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function listCountersigns(db: Kysely<DB>, caseId: string, stepKey?: string) {
  return db
    .selectFrom('case_countersigns')
    .selectAll()
    .where('case_id', '=', caseId)
    .$if(stepKey !== undefined, (q) => q.where('step_key', '=', stepKey!))
    .execute();
}

/** The quorum reached, the requests of the step still open are closed. */
export async function closeCountersigns(db: Kysely<DB>, caseId: string, stepKey: string) {
  await db
    .updateTable('case_countersigns')
    .set({ status: 'closed' })
    .where('case_id', '=', caseId)
    .where('step_key', '=', stepKey)
    .where('status', '=', 'pending')
    .execute();
}

/** Pending 会签 requests past their department's limit that nobody has been told about yet. */
export async function listOverdueCountersigns(db: Kysely<DB>, today: string, limit: number) {
  return db
    .selectFrom('case_countersigns')
    .innerJoin('departments', 'departments.id', 'case_countersigns.department_id')
    .select([
      'case_countersigns.id',
      'case_countersigns.case_id',
      'case_countersigns.department_id',
      'case_countersigns.role',
      'case_countersigns.due_on',
      'departments.name as department_name',
    ])
    .where('case_countersigns.status', '=', 'pending')
    .where('case_countersigns.overdue_notified_at', 'is', null)
    .where('case_countersigns.due_on', '<', today)
    .orderBy('case_countersigns.due_on')
    .limit(limit)
    .execute();
}

/** Marks an overdue 会签 request as told; false when another node did first (or it was signed meanwhile). */
export async function claimCountersignOverdue(db: Kysely<DB>, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('case_countersigns')
    .set({ overdue_notified_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('overdue_notified_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
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

export type CaseListFilter = {
  status?: CaseStatus[];
  limit: number;
  offset: number;
  /** Keyset: the (created_at as text, id) of the last case of the previous page; offset is then 0. */
  after?: readonly [string, string] | null;
  /** The count stops here (the answer then says totalCapped). */
  countCap: number;
  search?: CaseSearch;
  /** Only cases without a rating (待评价; one rating per case, whatever the channel). */
  unrated?: boolean;
};

type PartyColumn = 'created_by' | 'applicant_account_id' | 'agent_account_id' | 'applicant_person_id' | 'applicant_organization_id';

/**
 * My cases: filed by me, or where I am the applicant (person or organisation) or the agent; newest first.
 * The page is a UNION of one scan per party column, each read in order from its (column, created_at DESC)
 * index and cut at offset + limit (or, with a cursor, started after the cursor's key), so a party with
 * thousands of cases reads at most that many rows per column (an OR over the columns would read and sort them
 * all). The count is capped the same way: a UNION of the branches, each cut at cap + 1 rows (a case matching
 * several columns counts once), so 100,000 cases cost what cap + 1 do.
 */
export async function listCasesOfParty(db: Kysely<DB>, a: Actor, f: CaseListFilter) {
  const parties: [PartyColumn, string][] = [
    ['created_by', a.accountId],
    ['applicant_account_id', a.accountId],
    ['agent_account_id', a.accountId],
    ...(a.personId ? [['applicant_person_id', a.personId] as [PartyColumn, string]] : []),
    ...a.organizationIds.map((o): [PartyColumn, string] => ['applicant_organization_id', o]),
  ];
  const ofStatus = f.status?.length ? f.status : null;
  const after = f.after ?? null;
  const offset = after ? 0 : f.offset;
  const ofParty = (column: PartyColumn, value: string) => {
    let q = applySearch(db.selectFrom('cases').where(column, '=', value), f.search);
    if (ofStatus) q = q.where('status', 'in', ofStatus);
    if (f.unrated)
      q = q.where((eb) =>
        eb.not(eb.exists(eb.selectFrom('evaluations').select('evaluations.id').whereRef('evaluations.case_id', '=', 'cases.id'))),
      );
    return q;
  };
  const branches = parties.map(([column, value]) => {
    let q = ofParty(column, value).select(['id', 'created_at']);
    if (after) q = q.where(sql<SqlBool>`(created_at, id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
    return db
      .selectFrom(
        q
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(offset + f.limit)
          .as('b'),
      )
      .select(['b.id', 'b.created_at']);
  });
  const page = db
    .selectFrom(branches.reduce((u, b) => u.union(b)).as('u'))
    .select('u.id')
    .orderBy('u.created_at', 'desc')
    .orderBy('u.id', 'desc')
    .limit(f.limit)
    .offset(offset);
  const counted = parties
    .map(([column, value]) =>
      db
        .selectFrom(
          ofParty(column, value)
            .select('id')
            .limit(f.countCap + 1)
            .as('c'),
        )
        .select('c.id'),
    )
    .reduce((u, b) => u.union(b));
  const [items, total] = await Promise.all([
    db
      .selectFrom('cases')
      .selectAll()
      .select(sql<string>`created_at::text`.as('key_created_at'))
      .where('id', 'in', page)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom(counted.as('n'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const last = items.length === f.limit ? items.at(-1) : undefined;
  return {
    items,
    total: Math.min(Number(total.n), f.countCap),
    totalCapped: Number(total.n) > f.countCap,
    next: last ? ([last.key_created_at, last.id] as const) : null,
  };
}

export type QueueFilter = {
  departmentId: string | null;
  /** Front desk: cases accepted in this region subtree (acceptance queue only). */
  frontDeskRegion: string | null;
  /** The clerk's window scope (一窗受理): only the items it accepts appear in its acceptance queue. */
  frontDeskWindow?: { acceptsAll: boolean; departmentIds: string[]; itemIds: string[] } | null;
  /** Supervisors: the whole region subtree. */
  supervisedRegion: string | null;
  queue: 'toAccept' | 'toReview' | 'toCountersign' | 'toDecide' | 'dueSoon' | 'overdue' | 'mine' | 'open' | 'done' | 'toHandOver';
  accountId: string;
  today: string;
  limit: number;
  offset: number;
  /** Keyset: the (due key, submitted key, id) of the last case of the previous page, as text; offset is then 0. */
  after?: readonly [string, string, string] | null;
  /** The count stops here (the answer then says totalCapped). */
  countCap: number;
  /** A search inside the scoped queue (never widens it). */
  search?: CaseSearch;
};
/**
 * A search of cases, as the service resolved the text typed: a case number or its start, the applicant persons an ID
 * number's blind index found (none: nothing matches), or a name — the masked form of a person's name, or words of an
 * organisation's name (stored in full).
 */
export type CaseSearch =
  | { kind: 'number'; prefix: string }
  | { kind: 'persons'; personIds: string[] }
  | { kind: 'name'; masked: string; text: string }
  | { kind: 'text'; text: string };

function applySearch<Q extends SelectQueryBuilder<DB, 'cases', object>>(q: Q, s: CaseSearch | undefined): Q {
  if (!s) return q;
  switch (s.kind) {
    case 'number':
      return q.where('number', 'like', `${s.prefix}%`) as Q;
    case 'persons':
      return (s.personIds.length ? q.where('applicant_person_id', 'in', s.personIds) : q.where(sql<boolean>`false`)) as Q;
    case 'name':
      return q.where((eb) =>
        eb.or([
          eb.and([eb('applicant_kind', '=', 'person'), eb('applicant_name_masked', '=', s.masked)]),
          eb.and([eb('applicant_kind', '=', 'organization'), sql<boolean>`strpos(applicant_name_masked, ${s.text}) > 0`]),
        ]),
      ) as Q;
    case 'text':
      return q.where(sql<boolean>`strpos(item_name, ${s.text}) > 0`) as Q;
  }
}

/** A case by its number (办件编号), for the public progress lookup. */
export async function findCaseByNumber(db: Kysely<DB>, number: string) {
  return db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirst();
}

/** A staff queue, scoped to the department (and the front desk's region for acceptance). */
export async function listQueue(db: Kysely<DB>, f: QueueFilter) {
  let q = applySearch(db.selectFrom('cases').where('status', '!=', 'draft'), f.search);
  q = q.where((eb) => {
    // 会签: the cases of other departments on which this department's opinion is open.
    if (f.queue === 'toCountersign')
      return eb(
        'id',
        'in',
        eb
          .selectFrom('case_countersigns')
          .select('case_id')
          .where('department_id', '=', f.departmentId ?? '00000000-0000-0000-0000-000000000000')
          .where('status', '=', 'pending'),
      );
    const scopes = [];
    if (f.departmentId) scopes.push(eb('department_id', '=', f.departmentId));
    if (f.frontDeskRegion && (f.queue === 'toAccept' || f.queue === 'mine' || f.queue === 'toHandOver')) {
      const w = f.frontDeskWindow;
      const inRegion = eb('accept_region_code', 'like', `${f.frontDeskRegion}%`);
      scopes.push(
        !w || w.acceptsAll || f.queue === 'toHandOver'
          ? inRegion
          : eb.and([
              inRegion,
              eb.or([
                eb('department_id', 'in', w.departmentIds.length ? w.departmentIds : ['00000000-0000-0000-0000-000000000000']),
                eb('item_id', 'in', w.itemIds.length ? w.itemIds : ['00000000-0000-0000-0000-000000000000']),
              ]),
            ]),
      );
    }
    if (f.supervisedRegion) scopes.push(eb('region_code', 'like', `${f.supervisedRegion}%`));
    return scopes.length ? eb.or(scopes) : eb.val(false);
  });
  const open = ['accepted', 'review', 'special', 'suspended'] as CaseStatus[];
  switch (f.queue) {
    case 'toAccept':
      q = q.where('status', 'in', ['submitted', 'prereview', 'correction']);
      break;
    case 'toReview':
      q = q.where('status', 'in', ['accepted', 'review']).where(sql<boolean>`(workflow->step_index->>'kind') = 'review'`);
      break;
    case 'toCountersign':
      q = q.where('status', 'in', ['accepted', 'review']).where(sql<boolean>`(workflow->step_index->>'kind') = 'countersign'`);
      break;
    case 'toDecide':
      q = q.where((eb) =>
        eb.or([
          eb('status', '=', 'decided'),
          eb.and([eb('status', 'in', ['accepted', 'review']), sql<boolean>`(workflow->step_index->>'kind') = 'decide'`]),
        ]),
      );
      break;
    case 'dueSoon':
      q = q.where('status', 'in', open).where('warning_level', '=', 'yellow');
      break;
    case 'overdue':
      q = q.where('status', 'in', open).where('warning_level', '=', 'red');
      break;
    case 'mine':
      q = q.where('handler_id', '=', f.accountId).where('status', 'in', ['submitted', 'prereview', 'correction', ...open, 'decided']);
      break;
    case 'open':
      q = q.where('status', 'in', ['submitted', 'prereview', 'correction', ...open, 'decided']);
      break;
    case 'done':
      q = q.where('status', 'in', ['completed', 'issued', 'delivered', 'rejected', 'withdrawn', 'revoked']);
      break;
    case 'toHandOver':
      q = q.where('status', 'in', ['completed', 'issued']);
      break;
  }
  // Keyset order (the old `promised_due_on NULLS LAST, submitted_at`, made total by the id), read in order from
  // the cases_queue_order index within a department.
  const dueKey = sql<string>`coalesce(promised_due_on, 'infinity'::date)`;
  const submittedKey = sql<string>`coalesce(submitted_at, 'infinity'::timestamptz)`;
  const after = f.after ?? null;
  let page = q;
  if (after)
    page = page.where(sql<SqlBool>`(${dueKey}, ${submittedKey}, id) > (${after[0]}::date, ${after[1]}::timestamptz, ${after[2]}::uuid)`);
  const [items, total] = await Promise.all([
    page
      .selectAll()
      .select([sql<string>`${dueKey}::text`.as('key_due'), sql<string>`${submittedKey}::text`.as('key_submitted')])
      .orderBy(dueKey)
      .orderBy(submittedKey)
      .orderBy('id')
      .limit(f.limit)
      .offset(after ? 0 : f.offset)
      .execute(),
    db
      .selectFrom(
        q
          .select('id')
          .limit(f.countCap + 1)
          .as('c'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const last = items.length === f.limit ? items.at(-1) : undefined;
  return {
    items,
    total: Math.min(Number(total.n), f.countCap),
    totalCapped: Number(total.n) > f.countCap,
    next: last ? ([last.key_due, last.key_submitted, last.id] as const) : null,
  };
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
