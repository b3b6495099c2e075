/**
 * Shapes of the case (办件), material and notification API, as src/server/modules/cases/schema.ts,
 * materials/schema.ts and notifications/routes.ts define them (OpenAPI: /api/openapi.json).
 */

export type CaseStatus =
  | 'draft'
  | 'submitted'
  | 'prereview'
  | 'correction'
  | 'accepted'
  | 'review'
  | 'special'
  | 'suspended'
  | 'decided'
  | 'completed'
  | 'issued'
  | 'delivered'
  | 'rejected'
  | 'withdrawn'
  | 'revoked';

export type WarningLevel = 'none' | 'yellow' | 'red';

/** A step of the item's handling (受理 → 审查 → 决定). */
export type WorkflowStep = { key: string; name: string; kind: 'accept' | 'review' | 'decide' | string; role: string };

/** A case in lists. */
export type CaseSummary = {
  id: string;
  number: string | null;
  status: CaseStatus;
  itemName: string;
  implementationCode: string;
  situationKey: string;
  departmentId: string;
  regionCode: string;
  channel: 'online' | 'window' | 'agency';
  /** Masked (张*) for persons; the organisation's name for enterprises. */
  applicantName: string;
  applicantKind: 'person' | 'organization';
  handlingType: 'immediate' | 'promised';
  step: WorkflowStep & { index: number };
  commitmentMode: boolean;
  deficiencyOpen: boolean;
  deemedAccepted: boolean;
  decision: 'approved' | 'denied' | null;
  submittedAt: string | null;
  acceptedOn: string | null;
  promisedDueOn: string | null;
  clockPaused: boolean;
  warningLevel: WarningLevel;
  handlerId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** 办理时限 of an accepted case (dates are YYYY-MM-DD in Shanghai). */
export type CaseClock = {
  startedOn: string;
  promisedDueOn: string;
  legalDueOn: string;
  usedDays: number;
  leftDays: number;
  suspendedDays: number;
  paused: boolean;
  stopped: boolean;
  overdue: boolean;
  level: WarningLevel;
  /** Years the due dates reach whose holiday notice is not entered yet: computed from the law, they may move. */
  provisionalYears: number[];
  unit: 'workday' | 'calendarDay';
  promisedDays: number;
  legalDays: number;
  extensionDays: number;
};

/** One material requirement of the case's situation with what was filed for it. */
export type CaseMaterial = {
  requirementKey: string;
  name: string;
  required: boolean;
  deferrable: boolean;
  /** submitted, accepted, deficient, deferred, supplied, license (met by a valid license: 免提交); null when nothing was filed. */
  status: string | null;
  note: string | null;
  /** The applicant's electronic license that stood in for the material (免提交), when one did. */
  license?: { identifier: string; typeName: string } | null;
  material: {
    id: string;
    name: string | null;
    filename: string | null;
    kind: string | null;
    size: number | null;
    contentUrl: string;
  } | null;
};

export type NoticeItem = { requirementKey: string; name: string; problem: 'missing' | 'wrong'; note?: string };

/** 一次性告知: every missing or wrong material at once. */
export type CaseNotice = { id: string; issuedAt: string; items: NoticeItem[]; note: string | null; supplementedAt: string | null };

/** 容缺 (deficiency) or 告知承诺 (condition) commitment. */
export type Commitment = {
  id: string;
  kind: 'deficiency' | 'condition';
  subjectKey: string;
  text: string;
  dueOn: string | null;
  /** awaitingSignature, pending, fulfilled, … */
  status: string;
  signedAt: string | null;
  fulfilledAt: string | null;
};

export type Suspension = { kind: string; specialKind: string | null; reason: string; startedOn: string; endedOn: string | null };

export type TimelineEvent = {
  id: string;
  at: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorName: string;
  stepKey: string | null;
  note: string | null;
  data: unknown;
  internal: boolean;
};

/** Action names the server offers in `allowedActions`. */
export type CaseAction =
  | 'saveDraft'
  | 'submit'
  | 'withdraw'
  | 'supplement'
  | 'signCommitment'
  | 'supplyDeferred'
  | 'claim'
  | 'accept'
  | 'notifyDeficiency'
  | 'reject'
  | 'handleImmediately'
  | 'review'
  | 'decide'
  | 'complete'
  | 'startSpecial'
  | 'endSpecial'
  | 'requestExtension'
  | 'decideExtension'
  | 'transfer'
  | 'postCheck';

/** `GET /api/v1/cases/{id}`: the whole case as the reader may see it. */
export type CaseDetail = CaseSummary & {
  formData: Record<string, unknown>;
  workflow: WorkflowStep[];
  materials: CaseMaterial[];
  clock: CaseClock | null;
  notices: CaseNotice[];
  commitments: Commitment[];
  suspensions: Suspension[];
  extension: {
    status: string;
    reason: string | null;
    days: number;
    /** What the item's law allows: days, the approving level, the basis. */
    allowance: { days: number; approverLevel: string; basis: string };
  };
  postCheck: { sampled: boolean; status: string; findings: string | null } | null;
  decisionReason: string | null;
  timeline: TimelineEvent[];
  allowedActions: string[];
  /** Kinds for GET /api/v1/cases/{id}/documents/{kind}. */
  documents: string[];
  mandate: unknown;
};

/** A stored material (个人资料库 / Wallet entry). */
export type StoredMaterial = {
  id: string;
  name: string;
  filename: string;
  kind: string;
  mediaType: string;
  size: number;
  sm3: string;
  createdAt: string;
  contentUrl: string;
};

/** A material referenced by an application: the stored material's id and what to show for it. */
export type ChosenMaterial = { id: string; filename: string; kind: string; size: number | null; contentUrl: string };

export type Notification = {
  id: string;
  caseId: string | null;
  kind: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
};

export type NotificationPage = { items: Notification[]; total: number; unread: number };

/** Staff queues (`GET /api/v1/staff/cases?queue=`). */
export type QueueName = 'toAccept' | 'toReview' | 'toDecide' | 'dueSoon' | 'overdue' | 'mine' | 'open' | 'done';
