import type { Actor } from '../../platform/actor.ts';
import { hasRole } from '../../platform/actor.ts';
import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/policies.ts';
import { loadCalendar } from '../calendar/service.ts';
import { decryptForm } from './apply-service.ts';
import { clockOf, currentStep } from './engine.ts';
import { guideOf } from './guide-cache.ts';
import { allowedActions } from './guards.ts';
import { presentCaseSummary, presentClock } from './present.ts';
import * as repo from './repo.ts';
import { caseResource, type CaseRow } from './resource.ts';
import type { NoticeItem } from './schema.ts';
import type { CaseStatus } from '../../platform/db-types.ts';

/** A case the actor may read, or CASE_NOT_FOUND (another applicant's or department's case is not revealed). */
export async function readableCase(ctx: AppContext, actor: Actor, id: string): Promise<CaseRow> {
  const c = await repo.findCase(ctx.db, id);
  if (!c) throw new AppError('CASE_NOT_FOUND');
  authorize(actor, 'case.read', caseResource(c), 'CASE_NOT_FOUND');
  return c;
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
  const { case: c, materials, suspensions, notices, commitments, events, postCheck, reviewers } = found;
  authorize(actor, 'case.read', caseResource(c), 'CASE_NOT_FOUND');
  const [g, calendar] = await Promise.all([guideOf(ctx.db, c), loadCalendar(ctx, c.region_code)]);
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
    },
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
      issuesLicense: g.result.type === 'license' && c.decision !== 'denied',
    }),
    documents: documentsOf(c, notices.length > 0),
    mandate: staff || c.agent_account_id === actor.accountId ? (c.mandate ?? null) : null,
  };
}

/** My cases (applicant side). */
export async function listMyCases(ctx: AppContext, actor: Actor, q: { page: number; pageSize: number; status?: CaseStatus }) {
  const { items, total } = await repo.listCasesOfParty(ctx.db, actor, {
    status: q.status ? [q.status] : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: items.map(presentCaseSummary), total };
}

/** A staff queue: the department's cases; front desks also see their region's acceptance queue; supervisors the region. */
export async function listStaffQueue(
  ctx: AppContext,
  actor: Actor,
  q: { page: number; pageSize: number; queue: repo.QueueFilter['queue'] },
) {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const frontDesk = hasRole(actor, 'clerk', 'chiefRepresentative') && actor.hallId ? actor.regionCode : null;
  const supervised = hasRole(actor, 'supervisor') ? actor.regionCode : null;
  const { items, total } = await repo.listQueue(ctx.db, {
    departmentId: actor.departmentId,
    frontDeskRegion: frontDesk,
    frontDeskWindow: actor.window ?? null,
    supervisedRegion: supervised,
    queue: q.queue,
    accountId: actor.accountId,
    today: shanghaiDate(ctx.now()),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: items.map(presentCaseSummary), total };
}

export async function listPostChecks(ctx: AppContext, actor: Actor, q: { page: number; pageSize: number }) {
  if (actor.kind !== 'staff' || !actor.departmentId) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listPendingPostChecks(ctx.db, actor.departmentId, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: items.map(presentCaseSummary), total };
}
