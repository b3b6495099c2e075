/**
 * The seed 事项库: for 石泉县 every guide written in full plus a generated guide for every template
 * row (real item names of county 实施清单), with the county's reported mix of 即办件, 全程网办,
 * 网上预约 and 最多跑一次 items matched exactly; for the other demo regions the national full guides
 * and a smaller, region-varied selection of the templates. Deterministic: no Math.random, no clock.
 */
import type { GuideInput, ItemTypeCode, MaterialRequirement, FormField } from '../../src/server/modules/catalog/guide-schema.ts';
import type { CatalogSeedItem } from './types.ts';
import type { RegionCtx } from './regions.ts';
import type { DeptTemplates, Row } from './templates/row.ts';
import { FULL_GUIDES } from './full-guides/index.ts';
import { complaintPhone, demoCatalogRegions, deptPhone, places, regionContext } from './regions.ts';
import { applicantFields, basicCode, businessLicense, cd, field, idCard, mat, noLegalLimit, organizationFields, wd } from './helpers.ts';
import { constructionTemplates } from './templates/construction.ts';
import { enterpriseTemplates } from './templates/enterprise.ts';
import { policeTemplates } from './templates/police.ts';
import { sectorTemplates } from './templates/sectors.ts';
import { socialTemplates } from './templates/social.ts';

export const SHIQUAN = '610922';
/** 石泉县's reported mix (issue 3): totals over all its published items, full and generated. */
export const SHIQUAN_TARGETS = { total: 726, immediate: 199, fullyOnline: 174, canBookOnline: 273, atMostOneVisit: 473 } as const;
/**
 * Templates 石泉县 does not list, so that its catalog has exactly the reported 726 items (473 of 726
 * = 65.15 % at most one visit): the county has no large fireworks displays to license.
 */
export const SHIQUAN_OMITTED: ReadonlySet<string> = new Set(['000102137000']);

export const TEMPLATES: readonly DeptTemplates[] = [
  ...enterpriseTemplates,
  ...policeTemplates,
  ...socialTemplates,
  ...constructionTemplates,
  ...sectorTemplates,
];

// ---------------------------------------------------------------- deterministic randomness

/** A number in [0, 1) from a string (FNV-1a, then one mulberry32 round). */
export function unit(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let t = (h + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// ---------------------------------------------------------------- templates

/** `rowId` seeds the mix, so the 子项 of one row score alike and mostly share their attributes. */
type Template = { dept: DeptTemplates; row: Row; rowId: string; name: string; core: string; sub?: string; code: string; flags: string };

let templateCache: Template[] | undefined;
/** Every template row expanded into its items (one per 子项), with its basic code. */
export function expandTemplates(): Template[] {
  if (!templateCache) {
    const out: Template[] = [];
    for (const dept of TEMPLATES) {
      dept.rows.forEach((row, i) => {
        const core = row.name.replace(/（[^）]*）/g, '');
        const subs = row.sub ?? [undefined];
        subs.forEach((sub, j) => {
          out.push({
            dept,
            row,
            core,
            sub,
            flags: row.f ?? '',
            rowId: `${dept.key}#${i}`,
            name: sub ? `${row.name}（${sub}）` : row.name,
            code: basicCode(dept.key, 101 + i, row.sub ? j + 1 : 0),
          });
        });
      });
    }
    templateCache = out;
  }
  return templateCache;
}

// ---------------------------------------------------------------- the mix

export type Attrs = { immediate: boolean; visits: 0 | 1 | 2; depth: 1 | 2 | 3 | 4; book: boolean };

const IMMEDIATE_BASE: Record<string, number> = { '20': 0.55, '10': 0.6, '07': 0.45, '04': 0.5, '05': 0.15, '01': 0.12, '08': 0, '09': 0 };
const ONLINE_BASE: Record<string, number> = { '20': 0.5, '10': 0.55, '04': 0.6, '07': 0.3, '05': 0.35, '01': 0.2, '08': 0.05, '09': 0.05 };
const QUICK = /补领|补发|补办|换领|换发|查询|打印|证明|开具|挂失|激活|启用|缴纳|缴费|申报|备案|信息变更|注销|过户|销户|预约|报修/;
const HEAVY = /审批|核准|许可|认定|评定|鉴定|裁决|奖励|设立|验收|审查|审核|考核/;
const ONLINE_FRIENDLY = /查询|打印|缴纳|缴费|申报|变更|备案|参保|转移|续|挂失|提取|注销|证明|登记/;
const ON_SITE = /验收|鉴定|评定|勘验|现场|考试|考核|检验|检疫|体检|接种/;
const BOOKING_DEPTS = new Set([
  'police',
  'civil',
  'hrss',
  'medicalInsurance',
  'realEstate',
  'housingFund',
  'tax',
  'disabled',
  'education',
  'health',
  'culture',
]);

/** Jitter shared by the 子项 of a row, plus a tiny per-item part that only breaks ties. */
const jitter = (t: Template, what: string) => unit(`${t.rowId}:${what}`) + unit(`${t.code}:${what}`) * 0.001;

function scoreImmediate(t: Template): number {
  if (t.flags.includes('x')) return -9;
  return (
    (IMMEDIATE_BASE[t.row.type] ?? 0.2) +
    (QUICK.test(t.name) ? 0.25 : 0) -
    (HEAVY.test(t.name) ? 0.2 : 0) +
    (t.flags.includes('i') ? 1 : 0) +
    (popularityOf(t) / 100) * 0.6 +
    jitter(t, 'immediate') * 0.35
  );
}
function scoreOnline(t: Template): number {
  if (t.flags.includes('p')) return -9;
  return (
    (ONLINE_BASE[t.row.type] ?? 0.2) +
    (ONLINE_FRIENDLY.test(t.name) ? 0.25 : 0) -
    (ON_SITE.test(t.name) ? 0.3 : 0) +
    (t.flags.includes('o') ? 1 : 0) +
    (popularityOf(t) / 100) * 0.8 +
    jitter(t, 'online') * 0.35
  );
}
function scoreOneVisit(t: Template): number {
  return (
    0.5 +
    (['20', '10', '07', '05', '04'].includes(t.row.type) ? 0.2 : 0) -
    (HEAVY.test(t.name) ? 0.25 : 0) -
    (t.flags.includes('x') ? 0.2 : 0) +
    jitter(t, 'visits') * 0.35
  );
}
function scoreBooking(t: Template): number {
  return (
    (t.row.obj.includes('p') ? 0.3 : 0) +
    (t.flags.includes('b') ? 0.8 : 0) +
    (BOOKING_DEPTS.has(t.dept.key) ? 0.2 : 0) -
    (['08', '09', '04'].includes(t.row.type) ? 0.3 : 0) +
    (popularityOf(t) / 100) * 0.5 +
    jitter(t, 'booking') * 0.4
  );
}

/** The `n` best templates by score (ties by code), as a set of codes. */
function top(list: Template[], n: number, score: (t: Template) => number): Set<string> {
  if (n < 0 || n > list.length) throw new Error(`the 石泉县 mix cannot be met: need ${n} of ${list.length}`);
  const ranked = list.map((t) => ({ t, s: score(t) })).sort((a, b) => b.s - a.s || a.t.code.localeCompare(b.t.code));
  return new Set(ranked.slice(0, n).map((x) => x.t.code));
}

type Mix = { total: number; immediate: number; fullyOnline: number; canBookOnline: number; atMostOneVisit: number };
export function mixOf(guides: GuideInput[]): Mix {
  return {
    total: guides.length,
    immediate: guides.filter((g) => g.handlingType === 'immediate').length,
    fullyOnline: guides.filter((g) => g.onlineDepth === 4).length,
    canBookOnline: guides.filter((g) => g.canBookOnline).length,
    atMostOneVisit: guides.filter((g) => g.maxVisits <= 1).length,
  };
}

let attrCache: Map<string, Attrs> | undefined;
/**
 * Attributes of every template so that 石泉县 (full guides + templates) has exactly the target mix:
 * the quotas left after the full guides go to the templates that score best for each attribute.
 * 全程网办 items need no visit; booking goes to items that need a visit.
 */
export function templateAttributes(): Map<string, Attrs> {
  if (attrCache) return attrCache;
  const shiquan = regionContext(SHIQUAN);
  const full = mixOf(FULL_GUIDES.map((d) => d.build(shiquan)));
  const list = expandTemplates().filter((t) => !SHIQUAN_OMITTED.has(t.code));
  const online = top(list, SHIQUAN_TARGETS.fullyOnline - full.fullyOnline, scoreOnline);
  const rest = list.filter((t) => !online.has(t.code));
  const oneVisit = top(rest, SHIQUAN_TARGETS.atMostOneVisit - full.atMostOneVisit - online.size, scoreOneVisit);
  const immediate = top(list, SHIQUAN_TARGETS.immediate - full.immediate, scoreImmediate);
  const visiting = list.filter((t) => !online.has(t.code));
  const book = top(visiting, SHIQUAN_TARGETS.canBookOnline - full.canBookOnline, scoreBooking);
  attrCache = new Map(
    expandTemplates().map((t): [string, Attrs] => {
      const visits = online.has(t.code) ? 0 : oneVisit.has(t.code) ? 1 : 2;
      const depth = visits === 0 ? 4 : visits === 1 ? 3 : unit(`${t.rowId}:depth`) < 0.75 ? 2 : 1;
      return [t.code, { immediate: immediate.has(t.code), visits, depth, book: book.has(t.code) }];
    }),
  );
  return attrCache;
}

// ---------------------------------------------------------------- generated guides

const lawOf = (basis: string) => basis.match(/《[^》]+》/)?.[0] ?? '有关法律法规';

const OBJECTS = {
  p: 'person',
  e: 'enterprise',
  i: 'institution',
  s: 'socialOrganization',
  g: 'government',
  o: 'otherOrganization',
} as const;

function legalLimitOf(t: Template): GuideInput['legalLimit'] {
  const l = t.row.legal;
  const note = t.row.legalNote ?? `${lawOf(t.row.basis ?? t.dept.basis)}规定的办理时限`;
  if (typeof l === 'number') return wd(l, note);
  if (typeof l === 'string') return cd(Number(l.slice(1)), note);
  if (t.row.type === '01') return wd(20, '《中华人民共和国行政许可法》第四十二条：二十日内作出决定，经本机关负责人批准可延长十日');
  return noLegalLimit();
}

function promisedOf(t: Template, a: Attrs, legal: GuideInput['legalLimit']): GuideInput['promisedLimit'] {
  if (a.immediate) return wd(0, '即办件：材料齐全、符合法定形式的当场办结');
  const options = t.row.type === '01' ? [5, 7, 10, 10, 12, 15] : t.row.type === '09' ? [20, 30] : [2, 3, 5, 5, 7, 10];
  let days = options[Math.floor(unit(`${t.rowId}:promised`) * options.length)];
  if (legal.value > 0) days = Math.min(days, Math.max(1, Math.floor(legal.unit === 'workday' ? legal.value : (legal.value * 5) / 7)));
  return wd(days);
}

function resultOf(t: Template): GuideInput['result'] {
  if (t.row.lic) return { name: t.row.lic, type: 'license', licenseType: t.row.lic };
  if (t.row.res) return { name: t.row.res, type: 'document' };
  const byType: Partial<Record<ItemTypeCode, string>> = {
    '01': '准予行政许可决定书',
    '07': '办理结果通知书',
    '05': '待遇核定通知（资金按规定发放）',
    '08': '奖励决定书',
    '09': '处理决定书（裁决书）',
    '10': '备案回执',
    '04': '缴款凭证',
  };
  return { name: byType[t.row.type] ?? '办理结果告知', type: 'document' };
}

function materialsOf(t: Template): MaterialRequirement[] {
  const out: MaterialRequirement[] = [];
  const obj = t.row.obj;
  if (!/缴纳|查询|缴费|报修|预约|打印|奖励|投诉|咨询/.test(t.core)) {
    const title = t.sub ? `${t.core}（${t.sub}）` : t.core;
    const name = t.row.type === '10' && t.core.endsWith('备案') ? `${title}表` : `${title}申请表`;
    out.push(mat('application', name, '受理部门提供（网上办理时在线填写）', { blankForm: name }));
  }
  if (obj.includes('p')) out.push(idCard('applicantId', '申请人'));
  else out.push(idCard('handlerId', '经办人', { notes: '单位经办人办理时提交' }));
  if (obj.includes('e'))
    out.push(
      businessLicense('orgLicense', {
        required: !obj.includes('p'),
        notes: obj.includes('p') ? '单位申请时提交，通过信息共享核验的免于提交' : '通过电子营业执照或信息共享核验的免于提交',
      }),
    );
  else if (/[sigo]/.test(obj) && !obj.includes('p')) out.push(mat('orgProof', '单位主体资格证明或介绍信', '申请单位'));
  (t.row.mats ?? []).forEach((spec, i) => {
    const m = spec.match(/^([^@]+)@([^?!#]+)([?!]*)(?:#(.+))?$/);
    if (!m) throw new Error(`bad material spec ${spec}`);
    out.push(
      mat(`extra${i + 1}`, m[1], m[2], {
        required: !m[3].includes('?'),
        deferrable: m[3].includes('!'),
        ...(m[4] ? { license: m[4] } : {}),
      }),
    );
  });
  return out;
}

/**
 * The fields a result license prints and the generic form lacks (each license type declares where its fields come
 * from: src/server/modules/licenses/license-type-catalog.ts; test/api/license-types.test.ts keeps the two in step).
 */
const licenseFields: Record<string, () => FormField[]> = {
  营业执照: () => [
    field.text('legalRepName', '法定代表人（负责人、经营者）姓名', { prefill: 'person.name', maxLength: 50 }),
    field.address('domicile', '住所（经营场所）'),
    field.text('businessScope', '经营范围', { maxLength: 500 }),
  ],
  不动产权证书: () => [field.address('propertyAddress', '不动产坐落')],
  不动产登记证明: () => [field.address('propertyAddress', '不动产坐落')],
  道路运输经营许可证: () => [field.address('premisesAddress', '经营场所'), field.text('scope', '经营范围', { maxLength: 300 })],
  结婚证: () => [field.text('maleName', '男方姓名', { maxLength: 50 }), field.text('femaleName', '女方姓名', { maxLength: 50 })],
  社会团体法人登记证书: () => [field.address('premisesAddress', '住所')],
  烟草专卖零售许可证: () => [
    field.text('operator', '经营者（负责人）姓名', { prefill: 'person.name', maxLength: 50 }),
    field.address('premisesAddress', '经营场所'),
  ],
};

function formOf(t: Template): FormField[] {
  const obj = t.row.obj;
  const remarks = field.text('remarks', '申请事项说明', { optional: true, maxLength: 500 });
  const extra = t.row.lic ? (licenseFields[t.row.lic]?.() ?? []) : [];
  if (obj === 'p') return [...applicantFields(), field.address('address', '联系地址', { optional: true }), ...extra, remarks];
  if (!obj.includes('p')) return [...organizationFields(), ...extra, remarks];
  return [
    ...applicantFields(),
    field.text('orgName', '单位名称（单位申请时填写）', { prefill: 'organization.name', optional: true, maxLength: 100 }),
    field.creditCode('orgCreditCode', '统一社会信用代码（单位申请时填写）', { prefill: 'organization.creditCode', optional: true }),
    ...extra,
    remarks,
  ];
}

function conditionsOf(t: Template, c: RegionCtx): string {
  if (t.row.cond) return t.row.cond;
  const law = lawOf(t.row.basis ?? t.dept.basis);
  const dept = c.dept(t.dept.key);
  switch (t.row.type) {
    case '01':
      return `1.申请人为依法设立的法人、其他组织或具有完全民事行为能力的自然人；2.具备与申请事项相适应的场所、设施设备、人员和管理制度，符合${law}规定的条件；3.申请材料齐全、真实，符合法定形式。`;
    case '07':
      return `1.申请人为申请事项的权利人、当事人，或其监护人、委托代理人；2.申请事项属于${dept}管辖范围；3.符合${law}规定的条件，提交的材料真实有效。`;
    case '05':
      return `1.申请人户籍、经常居住地或参保地在${c.name}；2.符合${law}规定的享受条件和标准；3.如实提供家庭、收入或参保等相关情况，并授权有关部门核查。`;
    case '08':
      return `1.举报或申报的事项经查证属实；2.符合${law}规定的奖励条件；3.举报人提供真实身份和联系方式。`;
    case '09':
      return `1.当事人之间就申请事项发生争议；2.属于${dept}管辖范围且在规定的申请期限内；3.有明确的请求事项、事实和理由。`;
    case '10':
      return `1.申请人依法取得主体资格；2.备案（报告）事项真实，按${law}规定的期限报送；3.提交的材料齐全、真实。`;
    case '04':
      return `1.属于${law}规定的缴纳义务人；2.按规定期限如实申报缴纳。`;
    default:
      return `1.申请人本人或其委托代理人办理，单位由经办人办理；2.申请事项在${dept}服务范围内；3.提供有效身份证件及相关材料。`;
  }
}

function processOf(t: Template, a: Attrs, c: RegionCtx, result: string): string {
  const channel = a.depth >= 3 ? `${c.portal}、${c.app}或窗口` : `${c.hall}窗口（可在${c.portal}预约、下载表格）`;
  if (a.immediate) return `1.申请：通过${channel}提交申请；2.受理审核：工作人员当场审核材料；3.办结：符合条件的当场办结，出具${result}。`;
  if (t.row.type === '01')
    return `1.申请：通过${channel}提交申请；2.受理：材料齐全、符合法定形式的予以受理，不齐全的一次性告知需要补正的全部内容；3.审查：审查申请材料，需要的进行现场核查；4.决定：作出准予或不予许可的决定；5.送达：${result}可窗口领取或邮寄送达。`;
  return `1.申请：通过${channel}提交申请；2.受理：材料齐全的予以受理，不齐全的一次性告知补正；3.审核：审核申请材料和有关信息；4.办结：作出办理决定，出具${result}并告知申请人。`;
}

function faqOf(t: Template, a: Attrs, c: RegionCtx, fees: NonNullable<GuideInput['fees']>, result: string): NonNullable<GuideInput['faq']> {
  const online =
    a.depth === 4
      ? `可以全程网办。登录${c.portal}或${c.app}，搜索“${t.core}”在线申请，无需到现场。`
      : a.depth === 3
        ? `可以网上申请和预审，审核通过后到现场一次核验原件或领取${result}。`
        : a.depth === 2
          ? `可在${c.portal}查看办事指南、下载表格${a.book ? '并预约' : ''}，需到窗口提交材料。`
          : `目前需要到窗口办理，可在${c.portal}查看办事指南。`;
  const money = fees.length ? `收费。${fees.map((f) => `${f.name}：${f.standard}`).join('；')}。收费依据：${fees[0].basis}。` : '不收费。';
  return [
    { q: `${t.core}可以在网上办理吗？`, a: online },
    { q: `办理${t.core}收费吗？`, a: money },
  ];
}

function generatedGuide(t: Template, a: Attrs, c: RegionCtx): GuideInput {
  const key = t.dept.key;
  const legal = legalLimitOf(t);
  const result = resultOf(t);
  const fees = t.row.fees ?? [];
  const materials = materialsOf(t);
  const flags = t.flags;
  const extraPlaces = [
    ...(['waterCompany', 'powerCompany', 'gasCompany'].includes(key) ? [`${c.dept(key)}营业厅`] : []),
    ...(flags.includes('t') ? [`${c.townshipHall}（可代收代办）`] : []),
  ];
  const keywords = [...new Set([...(t.row.kw ?? []), t.core, ...(t.sub ? [t.sub] : [])])].filter((k) => k.length <= 30).slice(0, 20);
  return {
    name: t.name,
    basicCode: t.code,
    itemType: t.row.type,
    exerciseLevel: c.level,
    legalBasis: t.row.basis ?? t.dept.basis,
    conditions: conditionsOf(t, c),
    process: processOf(t, a, c, result.name),
    legalLimit: legal,
    promisedLimit: promisedOf(t, a, legal),
    handlingType: a.immediate ? 'immediate' : 'promised',
    maxVisits: a.visits,
    onlineDepth: a.depth,
    handlingForms:
      a.depth === 4
        ? ['window', 'pc', 'mobile']
        : a.depth === 3
          ? ['window', 'pc', 'mobile']
          : a.depth === 2
            ? ['window', 'pc']
            : ['window'],
    crossRegionScope: flags.includes('n') ? 'national' : flags.includes('v') ? 'province' : flags.includes('t') ? 'county' : 'none',
    reformMode: null,
    serviceObjects: [...new Set([...t.row.obj].map((ch) => OBJECTS[ch as keyof typeof OBJECTS]))],
    themes: (t.row.th ?? t.dept.themes).slice(0, 6),
    keywords,
    places: places(c, key, ...extraPlaces),
    hours: c.hours,
    consultPhone: deptPhone(c, key),
    complaintPhone: complaintPhone(c),
    canBookOnline: a.book,
    supportsOnlinePayment: fees.length > 0,
    supportsExpress: a.depth >= 3,
    faq: faqOf(t, a, c, fees, result.name),
    result,
    fees,
    situations: [{ key: 'apply', name: t.sub ?? (t.row.type === '10' ? '备案' : '申请办理'), materialKeys: materials.map((m) => m.key) }],
    questionnaire: [],
    materials,
    form: formOf(t),
  };
}

function popularityOf(t: Template): number {
  const base: Record<string, number> = { '20': 32, '07': 28, '05': 28, '04': 35, '10': 18, '01': 14, '08': 4, '09': 6 };
  return Math.max(1, Math.min(99, Math.round(t.row.pop ?? (base[t.row.type] ?? 15) + (unit(`${t.code}:popularity`) - 0.5) * 24)));
}

// ---------------------------------------------------------------- the catalog

const allowedIn = (t: Template, c: RegionCtx) => !t.flags.includes('s') || c.provinceCode === '61';

/** Templates seeded in a smaller region: per department the one or two that score best there. */
function selectionFor(c: RegionCtx): Template[] {
  const byDept = new Map<string, Template[]>();
  for (const t of expandTemplates()) {
    if (!allowedIn(t, c)) continue;
    const list = byDept.get(t.dept.key) ?? [];
    list.push(t);
    byDept.set(t.dept.key, list);
  }
  const out: Template[] = [];
  for (const list of byDept.values()) {
    const k = list.length >= 20 ? 2 : 1;
    const ranked = [...list].sort(
      (a, b) =>
        popularityOf(b) + unit(`${c.code}:${b.code}`) * 40 - (popularityOf(a) + unit(`${c.code}:${a.code}`) * 40) ||
        a.code.localeCompare(b.code),
    );
    out.push(...ranked.slice(0, k));
  }
  return out;
}

/** The whole seed catalog: 石泉县 first, then every other demo region. */
export function buildCatalog(): CatalogSeedItem[] {
  const attrs = templateAttributes();
  const items: CatalogSeedItem[] = [];
  for (const code of demoCatalogRegions()) {
    const c = regionContext(code);
    const isShiquan = code === SHIQUAN;
    for (const d of FULL_GUIDES) {
      if (isShiquan || d.national)
        items.push({ regionCode: code, departmentKey: d.departmentKey, guide: d.build(c), popularity: d.popularity });
    }
    const templates = isShiquan ? expandTemplates().filter((t) => allowedIn(t, c) && !SHIQUAN_OMITTED.has(t.code)) : selectionFor(c);
    for (const t of templates) {
      items.push({
        regionCode: code,
        departmentKey: t.dept.key,
        guide: generatedGuide(t, attrs.get(t.code)!, c),
        popularity: popularityOf(t),
      });
    }
  }
  return items;
}
