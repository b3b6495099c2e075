import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/server/platform/db-types.ts';
import type { AppContext } from '../src/server/platform/context.ts';
import { encryptForm } from '../src/server/modules/cases/index.ts';

/**
 * Supervision demo data: 德昌县's 2021 assessment targets (seeded everywhere, tests included) and,
 * in demo mode only, a generated history of cases and ratings for 石泉县 (see `seedHistory`).
 */

/** 德昌县 (513424) 2021 考核目标, from its report: rates as ratios. */
export const DECHANG_2021_TARGETS = [
  { indicator: 'onlineAvailableRate', value: 1, note: '网上可办率 100%' },
  { indicator: 'atMostOneVisitShare', value: 0.95, note: '最多跑一次 ≥ 95%' },
  { indicator: 'fullyOnlineItemRate', value: 0.85, note: '全程网办 ≥ 85%' },
  { indicator: 'timeLimitCompression', value: 0.6, note: '承诺时限比法定时限平均减少 ≥ 60%' },
  { indicator: 'activeRatingRate', value: 0.9, note: '主动评价率 ≥ 90%' },
  { indicator: 'ratingsPerGuide', value: 10, note: '平均每个办事指南评价数 ≥ 10' },
  { indicator: 'oneWindowItemShare', value: 0.8, note: '综合窗口受理事项 ≥ 80%' },
] as const;

/** Seeds the 德昌县 2021 targets; only those missing. */
export async function seedAssessmentTargets(ctx: AppContext, regionCode = '513424', year = 2021, notePrefix?: string): Promise<void> {
  if (!(await ctx.db.selectFrom('regions').select('code').where('code', '=', regionCode).executeTakeFirst())) return;
  await ctx.db
    .insertInto('assessment_targets')
    .values(
      DECHANG_2021_TARGETS.map((t) => ({
        region_code: regionCode,
        year,
        indicator: t.indicator,
        comparator: 'gte' as const,
        value: t.value,
        note: notePrefix ? `${notePrefix}：${t.note}` : t.note,
        updated_by: null,
        updated_at: sql<Date>`now()`,
      })),
    )
    .onConflict((oc) => oc.columns(['region_code', 'year', 'indicator']).doNothing())
    .execute();
}

// ------------------------------------------------------------------ bulk rows (history, tests, bench)

/** One case row as the generator (or a test's fixed data set) writes it; the rollup triggers count it. */
export type CaseSeedRow = {
  number: string | null;
  itemId: string;
  itemVersionId: string;
  implementationCode: string;
  itemName: string;
  departmentId: string;
  regionCode: string;
  hallId: string | null;
  windowId: string | null;
  channel: 'online' | 'window' | 'agency';
  status: string;
  handlingType: 'immediate' | 'promised';
  legalDays: number;
  promisedDays: number;
  submittedAt: Date | null;
  acceptedOn: string | null;
  decidedOn: string | null;
  completedAt: Date | null;
  promisedDueOn: string | null;
  warningLevel: 'none' | 'yellow' | 'red';
  acceptClerkId: string | null;
  handlerId: string | null;
  /** 不予受理 / 不予许可 reason (the rejection and decision documents print it). */
  decisionReason?: string | null;
};

/** Who the generated cases are filed for (one demo applicant) and the form every one carries. */
export type Applicant = { personId: string; accountId: string; nameMasked: string; formDataEnc: string };

/** The demo applicant citizen1 with an empty form, encrypted as the case engine encrypts forms (context `case.form`), so it opens. */
export async function demoApplicant(ctx: AppContext, username = 'citizen1'): Promise<Applicant> {
  const a = await ctx.db
    .selectFrom('accounts as a')
    .innerJoin('persons as p', 'p.account_id', 'a.id')
    .select(['a.id as accountId', 'p.id as personId', 'p.name_masked as nameMasked'])
    .where('a.username', '=', username)
    .executeTakeFirstOrThrow();
  return { ...a, formDataEnc: encryptForm(ctx, {}) };
}

/**
 * Each bulk statement runs in its own transaction: on the embedded database the socket server keeps
 * a transaction's messages together, while an autocommit statement's Parse/Bind/Execute may be
 * interleaved with another connection's (the job queue's) — seen as "bind message supplies 28
 * parameters, but prepared statement requires 2" on a long insert.
 */
function inTransaction<T>(ctx: AppContext, run: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(run);
}

const DEFAULT_WORKFLOW = JSON.stringify([
  { key: 'accept', name: '受理', kind: 'accept', role: 'clerk' },
  { key: 'decide', name: '决定', kind: 'decide', role: 'approver' },
]);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Inserts case rows with one statement per 5 000 (INSERT … SELECT FROM unnest of column arrays),
 * so the statement-level rollup triggers aggregate each batch once. Returns the new ids in order.
 */
export async function insertCaseRows(ctx: AppContext, who: Applicant, rows: CaseSeedRow[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 5000) {
    const b = rows.slice(i, i + 5000);
    const col = <T>(f: (r: CaseSeedRow) => T) => b.map(f);
    const res = await inTransaction(ctx, (trx) =>
      sql<{ id: string }>`
      INSERT INTO cases (number, item_id, item_version_id, implementation_code, item_name, situation_key, department_id, region_code, accept_region_code,
        channel, hall_id, window_id, applicant_kind, applicant_person_id, applicant_account_id, applicant_name_masked, created_by, form_data_enc,
        status, workflow, handling_type, limit_unit, legal_days, promised_days, submitted_at, accepted_at, accepted_on, decided_at, decided_on,
        decision, decision_reason, completed_at, promised_due_on, legal_due_on, warning_level, accept_clerk_id, handler_id, created_at, updated_at)
      SELECT u.number, u.item_id, u.item_version_id, u.code, u.item_name, 'apply', u.department_id, u.region_code, u.region_code,
        u.channel, u.hall_id, u.window_id, 'person', ${who.personId}::uuid, ${who.accountId}::uuid, ${who.nameMasked}, ${who.accountId}::uuid, ${who.formDataEnc},
        u.status, ${DEFAULT_WORKFLOW}::jsonb, u.handling_type, 'workday', u.legal_days, u.promised_days, u.submitted_at,
        CASE WHEN u.accepted_on IS NULL THEN NULL ELSE u.submitted_at END, u.accepted_on,
        CASE WHEN u.decided_on IS NULL THEN NULL ELSE coalesce(u.completed_at, u.submitted_at) END, u.decided_on,
        CASE WHEN u.decided_on IS NULL THEN NULL ELSE 'approved' END, u.decision_reason, u.completed_at, u.promised_due_on, u.promised_due_on, u.warning_level,
        u.accept_clerk_id, u.handler_id, coalesce(u.submitted_at, now()), coalesce(u.completed_at, u.submitted_at, now())
      FROM unnest(${col((r) => r.number)}::text[], ${col((r) => r.itemId)}::uuid[], ${col((r) => r.itemVersionId)}::uuid[], ${col((r) => r.implementationCode)}::text[],
        ${col((r) => r.itemName)}::text[], ${col((r) => r.departmentId)}::uuid[], ${col((r) => r.regionCode)}::text[], ${col((r) => r.channel)}::text[],
        ${col((r) => r.hallId)}::uuid[], ${col((r) => r.windowId)}::uuid[], ${col((r) => r.status)}::text[], ${col((r) => r.handlingType)}::text[],
        ${col((r) => r.legalDays)}::int[], ${col((r) => r.promisedDays)}::int[], ${col((r) => iso(r.submittedAt))}::timestamptz[], ${col((r) => r.acceptedOn)}::date[],
        ${col((r) => r.decidedOn)}::date[], ${col((r) => iso(r.completedAt))}::timestamptz[], ${col((r) => r.promisedDueOn)}::date[], ${col((r) => r.warningLevel)}::text[],
        ${col((r) => r.acceptClerkId)}::uuid[], ${col((r) => r.handlerId)}::uuid[], ${col((r) => r.decisionReason ?? null)}::text[])
        AS u(number, item_id, item_version_id, code, item_name, department_id, region_code, channel, hall_id, window_id, status, handling_type,
          legal_days, promised_days, submitted_at, accepted_on, decided_on, completed_at, promised_due_on, warning_level, accept_clerk_id, handler_id,
          decision_reason)
      RETURNING id`.execute(trx),
    );
    ids.push(...res.rows.map((r) => r.id));
  }
  return ids;
}

/** One rating row (好差评) as the generator or a test writes it. */
export type EvaluationSeedRow = {
  caseId: string | null;
  channel: 'online' | 'window' | 'sms' | 'app' | 'hotline';
  score: number;
  tags?: string[];
  comment: string | null;
  itemId: string | null;
  departmentId: string;
  regionCode: string;
  hallId: string | null;
  windowId: string | null;
  staffIds: string[];
  raterAccountId: string | null;
  excluded?: boolean;
  createdAt: Date;
};

/** Inserts ratings in batches of 5 000; returns their ids in order. */
export async function insertEvaluationRows(ctx: AppContext, rows: EvaluationSeedRow[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 5000) {
    const b = rows.slice(i, i + 5000);
    const col = <T>(f: (r: EvaluationSeedRow) => T) => b.map(f);
    const res = await inTransaction(ctx, (trx) =>
      sql<{ id: string }>`
      INSERT INTO evaluations (case_id, channel, score, tags, comment, item_id, department_id, region_code, hall_id, window_id, staff_ids, rater_account_id, excluded, created_at)
      SELECT u.case_id, u.channel, u.score, string_to_array(u.tags, ','), u.comment, u.item_id, u.department_id, u.region_code, u.hall_id, u.window_id,
        string_to_array(u.staff_ids, ',')::uuid[], u.rater, u.excluded, u.created_at
      FROM unnest(${col((r) => r.caseId)}::uuid[], ${col((r) => r.channel)}::text[], ${col((r) => r.score)}::int[], ${col((r) => (r.tags ?? []).join(','))}::text[],
        ${col((r) => r.comment)}::text[], ${col((r) => r.itemId)}::uuid[], ${col((r) => r.departmentId)}::uuid[], ${col((r) => r.regionCode)}::text[],
        ${col((r) => r.hallId)}::uuid[], ${col((r) => r.windowId)}::uuid[], ${col((r) => r.staffIds.join(','))}::text[], ${col((r) => r.raterAccountId)}::uuid[],
        ${col((r) => r.excluded ?? false)}::boolean[], ${col((r) => r.createdAt.toISOString())}::timestamptz[])
        AS u(case_id, channel, score, tags, comment, item_id, department_id, region_code, hall_id, window_id, staff_ids, rater, excluded, created_at)
      RETURNING id`.execute(trx),
    );
    ids.push(...res.rows.map((r) => r.id));
  }
  return ids;
}

/** One rectification of a bad rating (the evaluations module's table). */
export type RectificationSeedRow = {
  evaluationId: string;
  caseId: string | null;
  departmentId: string;
  regionCode: string;
  status: 'open' | 'verifying' | 'rectifying' | 'feedback' | 'signOff' | 'closed';
  callbackDueOn: string;
  dueOn: string;
  callbackAt: Date | null;
  createdAt: Date;
  /**
   * For a closed one, the whole loop as the evaluations module records it (核实, 整改, 反馈, 签核) by `by` (staff of
   * the department), signed off at `at`; without it a closed row has only its callback.
   */
  closing?: { finding: 'substantiated' | 'unsubstantiated'; at: Date; by: string | null };
};

const CLOSING_TEXT = {
  substantiated: {
    verification: '经调取办件记录和窗口录像核实，评价反映的问题属实',
    measures: '已对相关工作人员批评教育，并在窗口公示材料清单、优化叫号流程',
  },
  unsubstantiated: { verification: '经调取办件记录核实，办件按时限和指南办理，评价反映的问题不属实', measures: null },
} as const;

export async function insertRectificationRows(ctx: AppContext, rows: RectificationSeedRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const b = rows.slice(i, i + 5000);
    const col = <T>(f: (r: RectificationSeedRow) => T) => b.map(f);
    await inTransaction(ctx, (trx) =>
      sql`
      INSERT INTO rectifications (evaluation_id, case_id, department_id, region_code, status, callback_due_on, due_on, callback_at, callback_by,
        callback_method, callback_reached, callback_summary, finding, verification, verified_at, verified_by, measures, rectified_at, rectified_by,
        feedback, feedback_at, feedback_by, signoff_comment, signed_off_at, created_at, updated_at)
      SELECT u.evaluation_id, u.case_id, u.department_id, u.region_code, u.status, u.callback_due_on, u.due_on, u.callback_at, u.closed_by,
        CASE WHEN u.callback_at IS NULL THEN NULL ELSE 'phone' END, CASE WHEN u.callback_at IS NULL THEN NULL ELSE true END,
        CASE WHEN u.callback_at IS NULL THEN NULL ELSE '已电话回访评价人，了解不满意原因' END,
        u.finding, u.verification, u.closed_at, u.closed_by, u.measures,
        CASE WHEN u.measures IS NULL THEN NULL ELSE u.closed_at END, CASE WHEN u.measures IS NULL THEN NULL ELSE u.closed_by END,
        CASE WHEN u.closed_at IS NULL THEN NULL ELSE '已将核实和整改情况反馈评价人，评价人表示认可' END, u.closed_at, u.closed_by,
        CASE WHEN u.closed_at IS NULL THEN NULL ELSE '整改到位，同意销号' END, u.closed_at,
        u.created_at, coalesce(u.closed_at, u.created_at)
      FROM unnest(${col((r) => r.evaluationId)}::uuid[], ${col((r) => r.caseId)}::uuid[], ${col((r) => r.departmentId)}::uuid[], ${col((r) => r.regionCode)}::text[],
        ${col((r) => r.status)}::text[], ${col((r) => r.callbackDueOn)}::date[], ${col((r) => r.dueOn)}::date[], ${col((r) => iso(r.callbackAt))}::timestamptz[],
        ${col((r) => r.createdAt.toISOString())}::timestamptz[], ${col((r) => r.closing?.finding ?? null)}::text[],
        ${col((r) => (r.closing ? CLOSING_TEXT[r.closing.finding].verification : null))}::text[],
        ${col((r) => (r.closing ? CLOSING_TEXT[r.closing.finding].measures : null))}::text[], ${col((r) => iso(r.closing?.at ?? null))}::timestamptz[],
        ${col((r) => r.closing?.by ?? null)}::uuid[])
        AS u(evaluation_id, case_id, department_id, region_code, status, callback_due_on, due_on, callback_at, created_at, finding, verification,
          measures, closed_at, closed_by)`.execute(trx),
    );
  }
}

// ------------------------------------------------------------------ the 石泉县 history (demo mode)

/** mulberry32: a small seeded generator, so the history is the same for the same seed and end day. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type HistoryOptions = { regionCode?: string; days?: number; seed?: number; casesPerWorkday?: number };
export type HistoryReport = { skipped: boolean; cases: number; ratings: number; rectifications: number; ms: number };

const POSITIVE = ['friendly', 'efficient', 'doneAtOnce', 'clearGuidance', 'convenientOnline', 'noRunning'];
const NEGATIVE = ['rude', 'slow', 'manyVisits', 'tooManyMaterials', 'unclearGuidance', 'overdue'];
const BAD_COMMENTS = [
  '等候时间太长，叫号后又让补材料',
  '窗口人员态度生硬',
  '网上提交后迟迟没有受理',
  '要求提交的材料与指南不一致',
  '跑了两趟才办成',
];
const REJECTION_REASONS = [
  '申请事项依法不属于本机关职权范围，已告知向有关行政机关申请',
  '申请人不具备申请资格',
  '逾期未按一次性告知补正申请材料',
];
const STAFF_NAMES = [
  '王芳',
  '李静',
  '张伟',
  '刘洋',
  '陈晨',
  '杨帆',
  '赵磊',
  '黄丽',
  '周涛',
  '吴敏',
  '徐婷',
  '孙浩',
  '胡军',
  '朱琳',
  '高峰',
  '林娟',
  '何勇',
  '郭佳',
];

/**
 * A realistic history for the demo (`npm start`, never the tests): `days` (default 400) of cases
 * and ratings for 石泉县 ending yesterday, reproducible from `seed` and the end day. Written with a
 * few bulk statements (not through the HTTP API), so the rollup triggers count every row. Runs
 * once: a settings row remembers it. Staff it names are demo accounts that cannot log in.
 *
 * The history is finished business: every case is 不予受理 or decided by the last working day and handed
 * over (送达), every bad rating's rectification signed off. So the live queues (acceptance, review,
 * decision, 统一出件, warnings, rectifications) hold only live demo cases while the indicators count
 * the history; and every case opens, its form encrypted as the case engine encrypts forms.
 */
export async function seedHistory(ctx: AppContext, opts: HistoryOptions = {}): Promise<HistoryReport> {
  const t0 = Date.now();
  const regionCode = opts.regionCode ?? '610922';
  const seed = opts.seed ?? 20261123;
  const done = await ctx.db.selectFrom('settings').select('key').where('key', '=', `supervision.history.${regionCode}`).executeTakeFirst();
  if (done) return { skipped: true, cases: 0, ratings: 0, rectifications: 0, ms: Date.now() - t0 };
  const { addCalendarDays, addWorkingDays, nationalCalendar, shanghaiDate } = await import('../src/server/platform/calendar.ts');
  const cal = nationalCalendar();
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];

  // ---- what exists: items with their limits, halls and windows, staff
  const items = await ctx.db
    .selectFrom('items as i')
    .innerJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').on('v.status', '=', 'published'))
    .select([
      'i.id',
      'v.id as version_id',
      'i.implementation_code',
      'i.name',
      'i.department_id',
      'i.handling_type',
      'i.online_depth',
      'i.popularity',
      sql<number>`coalesce((v.guide->'legalLimit'->>'value')::int, 0)`.as('legal'),
      sql<number>`coalesce((v.guide->'promisedLimit'->>'value')::int, 0)`.as('promised'),
    ])
    .where('i.region_code', '=', regionCode)
    .where('i.status', '=', 'published')
    .orderBy('i.implementation_code')
    .execute();
  if (items.length === 0) return { skipped: true, cases: 0, ratings: 0, rectifications: 0, ms: Date.now() - t0 };
  const weighted: typeof items = [];
  for (const it of items) for (let k = 0; k < Math.max(1, Math.round(it.popularity / 5)); k++) weighted.push(it);
  const halls = await ctx.db
    .selectFrom('halls')
    .select(['id', 'region_code', 'level', 'key'])
    .where('region_code', 'like', `${regionCode}%`)
    .where('level', 'in', ['county', 'township'])
    .orderBy('key')
    .execute();
  const center = halls.find((h) => h.level === 'county');
  const townshipHalls = halls.filter((h) => h.level === 'township');
  const windows = center
    ? await ctx.db
        .selectFrom('windows')
        .select(['id', 'kind', 'department_id', 'number'])
        .where('hall_id', '=', center.id)
        .orderBy('number')
        .execute()
    : [];
  const comprehensive = windows.filter((w) => w.kind === 'comprehensive' && w.number !== '05');
  const byDeptWindow = new Map(windows.filter((w) => w.department_id).map((w) => [w.department_id!, w.id]));
  const townshipWindows = new Map<string, string[]>();
  for (const h of townshipHalls)
    townshipWindows.set(
      h.id,
      (await ctx.db.selectFrom('windows').select('id').where('hall_id', '=', h.id).orderBy('number').execute()).map((w) => w.id),
    );

  // Demo staff (disabled, no usable password): window clerks and one handler per department.
  const departments = [...new Set(items.map((i) => i.department_id))].sort();
  const existing = new Map(
    (await ctx.db.selectFrom('accounts').select(['id', 'username']).where('username', 'like', `hist-${regionCode}-%`).execute()).map(
      (a) => [a.username, a.id],
    ),
  );
  const account = async (username: string, name: string, roles: string[], departmentId: string | null, hallId: string | null) => {
    const have = existing.get(username);
    if (have) return have;
    const a = await ctx.db
      .insertInto('accounts')
      .values({
        username,
        password_hash: '!history-demo-staff',
        kind: 'staff',
        display_name: name,
        status: 'disabled',
        roles,
        department_id: departmentId,
        region_code: regionCode,
        hall_id: hallId,
        totp_required: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return a.id;
  };
  const serviceCenter =
    (
      await ctx.db
        .selectFrom('departments')
        .select('id')
        .where('region_code', '=', regionCode)
        .where('key', '=', 'serviceCenter')
        .executeTakeFirst()
    )?.id ?? departments[0];
  const clerks: string[] = [];
  for (let k = 0; k < Math.max(1, comprehensive.length); k++)
    clerks.push(
      await account(`hist-${regionCode}-clerk${k + 1}`, STAFF_NAMES[k % STAFF_NAMES.length], ['clerk'], serviceCenter, center?.id ?? null),
    );
  const townshipClerks = new Map<string, string>();
  for (const [k, h] of townshipHalls.entries())
    townshipClerks.set(
      h.id,
      await account(
        `hist-${regionCode}-town${k + 1}`,
        `${STAFF_NAMES[(k + 7) % STAFF_NAMES.length]}（${k + 1}）`,
        ['clerk'],
        serviceCenter,
        h.id,
      ),
    );
  const handlers = new Map<string, string>();
  for (const [k, d] of departments.entries())
    handlers.set(
      d,
      await account(`hist-${regionCode}-handler${k + 1}`, `${STAFF_NAMES[(k + 3) % STAFF_NAMES.length]}${k + 1}`, ['approver'], d, null),
    );

  // ---- cases, day by day
  const who = await demoApplicant(ctx);
  const now = ctx.now();
  const today = shanghaiDate(now);
  const days = opts.days ?? 400;
  const start = addCalendarDays(today, -days);
  const perDay = opts.casesPerWorkday ?? 60;
  let lastWorkday = addCalendarDays(today, -1);
  while (!cal.isWorkingDay(lastWorkday)) lastWorkday = addCalendarDays(lastWorkday, -1);
  const at = (day: string, minutes: number) => new Date(Date.parse(`${day}T08:30:00+08:00`) + minutes * 60_000);
  const rows: CaseSeedRow[] = [];
  const meta: { promised: number; late: boolean }[] = [];
  let serial = 0;
  for (let day = start; day < today; day = addCalendarDays(day, 1)) {
    const working = cal.isWorkingDay(day);
    const n = working ? Math.round(perDay * (0.75 + rand() * 0.5)) : Math.round(perDay * 0.05 * rand());
    for (let k = 0; k < n; k++) {
      const it = pick(weighted);
      const online = it.online_depth === 4 ? rand() < 0.8 : it.online_depth === 3 ? rand() < 0.45 : !working || rand() < 0.05;
      let hallId: string | null = null;
      let windowId: string | null = null;
      let clerk = pick(clerks);
      if (!online) {
        if (townshipHalls.length && rand() < 0.22) {
          const h = pick(townshipHalls);
          hallId = h.id;
          windowId = pick(townshipWindows.get(h.id) ?? [null]) ?? null;
          clerk = townshipClerks.get(h.id)!;
        } else if (center) {
          hallId = center.id;
          windowId = byDeptWindow.get(it.department_id) ?? (comprehensive.length ? pick(comprehensive).id : null);
        }
      }
      const submittedAt = at(day, Math.floor(rand() * (working ? 480 : 600)));
      const immediate = it.handling_type === 'immediate';
      const promised = immediate ? 0 : Math.max(1, it.promised);
      const fate = rand();
      serial++;
      const base = {
        number: `${regionCode}H${day.replaceAll('-', '')}${String(serial).padStart(6, '0')}`,
        itemId: it.id,
        itemVersionId: it.version_id,
        implementationCode: it.implementation_code,
        itemName: it.name,
        departmentId: it.department_id,
        regionCode,
        hallId,
        windowId,
        channel: online ? ('online' as const) : ('window' as const),
        handlingType: immediate ? ('immediate' as const) : ('promised' as const),
        legalDays: it.legal,
        promisedDays: promised,
        submittedAt,
      };
      if (fate < 0.025) {
        // 不予受理
        rows.push({
          ...base,
          status: 'rejected',
          acceptedOn: null,
          decidedOn: null,
          completedAt: null,
          promisedDueOn: null,
          warningLevel: 'none',
          acceptClerkId: clerk,
          handlerId: clerk,
          decisionReason: pick(REJECTION_REASONS),
        });
        meta.push({ promised, late: false });
        continue;
      }
      const acceptedOn = online && !cal.isWorkingDay(day) ? addWorkingDays(cal, day, 1) : day;
      // A weekend's online application accepted after the history ends would be live work: left out.
      if (acceptedOn >= today) continue;
      const dueOn = addWorkingDays(cal, acceptedOn, promised);
      const slow = !immediate && rand() < 0.035;
      const used = immediate ? 0 : slow ? promised + 1 + Math.floor(rand() * 3) : Math.max(1, Math.round(promised * (0.25 + rand() * 0.7)));
      // Every history case is finished by the last working day before today: none waits in a live queue.
      const decided = addWorkingDays(cal, acceptedOn, used);
      const decidedOn = decided < today ? decided : lastWorkday;
      const late = decidedOn > dueOn;
      const handler = immediate ? clerk : handlers.get(it.department_id)!;
      const completedAt = immediate
        ? new Date(submittedAt.getTime() + (10 + Math.floor(rand() * 50)) * 60_000)
        : at(decidedOn, 60 + Math.floor(rand() * 420));
      rows.push({
        ...base,
        // 送达: handed over (at the window, by post or online), so the pickup queue holds only live results.
        status: 'delivered',
        acceptedOn,
        decidedOn,
        completedAt,
        promisedDueOn: dueOn,
        warningLevel: 'none',
        acceptClerkId: clerk,
        handlerId: handler,
      });
      meta.push({ promised, late });
    }
  }
  const caseIds = await insertCaseRows(ctx, who, rows);

  // ---- ratings of completed cases (一事一评), window visits (一次一评), rectifications of bad ones
  const evaluations: EvaluationSeedRow[] = [];
  const badOf: { index: number; caseIndex: number | null }[] = [];
  const score = (late: boolean) => {
    const r = rand();
    const badShare = late ? 0.25 : 0.012;
    if (r < badShare * 0.45) return 1;
    if (r < badShare) return 2;
    if (r < badShare + 0.03) return 3;
    if (r < badShare + 0.14) return 4;
    return 5;
  };
  rows.forEach((c, i) => {
    if (!c.completedAt || rand() > 0.92) return;
    const s = score(meta[i].late);
    const createdAt = new Date(Math.min(c.completedAt.getTime() + Math.floor(rand() * 36 * 60) * 60_000, now.getTime() - 60_000));
    const channel =
      c.channel === 'online'
        ? rand() < 0.85
          ? ('online' as const)
          : ('app' as const)
        : rand() < 0.6
          ? ('window' as const)
          : ('sms' as const);
    if (s <= 2) badOf.push({ index: evaluations.length, caseIndex: i });
    evaluations.push({
      caseId: caseIds[i],
      channel,
      score: s,
      tags: s <= 2 ? [pick(NEGATIVE)] : s >= 4 ? [pick(POSITIVE)] : [],
      comment: s <= 2 ? pick(BAD_COMMENTS) : null,
      itemId: c.itemId,
      departmentId: c.departmentId,
      regionCode,
      hallId: channel === 'window' ? c.hallId : null,
      windowId: channel === 'window' ? c.windowId : null,
      staffIds: [...new Set([c.acceptClerkId, c.handlerId].filter((x): x is string => !!x))],
      raterAccountId: who.accountId,
      createdAt,
    });
  });
  const evIds = await insertEvaluationRows(ctx, evaluations);
  // Every bad rating of the history went through the whole loop (回访, 核实, 整改, 反馈, 签核) and is closed, so no
  // department's rectification list or the sweep's warnings start with history; the indicators still count them.
  const rectifications: RectificationSeedRow[] = badOf.map(({ index }) => {
    const e = evaluations[index];
    const created = e.createdAt;
    const createdDay = shanghaiDate(created);
    // A rating of the last hours is called back and closed within the time there was.
    const room = Math.max(0, now.getTime() - created.getTime() - 60_000);
    const callbackAt = new Date(created.getTime() + Math.min((2 + Math.floor(rand() * 40)) * 3_600_000, room * 0.3));
    const closedAt = new Date(created.getTime() + Math.min((3 + Math.floor(rand() * 15)) * 86_400_000, room * 0.9));
    return {
      evaluationId: evIds[index],
      caseId: e.caseId,
      departmentId: e.departmentId,
      regionCode,
      status: 'closed',
      callbackDueOn: addWorkingDays(cal, createdDay, 2),
      dueOn: addWorkingDays(cal, createdDay, 15),
      callbackAt,
      createdAt: created,
      closing: { finding: rand() < 0.8 ? 'substantiated' : 'unsubstantiated', at: closedAt, by: handlers.get(e.departmentId) ?? null },
    };
  });
  await insertRectificationRows(ctx, rectifications);
  // Demo targets for this year, as 德昌县 set them in 2021, so the dashboard shows met and missed.
  await seedAssessmentTargets(ctx, regionCode, Number(today.slice(0, 4)), '演示目标（参照德昌县 2021 年考核目标）');
  await ctx.db
    .insertInto('settings')
    .values({
      key: `supervision.history.${regionCode}`,
      value: JSON.stringify({ seed, from: start, to: today, cases: rows.length, ratings: evaluations.length }),
    })
    .execute();
  return { skipped: false, cases: rows.length, ratings: evaluations.length, rectifications: rectifications.length, ms: Date.now() - t0 };
}
