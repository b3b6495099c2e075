import type { Actor } from '../../platform/actor.ts';
import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { AppError } from '../../platform/errors.ts';
import { LIST_COUNT_CAP } from '../../platform/http.ts';
import { authorize, can, caseQueueScope } from '../../platform/policies.ts';
import { loadCalendar } from '../calendar/index.ts';
import { canSeal, readLicenseForCase } from '../licenses/index.ts';
import { decryptForm } from './create-case.ts';
import { completeStatuses, finalStatuses } from './workflow.ts';
import { clockOf, currentStep } from './engine.ts';
import { guideOf } from './guide.ts';
import { allowedActions } from './guards.ts';
import { presentCaseSummary, presentClock } from './present.ts';
import { resolveCaseSearch } from './search.ts';
import * as lists from './list-repo.ts';
import * as repo from './repo.ts';
import { caseResource, type CaseRow } from './resource.ts';
import type { myCaseGroups } from './schema.ts';
import type { NoticeItem } from './schema.ts';
import type { CaseStatus } from '../../platform/db-types.ts';

/** A case the actor may read, or CASE_NOT_FOUND (another applicant's or department's case is not revealed). */
export async function readableCase(ctx: AppContext, actor: Actor, id: string): Promise<CaseRow> {
  const c = await repo.findCase(ctx.db, id);
  if (!c) throw new AppError('CASE_NOT_FOUND');
  authorize(actor, 'case.read', caseResource(c), 'CASE_NOT_FOUND');
  return c;
}

/**
 * 用证: staff handling a case read a license that met one of its requirements (免提交). Only staff who may handle the
 * case (its department, or the front desk while it is being accepted) and only a license this case uses.
 */
export async function useLicenseOfCase(ctx: AppContext, actor: Actor, caseId: string, identifier: string) {
  const c = await readableCase(ctx, actor, caseId);
  const r = caseResource(c);
  if (actor.kind !== 'staff' || !(can(actor, 'case.handle', r) || can(actor, 'case.accept', r)) || !can(actor, 'case.impartial', r))
    throw new AppError('CASE_NOT_FOUND');
  if (!(await repo.findLicenseUsedByCase(ctx.db, c.id, identifier))) throw new AppError('NOT_FOUND');
  // Personal data in full only to the deciding department while the case is open; masked to a front desk and afterwards.
  const full = can(actor, 'case.handle', r) && !finalStatuses.includes(c.status);
  return readLicenseForCase(ctx, actor, c, identifier, full);
}

/** Whether staff may see a material through a case that uses it (a case they may read): the materials module asks (wired in app.ts). */
export async function materialVisibleThroughCase(ctx: AppContext, actor: Actor, materialId: string): Promise<boolean> {
  const cases = await repo.casesUsingMaterial(ctx.db, materialId);
  return cases.some((c) => can(actor, 'case.read', caseResource(c)));
}

/** Documents a case has in its state. */
export function documentsOf(c: CaseRow, hasNotice: boolean): string[] {
  const docs = c.status === 'draft' ? [] : ['receipt'];
  if (c.accepted_on) docs.push('acceptance');
  if (hasNotice) docs.push('correction');
  if (c.status === 'rejected') docs.push('rejection');
  if (c.decision) docs.push('decision');
  return docs;
}

/** The whole case for its detail page: form (decrypted), materials by requirement, clock, notices, commitments, timeline, allowed actions. */
export async function getCaseDetail(ctx: AppContext, actor: Actor, id: string) {
  const staff = actor.kind === 'staff';
  // One round trip for the case and its parts; the guide (of an immutable version) and the calendar come from memory.
  const found = await repo.findCaseWithParts(ctx.db, id, staff);
  if (!found) throw new AppError('CASE_NOT_FOUND');
  const { case: c, materials, suspensions, notices, commitments, events, postCheck, reviewers, countersigns } = found;
  authorize(actor, 'case.read', caseResource(c), 'CASE_NOT_FOUND');
  const [g, calendar] = await Promise.all([guideOf(ctx.db, c), loadCalendar(ctx, c.region_code)]);
  // Only when the next step would seal a license (决定 made, or 即办 before acceptance) is the seal rule read.
  const sealing =
    g.result.type === 'license' && c.decision !== 'denied' && staff && ['decided', 'submitted', 'prereview'].includes(c.status);
  const sealRefused = sealing
    ? !(await canSeal(ctx, actor, { departmentId: c.department_id, itemId: c.item_id, immediate: c.decision === null }))
    : false;
  const today = shanghaiDate(ctx.now());
  const clock = clockOf(calendar, c, suspensions, today);
  const situation = g.situations.find((s) => s.key === c.situation_key);
  const byKey = new Map(materials.map((m) => [m.requirement_key, m]));
  const keys = [...new Set([...(situation?.materialKeys ?? []), ...materials.map((m) => m.requirement_key)])];
  const hasOpenDeficiency = commitments.some((x) => x.kind === 'deficiency' && x.status !== 'fulfilled');
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  return {
    ...presentCaseSummary(c),
    formData: decryptForm(ctx, c),
    workflow: currentStep(c).steps,
    materials: keys.map((k) => {
      const req = g.materials.find((m) => m.key === k);
      const m = byKey.get(k);
      return {
        requirementKey: k,
        name: req?.name ?? k,
        required: req?.required ?? false,
        deferrable: req?.deferrable ?? false,
        status: m?.status ?? null,
        note: m?.note ?? null,
        license: m?.license_identifier ? { identifier: m.license_identifier, typeName: m.license_type_name ?? '' } : null,
        material: m?.material_id
          ? {
              id: m.material_id,
              name: m.name,
              filename: m.filename,
              kind: m.kind,
              size: m.size === null ? null : Number(m.size),
              contentUrl: `/api/v1/materials/${m.material_id}/content`,
            }
          : null,
      };
    }),
    clock: presentClock(c, clock),
    notices: notices.map((n) => ({
      id: n.id,
      issuedAt: iso(n.issued_at)!,
      items: n.items as NoticeItem[],
      note: n.note,
      supplementedAt: iso(n.supplemented_at),
    })),
    commitments: commitments.map((x) => ({
      id: x.id,
      kind: x.kind,
      subjectKey: x.subject_key,
      text: x.text,
      dueOn: x.due_on,
      status: x.status,
      signedAt: iso(x.signed_at),
      fulfilledAt: iso(x.fulfilled_at),
    })),
    suspensions: suspensions.map((s) => ({
      kind: s.kind,
      specialKind: s.special_kind,
      reason: s.reason,
      startedOn: s.started_on,
      endedOn: s.ended_on,
    })),
    extension: {
      status: c.extension_status,
      reason: staff || c.extension_status === 'approved' ? c.extension_reason : null,
      days: c.extension_days,
      /** What the item's law allows (25.8): days, approver level and basis; days 0 = no extension. */
      allowance: { days: g.extension.days, approverLevel: g.extension.approverLevel, basis: g.extension.basis },
    },
    /** 会签: each department asked, its limit and its opinion (staff see them; the applicant sees who was asked and when). */
    countersigns: countersigns.map((x) => ({
      stepKey: x.step_key,
      departmentId: x.department_id,
      departmentName: x.department_name,
      dueOn: x.due_on,
      status: x.status,
      overdue: x.status === 'pending' && x.due_on < today && !finalStatuses.includes(c.status),
      opinion: staff ? x.opinion : null,
      comment: staff ? x.comment : null,
      signedByName: staff ? x.signed_by_name : null,
      signedAt: iso(x.signed_at),
    })),
    postCheck:
      postCheck && (staff || postCheck.status === 'failed')
        ? { sampled: postCheck.sampled, status: postCheck.status, findings: postCheck.findings }
        : null,
    decisionReason: c.decision_reason,
    timeline: events.map((e) => ({
      id: String(e.id),
      at: iso(e.at)!,
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorName: e.actor_name,
      stepKey: e.step_key,
      note: e.note,
      data: e.data,
      internal: e.internal,
    })),
    allowedActions: allowedActions(actor, c, {
      hasOpenDeficiency,
      hasOpenNotice: notices.some((n) => !n.supplemented_at),
      postCheckPending: postCheck?.status === 'pending',
      reviewers,
      countersignPending: countersigns.some(
        (x) => x.status === 'pending' && x.department_id === actor.departmentId && x.step_key === currentStep(c).step.key,
      ),
      countersignsOpen: countersigns.some((x) => x.status === 'pending'),
      sealRefused,
      extensionApproverRole: g.extension.approverRole,
      extensionDays: g.extension.days,
    }),
    documents: documentsOf(c, notices.length > 0),
    mandate: staff || c.agent_account_id === actor.accountId ? (c.mandate ?? null) : null,
  };
}

/** The statuses of each tab of 我的办件 (`group`); a status given with a group narrows it. */
const groupStatuses: Record<MyCaseGroup, CaseStatus[]> = {
  needsMe: ['draft', 'correction'],
  inProgress: ['waiting', 'submitted', 'prereview', 'accepted', 'review', 'special', 'suspended', 'decided'],
  done: ['completed', 'issued', 'delivered', 'rejected', 'withdrawn', 'revoked'],
  // 待评价: complete and not rated yet (the list's filter below).
  toRate: [...completeStatuses],
};
type MyCaseGroup = (typeof myCaseGroups)[number];

/** My cases (applicant side): by page, or walked by cursor (`after` = the previous page's nextCursor); by tab and search. */
export async function listMyCases(
  ctx: AppContext,
  actor: Actor,
  q: { page: number; pageSize: number; status?: CaseStatus; group?: MyCaseGroup; q?: string; after?: string },
) {
  const inGroup = q.group ? groupStatuses[q.group] : null;
  const status = q.status ? (inGroup && !inGroup.includes(q.status) ? [] : [q.status]) : (inGroup ?? undefined);
  if (status && status.length === 0) return { items: [], total: 0, totalCapped: false, nextCursor: null };
  // A cursor is good only for the list, filter and account it was made for.
  const scope = `my-cases:${actor.accountId}:${q.status ?? ''}:${q.group ?? ''}:${q.q ?? ''}`;
  const after = q.after ? (decodeCursor(ctx.config.masterKey, scope, q.after, 2) as [string, string]) : null;
  const { items, total, totalCapped, next } = await lists.listCasesOfParty(ctx.db, actor, {
    status,
    unrated: q.group === 'toRate',
    search: q.q ? await resolveCaseSearch(ctx, q.q, true) : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    after,
    countCap: LIST_COUNT_CAP,
  });
  return {
    items: items.map(presentCaseSummary),
    total,
    totalCapped,
    nextCursor: next ? encodeCursor(ctx.config.masterKey, scope, [...next]) : null,
  };
}

/** A staff queue: the department's cases; front desks also see their region's acceptance queue; supervisors the region. */
export async function listStaffQueue(
  ctx: AppContext,
  actor: Actor,
  q: { page: number; pageSize: number; queue: lists.QueueFilter['queue']; after?: string; q?: string },
) {
  const scope = caseQueueScope(actor);
  if (!scope) throw new AppError('FORBIDDEN');
  const cursorScope = `queue:${actor.accountId}:${q.queue}:${q.q ?? ''}`;
  const after = q.after ? (decodeCursor(ctx.config.masterKey, cursorScope, q.after, 3) as [string, string, string]) : null;
  const { items, total, totalCapped, next } = await lists.listQueue(ctx.db, {
    ...scope,
    search: q.q ? await resolveCaseSearch(ctx, q.q) : undefined,
    frontDeskWindow: actor.window ?? null,
    queue: q.queue,
    accountId: actor.accountId,
    today: shanghaiDate(ctx.now()),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    after,
    countCap: LIST_COUNT_CAP,
  });
  return {
    items: items.map(presentCaseSummary),
    total,
    totalCapped,
    nextCursor: next ? encodeCursor(ctx.config.masterKey, cursorScope, [...next]) : null,
  };
}

export async function listPostChecks(ctx: AppContext, actor: Actor, q: { page: number; pageSize: number }) {
  if (actor.kind !== 'staff' || !actor.departmentId) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listPendingPostChecks(ctx.db, actor.departmentId, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: items.map(presentCaseSummary), total };
}
