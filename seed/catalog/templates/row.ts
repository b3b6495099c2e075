/**
 * Compact templates of real 政务服务事项 (names from county 实施清单), from which the generator
 * (../generate.ts) writes shorter guides. One row = one item, or one item per 子项 when `sub` is set.
 */
import type { GuideInput, ItemTypeCode, ThemeKey } from '../../../src/server/modules/catalog/guide-schema.ts';

export type Fee = GuideInput['fees'] extends (infer F)[] | undefined ? F : never;

export type Row = {
  name: string;
  type: ItemTypeCode;
  /** 服务对象 letters: p person, e enterprise, i institution, s social organisation, g government, o other. */
  obj: string;
  /** 设定依据; the department's default when omitted. */
  basis?: string;
  /** 结果名称 of a document result. */
  res?: string;
  /** 结果名称 of a license result (also its license type name). */
  lic?: string;
  /** 法定时限: workdays, or 'cN' for N calendar days. */
  legal?: number | `c${number}`;
  /** Explains `legal` when its source is not the first law of `basis`. */
  legalNote?: string;
  /** Extra materials: '名称@出具机构', suffix '?' optional, '!' deferrable, '#证照类型' replaced by a license. */
  mats?: string[];
  kw?: string[];
  th?: ThemeKey[];
  pop?: number;
  /**
   * Flags: i favours 即办, x never 即办, o favours 全程网办, p needs the applicant in person (never 全程网办),
   * b favours 网上预约, n 全国通办, v 省内通办, t also at the township hall, s Shaanxi-only basis.
   */
  f?: string;
  /** 子项 (业务办理项): one item each, named `${name}（${sub}）`. */
  sub?: string[];
  fees?: Fee[];
  cond?: string;
};

export type DeptTemplates = { key: string; basis: string; themes: ThemeKey[]; rows: Row[] };

type Opts = Omit<Row, 'name' | 'type' | 'obj' | 'basis'>;
export function r(name: string, type: ItemTypeCode, obj: string, basis?: string, o: Opts = {}): Row {
  return { name, type, obj, ...(basis ? { basis } : {}), ...o };
}

/** Fixed-amount fee with its basis. */
export function fee(name: string, basis: string, amountYuan: number, standard = `每件${amountYuan}元`): Fee {
  return { name, basis, standard, amountYuan, collectedAt: '受理窗口或线上支付' };
}
