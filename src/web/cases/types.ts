/**
 * Shapes of the case (办件), material and notification API: aliases of the types generated from the
 * server's OpenAPI document (`npm run gen:api-types`).
 */
import type { Answer, Schemas } from '../api-types.ts';
import type { paths } from '../api-types.gen.ts';

export type CaseStatus = CaseSummary['status'];

export type WarningLevel = CaseSummary['warningLevel'];

/** A step of the item's handling (受理 → 审查 → 决定). */
export type WorkflowStep = CaseDetail['workflow'][number];

/** A case in lists. `applicantName` is masked (张*) for persons, the organisation's name for enterprises. */
export type CaseSummary = Schemas['CaseSummary'];

/** 办理时限 of an accepted case (dates are YYYY-MM-DD in Shanghai). */
export type CaseClock = Schemas['CaseClock'];

/**
 * One material requirement of the case's situation with what was filed for it. `status`: submitted,
 * accepted, deficient, deferred, supplied, license (met by a valid license: 免提交); null when nothing was filed.
 */
export type CaseMaterial = CaseDetail['materials'][number];

export type NoticeItem = CaseNotice['items'][number];

/** 一次性告知: every missing or wrong material at once. */
export type CaseNotice = CaseDetail['notices'][number];

/** 容缺 (deficiency) or 告知承诺 (condition) commitment. */
export type Commitment = CaseDetail['commitments'][number];

export type Suspension = CaseDetail['suspensions'][number];

export type TimelineEvent = Schemas['CaseEvent'];

/** Action names the server offers in `allowedActions`. */
export type CaseAction = CaseDetail['allowedActions'][number];

/** `GET /api/v1/cases/{id}`: the whole case as the reader may see it; `documents` are kinds for …/documents/{kind}. */
export type CaseDetail = Schemas['CaseDetail'];

/** A stored material (个人资料库 / Wallet entry). */
export type StoredMaterial = Schemas['StoredMaterial'];

/** A material the applicant picked for a requirement (web state): the stored material's id and what to show for it. */
export type ChosenMaterial = { id: string; filename: string; kind: string; size: number | null; contentUrl: string };

export type Notification = Schemas['Notification'];

export type NotificationPage = Answer<'/api/v1/notifications', 'get'>;

/** Staff queues (`GET /api/v1/staff/cases?queue=`). */
export type QueueName = NonNullable<NonNullable<paths['/api/v1/staff/cases']['get']['parameters']['query']>['queue']>;
