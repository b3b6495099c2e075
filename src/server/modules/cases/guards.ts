import { hasRole, inRegion, windowAccepts, type Actor, type Role } from '../../platform/actor.ts';
import { AppError, type ErrorCode } from '../../platform/errors.ts';
import { can } from '../../platform/policies.ts';
import { currentStep } from './engine.ts';
import { caseResource, type CaseRow } from './resource.ts';
import { canStart, transitions, type CaseAction } from './workflow.ts';

/** Actions of the applicant side. */
const applicantActions: CaseAction[] = ['saveDraft', 'submit', 'withdraw', 'supplement', 'signCommitment', 'supplyDeferred'];
/** Actions of the acceptance step. */
const acceptActions: CaseAction[] = ['accept', 'notifyDeficiency', 'reject', 'handleImmediately'];
const backOfficeRoles: Role[] = ['clerk', 'reviewer', 'approver', 'chiefRepresentative'];

/** A hall clerk of the region whose window is not configured for this item (一窗受理 scope): the refusal names the window. */
function windowRefuses(actor: Actor, c: CaseRow): boolean {
  return (
    !!actor.window &&
    hasRole(actor, 'clerk', 'chiefRepresentative') &&
    actor.hallId !== null &&
    inRegion(actor.regionCode, c.accept_region_code) &&
    !windowAccepts(actor.window, { departmentId: c.department_id, itemId: c.item_id })
  );
}

/**
 * Who may do an action on a case right now, beyond the state table: the policy (whose case) and
 * the step's role. Returns the error to answer, or null when allowed. One place for the service
 * and for the "allowed actions" the screens show.
 */
export function actionGuard(actor: Actor, c: CaseRow, action: CaseAction): ErrorCode | null {
  const r = caseResource(c);
  if (applicantActions.includes(action)) {
    if (action === 'supplyDeferred' && actor.kind === 'staff') return can(actor, 'case.accept', r) ? null : 'FORBIDDEN';
    return can(actor, 'case.applicantAct', r) ? null : 'FORBIDDEN';
  }
  if (actor.kind !== 'staff') return 'FORBIDDEN';
  const { steps, step } = currentStep(c);
  if (action !== 'handOver' && can(actor, 'case.read', r) && !can(actor, 'case.impartial', r)) return 'CASE_CONFLICT_OF_INTEREST';
  if (action === 'handOver')
    return can(actor, 'case.handOver', r)
      ? null
      : actor.window && !actor.window.pickup && can(actor, 'case.read', r)
        ? 'WINDOW_NOT_PICKUP'
        : 'FORBIDDEN';
  if (acceptActions.includes(action)) {
    if (!can(actor, 'case.accept', r)) return windowRefuses(actor, c) ? 'WINDOW_NOT_ACCEPTED' : 'FORBIDDEN';
    if (action === 'handleImmediately' && c.handling_type !== 'immediate') return 'CASE_NOT_IMMEDIATE';
    return null;
  }
  if (action === 'claim') {
    if (['submitted', 'prereview', 'correction'].includes(c.status))
      return can(actor, 'case.accept', r) ? null : windowRefuses(actor, c) ? 'WINDOW_NOT_ACCEPTED' : 'FORBIDDEN';
    if (!can(actor, 'case.handle', r)) return 'FORBIDDEN';
    return hasRole(actor, step.role as Role) || (step.kind === 'decide' && hasRole(actor, 'chiefRepresentative'))
      ? null
      : 'CASE_ROLE_REQUIRED';
  }
  if (action === 'countersign') {
    if (step.kind !== 'countersign') return 'CASE_STATE_INVALID';
    if (!can(actor, 'case.countersign', r)) return 'FORBIDDEN';
    return hasRole(actor, step.role as Role) ? null : 'CASE_ROLE_REQUIRED';
  }
  if (!can(actor, 'case.handle', r)) return 'FORBIDDEN';
  switch (action) {
    case 'review':
      if (step.kind !== 'review') return 'CASE_STATE_INVALID';
      return hasRole(actor, step.role as Role) ? null : 'CASE_ROLE_REQUIRED';
    case 'decide': {
      const decideStep = steps[steps.length - 1];
      if (step.kind !== 'decide' && !c.commitment_mode) return 'CASE_STATE_INVALID';
      if (!hasRole(actor, decideStep.role as Role, 'chiefRepresentative')) return 'CASE_ROLE_REQUIRED';
      return can(actor, 'case.decideAfterAccept', r) ? null : 'CASE_SAME_ACCEPTOR';
    }
    case 'decideExtension':
      // The guide names the approving role (25.8); the step checks it, this only keeps others out.
      return hasRole(actor, 'approver', 'chiefRepresentative', 'departmentAdmin') ? null : 'CASE_ROLE_REQUIRED';
    case 'postCheck':
      return hasRole(actor, 'reviewer', 'approver', 'chiefRepresentative') ? null : 'CASE_ROLE_REQUIRED';
    default:
      return hasRole(actor, ...backOfficeRoles) ? null : 'CASE_ROLE_REQUIRED';
  }
}

/** Throws the guard's error, with the step and role in the details when the role is wrong. */
export function assertAllowed(actor: Actor, c: CaseRow, action: CaseAction): void {
  const code = actionGuard(actor, c, action);
  if (!code) return;
  const { step } = currentStep(c);
  if (code === 'CASE_ROLE_REQUIRED') throw new AppError(code, { step: step.key, stepName: step.name, role: step.role });
  if (code === 'CASE_STATE_INVALID') throw new AppError(code, { action, status: c.status, step: step.kind });
  if (code === 'WINDOW_NOT_ACCEPTED')
    throw new AppError(code, { windowId: actor.window?.id, itemCode: c.implementation_code, itemName: c.item_name });
  throw new AppError(code);
}

const offered: CaseAction[] = [
  'saveDraft',
  'submit',
  'withdraw',
  'supplement',
  'signCommitment',
  'supplyDeferred',
  'claim',
  'accept',
  'notifyDeficiency',
  'reject',
  'handleImmediately',
  'review',
  'countersign',
  'decide',
  'complete',
  'startSpecial',
  'endSpecial',
  'requestExtension',
  'decideExtension',
  'transfer',
  'postCheck',
  'handOver',
];

/** The actions this actor may take on this case now (the screens show only these). */
export function allowedActions(
  actor: Actor,
  c: CaseRow,
  ctx: {
    hasOpenDeficiency: boolean;
    hasOpenNotice: boolean;
    postCheckPending: boolean;
    reviewers: string[];
    /** The result is a license and the actor may not use the department's seal (`seal.use`) on it. */
    sealRefused?: boolean;
    /** 会签: the actor's department has an open request on the current step; any request is open (the decision waits). */
    countersignPending?: boolean;
    countersignsOpen?: boolean;
    /** The role the item's guide names to approve an extension, and the days it allows (0: none). */
    extensionApproverRole?: string;
    extensionDays?: number;
  },
): CaseAction[] {
  return offered.filter((a) => {
    if (!canStart(a, c.status) || actionGuard(actor, c, a) !== null) return false;
    // Completing a case whose result is a license signs with the department's seal: only who may use it (seal.use).
    if ((a === 'complete' || (a === 'handleImmediately' && c.decision === null)) && ctx.sealRefused) return false;
    if (a === 'requestExtension') return c.extension_status === 'none' && ctx.extensionDays !== 0;
    if (a === 'decideExtension')
      return (
        c.extension_status === 'requested' &&
        c.extension_requested_by !== actor.accountId &&
        (!ctx.extensionApproverRole || hasRole(actor, ctx.extensionApproverRole as Role))
      );
    if (a === 'decide') return !ctx.hasOpenDeficiency && !ctx.countersignsOpen && !ctx.reviewers.includes(actor.accountId);
    if (a === 'supplyDeferred' || a === 'signCommitment') return ctx.hasOpenDeficiency;
    if (a === 'postCheck') return ctx.postCheckPending;
    if (a === 'countersign') return ctx.countersignPending === true;
    if (a === 'claim') return c.handler_id !== actor.accountId;
    if (a === 'startSpecial') return true;
    return a in transitions;
  });
}
