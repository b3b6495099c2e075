import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { CaseStatus, DB } from '../../platform/db-types.ts';

/** The case lists' SQL: my cases (我的办件) and the staff queues, with their search, cursors and capped counts. */

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
