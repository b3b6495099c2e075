import { makeCreditCode, makeIdNumber } from '../../platform/identifiers.ts';
import type { HolderRule, LicenseFieldDef } from './license-type-catalog.ts';

/**
 * What a license says, resolved from the declared sources of its type (license-type-catalog.ts): the holder and every
 * field. Pure: the caller passes the values it knows (form, applicant, decision, item, issue date) and the numbers an
 * authority assigns are asked of `assign` only when a field needs one.
 */
export type ContentInput = {
  form: Record<string, unknown>;
  /** applicant.name, applicant.code (person or organisation), applicant.orgName, applicant.orgCode (organisation only). */
  applicant: Record<string, string | undefined>;
  decisionDate: string | null;
  issueDate: string;
  itemName: string;
  caseNumber: string | null;
};
export type Assigners = {
  creditCode: () => Promise<string>;
  idNumber: (birthDate: string, male: boolean) => Promise<string>;
  unitNumber: () => Promise<string>;
};

const text = (v: unknown): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v))
    return v.length
      ? v
          .map((x) => text(x))
          .filter(Boolean)
          .join('、')
      : undefined;
  if (typeof v === 'object') return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
};

/** The first of `keys` that has a value. */
async function first(keys: string[], input: ContentInput, assign: Assigners, holder: Record<string, string | undefined>) {
  for (const k of keys) {
    let v: string | undefined;
    if (k === 'holder.name' || k === 'holder.code') v = holder[k];
    else if (k.startsWith('applicant.')) v = input.applicant[k];
    else if (k === 'decision.date') v = input.decisionDate ?? undefined;
    else if (k === 'issue.date') v = input.issueDate;
    else if (k === 'item.name') v = input.itemName;
    else if (k === 'case.number') v = input.caseNumber ?? undefined;
    else if (k === 'assign.creditCode') v = await assign.creditCode();
    else if (k === 'assign.unitNumber') v = await assign.unitNumber();
    else if (k === 'assign.idNumber') {
      const birth = text(input.form.birthDate);
      const sex = text(input.form.childSex);
      if (birth && /^\d{4}-\d{2}-\d{2}$/.test(birth) && (sex === '男' || sex === '女'))
        v = await assign.idNumber(birth.replaceAll('-', ''), sex === '男');
    } else v = text(input.form[k]);
    if (v !== undefined) return v;
  }
  return undefined;
}

export type LicenseContent = { holderName: string; holderCode: string; fields: { key: string; label: string; value: string }[] };

/**
 * Resolves holder and fields; returns the labels of required fields nothing fills (the caller refuses to seal them).
 */
export async function resolveContent(
  rule: HolderRule,
  defs: LicenseFieldDef[],
  input: ContentInput,
  assign: Assigners,
): Promise<{ content: LicenseContent; missing: string[] }> {
  const holder: Record<string, string | undefined> = {};
  holder['holder.name'] = await first(rule.name, input, assign, holder);
  holder['holder.code'] = await first(rule.code, input, assign, holder);
  const missing: string[] = [];
  const fields: LicenseContent['fields'] = [];
  for (const d of defs) {
    const v = await first(d.from, input, assign, holder);
    if (v === undefined && !d.optional) missing.push(d.label);
    fields.push({ key: d.key, label: d.label, value: v ?? '—' });
  }
  return { content: { holderName: holder['holder.name'] ?? '', holderCode: holder['holder.code'] ?? '', fields }, missing };
}

/** 赋码: a 统一社会信用代码 the registration authority gives a new enterprise (registrar 9 工商, category 1 企业). */
export const assignedCreditCode = (regionCode: string, serial: number) =>
  makeCreditCode({ registrar: '9', category: '1', regionCode: regionCode.slice(0, 6).padEnd(6, '0'), serial });

/** A 公民身份号码 the public security organ gives at 出生登记: the sequence's last digit odd for a male, even for a female. */
export const assignedIdNumber = (regionCode: string, birthDate: string, n: number, male: boolean) =>
  makeIdNumber({ regionCode: regionCode.slice(0, 6).padEnd(6, '0'), birthDate, sequence: ((n - 1) % 500) * 2 + (male ? 1 : 0) });

/**
 * 不动产单元号 (GB/T 37346): county (6) + 地籍区 and 子区 (6) + 宗地特征码 (GB: 国有建设用地使用权) + 宗地顺序号 (5) +
 * 定着物特征码 (F: 房屋) + 定着物单元号 (8) = 28 characters.
 */
export const assignedUnitNumber = (regionCode: string, n: number) =>
  `${regionCode.slice(0, 6).padEnd(6, '0')}001001GB${String(n % 100_000).padStart(5, '0')}F${String(1 + Math.floor(n / 100_000)).padStart(4, '0')}0001`;
