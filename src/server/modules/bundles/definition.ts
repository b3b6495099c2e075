import { z } from 'zod';
import type { FormField, Guide, MaterialRequirement } from '../catalog/index.ts';
import { workflowOf } from '../cases/index.ts';

/**
 * The definition of a bundle (一件事): its items, the questionnaire whose answers select the items
 * and their situations, and the aliases that let one merged field or material stand for differently
 * named fields or materials of several items. Pure functions only: selection, merging, reduction.
 */

const key = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'keyInvalid');
/** What of another item's license a field may take: its holder's name or code (公民身份号码, 统一社会信用代码), its identifier. */
export const resultValues = ['holder.name', 'holder.code', 'license.identifier'] as const;
export type ResultValue = (typeof resultValues)[number];
const text = (max: number) => z.string().trim().max(max);

export const bundleItem = z.strictObject({
  /** The item's key inside the bundle (questionnaire and aliases refer to it). */
  key,
  itemCode: z.string().min(10).max(40),
  /** The situation applied for unless an answer picks another. */
  situation: key,
  /** Included only when the answer to `question` is one of `options` (or, for a multiple-choice question, contains one). */
  when: z.strictObject({ question: key, options: z.array(key).min(1) }).optional(),
  /** The situation chosen by the answer to a question (option key → situation key). */
  situationBy: z.strictObject({ question: key, map: z.record(z.string(), key) }).optional(),
  /** Item field key → merged field key, where items name the same fact differently. */
  fields: z.record(z.string(), key).default({}),
  /** Item requirement key → merged material key, where items name the same document differently. */
  materials: z.record(z.string(), key).default({}),
  /**
   * Items whose result this one waits for (办理顺序), besides those it takes a field or a material from: its sub-case is
   * filed `waiting` and reaches its department when they have completed with a result.
   */
  after: z.array(key).max(10).default([]),
  /**
   * Item field key → a value of another item's license, filled in when that license is issued (数据共享: the newborn's
   * 公民身份号码 given at 出生登记 goes on the 社会保障卡 application). When that item is selected the field is not asked
   * and this one waits for it; otherwise the applicant gives it.
   */
  fromResults: z.record(z.string(), z.strictObject({ item: key, value: z.enum(resultValues) })).default({}),
});
export type BundleItem = z.infer<typeof bundleItem>;

export const bundleQuestion = z.strictObject({
  key,
  text: text(200).min(2),
  multiple: z.boolean().default(false),
  options: z
    .array(z.strictObject({ key, label: text(100).min(1) }))
    .min(2)
    .max(12),
});

export const bundleDefinition = z.strictObject({
  description: text(1000).min(4),
  /** A configured bundle limit (working days); otherwise the longest promised limit of the sub-cases. */
  promisedDays: z.number().int().min(0).max(365).optional(),
  items: z.array(bundleItem).min(2).max(20),
  questionnaire: z.array(bundleQuestion).max(10).default([]),
  /** Names and notes of merged materials, where the bundle words them better than the first item. */
  materials: z
    .array(
      z.strictObject({
        key,
        name: text(200).min(2),
        note: text(300).optional(),
        /** A document that another item of the bundle produces (出生医学证明, 营业执照): shared from that sub-case's result, never submitted. */
        providedBy: key.optional(),
      }),
    )
    .max(60)
    .default([]),
});
export type BundleDefinition = z.infer<typeof bundleDefinition>;
export type BundleDefinitionInput = z.input<typeof bundleDefinition>;

export type Answers = Record<string, string | string[]>;

/** One selected item with its published guide. */
export type Selected = { item: BundleItem; guide: Guide; situationKey: string };

export type MergedField = FormField & { bundleKey: string; items: string[] };
export type MergedMaterial = {
  key: string;
  name: string;
  note?: string;
  required: boolean;
  deferrable: boolean;
  fileTypes: MaterialRequirement['fileTypes'];
  maxSizeMb: number;
  replacedByLicenseType?: string;
  /** The bundle item whose result provides it (数据共享): nothing to submit. */
  sharedFrom?: string;
  /** Bundle item keys needing it, and the requirement key each item knows it by. */
  items: { item: string; requirementKey: string }[];
};

/** Problems with the answers: unknown questions or options, a question unanswered, several options for a single-choice question. */
export function answerProblems(def: BundleDefinition, answers: Answers): { question: string; reason: string }[] {
  const problems: { question: string; reason: string }[] = [];
  for (const q of Object.keys(answers))
    if (!def.questionnaire.some((x) => x.key === q)) problems.push({ question: q, reason: 'unknownQuestion' });
  for (const q of def.questionnaire) {
    const a = answers[q.key];
    if (a === undefined) {
      problems.push({ question: q.key, reason: 'unanswered' });
      continue;
    }
    const picked = Array.isArray(a) ? a : [a];
    if (!q.multiple && (Array.isArray(a) || picked.length !== 1)) problems.push({ question: q.key, reason: 'singleChoice' });
    for (const o of picked) if (!q.options.some((x) => x.key === o)) problems.push({ question: q.key, reason: `unknownOption:${o}` });
  }
  return problems;
}

const picked = (answers: Answers, q: string): string[] => {
  const a = answers[q];
  return a === undefined ? [] : Array.isArray(a) ? a : [a];
};

/** The items (and their situations) the answers select; a definition with no questions selects every item. */
export function selectItems(def: BundleDefinition, answers: Answers): { item: BundleItem; situationKey: string }[] {
  return def.items
    .filter((it) => !it.when || picked(answers, it.when.question).some((o) => it.when!.options.includes(o)))
    .map((it) => {
      const by = it.situationBy
        ? picked(answers, it.situationBy.question)
            .map((o) => it.situationBy!.map[o])
            .find(Boolean)
        : undefined;
      return { item: it, situationKey: by ?? it.situation };
    });
}

/** Answers that select every item with its default situation (the bundle's full scope, for its figures). */
export function everyItem(def: BundleDefinition): { item: BundleItem; situationKey: string }[] {
  return def.items.map((item) => ({ item, situationKey: item.situation }));
}

export const fieldKeyOf = (it: BundleItem, fieldKey: string) => it.fields[fieldKey] ?? fieldKey;
export const materialKeyOf = (it: BundleItem, requirementKey: string) => it.materials[requirementKey] ?? requirementKey;

/** The fields of an item filled from the license of another selected item (field key → where from). */
export function fieldsFromResults(s: Pick<Selected, 'item'>, selected: Pick<Selected, 'item'>[]): BundleItem['fromResults'] {
  return Object.fromEntries(Object.entries(s.item.fromResults).filter(([, r]) => selected.some((x) => x.item.key === r.item)));
}

/**
 * The fields of an item the applicant is asked: all but those filled from the license of another selected item (an
 * existing enterprise applying only for its seal gives its 统一社会信用代码; a new one gets it from its registration).
 */
export const askedFields = (s: Pick<Selected, 'item' | 'guide'>, selected: Pick<Selected, 'item'>[]): FormField[] => {
  const taken = fieldsFromResults(s, selected);
  return s.guide.form.filter((f) => !(f.key in taken));
};

/**
 * The selected items each selected item waits for: its `after`, the items whose license a field is taken from, and the
 * items whose result provides one of its materials (出生医学证明 for 医保). Items not selected are not waited for.
 */
export function prerequisitesOf(def: BundleDefinition, selected: Selected[]): Map<string, string[]> {
  const keys = new Set(selected.map((s) => s.item.key));
  const out = new Map<string, Set<string>>(selected.map((s) => [s.item.key, new Set<string>()]));
  for (const s of selected) {
    for (const k of s.item.after) if (keys.has(k) && k !== s.item.key) out.get(s.item.key)!.add(k);
    for (const r of Object.values(s.item.fromResults)) if (keys.has(r.item) && r.item !== s.item.key) out.get(s.item.key)!.add(r.item);
  }
  for (const m of mergeMaterials(def, selected))
    if (m.sharedFrom) for (const use of m.items) if (use.item !== m.sharedFrom) out.get(use.item)!.add(m.sharedFrom);
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

/** The longest chain of waiting items by `weight` (items without prerequisites run in parallel; a chain adds up). */
export function longestChain(def: BundleDefinition, selected: Selected[], weight: (s: Selected, waits: boolean) => number): number {
  const pre = prerequisitesOf(def, selected);
  const memo = new Map<string, number>();
  const chain = (s: Selected, seen: Set<string>): number => {
    const known = memo.get(s.item.key);
    if (known !== undefined) return known;
    const before = (pre.get(s.item.key) ?? []).map((k) => selected.find((x) => x.item.key === k)!);
    if (seen.has(s.item.key)) return weight(s, before.length > 0); // a cycle (definitionProblems refuses it): counted once
    const v = weight(s, before.length > 0) + Math.max(0, ...before.map((b) => chain(b, new Set([...seen, s.item.key]))));
    memo.set(s.item.key, v);
    return v;
  };
  return Math.max(0, ...selected.map((s) => chain(s, new Set())));
}

/** One merged form: a field asked by several items (same key, or aliased to one) is asked once; required if any item requires it. */
export function mergeForm(selected: Selected[]): MergedField[] {
  const out = new Map<string, MergedField>();
  for (const s of selected) {
    for (const f of askedFields(s, selected)) {
      const k = fieldKeyOf(s.item, f.key);
      const seen = out.get(k);
      if (seen) {
        seen.items.push(s.item.key);
        seen.required = seen.required || f.required;
      } else out.set(k, { ...f, key: k, bundleKey: k, items: [s.item.key] });
    }
  }
  return [...out.values()];
}

/** One set of materials: a material needed by several items is submitted once. */
export function mergeMaterials(def: BundleDefinition, selected: Selected[]): MergedMaterial[] {
  const out = new Map<string, MergedMaterial>();
  for (const s of selected) {
    const situation = s.guide.situations.find((x) => x.key === s.situationKey);
    for (const rk of situation?.materialKeys ?? []) {
      const req = s.guide.materials.find((m) => m.key === rk);
      if (!req) continue;
      const k = materialKeyOf(s.item, rk);
      const named = def.materials.find((m) => m.key === k);
      const seen = out.get(k);
      if (seen) {
        seen.items.push({ item: s.item.key, requirementKey: rk });
        seen.required = seen.required || req.required;
        seen.deferrable = seen.deferrable && req.deferrable;
        seen.fileTypes = seen.fileTypes.filter((t) => req.fileTypes.includes(t));
        seen.maxSizeMb = Math.min(seen.maxSizeMb, req.maxSizeMb);
      } else {
        out.set(k, {
          key: k,
          name: named?.name ?? req.name,
          ...(named?.note ? { note: named.note } : {}),
          required: req.required,
          deferrable: req.deferrable,
          fileTypes: [...req.fileTypes],
          maxSizeMb: req.maxSizeMb,
          ...(req.replacedByLicenseType ? { replacedByLicenseType: req.replacedByLicenseType } : {}),
          items: [{ item: s.item.key, requirementKey: rk }],
        });
      }
    }
  }
  const selectedKeys = new Set(selected.map((s) => s.item.key));
  for (const m of out.values()) {
    const provider = def.materials.find((x) => x.key === m.key)?.providedBy;
    if (provider && selectedKeys.has(provider) && m.items.every((i) => i.item !== provider)) m.sharedFrom = provider;
  }
  return [...out.values()];
}

export type Figures = { materials: number; fields: number; steps: number; visits: number };
export type Reduction = { itemByItem: Figures; bundle: Figures; percent: Figures };

/**
 * 减材料、减环节、减跑动 as the reports count them, for one selection:
 * - materials: Σ materials of each item's situation, item by item; the merged set less those shared
 *   from another sub-case's result, as a bundle;
 * - fields: Σ form fields of each item; the merged form's fields;
 * - steps: item by item each item is 申报 + its handling steps + 领取; as a bundle 申报, 综合受理,
 *   the longest back-office chain (the items run in parallel; an item waiting for another's result adds to its chain)
 *   and one 统一出件;
 * - visits: Σ each item's 到现场次数; as a bundle the largest of them (one visit serves all).
 * percent = (itemByItem − bundle) / itemByItem, one decimal; 0 when nothing is counted.
 */
export function reductionOf(def: BundleDefinition, selected: Selected[]): Reduction {
  const itemByItem: Figures = {
    materials: selected.reduce((n, s) => n + (s.guide.situations.find((x) => x.key === s.situationKey)?.materialKeys.length ?? 0), 0),
    fields: selected.reduce((n, s) => n + s.guide.form.length, 0),
    steps: selected.reduce((n, s) => n + workflowOf(s.guide).length + 2, 0),
    visits: selected.reduce((n, s) => n + s.guide.maxVisits, 0),
  };
  const bundle: Figures = {
    materials: mergeMaterials(def, selected).filter((m) => !m.sharedFrom).length,
    fields: mergeForm(selected).length,
    // A waiting item is accepted by its own department once released: its whole workflow adds to the chain.
    steps: selected.length === 0 ? 0 : 3 + longestChain(def, selected, (s, waits) => workflowOf(s.guide).length - (waits ? 0 : 1)),
    visits: selected.length === 0 ? 0 : Math.max(...selected.map((s) => s.guide.maxVisits)),
  };
  const pct = (a: number, b: number) => (a === 0 ? 0 : Math.round(((a - b) / a) * 1000) / 10);
  return {
    itemByItem,
    bundle,
    percent: {
      materials: pct(itemByItem.materials, bundle.materials),
      fields: pct(itemByItem.fields, bundle.fields),
      steps: pct(itemByItem.steps, bundle.steps),
      visits: pct(itemByItem.visits, bundle.visits),
    },
  };
}

/**
 * Checks a definition against its items' guides: every referenced question, option, situation,
 * field and material exists, and a merged field means the same thing for every item (same type and options).
 */
export function definitionProblems(def: BundleDefinition, guides: Map<string, Guide>): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const it of def.items) {
    if (keys.has(it.key)) problems.push(`item ${it.key}: duplicate key`);
    keys.add(it.key);
    const g = guides.get(it.key);
    if (!g) {
      problems.push(`item ${it.key}: no published guide for ${it.itemCode}`);
      continue;
    }
    const situations = new Set(g.situations.map((s) => s.key));
    if (!situations.has(it.situation)) problems.push(`item ${it.key}: unknown situation ${it.situation}`);
    for (const s of Object.values(it.situationBy?.map ?? {}))
      if (!situations.has(s)) problems.push(`item ${it.key}: unknown situation ${s}`);
    for (const ref of [it.when, it.situationBy].filter(Boolean) as { question: string }[]) {
      if (!def.questionnaire.some((q) => q.key === ref.question)) problems.push(`item ${it.key}: unknown question ${ref.question}`);
    }
    for (const o of it.when?.options ?? []) {
      if (!def.questionnaire.find((q) => q.key === it.when!.question)?.options.some((x) => x.key === o))
        problems.push(`item ${it.key}: unknown option ${o}`);
    }
    for (const f of Object.keys(it.fields)) if (!g.form.some((x) => x.key === f)) problems.push(`item ${it.key}: unknown field ${f}`);
    for (const m of Object.keys(it.materials))
      if (!g.materials.some((x) => x.key === m)) problems.push(`item ${it.key}: unknown material ${m}`);
  }
  for (const m of def.materials)
    if (m.providedBy && !keys.has(m.providedBy)) problems.push(`material ${m.key}: unknown provider ${m.providedBy}`);
  problems.push(...sequenceProblems(def, guides));
  const selected = def.items
    .filter((it) => guides.has(it.key))
    .map((it) => ({ item: it, guide: guides.get(it.key)!, situationKey: it.situation }));
  const seen = new Map<string, { item: string; field: FormField }>();
  for (const s of selected) {
    for (const f of s.guide.form) {
      const k = fieldKeyOf(s.item, f.key);
      const first = seen.get(k);
      if (!first) {
        seen.set(k, { item: s.item.key, field: f });
        continue;
      }
      const a = first.field;
      const sameOptions =
        JSON.stringify('options' in a ? (a.options ?? null) : null) === JSON.stringify('options' in f ? (f.options ?? null) : null);
      if (a.type !== f.type || !sameOptions) problems.push(`field ${k}: ${first.item} and ${s.item.key} differ (${a.type} vs ${f.type})`);
    }
  }
  return problems;
}

/**
 * The order of the items (办理顺序): `after` and `fromResults` name other items of the bundle; a field taken from a
 * result exists in the item's form and comes from an item whose result is a license; no item waits, directly or not,
 * for itself.
 */
function sequenceProblems(def: BundleDefinition, guides: Map<string, Guide>): string[] {
  const problems: string[] = [];
  const byKey = new Map(def.items.map((it) => [it.key, it]));
  for (const it of def.items) {
    for (const k of it.after)
      if (!byKey.has(k) || k === it.key) problems.push(`item ${it.key}: after ${k} is not another item of the bundle`);
    for (const [field, r] of Object.entries(it.fromResults)) {
      const provider = byKey.get(r.item);
      if (!provider || r.item === it.key) {
        problems.push(`item ${it.key}: field ${field} from ${r.item}, not another item of the bundle`);
        continue;
      }
      const g = guides.get(it.key);
      if (g && !g.form.some((f) => f.key === field)) problems.push(`item ${it.key}: unknown field ${field}`);
      const pg = guides.get(r.item);
      if (pg && (pg.result.type !== 'license' || !pg.result.licenseType))
        problems.push(`item ${it.key}: field ${field} from ${r.item}, whose result is not a license`);
    }
  }
  const all = def.items
    .filter((it) => guides.has(it.key))
    .map((it) => ({ item: it, guide: guides.get(it.key)!, situationKey: it.situation }));
  const pre = prerequisitesOf(def, all);
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (k: string, path: string[]): void => {
    if (state.get(k) === 'done') return;
    if (state.get(k) === 'visiting') {
      problems.push(`items wait for each other: ${[...path.slice(path.indexOf(k)), k].join(' → ')}`);
      return;
    }
    state.set(k, 'visiting');
    for (const p of pre.get(k) ?? []) visit(p, [...path, k]);
    state.set(k, 'done');
  };
  for (const it of all) visit(it.item.key, []);
  return problems;
}
