import type { CompiledQuery, Kysely, Updateable } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent, compileAuditEvents, type AuditInput } from '../../platform/audit.ts';
import { executeAsOne } from '../../platform/batch.ts';
import { shanghaiDate, type WorkingCalendar } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { CaseStatus, CasesTable, DB } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize, can } from '../../platform/policies.ts';
import { loadCalendar } from '../calendar/index.ts';
import { actorName, personPhoneEnc, supervisorsOf } from '../identity/index.ts';
import { compileNotices, notifyAccounts, smsPerson } from '../notifications/index.ts';
import { computeClock, type Clock } from './clock.ts';
import * as repo from './repo.ts';
import { caseResource, type CaseRow } from './resource.ts';
import { canStart, isComplete, transitions, type CaseAction, type CaseStep } from './workflow.ts';

/** Whom a side effect of an action tells. */
export type Recipient = 'applicant' | 'handler' | 'supervisors' | { accountId: string };
export type Notice = { to: Recipient; kind: string; title: string; body: string; sms?: boolean };

/** What an action does beyond its state change: a patch, the timeline entry, notices, a clock refresh. */
export type Effect = {
  patch?: Updateable<CasesTable>;
  /** Overrides the target state for the `resume…`/`…IfFailed` entries of the table. */
  to?: CaseStatus;
  note?: string | null;
  data?: unknown;
  internal?: boolean;
  notify?: Notice[];
  /** Recompute the due dates after the change (acceptance, suspensions, extension, decision). */
  clock?: boolean;
  stepKey?: string | null;
  /** Audit events of what the step did besides the case (a license issued, a seal used): appended last, before the step's own. */
  audit?: AuditInput[];
};

export type ActionContext = { trx: Kysely<DB>; now: Date; today: string; calendar: WorkingCalendar };

const SYSTEM_NAME = '系统';

/** The clock of a case as of `today`, from its row and its suspensions. */
export function clockOf(
  cal: WorkingCalendar,
  c: CaseRow,
  suspensions: { started_on: string; ended_on: string | null }[],
  today: string,
): Clock | null {
  return computeClock(cal, {
    unit: c.limit_unit,
    acceptedOn: c.accepted_on,
    promisedDays: c.promised_days,
    legalDays: c.legal_days,
    extensionDays: c.extension_days,
    suspensions: suspensions.map((s) => ({ from: s.started_on, to: s.ended_on })),
    stoppedOn: c.decided_on,
    today,
  });
}

/** The due dates and warning level of the clock, as columns (none when the case has no clock yet). */
function clockPatch(
  cal: WorkingCalendar,
  c: CaseRow,
  suspensions: { started_on: string; ended_on: string | null }[],
  today: string,
): Updateable<CasesTable> {
  const clock = clockOf(cal, c, suspensions, today);
  if (!clock) return {};
  return { promised_due_on: clock.promisedDueOn, legal_due_on: clock.legalDueOn, clock_paused: clock.paused, warning_level: clock.level };
}

/** The accounts a notice goes to. */
async function recipientsOf(trx: Kysely<DB>, c: CaseRow, n: Notice): Promise<(string | null)[]> {
  if (n.to === 'applicant') return [c.applicant_account_id, c.created_by, c.agent_account_id];
  if (n.to === 'handler') return [c.handler_id];
  if (n.to === 'supervisors') return (await supervisorsOf(trx, c.region_code)).map((s) => s.id);
  return [n.to.accountId];
}

/** Writes notices: in-app for each recipient account, SMS (through the job queue) to the applicant when asked. */
export async function deliver(ctx: AppContext, trx: Kysely<DB>, c: CaseRow, notices: Notice[]) {
  for (const n of notices) {
    await notifyAccounts(trx, await recipientsOf(trx, c, n), { caseId: c.id, kind: n.kind, title: n.title, body: n.body });
    if (n.sms && n.to === 'applicant') await smsPerson(ctx, trx, c.applicant_person_id, `${n.title}：${n.body}`, `case.${n.kind}`);
  }
}

/**
 * What `deliver` writes, as statements not sent (a step's one write statement); `phoneEnc` is the applicant's stored
 * phone when the caller read it already (undefined: read here when an SMS needs it).
 */
export async function compileDelivery(ctx: AppContext, trx: Kysely<DB>, c: CaseRow, notices: Notice[], phoneEnc?: string | null) {
  if (phoneEnc === undefined && notices.some((n) => n.sms && n.to === 'applicant'))
    phoneEnc = await personPhoneEnc(trx, c.applicant_person_id);
  const list = [];
  for (const n of notices) {
    list.push({
      accountIds: await recipientsOf(trx, c, n),
      message: { caseId: c.id, kind: n.kind, title: n.title, body: n.body },
      sms: n.sms && n.to === 'applicant' && c.applicant_person_id ? { phoneEnc: phoneEnc ?? null, purpose: `case.${n.kind}` } : undefined,
    });
  }
  return compileNotices(ctx, trx, list);
}

/** The audit event of a case step or creation (the actor, the case, its state before and after). */
export function caseAuditEvent(actor: Actor | null, action: string, caseId: string, before: unknown, after: unknown): AuditInput {
  return {
    actor: actor ? { accountId: actor.accountId, kind: actor.kind } : null,
    action: `case.${action}`,
    entityType: 'case',
    entityId: caseId,
    before,
    after,
    ip: actor?.ip ?? null,
  };
}

/** Appends a transaction's audit events, last, in order (see platform/audit.ts). */
export async function appendAudit(ctx: AppContext, trx: Kysely<DB>, events: AuditInput[]): Promise<void> {
  for (const e of events) await appendAuditEvent(trx, ctx.auditKey, e);
}

/**
 * "A case completed" (办结, 制证 or 送达 reached from an open state): the event is a job in the same transaction
 * (outbox), one per case; other modules consume it by name (evaluations invites a rating) without the cases module
 * knowing them.
 */
export async function emitCaseCompleted(ctx: AppContext, trx: Kysely<DB>, caseId: string): Promise<void> {
  await ctx.jobs.enqueue(trx, 'case.completed', { caseId }, { singletonKey: `case.completed:${caseId}` });
}

/** The same event as a statement not sent (a step's one write statement). */
const compileCaseCompleted = (ctx: AppContext, caseId: string) =>
  ctx.jobs.compileEnqueue('case.completed', { caseId }, { singletonKey: `case.completed:${caseId}` });
/** "A case ended without a result" (不予受理, 撤回 or 撤销): the same outbox, one per case and state. */
const compileCaseClosed = (ctx: AppContext, caseId: string, status: CaseStatus) =>
  ctx.jobs.compileEnqueue('case.closed', { caseId }, { singletonKey: `case.closed:${caseId}:${status}` });
const endsWithoutResult: CaseStatus[] = ['rejected', 'withdrawn', 'revoked'];

/**
 * Runs one action on one case as one transaction: lock the case, check it is visible, check the
 * version, check the table allows the action from the current state, let `authorize` check the
 * actor's role, apply the action, write the new state with version + 1, append the timeline entry
 * and the audit event, write notices and enqueue SMS (outbox). Any failure leaves the case as it was.
 * `actor` null is the system (the deadline sweep); `expectedVersion` null skips the version check.
 */
export async function runAction(
  ctx: AppContext,
  actor: Actor | null,
  caseId: string,
  expectedVersion: number | null,
  action: CaseAction,
  opts: {
    authorize?: (c: CaseRow, trx: Kysely<DB>) => Promise<void> | void;
    run: (c: CaseRow, a: ActionContext) => Promise<Effect> | Effect;
  },
): Promise<CaseRow> {
  const now = ctx.now();
  const today = shanghaiDate(now);
  const peek = await repo.findCase(ctx.db, caseId);
  if (!peek) throw new AppError('CASE_NOT_FOUND');
  if (actor && !can(actor, 'case.read', caseResource(peek))) {
    // A department taking part in the same bundle (一件事) sees the bundle: it is told precisely that the sub-case is another's.
    if (
      peek.bundle_case_id &&
      actor.kind === 'staff' &&
      actor.departmentId &&
      (await repo.departmentsOfBundleCase(ctx.db, peek.bundle_case_id)).includes(actor.departmentId)
    ) {
      throw new AppError('BUNDLE_SUBCASE_NOT_OWNED', { departmentId: peek.department_id, itemName: peek.item_name });
    }
    authorize(actor, 'case.read', caseResource(peek), 'CASE_NOT_FOUND');
  }
  const calendar = await loadCalendar(ctx, peek.region_code);
  return ctx.db.transaction().execute(async (trx) => {
    // One round trip for the lock and what the writes need (suspensions, the applicant's phone); after the
    // action's own reads, one statement for every write of the step (platform/batch.ts).
    const locked = await repo.lockCaseForStep(trx, caseId);
    if (!locked) throw new AppError('CASE_NOT_FOUND');
    const c = locked.c;
    if (expectedVersion !== null && c.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { currentVersion: c.version });
    if (!canStart(action, c.status)) {
      throw new AppError('CASE_STATE_INVALID', { action, status: c.status, allowedFrom: transitions[action].from });
    }
    await opts.authorize?.(c, trx);
    const effect = await opts.run(c, { trx, now, today, calendar });
    const target = transitions[action].to;
    const to: CaseStatus =
      effect.to ??
      (target === 'same' || target === 'claimTarget' || target === 'resumeIfSuspended' || target === 'revokedIfFailed'
        ? c.status
        : target === 'resume'
          ? (c.resume_status ?? 'review')
          : target === 'completedOrIssued'
            ? 'completed'
            : target);
    // The row as the update leaves it (the clock, the notices' recipients and the audit event are computed from it).
    const version = c.version + 1;
    const patch: Updateable<CasesTable> = { ...effect.patch, status: to };
    let next = { ...c, ...patch, version, updated_at: now } as CaseRow;
    if (effect.clock) {
      const suspensions = changesSuspensions.has(action) ? await repo.listSuspensions(trx, c.id) : locked.suspensions;
      Object.assign(patch, clockPatch(calendar, next, suspensions, today));
      next = { ...c, ...patch, version, updated_at: now } as CaseRow;
    }
    const name = actor ? await actorName(trx, actor) : SYSTEM_NAME;
    const writes: CompiledQuery[] = [
      repo.compileInsertEvent(trx, {
        case_id: c.id,
        at: now,
        action,
        from_status: c.status,
        to_status: to,
        actor_id: actor?.accountId ?? null,
        actor_name: name,
        step_key: effect.stepKey ?? null,
        note: effect.note ?? null,
        data: effect.data,
        internal: effect.internal ?? false,
      }),
    ];
    if (effect.notify?.length) writes.push(...(await compileDelivery(ctx, trx, next, effect.notify, locked.phoneEnc)));
    if (isComplete(to) && !isComplete(c.status)) writes.push(await compileCaseCompleted(ctx, c.id));
    if (endsWithoutResult.includes(to) && to !== c.status && c.status !== 'draft') writes.push(await compileCaseClosed(ctx, c.id, to));
    // Last: what the step did besides the case (a license, a seal use), then the step itself — one INSERT, in that order.
    writes.push(
      compileAuditEvents(trx, [
        ...(effect.audit ?? []),
        caseAuditEvent(
          actor,
          action,
          c.id,
          { status: c.status, version: c.version },
          { status: to, version, ...(effect.data && typeof effect.data === 'object' ? { data: effect.data } : {}) },
        ),
      ]),
    );
    const [updated] = await executeAsOne(trx, repo.compileUpdateCase(trx, c.id, c.version, patch, now), writes);
    if (!updated) throw new AppError('VERSION_CONFLICT', { currentVersion: c.version });
    return updated;
  });
}

/** The actions whose own work opens or closes a suspension: the clock reads the suspensions again after them. */
const changesSuspensions = new Set<CaseAction>(['startSpecial', 'endSpecial', 'withdraw', 'supplyDeferred', 'suspendOverdue']);

/** The step the case is at, from the workflow copied at submission. */
export function currentStep(c: Pick<CaseRow, 'workflow' | 'step_index'>) {
  const steps = c.workflow as CaseStep[];
  return { steps, step: steps[Math.min(c.step_index, steps.length - 1)] };
}
