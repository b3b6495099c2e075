import { z } from 'zod';
import { transitions, type CaseAction } from './workflow.ts';
import { regionCode } from '../../platform/region-code.ts';

/** Request and response schemas of the case API. Every body is strict: a status, handler or department sent by a client is refused. */

const key = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'keyInvalid');
const text = (max: number) => z.string().trim().max(max);
const version = z.number().int().min(1).optional();
const materialRef = z.strictObject({ requirementKey: key, materialId: z.uuid() });

export const applyBody = z.strictObject({
  itemCode: z.string().min(10).max(40),
  situationKey: key,
  formData: z.record(z.string(), z.unknown()).default({}),
  materials: z.array(materialRef).max(60).default([]),
  /** 告知承诺: keys of the item's commitment conditions the applicant signs instead of proving. */
  conditionCommitments: z.array(key).max(20).default([]),
  /** An enterprise user applying for their organisation. */
  organizationId: z.uuid().optional(),
  /** Window clerks and agents: the walk-in applicant. */
  applicant: z.strictObject({ name: text(40).min(2), idNumber: z.string().trim().max(18), phone: z.string().trim().max(11) }).optional(),
  /** Agents: the mandate (委托) the applicant confirmed (POST /api/v1/mandates); its principal is the applicant. */
  mandateId: z.uuid().optional(),
  /** false saves a draft. */
  submit: z.boolean().default(true),
});
export type ApplyBody = z.infer<typeof applyBody>;

export const draftBody = z.strictObject({
  situationKey: key,
  formData: z.record(z.string(), z.unknown()).default({}),
  materials: z.array(materialRef).max(60).default([]),
  conditionCommitments: z.array(key).max(20).default([]),
  version,
});
export type DraftBody = z.infer<typeof draftBody>;

export const versionBody = z.strictObject({ version });
export const withdrawBody = z.strictObject({ version, reason: text(500).optional() });
export const supplementBody = z.strictObject({ version, materials: z.array(materialRef).min(1).max(60) });
export const supplyBody = z.strictObject({ version, requirementKey: key, materialId: z.uuid() });
export const commitmentParam = z.strictObject({ id: z.uuid(), commitmentId: z.uuid() });

export const acceptBody = z.strictObject({
  version,
  /** 容缺: materials accepted as missing, each against a signed commitment. */
  deferred: z
    .array(z.strictObject({ requirementKey: key }))
    .max(20)
    .default([]),
  /** Working days the applicant has to supply deferred materials. */
  supplyWithinDays: z.number().int().min(1).max(30).default(5),
  /** The applicant signed the commitment at the window. */
  signedOnSite: z.boolean().default(false),
});
export type AcceptBody = z.infer<typeof acceptBody>;

export const noticeBody = z.strictObject({
  version,
  items: z
    .array(z.strictObject({ requirementKey: key, problem: z.enum(['missing', 'wrong']), note: text(300).optional() }))
    .min(1)
    .max(60),
  note: text(1000).optional(),
});
export type NoticeBody = z.infer<typeof noticeBody>;

export const rejectBody = z.strictObject({ version, reason: text(1000).min(4), remedies: text(1000).min(4).optional() });
export type RejectBody = z.infer<typeof rejectBody>;

export const reviewBody = z.strictObject({ version, opinion: z.enum(['approve', 'deny']), comment: text(2000).min(2) });
export type ReviewBody = z.infer<typeof reviewBody>;

/** 会签: the department's opinion and its reasons. */
export const countersignBody = z.strictObject({ version, opinion: z.enum(['agree', 'disagree']), comment: text(2000).min(2) });
export type CountersignBody = z.infer<typeof countersignBody>;

export const decideBody = z
  .strictObject({ version, decision: z.enum(['approved', 'denied']), reason: text(2000).optional() })
  .refine((b) => b.decision === 'approved' || (b.reason?.length ?? 0) >= 4, {
    path: ['reason'],
    params: { reason: 'denialNeedsReason' },
  });
export type DecideBody = z.infer<typeof decideBody>;

export const specialKinds = [
  'hearing',
  'inspection',
  'testing',
  'quarantine',
  'appraisal',
  'expertReview',
  'publicNotice',
  'bidding',
  'auction',
] as const;
export type SpecialKind = (typeof specialKinds)[number];
export const specialBody = z.strictObject({
  version,
  kind: z.enum(specialKinds),
  reason: text(1000).min(4),
  expectedDays: z.number().int().min(1).max(365).optional(),
});
export type SpecialBody = z.infer<typeof specialBody>;

export const commentBody = z.strictObject({ version, text: text(2000).optional() });
export type CommentBody = z.infer<typeof commentBody>;
export const noteBody = z.strictObject({ text: text(2000).min(1) });
export const reasonBody = z.strictObject({ version, reason: text(1000).min(4) });
export type ReasonBody = z.infer<typeof reasonBody>;
export const extensionDecisionBody = z.strictObject({ version, approve: z.boolean(), comment: text(1000).optional() });
export type ExtensionDecisionBody = z.infer<typeof extensionDecisionBody>;
export const transferBody = z.strictObject({ version, assigneeId: z.uuid(), reason: text(500).min(2) });
export type TransferBody = z.infer<typeof transferBody>;
export const postCheckBody = z.strictObject({ version, passed: z.boolean(), findings: text(2000).min(4) });
export type PostCheckBody = z.infer<typeof postCheckBody>;
/** 统一出件: who received the result, and how. */
export const handOverBody = z.strictObject({
  version,
  recipientName: text(40).min(2),
  method: z.enum(['window', 'express']).default('window'),
  note: text(500).optional(),
});
export type HandOverBody = z.infer<typeof handOverBody>;

export const idParam = z.strictObject({ id: z.uuid() });
export const documentParam = z.strictObject({
  id: z.uuid(),
  kind: z.enum(['receipt', 'acceptance', 'correction', 'rejection', 'decision']),
});

export const caseStatuses = [
  'draft',
  'waiting',
  'submitted',
  'prereview',
  'correction',
  'accepted',
  'review',
  'special',
  'suspended',
  'decided',
  'completed',
  'issued',
  'delivered',
  'rejected',
  'withdrawn',
  'revoked',
] as const;
/** `after`: the `nextCursor` of the previous page (keyset pagination); with it, `page` is not used. */
const after = z.string().min(1).max(400).optional();
/**
 * The tabs of 我的办件: what needs the applicant (补正, drafts, 容缺 to supply), in progress, ended, and
 * 待评价 (toRate: complete cases nobody has rated yet, through any channel).
 */
export const myCaseGroups = ['needsMe', 'inProgress', 'done', 'toRate'] as const;
export const myCasesQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(caseStatuses).optional(),
  after,
  group: z.enum(myCaseGroups).optional(),
  /** A case number (or its start) or words of the item's name. */
  q: z.string().trim().min(1).max(40).optional(),
});
export const postChecksQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const queueQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  after,
  queue: z
    .enum(['toAccept', 'toReview', 'toCountersign', 'toDecide', 'dueSoon', 'overdue', 'mine', 'open', 'done', 'toHandOver'])
    .default('open'),
  /**
   * Search within the queue: a case number (whole or its start), an ID number (matched by its blind index, never
   * decrypted) or an applicant's name (matched by its masked form: 张三 finds every 张* of two characters).
   */
  q: z.string().trim().min(1).max(40).optional(),
});

/** 办件进度查询 without login: the case number and the applicant's ID number (both checked by the service for stable codes). */
export const progressBody = z.strictObject({
  number: z.string().trim().max(40),
  idNumber: z.string().trim().max(40),
});
/** What the public lookup answers: status, stage, dates and department; the applicant's name masked. */
export const caseProgress = z
  .object({
    number: z.string(),
    itemName: z.string(),
    departmentName: z.string(),
    applicantName: z.string(),
    status: z.enum(caseStatuses),
    stepKind: z.string(),
    stepName: z.string(),
    submittedAt: z.string().nullable(),
    acceptedOn: z.string().nullable(),
    promisedDueOn: z.string().nullable(),
    decidedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CaseProgress' });

/** 查看完整姓名: the handling clerk says why (audited). */
export const revealBody = z.strictObject({ reason: z.string().trim().min(2).max(200) });
export const applicantIdentity = z
  .object({
    kind: z.enum(['person', 'organization']),
    name: z.string(),
    /** 身份证号 of a person, 统一社会信用代码 of an organisation. */
    identifier: z.string(),
  })
  .meta({ id: 'ApplicantIdentity' });

const clock = z
  .object({
    startedOn: z.string(),
    promisedDueOn: z.string(),
    legalDueOn: z.string(),
    usedDays: z.number(),
    leftDays: z.number(),
    suspendedDays: z.number(),
    paused: z.boolean(),
    stopped: z.boolean(),
    overdue: z.boolean(),
    level: z.enum(['none', 'yellow', 'red']),
    /** Years of the clock whose holiday notice is not entered yet (computed from the law): the due dates may still move. */
    provisionalYears: z.array(z.number().int()),
    unit: z.enum(['workday', 'calendarDay']),
    promisedDays: z.number(),
    legalDays: z.number(),
    extensionDays: z.number(),
  })
  .meta({ id: 'CaseClock' });

/** A line of a 一次性告知 (deficiency notice), as stored on the notice. */
const noticeItem = z.object({
  requirementKey: z.string(),
  name: z.string(),
  problem: z.enum(['missing', 'wrong']),
  note: z.string().optional(),
});
export type NoticeItem = z.infer<typeof noticeItem>;

export const caseSummary = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    status: z.enum(caseStatuses),
    itemName: z.string(),
    implementationCode: z.string(),
    situationKey: z.string(),
    departmentId: z.string(),
    regionCode,
    channel: z.enum(['online', 'window', 'agency']),
    applicantName: z.string(),
    applicantKind: z.enum(['person', 'organization']),
    handlingType: z.enum(['immediate', 'promised']),
    step: z.object({ key: z.string(), name: z.string(), kind: z.string(), role: z.string(), index: z.number() }),
    commitmentMode: z.boolean(),
    deficiencyOpen: z.boolean(),
    deemedAccepted: z.boolean(),
    decision: z.enum(['approved', 'denied']).nullable(),
    submittedAt: z.string().nullable(),
    acceptedOn: z.string().nullable(),
    promisedDueOn: z.string().nullable(),
    clockPaused: z.boolean(),
    warningLevel: z.enum(['none', 'yellow', 'red']),
    handlerId: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CaseSummary' });

const event = z
  .object({
    id: z.string(),
    at: z.string(),
    action: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    actorName: z.string(),
    stepKey: z.string().nullable(),
    note: z.string().nullable(),
    data: z.unknown(),
    internal: z.boolean(),
  })
  .meta({ id: 'CaseEvent' });

export const caseDetail = caseSummary
  .extend({
    formData: z.record(z.string(), z.unknown()),
    workflow: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        kind: z.string(),
        role: z.string(),
        participants: z.array(z.object({ departmentKey: z.string(), days: z.number() })).optional(),
        quorum: z.union([z.literal('all'), z.number()]).optional(),
      }),
    ),
    materials: z.array(
      z.object({
        requirementKey: z.string(),
        name: z.string(),
        required: z.boolean(),
        deferrable: z.boolean(),
        status: z.string().nullable(),
        note: z.string().nullable(),
        license: z.object({ identifier: z.string(), typeName: z.string() }).nullable(),
        material: z
          .object({
            id: z.string(),
            name: z.string().nullable(),
            filename: z.string().nullable(),
            kind: z.string().nullable(),
            size: z.number().nullable(),
            contentUrl: z.string(),
          })
          .nullable(),
      }),
    ),
    clock: clock.nullable(),
    notices: z.array(
      z.object({
        id: z.string(),
        issuedAt: z.string(),
        items: z.array(noticeItem),
        note: z.string().nullable(),
        supplementedAt: z.string().nullable(),
      }),
    ),
    commitments: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['deficiency', 'condition']),
        subjectKey: z.string(),
        text: z.string(),
        dueOn: z.string().nullable(),
        status: z.string(),
        signedAt: z.string().nullable(),
        fulfilledAt: z.string().nullable(),
      }),
    ),
    suspensions: z.array(
      z.object({
        kind: z.string(),
        specialKind: z.string().nullable(),
        reason: z.string(),
        startedOn: z.string(),
        endedOn: z.string().nullable(),
      }),
    ),
    extension: z.object({
      status: z.string(),
      reason: z.string().nullable(),
      days: z.number(),
      /** What the item's law allows (25.8): days, approver level and basis; days 0 = no extension. */
      allowance: z.object({ days: z.number(), approverLevel: z.string(), basis: z.string() }),
    }),
    countersigns: z.array(
      z.object({
        stepKey: z.string(),
        departmentId: z.string(),
        departmentName: z.string(),
        dueOn: z.string(),
        /** closed: the step's quorum was reached without this opinion. */
        status: z.enum(['pending', 'signed', 'closed']),
        overdue: z.boolean(),
        opinion: z.enum(['agree', 'disagree']).nullable(),
        comment: z.string().nullable(),
        signedByName: z.string().nullable(),
        signedAt: z.string().nullable(),
      }),
    ),
    postCheck: z.object({ sampled: z.boolean(), status: z.string(), findings: z.string().nullable() }).nullable(),
    decisionReason: z.string().nullable(),
    timeline: z.array(event),
    allowedActions: z.array(z.enum(Object.keys(transitions) as [CaseAction, ...CaseAction[]])),
    documents: z.array(z.string()),
    mandate: z.unknown().nullable(),
  })
  .meta({ id: 'CaseDetail' });
