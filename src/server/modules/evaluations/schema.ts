import { z } from 'zod';
import { regionCode } from '../../platform/region-code.ts';

/**
 * Request and response schemas of 好差评 (ratings), 整改 (rectifications), 申诉 (appeals) and
 * 督办函 (supervision letters). Every body is strict: a department, staff list or channel that the
 * server derives is never taken from the client.
 */

const text = (max: number) => z.string().trim().max(max);
const version = z.number().int().min(1).optional();

/** GB/T 39046 A.8: five levels, 5 = 非常满意 … 1 = 非常不满意; 1–2 are bad ratings (差评). */
export const scoreNames: Record<number, { zh: string; en: string }> = {
  5: { zh: '非常满意', en: 'Very satisfied' },
  4: { zh: '满意', en: 'Satisfied' },
  3: { zh: '基本满意', en: 'Fairly satisfied' },
  2: { zh: '不满意', en: 'Dissatisfied' },
  1: { zh: '非常不满意', en: 'Very dissatisfied' },
};
/** A score at or below this is a bad rating (差评). */
export const BAD_SCORE = 2;
export const isBad = (score: number) => score <= BAD_SCORE;

/** Tags a rater may pick: praise for 3–5, reasons for 1–3 (国办发〔2019〕51号 评价要素). */
export const positiveTags = ['friendly', 'efficient', 'doneAtOnce', 'clearGuidance', 'convenientOnline', 'noRunning'] as const;
export const negativeTags = [
  'rude',
  'slow',
  'manyVisits',
  'tooManyMaterials',
  'unclearGuidance',
  'inconsistent',
  'overdue',
  'unreasonableFee',
  'systemProblem',
] as const;
export const tagNames: Record<string, { zh: string; en: string }> = {
  friendly: { zh: '服务热情', en: 'Friendly' },
  efficient: { zh: '办事高效', en: 'Efficient' },
  doneAtOnce: { zh: '一次办成', en: 'Done in one go' },
  clearGuidance: { zh: '指引清晰', en: 'Clear guidance' },
  convenientOnline: { zh: '网上办理方便', en: 'Easy online' },
  noRunning: { zh: '少跑腿', en: 'Few trips' },
  rude: { zh: '态度生硬', en: 'Unfriendly' },
  slow: { zh: '办理拖延', en: 'Slow' },
  manyVisits: { zh: '多次跑动', en: 'Many trips' },
  tooManyMaterials: { zh: '材料繁琐', en: 'Too many materials' },
  unclearGuidance: { zh: '告知不清', en: 'Unclear guidance' },
  inconsistent: { zh: '标准不一', en: 'Inconsistent rules' },
  overdue: { zh: '超时办理', en: 'Past the time limit' },
  unreasonableFee: { zh: '不合理收费', en: 'Unreasonable fee' },
  systemProblem: { zh: '系统不好用', en: 'System problems' },
};
/** The tags allowed with a score. */
export function tagsFor(score: number): string[] {
  if (score >= 4) return [...positiveTags];
  if (score === 3) return [...positiveTags, ...negativeTags];
  return [...negativeTags];
}

const tag = z.string().regex(/^[a-z][a-zA-Z]{1,30}$/, 'tagInvalid');
const ratingFields = {
  score: z.number().int().min(1).max(5),
  tags: z.array(tag).max(9).default([]),
  comment: text(500).optional(),
};
const badNeedsReason = (b: { score: number; tags: string[]; comment?: string }) =>
  b.score > BAD_SCORE || b.tags.length > 0 || (b.comment?.length ?? 0) >= 2;
const badNeedsReasonIssue = { path: ['tags'], params: { reason: 'badRatingNeedsReason' } };

/** 一事一评 online: the case's party rates a completed case. */
export const rateCaseBody = z
  .strictObject({ caseId: z.uuid(), channel: z.enum(['online', 'app']).default('online'), ...ratingFields })
  .refine(badNeedsReason, badNeedsReasonIssue);
export type RateCaseBody = z.infer<typeof rateCaseBody>;

/** 一次一评 / SMS link: rating with a one-use token. */
export const rateTokenBody = z.strictObject(ratingFields).refine(badNeedsReason, badNeedsReasonIssue);
export type RateTokenBody = z.infer<typeof rateTokenBody>;

export const windowTokenBody = z.strictObject({ windowId: z.uuid(), caseId: z.uuid().optional() });
export type WindowTokenBody = z.infer<typeof windowTokenBody>;

export const tokenParam = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'ratingCodeInvalid') });
export const idParam = z.strictObject({ id: z.uuid() });

export const staffListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  bad: z.enum(['true', 'false']).optional(),
  channel: z.enum(['online', 'window', 'sms', 'app', 'hotline']).optional(),
});
export type StaffListQuery = z.infer<typeof staffListQuery>;

export const mineQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  caseId: z.uuid().optional(),
});
export type MineQuery = z.infer<typeof mineQuery>;

export const rectificationStatuses = ['open', 'verifying', 'rectifying', 'feedback', 'signOff', 'closed', 'voided'] as const;
export const rectificationQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(rectificationStatuses).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type RectificationQuery = z.infer<typeof rectificationQuery>;

export const callbackBody = z.strictObject({
  version,
  method: z.enum(['phone', 'sms', 'visit', 'online']),
  reached: z.boolean(),
  summary: text(2000).min(4),
});
export type CallbackBody = z.infer<typeof callbackBody>;
export const verifyBody = z.strictObject({
  version,
  finding: z.enum(['substantiated', 'partlySubstantiated', 'unsubstantiated']),
  note: text(2000).min(4),
});
export type VerifyBody = z.infer<typeof verifyBody>;
export const rectifyBody = z.strictObject({ version, measures: text(4000).min(4) });
export type RectifyBody = z.infer<typeof rectifyBody>;
export const feedbackBody = z.strictObject({ version, text: text(2000).min(4) });
export type FeedbackBody = z.infer<typeof feedbackBody>;
export const signOffBody = z
  .strictObject({ version, approved: z.boolean(), comment: text(2000).optional() })
  .refine((b) => b.approved || (b.comment?.length ?? 0) >= 4, {
    path: ['comment'],
    params: { reason: 'returnNeedsReason' },
  });
export type SignOffBody = z.infer<typeof signOffBody>;

export const appealBody = z.strictObject({ kind: z.enum(['mistaken', 'malicious', 'unrelated']), reason: text(2000).min(10) });
export type AppealBody = z.infer<typeof appealBody>;
export const appealDecisionBody = z.strictObject({ version, upheld: z.boolean(), comment: text(2000).min(4) });
export type AppealDecisionBody = z.infer<typeof appealDecisionBody>;
export const appealQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(['pending', 'upheld', 'rejected']).optional(),
});
export type AppealQuery = z.infer<typeof appealQuery>;

export const letterBody = z
  .strictObject({
    caseId: z.uuid().optional(),
    evaluationId: z.uuid().optional(),
    /** Defaults to the department responsible for the case or rating. */
    departmentId: z.uuid().optional(),
    subject: text(200).min(4),
    body: text(4000).min(10),
    /** The reply deadline; default: the configured number of working days from today. */
    replyDueOn: z.iso.date().optional(),
  })
  .refine((b) => (b.caseId === undefined) !== (b.evaluationId === undefined), {
    path: ['caseId'],
    params: { reason: 'letterNeedsOneTarget' },
  });
export type LetterBody = z.infer<typeof letterBody>;
export const letterReplyBody = z.strictObject({ version, text: text(4000).min(4) });
export type LetterReplyBody = z.infer<typeof letterReplyBody>;
export const letterQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(['sent', 'replied']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type LetterQuery = z.infer<typeof letterQuery>;

export const settingsBody = z.strictObject({
  callbackWorkingDays: z.number().int().min(1).max(10),
  rectificationWorkingDays: z.number().int().min(1).max(60),
  letterReplyWorkingDays: z.number().int().min(1).max(30),
  windowTokenMinutes: z.number().int().min(2).max(120),
  smsTokenDays: z.number().int().min(1).max(90),
});
export type EvaluationSettings = z.infer<typeof settingsBody>;

// ───────────────────────── responses

const iso = z.string();
const channel = z.enum(['online', 'window', 'sms', 'app', 'hotline']);
const rectificationStatus = z.enum(rectificationStatuses);
const warningLevel = z.enum(['none', 'yellow', 'red']);
const appealStatus = z.enum(['pending', 'upheld', 'rejected']);
const staffRef = z.object({ id: z.uuid(), name: z.string() });

export const evaluation = z
  .object({
    id: z.uuid(),
    caseId: z.uuid().nullable(),
    caseNumber: z.string().nullable(),
    itemId: z.uuid().nullable(),
    itemName: z.string().nullable(),
    channel,
    score: z.number().int(),
    scoreName: z.string(),
    bad: z.boolean(),
    tags: z.array(z.string()),
    comment: z.string().nullable(),
    departmentId: z.uuid(),
    departmentName: z.string(),
    regionCode,
    hallId: z.uuid().nullable(),
    windowId: z.uuid().nullable(),
    windowName: z.string().nullable(),
    staff: z.array(staffRef),
    raterName: z.string().nullable(),
    excluded: z.boolean(),
    createdAt: iso,
    rectification: z
      .object({ id: z.uuid(), status: rectificationStatus, dueOn: z.string(), callbackDueOn: z.string(), warningLevel })
      .nullable(),
    appeal: z.object({ id: z.uuid(), status: appealStatus, kind: z.string() }).nullable(),
  })
  .meta({ id: 'Evaluation' });

export const caseEvaluationStatus = z
  .object({
    canRate: z.boolean(),
    reason: z.enum(['notComplete', 'rated', 'notParty']).nullable(),
    evaluations: z.array(evaluation),
    tags: z.object({ positive: z.array(z.string()), negative: z.array(z.string()) }),
  })
  .meta({ id: 'CaseEvaluationStatus' });

export const issuedToken = z
  .object({ token: z.string(), url: z.string(), expiresAt: iso, channel: z.enum(['window', 'sms']) })
  .meta({ id: 'IssuedToken' });

export const tokenInfo = z
  .object({
    channel: z.enum(['window', 'sms']),
    expiresAt: iso,
    itemName: z.string().nullable(),
    caseNumber: z.string().nullable(),
    departmentName: z.string(),
    hallName: z.string().nullable(),
    windowName: z.string().nullable(),
    staff: z.array(z.object({ name: z.string() })),
    tags: z.object({ positive: z.array(z.string()), negative: z.array(z.string()) }),
  })
  .meta({ id: 'TokenInfo' });

export const rectificationEvent = z
  .object({
    at: iso,
    action: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    actorName: z.string(),
    note: z.string().nullable(),
  })
  .meta({ id: 'RectificationEvent' });

export const rectification = z
  .object({
    id: z.uuid(),
    evaluationId: z.uuid(),
    caseId: z.uuid().nullable(),
    departmentId: z.uuid(),
    departmentName: z.string(),
    regionCode,
    status: rectificationStatus,
    callbackDueOn: z.string(),
    dueOn: z.string(),
    overdue: z.boolean(),
    callbackOverdue: z.boolean(),
    warningLevel,
    callback: z
      .object({ at: iso, method: z.string().nullable(), reached: z.boolean().nullable(), summary: z.string().nullable() })
      .nullable(),
    finding: z.string().nullable(),
    verification: z.string().nullable(),
    measures: z.string().nullable(),
    feedback: z.string().nullable(),
    signOffComment: z.string().nullable(),
    signedOffAt: iso.nullable(),
    score: z.number().int(),
    itemName: z.string().nullable(),
    caseNumber: z.string().nullable(),
    allowedActions: z.array(z.enum(['callback', 'verify', 'rectify', 'feedback', 'signOff'])),
    version: z.number().int(),
    createdAt: iso,
  })
  .meta({ id: 'Rectification' });
export const rectificationDetail = rectification
  .extend({ evaluation, events: z.array(rectificationEvent) })
  .meta({ id: 'RectificationDetail' });

export const appeal = z
  .object({
    id: z.uuid(),
    evaluationId: z.uuid(),
    departmentId: z.uuid(),
    regionCode,
    appellant: staffRef,
    kind: z.string(),
    reason: z.string(),
    status: appealStatus,
    decidedAt: iso.nullable(),
    decisionComment: z.string().nullable(),
    score: z.number().int(),
    itemName: z.string().nullable(),
    version: z.number().int(),
    createdAt: iso,
  })
  .meta({ id: 'Appeal' });

export const letter = z
  .object({
    id: z.uuid(),
    number: z.string(),
    regionCode,
    departmentId: z.uuid(),
    departmentName: z.string(),
    caseId: z.uuid().nullable(),
    caseNumber: z.string().nullable(),
    evaluationId: z.uuid().nullable(),
    subject: z.string(),
    body: z.string(),
    replyDueOn: z.string(),
    status: z.enum(['sent', 'replied']),
    overdue: z.boolean(),
    sentBy: z.string(),
    sentAt: iso,
    reply: z.string().nullable(),
    repliedBy: z.string().nullable(),
    repliedAt: iso.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'SupervisionLetter' });
