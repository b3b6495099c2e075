/** Small builders that keep the written guides readable. */
import { DEPARTMENT_KEYS } from '../org-data.ts';
import type { FormField, GuideInput, MaterialRequirement } from '../../src/server/modules/catalog/guide-schema.ts';

type TimeLimit = GuideInput['legalLimit'];
/** n 工作日. */
export const wd = (value: number, note?: string): TimeLimit => (note ? { value, unit: 'workday', note } : { value, unit: 'workday' });
/** n 自然日 (laws that say "日" without 工作日). */
export const cd = (value: number, note?: string): TimeLimit =>
  note ? { value, unit: 'calendarDay', note } : { value, unit: 'calendarDay' };
/** No statutory limit: value 0 (the catalog treats a legal limit of 0 as "none"). */
export const noLegalLimit = (note = '法律、法规未规定办结时限，按承诺时限办结'): TimeLimit => ({ value: 0, unit: 'workday', note });

type FileType = MaterialRequirement['fileTypes'][number];
export type MatOpts = {
  originals?: number;
  copies?: number;
  required?: boolean;
  deferrable?: boolean;
  fileTypes?: FileType[];
  maxSizeMb?: number;
  blankForm?: string;
  sample?: string;
  license?: string;
  notes?: string;
  /** Overrides the default name of idCard / householdBook / businessLicense. */
  name?: string;
};

/** A material: by default 1 original, no copy, required, not deferrable, PDF or image. */
export function mat(key: string, name: string, source: string, o: MatOpts = {}): MaterialRequirement {
  const m: MaterialRequirement = {
    key,
    name,
    source,
    originals: o.originals ?? 1,
    copies: o.copies ?? 0,
    required: o.required ?? true,
    deferrable: o.deferrable ?? false,
    fileTypes: o.fileTypes ?? ['pdf', 'jpg', 'png'],
    maxSizeMb: o.maxSizeMb ?? 10,
  };
  if (o.blankForm) m.blankForm = o.blankForm;
  if (o.sample) m.sample = o.sample;
  if (o.license) m.replacedByLicenseType = o.license;
  if (o.notes) m.notes = o.notes;
  return m;
}

export const SELF = '申请人自备';
const ID_NOTE = '已领取电子居民身份证或经实名认证网上申请的，免于提交，由系统调取电子证照';

/** 居民身份证 of someone; a 居民身份证 electronic license replaces it. */
export function idCard(key = 'idCard', who = '申请人', o: MatOpts = {}): MaterialRequirement {
  return mat(key, o.name ?? `${who}居民身份证`, '公安机关', { copies: 1, license: '居民身份证', notes: ID_NOTE, ...o });
}
/** 居民户口簿; the 居民户口簿 license replaces it. */
export function householdBook(key = 'householdBook', o: MatOpts = {}): MaterialRequirement {
  return mat(key, o.name ?? '居民户口簿', '公安机关', { license: '居民户口簿', notes: '核验户主页及本人页，核验后退还', ...o });
}
/** 营业执照 of an applicant organisation; replaced by the 营业执照 license. */
export function businessLicense(key = 'businessLicense', o: MatOpts = {}): MaterialRequirement {
  return mat(key, o.name ?? '营业执照', '市场监督管理部门', {
    originals: 0,
    copies: 1,
    license: '营业执照',
    notes: '通过电子营业执照或部门信息共享核验的，免于提交',
    ...o,
  });
}
/** 授权委托书 and the agent's 居民身份证, both only when an agent applies. */
export function agentMaterials(): MaterialRequirement[] {
  return [
    mat('powerOfAttorney', '授权委托书', SELF, { required: false, notes: '委托他人代办时提交，须载明委托事项、权限和期限' }),
    idCard('agentIdCard', '代理人', { required: false, notes: '委托他人代办时提交' }),
  ];
}

type Simple = Exclude<FormField, { type: 'table' }>;
type FieldOpts = Partial<Pick<Simple, 'help' | 'prefill' | 'maxLength' | 'min' | 'max'>> & { optional?: boolean };
type SimpleType = Exclude<FormField['type'], 'table'>;

function simple(type: SimpleType, key: string, label: string, o: FieldOpts = {}, options?: string[]): Simple {
  const { optional, ...rest } = o;
  const f = { key, label, type, required: !optional, ...rest } as Simple;
  if (options) f.options = options;
  return f;
}

/** Form-field builders. */
export const field = {
  text: (key: string, label: string, o?: FieldOpts) => simple('text', key, label, { maxLength: 200, ...o }),
  number: (key: string, label: string, o?: FieldOpts) => simple('number', key, label, o),
  date: (key: string, label: string, o?: FieldOpts) => simple('date', key, label, o),
  select: (key: string, label: string, options: string[], o?: FieldOpts) => simple('select', key, label, o, options),
  region: (key: string, label: string, o?: FieldOpts) => simple('region', key, label, o),
  idNumber: (key: string, label: string, o?: FieldOpts) => simple('idNumber', key, label, o),
  creditCode: (key: string, label: string, o?: FieldOpts) => simple('creditCode', key, label, o),
  address: (key: string, label: string, o?: FieldOpts) => simple('address', key, label, o),
  phone: (key: string, label: string, o?: FieldOpts) => simple('phone', key, label, o),
  table: (key: string, label: string, columns: Simple[], maxRows: number, optional = false): FormField => ({
    key,
    label,
    type: 'table',
    required: !optional,
    columns,
    maxRows,
  }),
};

/** 申请人姓名 / 身份证号 / 联系电话, prefilled from the signed-in person. */
export function applicantFields(): FormField[] {
  return [
    field.text('applicantName', '申请人姓名', { prefill: 'person.name', maxLength: 50 }),
    field.idNumber('applicantIdNumber', '公民身份号码', { prefill: 'person.idNumber' }),
    field.phone('applicantPhone', '联系电话', { prefill: 'person.phone' }),
  ];
}
/** 单位名称 / 统一社会信用代码 / 经办人 / 电话, prefilled from the organisation and person. */
export function organizationFields(): FormField[] {
  return [
    field.text('orgName', '单位名称', { prefill: 'organization.name', maxLength: 100 }),
    field.creditCode('orgCreditCode', '统一社会信用代码', { prefill: 'organization.creditCode' }),
    field.text('handlerName', '经办人姓名', { prefill: 'person.name', maxLength: 50 }),
    field.phone('handlerPhone', '经办人联系电话', { prefill: 'person.phone' }),
  ];
}

/** Keys of every material, for a situation that needs them all. */
export const allKeys = (ms: MaterialRequirement[]) => ms.map((m) => m.key);

/**
 * 基本编码 (12 characters): '000' + a 3-digit department code (101 + the department's seed index)
 * + a 3-digit main-item serial + a 3-digit sub-item (子项 / 业务办理项) serial, 000 for a main item.
 * The same item gets the same code in every region, as a national 基本目录 code would.
 * Serials 001–099 are the guides written in full, 101+ the generated ones.
 */
export function basicCode(departmentKey: string, serial: number, sub = 0): string {
  const i = DEPARTMENT_KEYS.indexOf(departmentKey);
  if (i < 0) throw new Error(`unknown department ${departmentKey}`);
  if (serial < 1 || serial > 999 || sub < 0 || sub > 999) throw new RangeError(`basic code serial out of range: ${serial}/${sub}`);
  return `000${101 + i}${String(serial).padStart(3, '0')}${String(sub).padStart(3, '0')}`;
}
