/**
 * Shapes of the service catalog (事项库) API, as src/server/modules/catalog/{schema,guide-schema}.ts
 * define them (OpenAPI: /api/openapi.json).
 */

export type HandlingType = 'immediate' | 'promised';
export type TimeLimit = { value: number; unit: 'workday' | 'calendarDay'; note?: string };

/** 申请材料 of a guide. */
export type MaterialRequirement = {
  key: string;
  name: string;
  source: string;
  originals: number;
  copies: number;
  required: boolean;
  deferrable: boolean;
  fileTypes: string[];
  maxSizeMb: number;
  blankForm?: string;
  sample?: string;
  replacedByLicenseType?: string;
  notes?: string;
};

/** 办理项 / 情形. */
export type Situation = { key: string; name: string; description?: string; materialKeys: string[]; promisedLimit?: TimeLimit };

/** A question of the situation questionnaire; each answer keeps a subset of the situations. */
export type Question = { key: string; text: string; options: Array<{ label: string; situationKeys: string[] }> };

export type SimpleFormField = {
  key: string;
  label: string;
  required: boolean;
  help?: string;
  prefill?: string;
  type: string;
  options?: string[];
  maxLength?: number;
  min?: number;
  max?: number;
};
export type FormField = SimpleFormField | (Omit<SimpleFormField, 'type'> & { type: 'table'; columns: SimpleFormField[]; maxRows: number });

/** 收费 (收费清单 entry). */
export type Fee = { name: string; basis: string; standard: string; amountYuan?: number; formula?: string; collectedAt?: string };

/** 办事指南: one version's whole guide. */
export type Guide = {
  name: string;
  basicCode: string;
  itemType: string;
  exerciseLevel: number;
  coDepartments: string[];
  legalBasis: string;
  conditions: string;
  process: string;
  legalLimit: TimeLimit;
  promisedLimit: TimeLimit;
  handlingType: HandlingType;
  maxVisits: number;
  onlineDepth: number;
  handlingForms: string[];
  crossRegionScope: string;
  reformMode: string | null;
  serviceObjects: string[];
  themes: string[];
  keywords: string[];
  places: string;
  hours: string;
  consultPhone: string;
  complaintPhone: string;
  canBookOnline: boolean;
  supportsOnlinePayment: boolean;
  supportsExpress: boolean;
  faq: Array<{ q: string; a: string }>;
  result: { name: string; type: 'license' | 'document' | 'none'; licenseType?: string };
  fees: Fee[];
  situations: Situation[];
  questionnaire: Question[];
  materials: MaterialRequirement[];
  form: FormField[];
  /** The handling steps; empty = the default for the handling type. */
  workflow?: Array<{ key: string; name: string; kind: string; role: string }>;
  /** 告知承诺: conditions the applicant may promise instead of proving. */
  commitmentConditions?: CommitmentCondition[];
};

/** A condition the applicant may promise instead of proving (告知承诺制); it may replace one material. */
export type CommitmentCondition = { key: string; text: string; replacesMaterialKey?: string };

/** An item in lists and search results. */
export type ItemSummary = {
  implementationCode: string;
  basicCode: string;
  name: string;
  department: { id: string; name: string };
  regionCode: string;
  itemType: string;
  itemTypeName: string;
  handlingType: HandlingType;
  maxVisits: number;
  onlineDepth: number;
  canBookOnline: boolean;
  themes: string[];
  status: 'draft' | 'published' | 'withdrawn' | string;
  publishedVersion: number | null;
  version: number;
};

/** A bundle (一件事一次办) among the residents' search results; its page is /bundles/:id. */
export type BundleHit = { kind: 'bundle'; id: string; name: string; description: string; regionCode: string; themes: string[] };

/** One result of `GET /api/v1/search`: an item or a bundle, in one ranking. */
export type SearchResult = (ItemSummary & { kind: 'item' }) | BundleHit;

/** `GET /api/v1/items/:code`: the published guide. */
export type ItemDetail = ItemSummary & { guide: Guide; guideVersion: number; publishedAt: string | null };

/** 生活主题. */
export type Theme = { key: string; name: string };

export type VersionSummary = {
  number: number;
  status: 'draft' | 'review' | 'published' | 'superseded' | string;
  createdAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
};

/** A guide problem: a required element missing, or an inconsistency. */
export type GuideProblem = { element: string; reason: string };

export type VersionDetail = VersionSummary & { guide: Guide; missing: GuideProblem[] };

/** One difference between two versions, at a path such as `materials[idCard].copies`. */
export type Change = { path: string; kind: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown };

/** 办事指南完整率 of a region. */
export type Completeness = {
  regionCode: string;
  items: number;
  complete: number;
  rate: number;
  departments: Array<{ departmentId: string; departmentName: string; items: number; complete: number; rate: number }>;
};
