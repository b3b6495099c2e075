import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.ts';
import { hasRole, type Actor, type Role } from '../../platform/actor.ts';
import { addWorkingDays } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/policies.ts';
import { findAccountName, staffOfDepartment, actorName } from '../identity/index.ts';
import { issueLicense, withdrawLicenseOfCase } from '../licenses/index.ts';
import { decryptForm } from './create-case.ts';
import { guideOf } from './guide.ts';
import { appendAudit, caseAuditEvent, clockOf, currentStep, runAction, type Effect, type Notice } from './engine.ts';
import { enterStep } from './countersign-service.ts';
import { assertAllowed } from './guards.ts';
import * as repo from './repo.ts';
import { metByCaseMaterials, missingRequirements, withCommitments } from './requirements.ts';
import { caseResource, type CaseRow } from './resource.ts';
import type * as s from './schema.ts';
import type { CaseAction } from './workflow.ts';

/** Statutory remedies told with every refusal (行政复议法 Art. 20, 行政诉讼法 Art. 46). */
export const defaultRemedies = '如对本决定不服，可以自收到本决定之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。';

export const specialKindNames: Record<s.SpecialKind, string> = {
  hearing: '听证',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expertReview: '专家评审',
  publicNotice: '公示',
  bidding: '招标',
  auction: '拍卖',
};

/** Runs a staff action: the guard (policy + step role) first, then the action. */
function staffAction(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  version: number,
  action: CaseAction,
  run: Parameters<typeof runAction>[5]['run'],
) {
  return runAction(ctx, actor, caseId, version, action, { authorize: (c) => assertAllowed(actor, c, action), run });
}

const stepKeyOf = (c: CaseRow) => currentStep(c).step.key;

/** Takes the case (认领): in the acceptance step, submitted → prereview. */
export function claimCase(ctx: AppContext, actor: Actor, id: string, version: number) {
  return staffAction(ctx, actor, id, version, 'claim', (c): Effect => {
    const acceptPhase = ['submitted', 'prereview', 'correction'].includes(c.status);
    return {
      to: c.status === 'submitted' ? 'prereview' : undefined,
      stepKey: stepKeyOf(c),
      internal: c.status !== 'submitted',
      patch: { handler_id: actor.accountId, ...(acceptPhase ? { accept_clerk_id: actor.accountId } : {}) },
    };
  });
}

/** 受理, optionally 容缺: deferred materials get a commitment with a supply deadline; the clock starts the next day. */
export function acceptCase(ctx: AppContext, actor: Actor, id: string, version: number, input: s.AcceptBody) {
  return staffAction(ctx, actor, id, version, 'accept', async (c, { trx, now, today, calendar }) => {
    const g = await guideOf(trx, c);
    const situation = g.situations.find((x) => x.key === c.situation_key)!;
    const keys = input.deferred.map((d) => d.requirementKey);
    const notDeferrable = keys.filter((k) => !situation.materialKeys.includes(k) || !g.materials.find((m) => m.key === k)?.deferrable);
    if (notDeferrable.length) throw new AppError('CASE_NOT_DEFERRABLE', { keys: notDeferrable });
    const caseMaterials = await repo.listCaseMaterials(trx, c.id);
    // Files, 免提交 licenses, results shared within a bundle and signed 告知承诺 all count (one definition: requirements.ts).
    const conditions = (await repo.listCommitments(trx, c.id)).filter((x) => x.kind === 'condition').map((x) => x.subject_key);
    const met = withCommitments(g, metByCaseMaterials(caseMaterials), conditions);
    const missing = missingRequirements(g, c.situation_key, met, { deferrable: 'required', deferred: keys });
    if (missing.length) throw new AppError('CASE_MATERIALS_MISSING', { missing, hint: 'deferOrNotify' });
    const existing = new Set(caseMaterials.filter((m) => m.material_id).map((m) => m.requirement_key));
    const dueOn = addWorkingDays(calendar, today, input.supplyWithinDays);
    await repo.insertCommitments(
      trx,
      keys.map((k) => ({
        case_id: c.id,
        kind: 'deficiency' as const,
        subject_key: k,
        due_on: dueOn,
        text: `申请人承诺于${dueOn}前补交“${g.materials.find((m) => m.key === k)!.name}”；逾期未补交的，办件中止办理，由此产生的后果由申请人承担。`,
        status: input.signedOnSite ? ('pending' as const) : ('awaitingSignature' as const),
        signed_at: input.signedOnSite ? now : null,
        signed_by: input.signedOnSite ? actor.accountId : null,
      })),
    );
    await repo.setCaseMaterialStatus(
      trx,
      c.id,
      [...existing].filter((k) => !keys.includes(k)),
      'accepted',
      now,
    );
    await repo.upsertCaseMaterials(
      trx,
      c.id,
      keys.filter((k) => !existing.has(k)).map((k) => ({ requirement_key: k, material_id: null, status: 'deferred' as const })),
      now,
    );
    await repo.setCaseMaterialStatus(
      trx,
      c.id,
      keys.filter((k) => existing.has(k)),
      'deferred',
      now,
    );
    const patched = { ...c, accepted_on: today, step_index: 1 };
    const due = clockOf(calendar, patched, [], today)!.promisedDueOn;
    const dispatch = await dispatchToBackOffice(trx, actor, c);
    const entered = await enterStep(trx, c, 1, { today, calendar, now });
    return {
      stepKey: stepKeyOf(c),
      clock: true,
      data: { deferred: keys, supplyDueOn: keys.length ? dueOn : undefined, ...dispatch.data, ...entered.data },
      patch: {
        accepted_at: now,
        accepted_on: today,
        step_index: 1,
        handler_id: null,
        accept_clerk_id: actor.accountId,
        deficiency_open: keys.length > 0,
        ...dispatch.patch,
        ...entered.patch,
      },
      notify: [
        {
          to: 'applicant',
          kind: 'accepted',
          sms: true,
          title: '申请已受理',
          body: `“${c.item_name}”（${c.number}）已受理，承诺于${due}前办结。${keys.length ? `请于${dueOn}前补交容缺材料。` : ''}`,
        },
        ...dispatch.notify,
        ...entered.notify,
      ],
    };
  });
}

/**
 * 前台综合受理、后台分类审批: a case accepted at a window is recorded against that window and, when the
 * accepting clerk is not of the owning department, dispatched to the department's back office (its staff
 * holding the next step's role are told). The case already belongs to its department; this records and announces it.
 */
async function dispatchToBackOffice(trx: Kysely<DB>, actor: Actor, c: CaseRow) {
  const windowId = c.window_id ?? actor.window?.id ?? null;
  const patch = windowId && !c.window_id ? { window_id: windowId } : {};
  if (actor.departmentId === c.department_id) return { patch, data: windowId ? { windowId } : {}, notify: [] as Notice[] };
  const { steps } = currentStep(c);
  const next = steps[Math.min(1, steps.length - 1)];
  const staff = await staffOfDepartment(trx, c.department_id, [next.role]);
  return {
    patch,
    data: { windowId, dispatchedTo: c.department_id },
    notify: staff.map(
      (s): Notice => ({
        to: { accountId: s.id },
        kind: 'dispatched',
        title: '综合窗口已受理，请审查',
        body: `“${c.item_name}”（${c.number}）已由综合窗口受理，转本部门${next.name}。`,
      }),
    ),
  };
}

/** 一次性告知: every missing or wrong material in one notice; the case waits for the applicant (补正). */
export function notifyDeficiency(ctx: AppContext, actor: Actor, id: string, version: number, input: s.NoticeBody) {
  return staffAction(ctx, actor, id, version, 'notifyDeficiency', async (c, { trx, now }) => {
    const g = await guideOf(trx, c);
    const situation = g.situations.find((x) => x.key === c.situation_key)!;
    const keys = input.items.map((i) => i.requirementKey);
    const bad = keys.filter((k, i) => !situation.materialKeys.includes(k) || keys.indexOf(k) !== i);
    if (bad.length) throw new AppError('CASE_NOTICE_INVALID', { requirementKeys: bad });
    const items = input.items.map((i) => ({ ...i, name: g.materials.find((m) => m.key === i.requirementKey)!.name }));
    await repo.insertNotice(trx, { case_id: c.id, issued_by: actor.accountId, issued_at: now, items, note: input.note ?? null });
    const existing = new Set((await repo.listCaseMaterials(trx, c.id)).map((m) => m.requirement_key));
    await repo.upsertCaseMaterials(
      trx,
      c.id,
      keys.filter((k) => !existing.has(k)).map((k) => ({ requirement_key: k, material_id: null, status: 'deficient' as const })),
      now,
    );
    await repo.setCaseMaterialStatus(
      trx,
      c.id,
      keys.filter((k) => existing.has(k)),
      'deficient',
      now,
    );
    const list = items
      .map((i, n) => `${n + 1}. ${i.name}（${i.problem === 'missing' ? '缺少' : '不符合要求'}${i.note ? `：${i.note}` : ''}）`)
      .join('；');
    return {
      stepKey: stepKeyOf(c),
      note: input.note ?? null,
      data: { items },
      patch: { handler_id: actor.accountId, accept_clerk_id: actor.accountId },
      notify: [
        {
          to: 'applicant',
          kind: 'correction',
          sms: true,
          title: '请补正申请材料（一次性告知）',
          body: `“${c.item_name}”（${c.number}）需补正：${list}`,
        },
      ],
    };
  });
}

/** 不予受理, with the written reason and the applicant's remedies. */
export function rejectCase(ctx: AppContext, actor: Actor, id: string, version: number, input: s.RejectBody) {
  return staffAction(ctx, actor, id, version, 'reject', (c, { now }) => {
    const remedies = input.remedies ?? defaultRemedies;
    return {
      stepKey: stepKeyOf(c),
      note: input.reason,
      data: { reason: input.reason, remedies },
      patch: { decision_reason: input.reason, completed_at: now, handler_id: actor.accountId, accept_clerk_id: actor.accountId },
      notify: [
        {
          to: 'applicant',
          kind: 'rejected',
          sms: true,
          title: '申请不予受理',
          body: `“${c.item_name}”（${c.number}）不予受理。理由：${input.reason}。${remedies}`,
        },
      ],
    };
  });
}

/** 即办件: accepted, decided and completed on the spot. */
export function handleImmediately(ctx: AppContext, actor: Actor, id: string, version: number, input: s.CommentBody) {
  return staffAction(ctx, actor, id, version, 'handleImmediately', async (c, { trx, now, today }) => {
    const { steps } = currentStep(c);
    const issued = await issueResult(ctx, trx, actor, { ...c, decision: 'approved' as const, decided_on: today }, true);
    const license = issued?.license;
    return {
      audit: issued?.audit,
      to: license ? 'issued' : 'completed',
      stepKey: stepKeyOf(c),
      clock: true,
      note: input.text ?? null,
      data: license ? { license: license.identifier } : undefined,
      patch: {
        accepted_at: now,
        accepted_on: today,
        decided_at: now,
        decided_on: today,
        decision: 'approved',
        completed_at: now,
        step_index: steps.length - 1,
        handler_id: actor.accountId,
        accept_clerk_id: actor.accountId,
        ...(c.window_id || !actor.window ? {} : { window_id: actor.window.id }),
      },
      notify: [
        {
          to: 'applicant',
          kind: license ? 'issued' : 'completed',
          sms: true,
          title: '已当场办结',
          body: `“${c.item_name}”（${c.number}）已当场办结${license ? `，电子证照已签发（${license.identifier}）` : ''}。`,
        },
      ],
    };
  });
}

/** One review step (审查): the opinion is recorded and the case moves to the next step. */
export function reviewCase(ctx: AppContext, actor: Actor, id: string, version: number, input: s.ReviewBody) {
  return staffAction(ctx, actor, id, version, 'review', async (c, { trx, now, today, calendar }) => {
    const entered = await enterStep(trx, c, c.step_index + 1, { today, calendar, now });
    return {
      stepKey: stepKeyOf(c),
      note: input.comment,
      data: { opinion: input.opinion, ...entered.data },
      patch: { step_index: c.step_index + 1, handler_id: null, ...entered.patch },
      notify: entered.notify,
    };
  });
}

/** 决定: approved or denied with reasons; not by a reviewer of the same case; waits for 容缺 materials. */
export function decideCase(ctx: AppContext, actor: Actor, id: string, version: number, input: s.DecideBody) {
  return staffAction(ctx, actor, id, version, 'decide', async (c, { trx, now, today }) => {
    const blockers = await repo.decisionBlockers(trx, c.id, actor.accountId);
    if (blockers.reviewed) throw new AppError('CASE_SAME_REVIEWER');
    if (blockers.openDeficiencies > 0) throw new AppError('CASE_COMMITMENT_PENDING');
    if (blockers.pendingCountersigns > 0) throw new AppError('CASE_COUNTERSIGN_PENDING');
    const { steps } = currentStep(c);
    if (c.commitment_mode && input.decision === 'approved') {
      const g = await guideOf(trx, c);
      const sampled = Math.random() < g.postCheckRatio;
      await repo.insertPostCheck(trx, {
        case_id: c.id,
        department_id: c.department_id,
        sampled,
        status: sampled ? 'pending' : 'notSampled',
      });
    }
    const approved = input.decision === 'approved';
    return {
      stepKey: steps[steps.length - 1].key,
      clock: true,
      note: input.reason ?? null,
      data: { decision: input.decision, chiefRepresentative: !hasRole(actor, steps[steps.length - 1].role as Role) },
      patch: {
        decision: input.decision,
        decision_reason: input.reason ?? null,
        decided_at: now,
        decided_on: today,
        step_index: steps.length - 1,
        handler_id: actor.accountId,
      },
      notify: [
        {
          to: 'applicant',
          kind: 'decided',
          sms: true,
          title: approved ? '申请已获准予' : '申请未获准予',
          body: `“${c.item_name}”（${c.number}）${approved ? '已作出准予决定' : `决定不予许可。理由：${input.reason}。${defaultRemedies}`}`,
        },
      ],
    };
  });
}

/** The license an approved case's result names (制证), issued by the licenses module with the department's seal; null when the result is no license. */
async function issueResult(ctx: AppContext, trx: Kysely<DB>, actor: Actor, c: CaseRow, immediate = false) {
  const g = await guideOf(trx, c);
  if (g.result.type !== 'license' || !g.result.licenseType || c.decision !== 'approved') return null;
  return issueLicense(ctx, trx, actor, {
    caseId: c.id,
    departmentId: c.department_id,
    itemId: c.item_id,
    itemName: c.item_name,
    caseNumber: c.number,
    decidedOn: c.decided_on,
    immediate,
    licenseType: g.result.licenseType,
    applicant: { personId: c.applicant_person_id, organizationId: c.applicant_organization_id, nameMasked: c.applicant_name_masked },
    formData: decryptForm(ctx, c),
  });
}

/** 办结; with a license result, 制证 at once. */
export function completeCase(ctx: AppContext, actor: Actor, id: string, version: number) {
  return staffAction(ctx, actor, id, version, 'complete', async (c, { trx, now }) => {
    const issued = await issueResult(ctx, trx, actor, c);
    const license = issued?.license;
    return {
      audit: issued?.audit,
      to: license ? 'issued' : 'completed',
      patch: { completed_at: now },
      data: license ? { license: license.identifier } : undefined,
      notify: [
        {
          to: 'applicant',
          kind: license ? 'issued' : 'completed',
          sms: true,
          title: license ? '电子证照已签发' : '办件已办结',
          body: `“${c.item_name}”（${c.number}）已办结${license ? `，电子证照已签发，可在“我的证照”查看（证照标识 ${license.identifier}）` : c.decision === 'approved' ? '，可下载决定书' : ''}。`,
        },
      ],
    };
  });
}

/** 特别程序 (听证、检验、检测、鉴定、专家评审、公示…): the clock stops; the applicant is told in writing. */
export function startSpecialProcedure(ctx: AppContext, actor: Actor, id: string, version: number, input: s.SpecialBody) {
  return staffAction(ctx, actor, id, version, 'startSpecial', async (c, { trx, now, today }) => {
    await repo.openSuspension(trx, {
      case_id: c.id,
      kind: 'special',
      special_kind: input.kind,
      reason: input.reason,
      started_on: today,
      started_at: now,
      started_by: actor.accountId,
    });
    const name = specialKindNames[input.kind];
    return {
      clock: true,
      note: input.reason,
      data: { kind: input.kind, expectedDays: input.expectedDays },
      patch: { resume_status: c.status },
      notify: [
        {
          to: 'applicant',
          kind: 'special',
          sms: true,
          title: `办件进入特别程序（${name}）`,
          body: `“${c.item_name}”（${c.number}）需${name}，所需时间不计入办理时限。原因：${input.reason}`,
        },
      ],
    };
  });
}

export function endSpecialProcedure(ctx: AppContext, actor: Actor, id: string, version: number, input: s.CommentBody) {
  return staffAction(ctx, actor, id, version, 'endSpecial', async (c, { trx, now, today }) => {
    const closed = await repo.closeSuspension(trx, c.id, today, now);
    return {
      clock: true,
      note: input.text ?? null,
      data: { from: closed?.started_on, to: today },
      patch: { resume_status: null },
      notify: [
        {
          to: 'applicant',
          kind: 'specialEnded',
          title: '特别程序已结束',
          body: `“${c.item_name}”（${c.number}）特别程序已结束，恢复计时。`,
        },
      ],
    };
  });
}

/** The extension the item's guide allows (25.8): days, the approving role and level, the legal basis. */
const extensionRule = async (trx: Kysely<DB>, c: CaseRow) => (await guideOf(trx, c)).extension;

/** Asks for the extension the item's law allows (行政许可法 Art. 42: 10 working days); someone else of the named level approves. */
export function requestExtension(ctx: AppContext, actor: Actor, id: string, version: number, input: s.ReasonBody) {
  return staffAction(ctx, actor, id, version, 'requestExtension', async (c, { trx }) => {
    if (c.extension_status !== 'none') throw new AppError('CASE_EXTENSION_INVALID', { extensionStatus: c.extension_status });
    const rule = await extensionRule(trx, c);
    if (rule.days === 0) throw new AppError('CASE_EXTENSION_NOT_ALLOWED', { basis: rule.basis });
    const approvers = await staffOfDepartment(trx, c.department_id, [rule.approverRole]);
    return {
      note: input.reason,
      internal: true,
      patch: { extension_status: 'requested', extension_reason: input.reason, extension_requested_by: actor.accountId },
      notify: approvers
        .filter((a) => a.id !== actor.accountId)
        .map((a) => ({
          to: { accountId: a.id },
          kind: 'extensionRequested',
          title: '延期审批申请',
          body: `“${c.item_name}”（${c.number}）申请延长${rule.days}个工作日，请${rule.approverLevel}审批：${input.reason}`,
        })),
    };
  });
}

/** The approver the guide names (not the requester) approves or refuses; approved, the limit grows by the guide's days. */
export function decideExtension(ctx: AppContext, actor: Actor, id: string, version: number, input: s.ExtensionDecisionBody) {
  return staffAction(ctx, actor, id, version, 'decideExtension', async (c, { trx }) => {
    if (c.extension_status !== 'requested' || c.extension_requested_by === actor.accountId) {
      throw new AppError('CASE_EXTENSION_INVALID', {
        extensionStatus: c.extension_status,
        ownRequest: c.extension_requested_by === actor.accountId,
      });
    }
    const rule = await extensionRule(trx, c);
    if (!hasRole(actor, rule.approverRole as Role))
      throw new AppError('CASE_ROLE_REQUIRED', { role: rule.approverRole, level: rule.approverLevel });
    if (!input.approve) return { note: input.comment ?? null, internal: true, patch: { extension_status: 'refused' } };
    return {
      clock: true,
      note: c.extension_reason,
      data: { extensionDays: rule.days, approvedBy: actor.accountId, basis: rule.basis },
      patch: { extension_status: 'approved', extension_days: rule.days },
      notify: [
        {
          to: 'applicant',
          kind: 'extended',
          sms: true,
          title: '办理时限延长',
          body: `“${c.item_name}”（${c.number}）经${rule.approverLevel}批准延长${rule.days}个工作日（依据：${rule.basis}）。理由：${c.extension_reason}`,
        },
      ],
    };
  });
}

/** Hands the case to a colleague of the department who holds the current step's role, with a reason. */
export function transferCase(ctx: AppContext, actor: Actor, id: string, version: number, input: s.TransferBody) {
  return staffAction(ctx, actor, id, version, 'transfer', async (c, { trx }) => {
    const to = await findAccountName(trx, input.assigneeId);
    const { step } = currentStep(c);
    const acceptPhase = ['submitted', 'prereview', 'correction'].includes(c.status);
    const role = (acceptPhase ? 'clerk' : step.role) as Role;
    const ok =
      to &&
      to.kind === 'staff' &&
      to.status === 'active' &&
      to.department_id === c.department_id &&
      (to.roles.includes(role) || (step.kind === 'decide' && to.roles.includes('chiefRepresentative')));
    if (!ok) throw new AppError('CASE_ASSIGNEE_INVALID', { role });
    return {
      note: input.reason,
      internal: true,
      data: { to: to.id, toName: to.display_name },
      patch: { handler_id: to.id, ...(acceptPhase ? { accept_clerk_id: to.id } : {}) },
      notify: [
        { to: { accountId: to.id }, kind: 'assigned', title: '有办件转交给您', body: `“${c.item_name}”（${c.number}）：${input.reason}` },
      ],
    };
  });
}

/** 告知承诺 事后核查: a failed check revokes the result. */
export function recordPostCheck(ctx: AppContext, actor: Actor, id: string, version: number, input: s.PostCheckBody) {
  return staffAction(ctx, actor, id, version, 'postCheck', async (c, { trx, now }) => {
    const done = await repo.recordPostCheck(trx, c.id, {
      status: input.passed ? 'passed' : 'failed',
      checked_by: actor.accountId,
      checked_at: now,
      findings: input.findings,
    });
    if (!done) throw new AppError('CASE_STATE_INVALID', { action: 'postCheck', status: c.status, reason: 'noPendingPostCheck' });
    if (input.passed) return { note: input.findings, data: { passed: true } };
    // The result's license goes with it: revoked, or suspended pending a decision where the guide says so (25.3).
    const mode = (await guideOf(trx, c)).postCheckOnFailure;
    const license = await withdrawLicenseOfCase(trx, actor, c.id, { mode, reason: `告知承诺核查不实：${input.findings}` });
    const suspended = mode === 'suspend';
    const what = license ? `电子证照（${license.identifier}）${suspended ? '已暂停使用，待作出处理决定' : '同时撤销'}` : '';
    return {
      to: suspended ? c.status : 'revoked',
      note: input.findings,
      data: { passed: false, ...(license ? { license: license.identifier, licenseStatus: license.status } : {}) },
      audit: license ? [license.audit] : [],
      notify: [
        {
          to: 'applicant',
          kind: suspended ? 'suspended' : 'revoked',
          sms: true,
          title: suspended ? '审批结果暂停' : '审批结果已撤销',
          body: `“${c.item_name}”（${c.number}）经核查承诺内容与实际不符，${suspended ? '暂停' : '依法撤销'}。${what ? `${what}。` : ''}核查意见：${input.findings}。${defaultRemedies}`,
        },
      ],
    };
  });
}

/** An internal comment on the timeline; it changes nothing else, so no version is needed. */
export async function commentOnCase(ctx: AppContext, actor: Actor, id: string, text: string) {
  const c = await repo.findCase(ctx.db, id);
  if (!c) throw new AppError('CASE_NOT_FOUND');
  authorize(actor, 'case.read', caseResource(c), 'CASE_NOT_FOUND');
  authorize(actor, 'case.handle', caseResource(c));
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const name = await actorName(trx, actor);
    await repo.insertEvent(trx, {
      case_id: c.id,
      at: now,
      action: 'comment',
      from_status: c.status,
      to_status: c.status,
      actor_id: actor.accountId,
      actor_name: name,
      note: text,
      internal: true,
    });
    await appendAudit(ctx, trx, [caseAuditEvent(actor, 'comment', c.id, undefined, undefined)]);
  });
}

/** 统一出件: the clerk at the pickup window hands the result over and records who received it (办结/制证 → 送达). */
export function handOverCase(ctx: AppContext, actor: Actor, id: string, version: number, input: s.HandOverBody) {
  return staffAction(ctx, actor, id, version, 'handOver', (c) => ({
    note: input.note ?? null,
    data: { windowId: actor.window?.id ?? null, recipientName: input.recipientName, method: input.method },
    notify: [
      {
        to: 'applicant',
        kind: 'delivered',
        title: '办理结果已领取',
        body: `“${c.item_name}”（${c.number}）的办理结果已${input.method === 'express' ? '寄出' : '在统一出件窗口交付'}。`,
      },
    ],
  }));
}
