/** API shapes of 好差评, 整改, 申诉 and 督办函 (see src/server/modules/evaluations/schema.ts). */

export type TagCatalog = { positive: string[]; negative: string[] };

export type Evaluation = {
  id: string;
  caseId: string | null;
  caseNumber: string | null;
  itemId: string | null;
  itemName: string | null;
  channel: 'online' | 'window' | 'sms' | 'app' | 'hotline';
  score: number;
  scoreName: string;
  bad: boolean;
  tags: string[];
  comment: string | null;
  departmentId: string;
  departmentName: string;
  regionCode: string;
  hallId: string | null;
  windowId: string | null;
  windowName: string | null;
  staff: { id: string; name: string }[];
  raterName: string | null;
  excluded: boolean;
  createdAt: string;
  rectification: { id: string; status: RectificationStatus; dueOn: string; callbackDueOn: string; warningLevel: string } | null;
  appeal: { id: string; status: AppealStatus; kind: string } | null;
};

export type CaseEvaluationStatus = {
  canRate: boolean;
  reason: 'notComplete' | 'rated' | 'notParty' | null;
  evaluations: Evaluation[];
  tags: TagCatalog;
};

export type TokenInfo = {
  channel: 'window' | 'sms';
  expiresAt: string;
  itemName: string | null;
  caseNumber: string | null;
  departmentName: string;
  hallName: string | null;
  windowName: string | null;
  staff: { name: string }[];
  tags: TagCatalog;
};

export type IssuedToken = { token: string; url: string; expiresAt: string; channel: string };

export type RectificationStatus = 'open' | 'verifying' | 'rectifying' | 'feedback' | 'signOff' | 'closed' | 'voided';
export type RectificationStep = 'callback' | 'verify' | 'rectify' | 'feedback' | 'signOff';

export type Rectification = {
  id: string;
  evaluationId: string;
  caseId: string | null;
  departmentId: string;
  departmentName: string;
  regionCode: string;
  status: RectificationStatus;
  callbackDueOn: string;
  dueOn: string;
  overdue: boolean;
  callbackOverdue: boolean;
  warningLevel: 'none' | 'yellow' | 'red';
  callback: { at: string; method: string | null; reached: boolean | null; summary: string | null } | null;
  finding: string | null;
  verification: string | null;
  measures: string | null;
  feedback: string | null;
  signOffComment: string | null;
  signedOffAt: string | null;
  score: number;
  itemName: string | null;
  caseNumber: string | null;
  allowedActions: RectificationStep[];
  version: number;
  createdAt: string;
};

export type RectificationDetail = Rectification & {
  evaluation: Evaluation;
  events: { at: string; action: string; fromStatus: string | null; toStatus: string | null; actorName: string; note: string | null }[];
};

export type AppealStatus = 'pending' | 'upheld' | 'rejected';
export type Appeal = {
  id: string;
  evaluationId: string;
  departmentId: string;
  regionCode: string;
  appellant: { id: string; name: string };
  kind: string;
  reason: string;
  status: AppealStatus;
  decidedAt: string | null;
  decisionComment: string | null;
  score: number;
  itemName: string | null;
  version: number;
  createdAt: string;
};

export type Letter = {
  id: string;
  number: string;
  regionCode: string;
  departmentId: string;
  departmentName: string;
  caseId: string | null;
  caseNumber: string | null;
  evaluationId: string | null;
  subject: string;
  body: string;
  replyDueOn: string;
  status: 'sent' | 'replied';
  overdue: boolean;
  sentBy: string;
  sentAt: string;
  reply: string | null;
  repliedBy: string | null;
  repliedAt: string | null;
  version: number;
};

export type HallWindow = { id: string; number: string; name: string; kind: string; seated: boolean };

export type RatingInput = { score: number; tags: string[]; comment?: string };
