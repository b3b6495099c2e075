import type { Kysely, Updateable } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB, RectificationsTable, RectificationStatus } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize, can, departmentListScope } from '../../platform/policies.ts';
import { findCase } from '../cases/index.ts';
import { actorName, supervisorsOf } from '../identity/index.ts';
import { smsPerson } from '../notifications/index.ts';
import { audit, notify } from './common.ts';
import { presentAppeal, presentEvaluation, presentRectification } from './present.ts';
import { evaluationResource } from './rating-service.ts';
import * as repo from './repo.ts';
import {
  isBad,
  type AppealBody,
  type AppealDecisionBody,
  type AppealQuery,
  type CallbackBody,
  type FeedbackBody,
  type RectificationQuery,
  type RectifyBody,
  type SignOffBody,
  type VerifyBody,
} from './schema.ts';

/**
 * The bad-rating loop (差评整改): 回访 (callback) → 核实 (verification) → 整改 (rectification,
 * skipped when the rating proves unfounded) → 反馈 (feedback to the rater) → 签核 (a supervisor's
 * sign-off; returning it sends it back to 整改). Each step is one transaction with the version check,
 * a timeline entry and an audit event. Appeals (申诉) by the staff a rating names; a supervisor's
 * decision to uphold one excludes the rating from statistics and voids its rectification.
 */

type Step = 'callback' | 'verify' | 'rectify' | 'feedback' | 'signOff';

/** The state table of a rectification: the states each step starts from. */
export const rectificationSteps: Record<Step, { from: RectificationStatus[]; by: 'department' | 'supervisor' }> = {
  callback: { from: ['open'], by: 'department' },
  verify: { from: ['verifying'], by: 'department' },
  rectify: { from: ['rectifying'], by: 'department' },
  feedback: { from: ['feedback'], by: 'department' },
  signOff: { from: ['signOff'], by: 'supervisor' },
};

const deptResource = (r: { department_id: string; region_code: string }) => ({
  type: 'department' as const,
  id: r.department_id,
  regionCode: r.region_code,
});

/** Steps the actor may take now (the screens show these). */
export function allowedSteps(actor: Actor, r: { status: RectificationStatus; department_id: string; region_code: string }): Step[] {
  return (Object.keys(rectificationSteps) as Step[]).filter(
    (s) =>
      rectificationSteps[s].from.includes(r.status) &&
      can(actor, rectificationSteps[s].by === 'department' ? 'rectification.handle' : 'rectification.signOff', deptResource(r)),
  );
}

type StepEffect = {
  patch: Updateable<RectificationsTable>;
  to: RectificationStatus;
  note: string | null;
  data?: unknown;
  after?: (trx: Kysely<DB>, r: { id: string; case_id: string | null }) => Promise<void>;
};

async function runStep(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  step: Step,
  run: (r: NonNullable<Awaited<ReturnType<typeof repo.lockRectification>>>, now: Date) => Promise<StepEffect> | StepEffect,
) {
  const peek = await repo.findRectificationView(ctx.db, id);
  if (!peek) throw new AppError('RECTIFICATION_NOT_FOUND');
  authorize(actor, 'rectification.read', deptResource(peek), 'RECTIFICATION_NOT_FOUND');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const r = (await repo.lockRectification(trx, id))!;
    if (!can(actor, rectificationSteps[step].by === 'department' ? 'rectification.handle' : 'rectification.signOff', deptResource(r))) {
      throw new AppError('RECTIFICATION_ROLE_REQUIRED', { step, by: rectificationSteps[step].by });
    }
    // Closing needs a callback first: said precisely, before the state check.
    if (step === 'signOff' && r.callback_at === null) throw new AppError('RECTIFICATION_CALLBACK_REQUIRED');
    if (r.version !== version) throw new AppError('VERSION_CONFLICT', { currentVersion: r.version });
    if (!rectificationSteps[step].from.includes(r.status))
      throw new AppError('RECTIFICATION_STATE_INVALID', { step, status: r.status, allowedFrom: rectificationSteps[step].from });
    const effect = await run(r, now);
    const updated = await repo.updateRectification(trx, r.id, r.version, { ...effect.patch, status: effect.to }, now);
    if (!updated) throw new AppError('VERSION_CONFLICT', { currentVersion: r.version });
    const name = await actorName(trx, actor);
    await repo.insertRectificationEvent(trx, {
      rectification_id: r.id,
      at: now,
      action: step,
      from_status: r.status,
      to_status: effect.to,
      actor_id: actor.accountId,
      actor_name: name,
      note: effect.note,
    });
    await audit(
      ctx,
      trx,
      actor,
      `rectification.${step}`,
      'rectification',
      r.id,
      { status: r.status, version: r.version },
      { status: effect.to, version: updated.version, ...(effect.data ? { data: effect.data } : {}) },
    );
    await effect.after?.(trx, r);
  });
  return getRectification(ctx, actor, id);
}

/** 回访: the department calls the rater back (within the configured working days). */
export function recordCallback(ctx: AppContext, actor: Actor, id: string, version: number, b: CallbackBody) {
  return runStep(ctx, actor, id, version, 'callback', (_r, now) => ({
    to: 'verifying',
    note: b.summary,
    data: { method: b.method, reached: b.reached },
    patch: {
      callback_at: now,
      callback_by: actor.accountId,
      callback_method: b.method,
      callback_reached: b.reached,
      callback_summary: b.summary,
    },
  }));
}

/** 核实: the finding decides whether a rectification is needed; an unfounded rating goes straight to the explanation (反馈). */
export function verifyRectification(ctx: AppContext, actor: Actor, id: string, version: number, b: VerifyBody) {
  return runStep(ctx, actor, id, version, 'verify', (_r, now) => ({
    to: b.finding === 'unsubstantiated' ? 'feedback' : 'rectifying',
    note: b.note,
    data: { finding: b.finding },
    patch: { finding: b.finding, verification: b.note, verified_at: now, verified_by: actor.accountId },
  }));
}

/** 整改: the measures taken. */
export function recordRectification(ctx: AppContext, actor: Actor, id: string, version: number, b: RectifyBody) {
  return runStep(ctx, actor, id, version, 'rectify', (_r, now) => ({
    to: 'feedback',
    note: b.measures,
    patch: { measures: b.measures, rectified_at: now, rectified_by: actor.accountId },
  }));
}

/** 反馈: the result is told to the rater (in-app, and by SMS to a case's applicant); then it waits for the sign-off. */
export function recordFeedback(ctx: AppContext, actor: Actor, id: string, version: number, b: FeedbackBody) {
  return runStep(ctx, actor, id, version, 'feedback', (r, now) => ({
    to: 'signOff',
    note: b.text,
    patch: { feedback: b.text, feedback_at: now, feedback_by: actor.accountId },
    after: async (trx) => {
      const e = (await repo.findEvaluation(trx, r.evaluation_id))!;
      const c = e.case_id ? await findCase(trx, e.case_id) : undefined;
      const title = '您的评价已处理';
      const body = `${c ? `“${c.item_name}”（${c.number}）` : '您在窗口'}的评价已处理：${b.text}`;
      await notify(trx, [e.rater_account_id], { caseId: e.case_id, kind: 'evaluation.feedback', title, body });
      if (c) await smsPerson(ctx, trx, c.applicant_person_id, `${title}：${body}`.slice(0, 296), 'evaluation.feedback');
    },
  }));
}

/** 签核: a supervisor of the region closes it, or returns it to 整改 with a reason. Needs the callback. */
export function signOffRectification(ctx: AppContext, actor: Actor, id: string, version: number, b: SignOffBody) {
  return runStep(ctx, actor, id, version, 'signOff', (r, now) => ({
    to: b.approved ? 'closed' : 'rectifying',
    note: b.comment ?? null,
    data: { approved: b.approved },
    patch: b.approved
      ? { signoff_comment: b.comment ?? null, signed_off_at: now, signed_off_by: actor.accountId }
      : { signoff_comment: b.comment ?? null },
    after: async (trx) => {
      if (b.approved) return;
      const staff = (await repo.departmentStaff(trx, r.department_id)).map((s) => s.id);
      await notify(trx, staff, {
        caseId: r.case_id,
        kind: 'rectification.returned',
        title: '差评整改被退回',
        body: `整改未通过签核：${b.comment}`,
      });
    },
  }));
}

export async function getRectification(ctx: AppContext, actor: Actor, id: string) {
  const r = await repo.findRectificationView(ctx.db, id);
  if (!r) throw new AppError('RECTIFICATION_NOT_FOUND');
  authorize(actor, 'rectification.read', deptResource(r), 'RECTIFICATION_NOT_FOUND');
  const e = (await repo.findEvaluationView(ctx.db, r.evaluation_id))!;
  const today = shanghaiDate(ctx.now());
  const events = await repo.listRectificationEvents(ctx.db, id);
  return {
    ...presentRectification(r, today, allowedSteps(actor, r)),
    evaluation: presentEvaluation(e, await repo.accountNames(ctx.db, e.staff_ids)),
    events: events.map((x) => ({
      at: new Date(x.at).toISOString(),
      action: x.action,
      fromStatus: x.from_status,
      toStatus: x.to_status,
      actorName: x.actor_name,
      note: x.note,
    })),
  };
}

/** Staff: their department's rectifications; supervisors: the region's. */
export async function listRectifications(ctx: AppContext, actor: Actor, q: RectificationQuery) {
  const scope = departmentListScope(actor);
  if (!scope) throw new AppError('FORBIDDEN');
  const today = shanghaiDate(ctx.now());
  const { items, total } = await repo.listRectifications(ctx.db, scope, {
    status: q.status,
    overdueOn: q.overdue === 'true' ? today : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: items.map((r) => presentRectification(r, today, allowedSteps(actor, r))), total };
}

// ───────────────────────── appeals (申诉)

/** 申诉: only staff the rating names, only against a bad rating, once per rating. */
export async function fileAppeal(ctx: AppContext, actor: Actor, evaluationId: string, b: AppealBody) {
  const e = await repo.findEvaluation(ctx.db, evaluationId);
  if (!e) throw new AppError('EVALUATION_NOT_FOUND');
  authorize(actor, 'evaluation.read', evaluationResource(e), 'EVALUATION_NOT_FOUND');
  if (!can(actor, 'evaluation.appeal', evaluationResource(e))) throw new AppError('APPEAL_NOT_INVOLVED');
  if (!isBad(e.score)) throw new AppError('APPEAL_NOT_BAD_RATING');
  const now = ctx.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findAppealOfEvaluation(trx, e.id)) throw new AppError('APPEAL_EXISTS');
    let a: Awaited<ReturnType<typeof repo.insertAppeal>>;
    try {
      a = await repo.insertAppeal(trx, {
        evaluation_id: e.id,
        department_id: e.department_id,
        region_code: e.region_code,
        appellant_id: actor.accountId,
        kind: b.kind,
        reason: b.reason,
        created_at: now,
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new AppError('APPEAL_EXISTS');
      throw err;
    }
    await audit(ctx, trx, actor, 'appeal.file', 'appeal', a.id, null, { evaluationId: e.id, kind: b.kind });
    const supervisors = (await supervisorsOf(trx, e.region_code)).map((s) => s.id);
    await notify(trx, supervisors, {
      caseId: e.case_id,
      kind: 'appeal.filed',
      title: '收到差评申诉，请审核',
      body: `工作人员对一条差评提出申诉：${b.reason}`,
    });
    return a.id;
  });
  return getAppeal(ctx, actor, id);
}

const appealResource = (a: { department_id: string; region_code: string }) => deptResource(a);

export async function getAppeal(ctx: AppContext, actor: Actor, id: string) {
  const a = await repo.findAppealView(ctx.db, id);
  if (!a) throw new AppError('APPEAL_NOT_FOUND');
  if (a.appellant_id !== actor.accountId) authorize(actor, 'rectification.read', appealResource(a), 'APPEAL_NOT_FOUND');
  return presentAppeal(a);
}

/** A supervisor decides: upheld → the rating is excluded from statistics and its rectification voided (both audited). */
export async function decideAppeal(ctx: AppContext, actor: Actor, id: string, version: number, b: AppealDecisionBody) {
  const peek = await repo.findAppealView(ctx.db, id);
  if (!peek) throw new AppError('APPEAL_NOT_FOUND');
  if (peek.appellant_id !== actor.accountId) authorize(actor, 'rectification.read', appealResource(peek), 'APPEAL_NOT_FOUND');
  authorize(actor, 'appeal.decide', appealResource(peek));
  if (peek.appellant_id === actor.accountId) throw new AppError('FORBIDDEN', { reason: 'own appeal' });
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const a = (await repo.lockAppeal(trx, id))!;
    if (a.status !== 'pending') throw new AppError('APPEAL_ALREADY_DECIDED', { status: a.status });
    if (a.version !== version) throw new AppError('VERSION_CONFLICT', { currentVersion: a.version });
    const status = b.upheld ? ('upheld' as const) : ('rejected' as const);
    await repo.updateAppeal(trx, a.id, a.version, { status, decided_by: actor.accountId, decided_at: now, decision_comment: b.comment });
    await audit(ctx, trx, actor, 'appeal.decide', 'appeal', a.id, { status: a.status }, { status, comment: b.comment });
    const e = (await repo.findEvaluation(trx, a.evaluation_id))!;
    if (b.upheld) {
      await repo.excludeEvaluation(trx, e.id, actor.accountId, now);
      await audit(ctx, trx, actor, 'evaluation.exclude', 'evaluation', e.id, { excluded: e.excluded }, { excluded: true, appealId: a.id });
      const r = await repo.lockRectification(
        trx,
        (await repo.findRectificationOfEvaluation(trx, e.id))?.id ?? '00000000-0000-0000-0000-000000000000',
      );
      if (r && r.status !== 'closed' && r.status !== 'voided') {
        await repo.updateRectification(trx, r.id, r.version, { status: 'voided' }, now);
        const name = await actorName(trx, actor);
        await repo.insertRectificationEvent(trx, {
          rectification_id: r.id,
          at: now,
          action: 'void',
          from_status: r.status,
          to_status: 'voided',
          actor_id: actor.accountId,
          actor_name: name,
          note: `申诉成立：${b.comment}`,
        });
        await audit(
          ctx,
          trx,
          actor,
          'rectification.void',
          'rectification',
          r.id,
          { status: r.status },
          { status: 'voided', appealId: a.id },
        );
      }
    }
    await notify(trx, [a.appellant_id], {
      caseId: e.case_id,
      kind: 'appeal.decided',
      title: b.upheld ? '申诉成立' : '申诉不成立',
      body: b.comment,
    });
  });
  return getAppeal(ctx, actor, id);
}

export async function listAppeals(ctx: AppContext, actor: Actor, q: AppealQuery) {
  const scope = departmentListScope(actor);
  if (!scope) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listAppeals(
    ctx.db,
    { ...scope, accountId: actor.accountId },
    {
      status: q.status,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    },
  );
  return { items: items.map(presentAppeal), total };
}
