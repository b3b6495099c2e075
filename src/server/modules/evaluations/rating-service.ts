import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { addWorkingDays, shanghaiDate, type WorkingCalendar } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sm3Hex } from '../../platform/crypto.ts';
import type { DB, EvaluationChannel } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize, can, departmentListScope, isHallClerk } from '../../platform/policies.ts';
import { loadCalendar } from '../calendar/index.ts';
import { type CaseRow, caseResource, findCase } from '../cases/index.ts';
import { findAccountName, supervisorsOf } from '../identity/index.ts';
import { smsPerson } from '../notifications/index.ts';
import { audit, isComplete, isUniqueViolation, loadSettings, notify, ratingUrl } from './common.ts';
import { presentEvaluation } from './present.ts';
import * as repo from './repo.ts';
import {
  isBad,
  negativeTags,
  positiveTags,
  scoreNames,
  tagsFor,
  type EvaluationSettings,
  type MineQuery,
  type RateCaseBody,
  type RateTokenBody,
  type StaffListQuery,
  type WindowTokenBody,
} from './schema.ts';

/**
 * 好差评: ratings of a completed case online (一事一评), of a window visit with a one-use code
 * (一次一评), and through the SMS link sent when a case completes. A bad rating (score ≤ 2) opens
 * the rectification of the responsible department in the same transaction.
 */

const tagCatalog = { positive: [...positiveTags], negative: [...negativeTags] };
const hashToken = (token: string) => sm3Hex(Buffer.from(token, 'utf8'));

/** The evaluation's fields that the policy reads. */
export function evaluationResource(e: {
  department_id: string;
  region_code: string;
  staff_ids: string[];
  rater_account_id: string | null;
}) {
  return {
    type: 'evaluation' as const,
    departmentId: e.department_id,
    regionCode: e.region_code,
    staffIds: e.staff_ids,
    raterAccountId: e.rater_account_id,
  };
}

function checkTags(score: number, tags: string[]) {
  const allowed = new Set(tagsFor(score));
  const bad = tags.filter((t, i) => !allowed.has(t) || tags.indexOf(t) !== i);
  if (bad.length) throw new AppError('EVALUATION_TAG_INVALID', { tags: bad, allowed: [...allowed] });
}

/** The case's window, once cases record the accepting window (cases.window_id); null before. */
const caseWindow = (c: CaseRow) => (c as CaseRow & { window_id?: string | null }).window_id ?? null;

/** What a rating of a case names: the item, the department, the region, the hall, the window and the staff who handled it. */
type Subject = {
  case_id: string | null;
  item_id: string | null;
  department_id: string;
  region_code: string;
  hall_id: string | null;
  window_id: string | null;
  staff_ids: string[];
};

async function caseSubject(trx: Kysely<DB>, c: CaseRow): Promise<Subject> {
  return {
    case_id: c.id,
    item_id: c.item_id,
    department_id: c.department_id,
    region_code: c.region_code,
    hall_id: c.hall_id,
    window_id: caseWindow(c),
    staff_ids: await repo.caseStaff(trx, c.id, c.accept_clerk_id),
  };
}

/**
 * Writes one evaluation and, for a bad one, its rectification (谁办理、谁负责: the department
 * responsible for the case or the visit) with the callback and rectification deadlines counted in
 * the region's working days; both audited; the department's staff and supervisors are told.
 */
export async function recordEvaluation(
  ctx: AppContext,
  trx: Kysely<DB>,
  actor: Actor | null,
  env: RecordingEnv,
  input: Subject & {
    channel: EvaluationChannel;
    score: number;
    tags: string[];
    comment: string | null;
    rater_account_id: string | null;
    token_id: string | null;
  },
) {
  const now = ctx.now();
  // One rating per case (its applicant's), across channels: online, the SMS link and a window code alike.
  const given = input.case_id ? await repo.findCaseEvaluation(trx, input.case_id) : undefined;
  if (given) throw new AppError('EVALUATION_DUPLICATE', { channel: given.channel });
  let e: Awaited<ReturnType<typeof repo.insertEvaluation>>;
  try {
    e = await repo.insertEvaluation(trx, { ...input, created_at: now });
  } catch (err) {
    // A concurrent rating of the same case committed first (through any channel).
    if (isUniqueViolation(err)) throw new AppError('EVALUATION_DUPLICATE');
    throw err;
  }
  await audit(ctx, trx, actor, 'evaluation.create', 'evaluation', e.id, null, {
    caseId: e.case_id,
    channel: e.channel,
    score: e.score,
    departmentId: e.department_id,
  });
  if (!isBad(e.score)) return e;

  const { settings, calendar: cal } = env;
  const today = shanghaiDate(now);
  const r = await repo.insertRectification(trx, {
    evaluation_id: e.id,
    case_id: e.case_id,
    department_id: e.department_id,
    region_code: e.region_code,
    status: 'open',
    callback_due_on: addWorkingDays(cal, today, settings.callbackWorkingDays),
    due_on: addWorkingDays(cal, today, settings.rectificationWorkingDays),
    created_at: now,
    updated_at: now,
  });
  await repo.insertRectificationEvent(trx, {
    rectification_id: r.id,
    at: now,
    action: 'open',
    from_status: null,
    to_status: 'open',
    actor_id: null,
    actor_name: '系统',
    note: `差评（${scoreNames[e.score].zh}）自动转办整改`,
  });
  await audit(ctx, trx, null, 'rectification.open', 'rectification', r.id, null, {
    evaluationId: e.id,
    departmentId: r.department_id,
    callbackDueOn: r.callback_due_on,
    dueOn: r.due_on,
  });
  const dept = await repo.findDepartment(trx, e.department_id);
  const staff = (await repo.departmentStaff(trx, e.department_id)).map((s) => s.id);
  const supervisors = (await supervisorsOf(trx, e.region_code)).map((s) => s.id);
  await notify(trx, [...staff, ...supervisors], {
    caseId: e.case_id,
    kind: 'rectification.open',
    title: '收到差评，请及时回访整改',
    body: `${dept?.name ?? ''}收到一条“${scoreNames[e.score].zh}”评价，请于${r.callback_due_on}前回访评价人，${r.due_on}前完成整改。`,
  });
  return e;
}

/** What recording needs from outside the transaction: the settings and the region's working calendar. */
export type RecordingEnv = { settings: EvaluationSettings; calendar: WorkingCalendar };
async function recordingEnv(ctx: AppContext, regionCode: string): Promise<RecordingEnv> {
  return { settings: await loadSettings(ctx.db), calendar: await loadCalendar(ctx, regionCode) };
}

/** Loads a case the actor may rate online: its party, complete. Others: 404 when they cannot see it, 403 when they can. */
async function rateableCase(ctx: AppContext, actor: Actor, caseId: string) {
  const c = await findCase(ctx.db, caseId);
  if (!c) throw new AppError('CASE_NOT_FOUND');
  authorize(actor, 'case.read', caseResource(c), 'CASE_NOT_FOUND');
  authorize(actor, 'case.applicantAct', caseResource(c));
  return c;
}

/** 一事一评: the case's party rates a completed case online; one rating per case, whatever the channel. */
export async function rateCase(ctx: AppContext, actor: Actor, input: RateCaseBody) {
  const peek = await rateableCase(ctx, actor, input.caseId);
  checkTags(input.score, input.tags);
  const env = await recordingEnv(ctx, peek.region_code);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const c = await findCase(trx, input.caseId);
    if (!c || !isComplete(c.status)) throw new AppError('EVALUATION_CASE_NOT_COMPLETE', { status: c?.status });
    const e = await recordEvaluation(ctx, trx, actor, env, {
      ...(await caseSubject(trx, c)),
      channel: input.channel,
      score: input.score,
      tags: input.tags,
      comment: input.comment ?? null,
      rater_account_id: actor.accountId,
      token_id: null,
    });
    return e.id;
  });
  return getEvaluation(ctx, actor, id);
}

/** Whether the actor may rate the case now, and the ratings already given (the case page's dialog). */
export async function caseEvaluationStatus(ctx: AppContext, actor: Actor, caseId: string) {
  const c = await findCase(ctx.db, caseId);
  if (!c) throw new AppError('CASE_NOT_FOUND');
  authorize(actor, 'case.read', caseResource(c), 'CASE_NOT_FOUND');
  const party = can(actor, 'case.applicantAct', caseResource(c));
  const rows = (await repo.listCaseEvaluations(ctx.db, caseId)).filter((e) => can(actor, 'evaluation.read', evaluationResource(e)));
  const names = await repo.accountNames(
    ctx.db,
    rows.flatMap((e) => e.staff_ids),
  );
  // Rated through any channel (the SMS link, a window code) counts, even when that rating is not the actor's to read.
  const rated = rows.length > 0 || (await repo.findCaseEvaluation(ctx.db, caseId)) !== undefined;
  const reason = !party ? ('notParty' as const) : !isComplete(c.status) ? ('notComplete' as const) : rated ? ('rated' as const) : null;
  return { canRate: reason === null, reason, evaluations: rows.map((e) => presentEvaluation(e, names)), tags: tagCatalog };
}

/**
 * 一次一评: the clerk's screen issues a one-use code for the visit at their window (shown as a QR
 * code or on the hall tablet). A new code for the window ends the earlier unused ones; a code
 * naming a case needs the case complete.
 */
export async function issueWindowToken(ctx: AppContext, actor: Actor, input: WindowTokenBody) {
  const w = await repo.findWindowWithHall(ctx.db, input.windowId);
  if (!w || w.hall_id !== actor.hallId) throw new AppError('EVALUATION_WINDOW_INVALID');
  authorize(actor, 'evaluation.issueToken', { type: 'region', code: w.region_code });
  const now = ctx.now();
  const settings = await loadSettings(ctx.db);
  const token = randomToken(24);
  const expiresAt = new Date(now.getTime() + settings.windowTokenMinutes * 60_000);
  await ctx.db.transaction().execute(async (trx) => {
    let subject: Subject = {
      case_id: null,
      item_id: null,
      department_id: w.department_id ?? actor.departmentId!,
      region_code: w.region_code,
      hall_id: w.hall_id,
      window_id: w.id,
      staff_ids: [actor.accountId],
    };
    let rater: string | null = null;
    if (input.caseId) {
      const c = await findCase(trx, input.caseId);
      if (!c || !can(actor, 'case.read', caseResource(c))) throw new AppError('CASE_NOT_FOUND');
      if (!isComplete(c.status)) throw new AppError('EVALUATION_CASE_NOT_COMPLETE', { status: c.status });
      const given = await repo.findCaseEvaluation(trx, c.id);
      if (given) throw new AppError('EVALUATION_DUPLICATE', { channel: given.channel });
      const s = await caseSubject(trx, c);
      subject = { ...s, hall_id: w.hall_id, window_id: w.id, staff_ids: [...new Set([actor.accountId, ...s.staff_ids])] };
      rater = c.applicant_account_id ?? null;
    }
    await repo.expireWindowTokens(trx, w.id, now);
    const t = await repo.insertToken(trx, {
      token_hash: hashToken(token),
      channel: 'window',
      ...subject,
      rater_account_id: rater,
      issued_by: actor.accountId,
      expires_at: expiresAt,
    });
    await audit(ctx, trx, actor, 'evaluation.token.issue', 'evaluationToken', t.id, null, {
      windowId: w.id,
      caseId: subject.case_id,
      expiresAt: expiresAt.toISOString(),
    });
  });
  return { token, url: ratingUrl(ctx, token), expiresAt: expiresAt.toISOString(), channel: 'window' as const };
}

/** The windows of the clerk's hall, for the one-visit code (一次一评). */
export async function listMyWindows(ctx: AppContext, actor: Actor) {
  if (!isHallClerk(actor) || !actor.hallId) return { items: [], total: 0 };
  const seated = await repo.seatedWindowOf(ctx.db, actor.accountId);
  const items = (await repo.listWindowsOfHall(ctx.db, actor.hallId)).map((w) => ({ ...w, seated: w.id === seated }));
  return { items, total: items.length };
}

/**
 * The consumer of the cases module's `case.completed` event: the in-app and SMS invitation to rate the case. One SMS
 * link per case (a unique row, so a retried job sends nothing twice); its code lets the applicant rate without logging
 * in, once. The case row is read, not locked: a complete case only leaves that state by a post-check's revocation.
 */
export async function sendRatingInvitation(ctx: AppContext, caseId: string): Promise<void> {
  const settings = await loadSettings(ctx.db);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const c = await findCase(trx, caseId);
    if (!c || !isComplete(c.status) || (await repo.findSmsToken(trx, c.id))) return;
    await invite(ctx, trx, c, settings, now);
  });
}

async function invite(ctx: AppContext, trx: Kysely<DB>, c: CaseRow, settings: EvaluationSettings, now: Date) {
  const token = randomToken(24);
  // The applicant rates, not the clerk or agent who filed for them (谁评价: the service's user).
  const rater = c.applicant_account_id ?? ((await findAccountName(trx, c.created_by))?.kind === 'applicant' ? c.created_by : null);
  await repo.insertToken(trx, {
    token_hash: hashToken(token),
    channel: 'sms',
    case_id: c.id,
    item_id: c.item_id,
    department_id: c.department_id,
    region_code: c.region_code,
    hall_id: c.hall_id,
    window_id: caseWindow(c),
    staff_ids: [],
    rater_account_id: rater,
    issued_by: null,
    expires_at: new Date(now.getTime() + settings.smsTokenDays * 86_400_000),
  });
  const title = '请对本次服务进行评价';
  const body = `“${c.item_name}”（${c.number}）已办结，欢迎对本次服务作出评价（好差评）`;
  await notify(trx, [rater], { caseId: c.id, kind: 'evaluation.invite', title, body: `${body}。` });
  await smsPerson(ctx, trx, c.applicant_person_id, `${body}：${ratingUrl(ctx, token)}`, 'evaluation.invite');
}

async function liveToken(db: Kysely<DB>, token: string, now: Date) {
  const t = await repo.findTokenView(db, hashToken(token));
  if (!t || t.used_at || new Date(t.expires_at) <= now) throw new AppError('EVALUATION_TOKEN_INVALID');
  return t;
}

/** What a rating code rates (public: the rating page shows it before the rater chooses). */
export async function readToken(ctx: AppContext, token: string) {
  const t = await liveToken(ctx.db, token, ctx.now());
  // A case already rated through another channel: say so before the rater chooses.
  const given = t.case_id ? await repo.findCaseEvaluation(ctx.db, t.case_id) : undefined;
  if (given) throw new AppError('EVALUATION_DUPLICATE', { channel: given.channel });
  let staffIds = t.staff_ids;
  if (t.case_id && t.channel === 'sms') staffIds = await repo.caseStaff(ctx.db, t.case_id, t.accept_clerk_id);
  const names = await repo.accountNames(ctx.db, staffIds);
  return {
    channel: t.channel,
    expiresAt: new Date(t.expires_at).toISOString(),
    itemName: t.item_name ?? t.case_item_name,
    caseNumber: t.case_number,
    departmentName: t.department_name,
    hallName: t.hall_name,
    windowName: t.window_name,
    staff: staffIds.map((id) => ({ name: names.get(id) ?? '' })).filter((s) => s.name),
    tags: tagCatalog,
  };
}

/** Rates with a one-use code (window visit or SMS link); no login needed. */
export async function rateWithToken(ctx: AppContext, actor: Actor | null, token: string, input: RateTokenBody) {
  checkTags(input.score, input.tags);
  const now = ctx.now();
  const env = await recordingEnv(ctx, (await liveToken(ctx.db, token, now)).region_code);
  return ctx.db.transaction().execute(async (trx) => {
    const t = await repo.lockTokenByHash(trx, hashToken(token));
    if (!t || t.used_at || new Date(t.expires_at) <= now) throw new AppError('EVALUATION_TOKEN_INVALID');
    let subject: Subject = {
      case_id: null,
      item_id: t.item_id,
      department_id: t.department_id,
      region_code: t.region_code,
      hall_id: t.hall_id,
      window_id: t.window_id,
      staff_ids: t.staff_ids,
    };
    if (t.case_id) {
      const c = await findCase(trx, t.case_id);
      if (!c || !isComplete(c.status)) throw new AppError('EVALUATION_CASE_NOT_COMPLETE', { status: c?.status });
      const s = await caseSubject(trx, c);
      subject = t.channel === 'window' ? { ...s, hall_id: t.hall_id, window_id: t.window_id, staff_ids: t.staff_ids } : s;
    }
    const rater = t.rater_account_id ?? (actor && actor.kind === 'applicant' ? actor.accountId : null);
    const e = await recordEvaluation(ctx, trx, actor, env, {
      ...subject,
      channel: t.channel,
      score: input.score,
      tags: input.tags,
      comment: input.comment ?? null,
      rater_account_id: rater,
      token_id: t.id,
    });
    await repo.useToken(trx, t.id, e.id, now);
    return { id: e.id, score: e.score, scoreName: scoreNames[e.score].zh, bad: isBad(e.score) };
  });
}

/** One evaluation, if the actor may see it. */
export async function getEvaluation(ctx: AppContext, actor: Actor, id: string) {
  const e = await repo.findEvaluationView(ctx.db, id);
  if (!e) throw new AppError('EVALUATION_NOT_FOUND');
  authorize(actor, 'evaluation.read', evaluationResource(e), 'EVALUATION_NOT_FOUND');
  return presentEvaluation(e, await repo.accountNames(ctx.db, e.staff_ids));
}

/** My ratings (citizens: only their own). */
export async function listMyEvaluations(ctx: AppContext, actor: Actor, q: MineQuery) {
  const { items, total } = await repo.listRaterEvaluations(ctx.db, actor.accountId, {
    caseId: q.caseId,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const names = await repo.accountNames(
    ctx.db,
    items.flatMap((e) => e.staff_ids),
  );
  return { items: items.map((e) => presentEvaluation(e, names)), total };
}

/** Staff: the department's ratings and those naming them; supervisors: the region's. */
export async function listStaffEvaluations(ctx: AppContext, actor: Actor, q: StaffListQuery) {
  const scope = departmentListScope(actor);
  if (!scope) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listScopedEvaluations(
    ctx.db,
    { ...scope, accountId: actor.accountId },
    {
      bad: q.bad === undefined ? undefined : q.bad === 'true',
      channel: q.channel,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    },
  );
  const names = await repo.accountNames(
    ctx.db,
    items.flatMap((e) => e.staff_ids),
  );
  return { items: items.map((e) => presentEvaluation(e, names)), total };
}
