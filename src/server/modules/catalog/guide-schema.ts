import { z } from 'zod';

/**
 * The 办事指南 (Guide) of one version of an implementation item, following GB/T 39046-2020's
 * 事项管理 dataset (../shared/reference/STANDARDS.md §1). A version's guide is one document:
 * published versions are immutable, a draft is edited as a whole, and diffs compare two documents.
 */

/** 事项类型代码 (GB/T 39046 A.1). */
export const itemTypes = {
  '01': '行政许可',
  '02': '行政处罚',
  '03': '行政强制',
  '04': '行政征收',
  '05': '行政给付',
  '06': '行政检查',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他行政权力',
  '20': '公共服务',
} as const;
export type ItemTypeCode = keyof typeof itemTypes;

/** 行使层级 (A.2): 1 国家级 … 6 村(社区)级, 7 分级管理. */
export const exerciseLevels = {
  1: '国家级',
  2: '省级',
  3: '市级',
  4: '县级',
  5: '镇(乡、街道)级',
  6: '村(社区)级',
  7: '分级管理',
} as const;

/** 服务对象 (A.4). */
export const serviceObjects = ['person', 'enterprise', 'institution', 'socialOrganization', 'government', 'otherOrganization'] as const;
/** 办理形式 (A.5). */
export const handlingForms = ['window', 'pc', 'mobile', 'express', 'other'] as const;
/** 通办范围. */
export const crossRegionScopes = ['none', 'county', 'city', 'province', 'national'] as const;
/** 证照分离 reform modes: 直接取消审批 / 审批改为备案 / 实行告知承诺 / 优化审批服务. */
export const reformModes = ['cancel', 'filing', 'commitment', 'optimize'] as const;

/** Life themes for browsing: 自然人 and 法人 themes. */
export const themes = {
  birth: '生育收养',
  education: '教育',
  employment: '就业创业',
  household: '户籍办理',
  marriage: '婚姻登记',
  socialSecurity: '社会保障',
  medical: '医疗卫生',
  housing: '住房保障',
  realEstate: '不动产登记',
  transport: '交通出行',
  disability: '残疾人服务',
  elderly: '养老服务',
  death: '死亡殡葬',
  publicUtilities: '水电气',
  lawyer: '法律服务',
  business: '开办企业',
  permits: '经营许可',
  construction: '工程建设',
  tax: '纳税缴费',
  tobacco: '烟草专卖',
  water: '水利水务',
  transportBusiness: '交通运输经营',
  socialOrganization: '社会组织',
  qualification: '职业资格',
} as const;
export type ThemeKey = keyof typeof themes;

const key = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'keyInvalid');
const text = (max: number) => z.string().trim().max(max);
const timeLimit = z.strictObject({
  value: z.number().int().min(0).max(3650),
  unit: z.enum(['workday', 'calendarDay']),
  note: text(500).optional(),
});

export const materialRequirement = z.strictObject({
  key,
  name: text(200).min(2),
  /** 出具机构 */
  source: text(100).min(1),
  originals: z.number().int().min(0).max(20),
  copies: z.number().int().min(0).max(20),
  required: z.boolean(),
  /** May be missing at acceptance (容缺受理) against a commitment to supply it. */
  deferrable: z.boolean(),
  fileTypes: z
    .array(z.enum(['pdf', 'jpg', 'png', 'ofd', 'doc', 'docx', 'xls', 'xlsx']))
    .min(1)
    .max(8),
  maxSizeMb: z.number().int().min(1).max(100),
  blankForm: text(300).optional(),
  sample: text(300).optional(),
  /** A license type whose holder submits nothing (免提交): its type code or name. */
  replacedByLicenseType: text(60).optional(),
  notes: text(500).optional(),
});
export type MaterialRequirement = z.infer<typeof materialRequirement>;

export const situation = z.strictObject({
  key,
  /** 首次申请, 变更, 延续, 注销, 补领… */
  name: text(60).min(2),
  description: text(500).optional(),
  materialKeys: z.array(key).max(60),
  /** Overrides the item's promised limit for this situation. */
  promisedLimit: timeLimit.optional(),
});

/** A question of the situation questionnaire; each answer keeps a subset of the situations. */
export const question = z.strictObject({
  key,
  text: text(200).min(2),
  options: z
    .array(z.strictObject({ label: text(100).min(1), situationKeys: z.array(key).min(1) }))
    .min(2)
    .max(10),
});

export const formFieldTypes = [
  'text',
  'number',
  'date',
  'select',
  'region',
  'idNumber',
  'creditCode',
  'address',
  'phone',
  'table',
] as const;
export const prefillSources = ['person.name', 'person.idNumber', 'person.phone', 'organization.name', 'organization.creditCode'] as const;

const baseField = {
  key,
  label: text(60).min(1),
  required: z.boolean(),
  help: text(200).optional(),
  prefill: z.enum(prefillSources).optional(),
};
export const simpleField = z.strictObject({
  ...baseField,
  type: z.enum(['text', 'number', 'date', 'select', 'region', 'idNumber', 'creditCode', 'address', 'phone']),
  options: z.array(text(60).min(1)).min(1).max(100).optional(),
  maxLength: z.number().int().min(1).max(2000).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export const tableField = z.strictObject({
  ...baseField,
  type: z.literal('table'),
  columns: z.array(simpleField).min(1).max(12),
  maxRows: z.number().int().min(1).max(200),
});
export const formField = z.union([simpleField, tableField]);
export type FormField = z.infer<typeof formField>;

export const fee = z.strictObject({
  name: text(100).min(2),
  /** 收费依据: a fee without basis may not be listed. */
  basis: text(300).min(4),
  standard: text(300).min(1),
  /** Fixed amount in yuan, or a formula described in words. */
  amountYuan: z.number().min(0).max(10_000_000).optional(),
  formula: text(300).optional(),
  collectedAt: text(100).optional(),
});

/**
 * Kinds of workflow step: acceptance (受理) first, decision (决定) last, up to three reviews (审查) or countersigns (会签:
 * several departments give their opinions in parallel, each within its own limit) between.
 */
export const stepKinds = ['accept', 'review', 'countersign', 'decide'] as const;
/** Roles that may hold a step. */
export const stepRoles = ['clerk', 'reviewer', 'approver', 'chiefRepresentative'] as const;

/** A department asked in a 会签 step: by its key in the item's region, with the working days it has for its opinion. */
export const countersignParticipant = z.strictObject({
  departmentKey: key,
  days: z.number().int().min(1).max(60).default(5),
});

/**
 * One step of the item's handling (受理 → 审查/会签 → 决定); at most 5. A 会签 step names its departments (the role is
 * the one their staff must hold) and its quorum: every opinion (`all`, the default) or that many.
 */
export const workflowStep = z.strictObject({
  key,
  name: text(30).min(2),
  kind: z.enum(stepKinds),
  role: z.enum(stepRoles),
  participants: z.array(countersignParticipant).max(10).optional(),
  quorum: z.union([z.literal('all'), z.number().int().min(1).max(10)]).optional(),
});
export type WorkflowStep = z.infer<typeof workflowStep>;

/** A condition the applicant may promise instead of proving (告知承诺制). */
export const commitmentCondition = z.strictObject({
  key,
  /** The commitment text the applicant signs. */
  text: text(1000).min(4),
  /** The material the commitment replaces, if any. */
  replacesMaterialKey: key.optional(),
});

/** A whole guide. Completeness (required elements filled) is checked separately before publishing. */
export const guide = z
  .strictObject({
    name: text(200).min(2),
    /** 基本编码: 12 characters (see STANDARDS.md §1.2). */
    basicCode: z.string().regex(/^[0-9A-Z]{12}$/, 'basicCodeInvalid'),
    itemType: z.enum(Object.keys(itemTypes) as [ItemTypeCode, ...ItemTypeCode[]]),
    exerciseLevel: z.number().int().min(1).max(7),
    coDepartments: z.array(text(100)).max(10).default([]),
    legalBasis: text(4000),
    conditions: text(4000),
    process: text(4000),
    legalLimit: timeLimit,
    promisedLimit: timeLimit,
    handlingType: z.enum(['immediate', 'promised']),
    /** 到现场次数: 0 = 零跑动. */
    maxVisits: z.number().int().min(0).max(5),
    /** 网办深度 1–4; 4 = 全程网办. */
    onlineDepth: z.number().int().min(1).max(4),
    handlingForms: z.array(z.enum(handlingForms)).min(1),
    crossRegionScope: z.enum(crossRegionScopes),
    reformMode: z.enum(reformModes).nullable().default(null),
    serviceObjects: z.array(z.enum(serviceObjects)).min(1),
    themes: z
      .array(z.enum(Object.keys(themes) as [ThemeKey, ...ThemeKey[]]))
      .max(6)
      .default([]),
    keywords: z.array(text(30).min(1)).max(20).default([]),
    places: text(500),
    hours: text(200),
    consultPhone: text(40),
    complaintPhone: text(40),
    canBookOnline: z.boolean(),
    supportsOnlinePayment: z.boolean(),
    supportsExpress: z.boolean(),
    faq: z
      .array(z.strictObject({ q: text(300).min(2), a: text(2000).min(1) }))
      .max(30)
      .default([]),
    result: z.strictObject({ name: text(100), type: z.enum(['license', 'document', 'none']), licenseType: text(60).optional() }),
    fees: z.array(fee).max(20).default([]),
    situations: z.array(situation).min(1).max(30),
    questionnaire: z.array(question).max(10).default([]),
    materials: z.array(materialRequirement).max(60),
    form: z.array(formField).max(80).default([]),
    /** The handling steps and the role of each; empty = the default for the handling type. */
    workflow: z.array(workflowStep).max(5).default([]),
    /** Conditions the applicant may promise instead of proving (告知承诺). */
    commitmentConditions: z.array(commitmentCondition).max(20).default([]),
    /** Share of 告知承诺 cases drawn for the post-check (事后核查). */
    postCheckRatio: z.number().min(0).max(1).default(0.2),
    /**
     * 延期 (defects issue 25.8): how many working days the item's law lets the limit be extended (行政许可法第四十二条: 10;
     * another law may allow fewer, 0 = none), and who approves it: the role, and the level the law names.
     */
    extension: z
      .object({
        days: z.number().int().min(0).max(60).default(10),
        approverRole: z.enum(['approver', 'chiefRepresentative', 'departmentAdmin']).default('approver'),
        approverLevel: z.string().trim().max(60).default('本行政机关负责人'),
        basis: z.string().trim().max(300).default('《中华人民共和国行政许可法》第四十二条'),
      })
      .default({ days: 10, approverRole: 'approver', approverLevel: '本行政机关负责人', basis: '《中华人民共和国行政许可法》第四十二条' }),
    /** What a failed post-check does to the result's license: revoke it (撤销), or suspend it pending a decision (暂停). */
    postCheckOnFailure: z.enum(['revoke', 'suspend']).default('revoke'),
  })
  .meta({ id: 'Guide' });
export type Guide = z.infer<typeof guide>;
export type GuideInput = z.input<typeof guide>;
