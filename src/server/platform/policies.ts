import { hasRole, inRegion, roles, rootRole, separatedAdminRoles, windowAccepts, type Actor, type Role } from './actor.ts';
import { AppError, type ErrorCode } from './errors.ts';

/**
 * One declarative policy table: `can(actor, action, resource)`. Every route asks here.
 * Resources carry only what the rule needs (owner, department, region).
 */
export type Resource =
  | { type: 'person'; id: string }
  | { type: 'organization'; id: string }
  | { type: 'department'; id: string; regionCode: string }
  | { type: 'region'; code: string }
  | { type: 'hall'; id: string; regionCode: string }
  | StaffResource
  | StaffRequestResource
  | { type: 'auditLog' }
  | { type: 'auditEvent'; regionCode: string | null }
  | CaseResource
  | EvaluationResource
  | LicenseResource
  | SealResource
  | MandateResource;

/** What the mandate rules need of an agent's mandate (委托). */
export type MandateResource = { type: 'mandate'; agentAccountId: string; principalPersonId: string; regionCode: string };

/** What the license rules need of an electronic license (电子证照). */
export type LicenseResource = {
  type: 'license';
  issuerDepartmentId: string;
  holderPersonId: string | null;
  holderOrganizationId: string | null;
  /** The person who keeps it for a holder that is not the applicant (a newborn's guardian, a new enterprise's representative). */
  custodianPersonId?: string | null;
};

/**
 * Using a department's electronic seal (电子印章) on a case's result: the seal's roles (its `allowed_roles`, the one
 * source) in that department, or a window staff member the department authorised for this 即办 item (授权: 25.4).
 */
export type SealResource = {
  type: 'seal';
  departmentId: string;
  allowedRoles: string[];
  /** Accounts the department authorised to seal this case's item on the spot (即办 at the window). */
  delegatedTo: string[];
};

/**
 * A staff account (existing or to be created): its department and region, the roles it holds and
 * will hold together, and whether it is bound to a hall (a hall-bound clerk is a front desk).
 */
export type StaffResource = { type: 'staff'; departmentId: string | null; regionCode: string; roles: Role[]; hallBound?: boolean };

/** 三员分立: a request to create or change a separated administrator account (modules/identity/staff-request-service). */
export type StaffRequestResource = {
  type: 'staffRequest';
  regionCode: string;
  requestedBy: string;
  /** The requester's separated role (or the root) when it asked. */
  requesterRole: string;
  targetAccountId: string | null;
  /** The target holds or would hold the audit admin role: only the audit side (or the root) decides. */
  touchesAudit: boolean;
};

/** What the evaluation rules need of a rating (好差评). */
export type EvaluationResource = {
  type: 'evaluation';
  departmentId: string;
  regionCode: string;
  staffIds: string[];
  raterAccountId: string | null;
};

/** What the case rules need of a case. */
export type CaseResource = {
  type: 'case';
  departmentId: string;
  regionCode: string;
  acceptRegionCode: string;
  createdBy: string;
  applicantAccountId: string | null;
  applicantPersonId: string | null;
  applicantOrganizationId: string | null;
  agentAccountId: string | null;
  /** The item (一窗受理 scope of the clerk's window). */
  itemId?: string;
  /** How it was filed: a clerk filing at the window (收件) is not on the applicant's side; an agent is. */
  channel?: 'online' | 'window' | 'agency';
  /** Who accepted it (受理); the decision is someone else's unless the item is 即办. */
  acceptClerkId?: string | null;
  handlingType?: string;
  /** Departments asked for their opinion in a 会签 step: they read the case and sign, nothing else. */
  coDepartmentIds?: string[];
};

type Rule<R extends Resource> = (actor: Actor, resource: R) => boolean;
type ResourceOf<T extends Resource['type']> = Extract<Resource, { type: T }>;

/** Roles a department admin may grant inside their own department. */
const departmentGrantable: Role[] = ['clerk', 'reviewer', 'approver', 'chiefRepresentative', 'agent'];

const staffScope = (a: Actor, r: ResourceOf<'staff'>) =>
  (hasRole(a, 'securityAdmin', rootRole) && inRegion(a.regionCode, r.regionCode)) ||
  (hasRole(a, 'departmentAdmin') && r.departmentId !== null && r.departmentId === a.departmentId);

/** True when a role set includes one of the separated administrator roles. */
export const touchesSeparated = (list: readonly string[]) => list.some((r) => separatedAdminRoles.includes(r as Role));

/**
 * May this actor decide a separated-admin request: not the requester, not the target, in the region,
 * and either the root or the holder of a different separated role; a request touching an audit admin
 * only the audit side (another audit admin) or the root — the audited do not remove their auditor.
 */
const decidesRequest = (a: Actor, r: StaffRequestResource) => {
  if (a.accountId === r.requestedBy || a.accountId === r.targetAccountId || !inRegion(a.regionCode, r.regionCode)) return false;
  if (hasRole(a, rootRole)) return true;
  const own = separatedAdminRoles.find((role) => a.roles.includes(role));
  if (!own || own === r.requesterRole) return false;
  return !r.touchesAudit || own === 'auditAdmin';
};

/** The applicant side of a case: who filed it, the applicant (person, their account, their organisation) and the agent. */
const isCaseParty = (a: Actor, r: CaseResource) =>
  a.accountId === r.createdBy ||
  a.accountId === r.applicantAccountId ||
  a.accountId === r.agentAccountId ||
  (a.personId !== null && a.personId === r.applicantPersonId) ||
  (r.applicantOrganizationId !== null && a.organizationIds.includes(r.applicantOrganizationId));

/** A front-desk clerk: a clerk or 首席代表 at a hall of the region where the case is accepted (一窗受理). */
const isFrontDesk = (a: Actor, r: CaseResource) =>
  hasRole(a, 'clerk', 'chiefRepresentative') && a.hallId !== null && inRegion(a.regionCode, r.acceptRegionCode);

// ── windows (一窗受理): modules/org windows, modules/bundles ──
/** A front desk whose window accepts the case's item: a clerk seated at a window accepts only what it is configured for; one without a window, anything. */
export const isAcceptingFrontDesk = (a: Actor, r: CaseResource) =>
  isFrontDesk(a, r) && (!a.window || windowAccepts(a.window, { departmentId: r.departmentId, itemId: r.itemId }));
/** A clerk at a pickup window (统一出件) of a hall in the case's region. */
const isPickupDesk = (a: Actor, r: CaseResource) => isFrontDesk(a, r) && !!a.window?.pickup;

// ── the audit log (三员分立: audit admins only) ──
const readsPlatformEvents = (a: Actor) => a.regionCode !== null && a.regionCode.length <= 2;

/**
 * The audit events an actor may list, as a filter for the query: `audit.read` over a whole list (a
 * region prefix, and whether platform-level events are included); null when none.
 */
export function auditReadScope(a: Actor): { regionPrefix: string; platformEvents: boolean } | null {
  if (!hasRole(a, 'auditAdmin') || a.regionCode === null) return null;
  return { regionPrefix: a.regionCode, platformEvents: readsPlatformEvents(a) };
}

const policy = {
  'person.read': ((a, r) => a.personId === r.id) as Rule<ResourceOf<'person'>>,
  'organization.read': ((a, r) => a.organizationIds.includes(r.id)) as Rule<ResourceOf<'organization'>>,
  'organization.actFor': ((a, r) => a.organizationIds.includes(r.id)) as Rule<ResourceOf<'organization'>>,
  'department.create': ((a, r) => hasRole(a, 'systemAdmin') && inRegion(a.regionCode, r.code)) as Rule<ResourceOf<'region'>>,
  'department.update': ((a, r) =>
    (hasRole(a, 'systemAdmin') && inRegion(a.regionCode, r.regionCode)) ||
    (hasRole(a, 'departmentAdmin') && a.departmentId === r.id)) as Rule<ResourceOf<'department'>>,
  /** A hall's windows: the region's system admin, or the hall's own admin while the hall lies in that admin's region. */
  'hall.manage': ((a, r) =>
    inRegion(a.regionCode, r.regionCode) && (hasRole(a, 'systemAdmin') || (hasRole(a, 'hallAdmin') && a.hallId === r.id))) as Rule<
    ResourceOf<'hall'>
  >,
  /** 排队叫号 at a hall: its front desk (clerk or 首席代表 bound to the hall), or its hall admin / the region's system admin. */
  'hall.serve': ((a, r) =>
    inRegion(a.regionCode, r.regionCode) &&
    ((hasRole(a, 'clerk', 'chiefRepresentative') && a.hallId === r.id) ||
      hasRole(a, 'systemAdmin') ||
      (hasRole(a, 'hallAdmin') && a.hallId === r.id))) as Rule<ResourceOf<'hall'>>,
  /** Binding a staff account to a hall (front desk, hall admin): a security admin, for a hall in their region. */
  'hall.bindStaff': ((a, r) => hasRole(a, 'securityAdmin') && inRegion(a.regionCode, r.regionCode)) as Rule<ResourceOf<'hall'>>,
  'staff.read': staffScope as Rule<ResourceOf<'staff'>>,
  /**
   * Creating staff or changing their roles, alone: a security admin in their region for every role but the
   * separated ones; a department admin for ordinary roles in their department, never hall-bound; the root
   * for the separated roles only (it bootstraps them). Separated roles otherwise go through a request.
   */
  'staff.manage': ((a, r) =>
    (hasRole(a, 'securityAdmin') && inRegion(a.regionCode, r.regionCode) && !touchesSeparated(r.roles) && !r.roles.includes(rootRole)) ||
    (hasRole(a, rootRole) &&
      inRegion(a.regionCode, r.regionCode) &&
      r.roles.every((role) => separatedAdminRoles.includes(role)) &&
      !r.hallBound) ||
    (hasRole(a, 'departmentAdmin') &&
      r.departmentId !== null &&
      r.departmentId === a.departmentId &&
      !r.hallBound &&
      r.roles.every((role) => departmentGrantable.includes(role)))) as Rule<ResourceOf<'staff'>>,
  /** Asking for a change to a separated administrator account (三员分立): the security admin of the region, or the root. */
  'staff.requestSeparated': ((a, r) => hasRole(a, 'securityAdmin', rootRole) && inRegion(a.regionCode, r.regionCode)) as Rule<
    ResourceOf<'staff'>
  >,
  /** Reading the pending separated-admin requests: the separated administrators and the root of the region. */
  'staff.readRequests': ((a, r) => hasRole(a, ...separatedAdminRoles, rootRole) && inRegion(a.regionCode, r.code)) as Rule<
    ResourceOf<'region'>
  >,
  /** Approving or rejecting one (see decidesRequest). */
  'staff.decideRequest': decidesRequest as Rule<StaffRequestResource>,
  // ── organisation claims (modules/identity/organization-service) ──
  /** Claiming to represent an organisation: a natural person's account. */
  'organization.claim': ((a) => a.kind === 'applicant' && a.personId !== null) as Rule<ResourceOf<'region'>>,
  /** Reviewing a claim (business license, legal representative's ID): reviewers and approvers of the registration region. */
  'organization.reviewClaim': ((a, r) => hasRole(a, 'reviewer', 'approver') && inRegion(a.regionCode, r.code)) as Rule<
    ResourceOf<'region'>
  >,
  /** Editing a department's catalog items: its department admin, or a system admin of the region. */
  'catalog.edit': ((a, r) =>
    (hasRole(a, 'systemAdmin') && inRegion(a.regionCode, r.regionCode)) ||
    (hasRole(a, 'departmentAdmin') && a.departmentId === r.id)) as Rule<ResourceOf<'department'>>,
  /** Publishing or withdrawing a guide: the region's system admin (the 审改 office), never the department alone. */
  'catalog.publish': ((a, r) => hasRole(a, 'systemAdmin') && inRegion(a.regionCode, r.regionCode)) as Rule<ResourceOf<'department'>>,
  /**
   * Reading a case: its parties; staff of the owning department or of a department asked to countersign it; front desks
   * of the accepting region; supervisors of the region.
   */
  'case.read': ((a, r) =>
    isCaseParty(a, r) ||
    (a.kind === 'staff' &&
      (r.departmentId === a.departmentId ||
        (a.departmentId !== null && (r.coDepartmentIds ?? []).includes(a.departmentId)) ||
        isFrontDesk(a, r) ||
        (hasRole(a, 'supervisor') &&
          (inRegion(a.regionCode, r.regionCode) || inRegion(a.regionCode, r.acceptRegionCode)))))) as Rule<CaseResource>,
  /**
   * Separation of duties (26.5): staff on the applicant side of a case — its applicant, the agent who filed it, a member
   * of the applying organisation, or whoever filed it other than a clerk at the window — never accept, review or decide it.
   */
  'case.impartial': ((a, r) =>
    !(
      (a.personId !== null && a.personId === r.applicantPersonId) ||
      a.accountId === r.applicantAccountId ||
      a.accountId === r.agentAccountId ||
      (r.channel !== 'window' && a.accountId === r.createdBy) ||
      (r.applicantOrganizationId !== null && a.organizationIds.includes(r.applicantOrganizationId))
    )) as Rule<CaseResource>,
  /** One person does not both accept and decide a case, but for a 即办 item (decided on the spot by whoever may). */
  'case.decideAfterAccept': ((a, r) =>
    r.handlingType === 'immediate' || !r.acceptClerkId || a.accountId !== r.acceptClerkId) as Rule<CaseResource>,
  /** Applicant actions (submit, supplement, withdraw, sign, supply): the parties. */
  'case.applicantAct': ((a, r) => isCaseParty(a, r)) as Rule<CaseResource>,
  /** The acceptance step (claim, accept, one-time notice, reject, 即办): clerks of the owning department or the front desk. */
  'case.accept': ((a, r) =>
    a.kind === 'staff' &&
    ((hasRole(a, 'clerk', 'chiefRepresentative') && r.departmentId === a.departmentId) ||
      isAcceptingFrontDesk(a, r))) as Rule<CaseResource>,
  /** 统一出件: handing results over and recording it, at a pickup window of the region (windows). */
  'case.handOver': ((a, r) => a.kind === 'staff' && isPickupDesk(a, r)) as Rule<CaseResource>,
  /** 会签: staff of a department asked for its opinion (the step's role and the open request are checked by the service). */
  'case.countersign': ((a, r) =>
    a.kind === 'staff' && a.departmentId !== null && (r.coDepartmentIds ?? []).includes(a.departmentId)) as Rule<CaseResource>,
  /** Back-office steps: staff of the owning department (the step's role is checked by the service). */
  'case.handle': ((a, r) => a.kind === 'staff' && r.departmentId === a.departmentId) as Rule<CaseResource>,
  /** Filing a case for a walk-in applicant (window) or as an agent (帮办代办), in the staff member's region. */
  'case.fileFor': ((a, r) => hasRole(a, 'clerk', 'chiefRepresentative', 'agent') && inRegion(a.regionCode, r.code)) as Rule<
    ResourceOf<'region'>
  >,
  /** Supervisors watch the region's queues and warnings. */
  'case.supervise': ((a, r) => hasRole(a, 'supervisor') && inRegion(a.regionCode, r.code)) as Rule<ResourceOf<'region'>>,
  /** Managing a department's seals (rotate, revoke): the region's system admin or the department admin. */
  'seal.manage': ((a, r) =>
    (hasRole(a, 'systemAdmin') && inRegion(a.regionCode, r.regionCode)) ||
    (hasRole(a, 'departmentAdmin') && a.departmentId === r.id)) as Rule<ResourceOf<'department'>>,
  // ── agency (委托代办): modules/agency ──
  /** Asking a person for a mandate: an agent, in their region. */
  'mandate.request': ((a, r) => hasRole(a, 'agent') && inRegion(a.regionCode, r.code)) as Rule<ResourceOf<'region'>>,
  /** A mandate: its agent, its principal, and the front desks of its region (who confirm it in person). */
  'mandate.read': ((a, r) =>
    a.accountId === r.agentAccountId ||
    (a.personId !== null && a.personId === r.principalPersonId) ||
    (hasRole(a, 'clerk', 'chiefRepresentative') && a.hallId !== null && inRegion(a.regionCode, r.regionCode))) as Rule<MandateResource>,
  /** Confirming a mandate in person (the principal shows their ID card at a window): a front desk of the region, never the agent. */
  'mandate.confirmInPerson': ((a, r) =>
    hasRole(a, 'clerk', 'chiefRepresentative') &&
    a.hallId !== null &&
    inRegion(a.regionCode, r.regionCode) &&
    a.accountId !== r.agentAccountId) as Rule<MandateResource>,
  /** Entering the SMS code the principal received, and acting under the mandate: its agent. */
  'mandate.use': ((a, r) => a.accountId === r.agentAccountId) as Rule<MandateResource>,
  /** Ending a mandate: its principal or its agent. */
  'mandate.revoke': ((a, r) =>
    a.accountId === r.agentAccountId || (a.personId !== null && a.personId === r.principalPersonId)) as Rule<MandateResource>,
  // ── licenses and seals (电子证照, 电子印章): modules/licenses ──
  /** A license: its holder (the person, or a member of the organisation) and staff of the issuing department. */
  'license.read': ((a, r) =>
    (a.personId !== null && (a.personId === r.holderPersonId || a.personId === r.custodianPersonId)) ||
    (r.holderOrganizationId !== null && a.organizationIds.includes(r.holderOrganizationId)) ||
    (a.kind === 'staff' && a.departmentId === r.issuerDepartmentId)) as Rule<LicenseResource>,
  /** The holder's own acts on a license (亮证, who used it): the person, or a member of the organisation. */
  'license.hold': ((a, r) =>
    (a.personId !== null && (a.personId === r.holderPersonId || a.personId === r.custodianPersonId)) ||
    (r.holderOrganizationId !== null && a.organizationIds.includes(r.holderOrganizationId))) as Rule<LicenseResource>,
  /** Revoking or re-issuing (变更, 延续, 补领) a license: an approver or 首席代表 of the issuing department. */
  'license.manage': ((a, r) =>
    a.kind === 'staff' &&
    a.departmentId === r.issuerDepartmentId &&
    hasRole(a, 'approver', 'chiefRepresentative')) as Rule<LicenseResource>,
  /** Sealing with a department's seal: its seal roles in that department, or staff it authorised for the item. */
  'seal.use': ((a, r) =>
    a.kind === 'staff' &&
    ((a.departmentId === r.departmentId && r.allowedRoles.some((role) => a.roles.includes(role as Role))) ||
      r.delegatedTo.includes(a.accountId))) as Rule<SealResource>,
  // ── evaluations (好差评, 整改, 申诉, 督办函): modules/evaluations ──
  /** 申诉: only staff a rating names may appeal it. */
  'evaluation.appeal': ((a, r) => a.kind === 'staff' && r.staffIds.includes(a.accountId)) as Rule<EvaluationResource>,
  /** A rating: its rater, staff of the responsible department, the staff it names, supervisors of the region. */
  'evaluation.read': ((a, r) =>
    (r.raterAccountId !== null && a.accountId === r.raterAccountId) ||
    (a.kind === 'staff' &&
      (a.departmentId === r.departmentId ||
        r.staffIds.includes(a.accountId) ||
        (hasRole(a, 'supervisor') && inRegion(a.regionCode, r.regionCode))))) as Rule<EvaluationResource>,
  /** Issuing a one-visit rating code (一次一评): a hall clerk or 首席代表 in the region. */
  'evaluation.issueToken': ((a, r) =>
    hasRole(a, 'clerk', 'chiefRepresentative') && a.hallId !== null && inRegion(a.regionCode, r.code)) as Rule<ResourceOf<'region'>>,
  /** Rectifications and letters of a department: read by its staff and the region's supervisors. */
  'rectification.read': ((a, r) =>
    a.kind === 'staff' && (a.departmentId === r.id || (hasRole(a, 'supervisor') && inRegion(a.regionCode, r.regionCode)))) as Rule<
    ResourceOf<'department'>
  >,
  /** 回访, 核实, 整改, 反馈: staff of the responsible department (谁办理、谁负责). */
  'rectification.handle': ((a, r) => a.kind === 'staff' && a.departmentId === r.id) as Rule<ResourceOf<'department'>>,
  /** Sign-off of a rectification, decisions on appeals, sending 督办函: supervisors of the region. */
  'rectification.signOff': ((a, r) => hasRole(a, 'supervisor') && inRegion(a.regionCode, r.regionCode)) as Rule<ResourceOf<'department'>>,
  'appeal.decide': ((a, r) => hasRole(a, 'supervisor') && inRegion(a.regionCode, r.regionCode)) as Rule<ResourceOf<'department'>>,
  'letter.send': ((a, r) => hasRole(a, 'supervisor') && inRegion(a.regionCode, r.regionCode)) as Rule<ResourceOf<'department'>>,
  'letter.read': ((a, r) =>
    a.kind === 'staff' && (a.departmentId === r.id || (hasRole(a, 'supervisor') && inRegion(a.regionCode, r.regionCode)))) as Rule<
    ResourceOf<'department'>
  >,
  'letter.reply': ((a, r) => a.kind === 'staff' && a.departmentId === r.id) as Rule<ResourceOf<'department'>>,
  /** The working-day settings of the bad-rating loop: a system admin. */
  'evaluation.configure': ((a) => hasRole(a, 'systemAdmin')) as Rule<ResourceOf<'region'>>,
  /** An audit admin reads the events of their region's subtree; platform-level ones (no region) only a province-level one. */
  'audit.read': ((a, r) =>
    hasRole(a, 'auditAdmin') && (r.regionCode === null ? readsPlatformEvents(a) : inRegion(a.regionCode, r.regionCode))) as Rule<
    ResourceOf<'auditEvent'>
  >,
  'audit.verify': ((a) => hasRole(a, 'auditAdmin')) as Rule<ResourceOf<'auditLog'>>,
  /** Working-calendar overrides: a system admin in their region; national ones (code '') only a province-level one. */
  'calendar.manage': ((a, r) =>
    hasRole(a, 'systemAdmin') &&
    (r.code === '' ? a.regionCode !== null && a.regionCode.length === 2 : inRegion(a.regionCode, r.code))) as Rule<ResourceOf<'region'>>,
  // ── supervision (效能监察, 考核): modules/supervision ──
  /** Reading indicators, the dashboard and targets: supervisors and system admins of the region. */
  'supervision.read': ((a, r) => hasRole(a, 'supervisor', 'systemAdmin') && inRegion(a.regionCode, r.code)) as Rule<ResourceOf<'region'>>,
  /** Setting assessment targets: a system admin of the region. */
  'supervision.setTarget': ((a, r) => hasRole(a, 'systemAdmin') && inRegion(a.regionCode, r.code)) as Rule<ResourceOf<'region'>>,
} as const;

export type Action = keyof typeof policy;
type ResourceFor<A extends Action> = Parameters<(typeof policy)[A]>[1];

/** May this actor do this to this resource? */
export function can<A extends Action>(actor: Actor | null, action: A, resource: ResourceFor<A>): boolean {
  if (!actor) return false;
  return (policy[action] as Rule<Resource>)(actor, resource as Resource);
}

/**
 * Throws unless allowed. `hidden` names the not-found code to answer instead of 403 when the
 * resource must not be revealed (another citizen's record, another department's staff).
 */
export function authorize<A extends Action>(actor: Actor | null, action: A, resource: ResourceFor<A>, hidden?: ErrorCode): void {
  if (!actor) throw new AppError('AUTH_REQUIRED');
  if (!can(actor, action, resource)) throw new AppError(hidden ?? 'FORBIDDEN');
}

/** Validates a role set: known roles, never the root (no one grants it), and at most one of the separated admin roles. */
export function rolesAreValid(list: string[]): list is Role[] {
  const known = new Set<string>(roles);
  if (!list.every((r) => known.has(r)) || list.includes(rootRole)) return false;
  return list.filter((r) => separatedAdminRoles.includes(r as Role)).length <= 1;
}

// ── Scopes: which rows of a list an actor sees (the list queries filter by these; one place, beside the rules) ──

/** Staff lists of cases, ratings, rectifications and letters: their department's; a supervisor also sees the region. */
export function departmentListScope(a: Actor): { departmentId: string | null; regionPrefix: string | null } | null {
  if (a.kind !== 'staff') return null;
  return { departmentId: a.departmentId, regionPrefix: hasRole(a, 'supervisor') ? a.regionCode : null };
}

/** The staff queue of cases: the department's; at a hall's front desk also the region's acceptance queue; a supervisor the region's. */
export function caseQueueScope(
  a: Actor,
): { departmentId: string | null; frontDeskRegion: string | null; supervisedRegion: string | null } | null {
  if (a.kind !== 'staff') return null;
  return {
    departmentId: a.departmentId,
    frontDeskRegion: hasRole(a, 'clerk', 'chiefRepresentative') && a.hallId ? a.regionCode : null,
    supervisedRegion: hasRole(a, 'supervisor') ? a.regionCode : null,
  };
}

/** The windows a clerk may issue a one-visit rating code at (一次一评): their hall's, as a hall clerk or 首席代表. */
export function isHallClerk(a: Actor): boolean {
  return a.kind === 'staff' && a.hallId !== null && hasRole(a, 'clerk', 'chiefRepresentative');
}
