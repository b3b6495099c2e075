import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { BundlesTable } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { getPublishedItem, type Guide, indexSearchDocuments, type SearchDocument } from '../catalog/index.ts';
import { workflowOf } from '../cases/index.ts';
import {
  answerProblems,
  bundleDefinition,
  everyItem,
  longestChain,
  prerequisitesOf,
  fieldsFromResults,
  mergeForm,
  mergeMaterials,
  reductionOf,
  selectItems,
  type Answers,
  type BundleDefinition,
  type Selected,
} from './definition.ts';
import * as repo from './repo.ts';

/** Bundles (一件事): reading, the questionnaire, the merged form and materials, the reduction figures. */

export type BundleRow = Selectable<BundlesTable>;
export type ItemInfo = {
  code: string;
  id: string;
  versionId: string;
  regionCode: string;
  name: string;
  departmentId: string;
  departmentName: string;
  popularity: number;
  guide: Guide;
};

/**
 * A published bundle, with its parsed definition and its items' published guides. `lenient` (reading
 * an existing bundle case) also takes a withdrawn bundle and skips items no longer published.
 */
export async function loadBundle(ctx: AppContext, id: string, opts: { lenient?: boolean } = {}) {
  const b = await repo.findBundle(ctx.db, id);
  if (!b || (b.status !== 'published' && !opts.lenient)) throw new AppError('BUNDLE_NOT_FOUND');
  const def = bundleDefinition.parse(b.definition);
  const items = new Map<string, ItemInfo>();
  for (const it of def.items) {
    const found = await getPublishedItem(ctx, it.itemCode).catch((e: unknown) => {
      if (opts.lenient) return null;
      throw e;
    });
    if (!found) continue;
    const { item, version, guide } = found;
    items.set(it.key, {
      code: item.implementation_code,
      id: item.id,
      versionId: version.id,
      regionCode: item.region_code,
      name: guide.name,
      departmentId: item.department_id,
      departmentName: item.department_name,
      popularity: item.popularity,
      guide,
    });
  }
  return { bundle: b, def, items };
}
export type LoadedBundle = Awaited<ReturnType<typeof loadBundle>>;

export function selectionOf(loaded: LoadedBundle, picks: { item: BundleDefinition['items'][number]; situationKey: string }[]): Selected[] {
  return picks.map((p) => ({ item: p.item, guide: loaded.items.get(p.item.key)!.guide, situationKey: p.situationKey }));
}

/** The items the answers select; unknown or missing answers and an empty selection are refused. */
export function evaluateAnswers(loaded: LoadedBundle, answers: Answers): Selected[] {
  const problems = answerProblems(loaded.def, answers);
  if (problems.length) throw new AppError('BUNDLE_ANSWER_INVALID', { problems });
  const selected = selectionOf(loaded, selectItems(loaded.def, answers));
  if (selected.length === 0) throw new AppError('BUNDLE_NO_ITEM_SELECTED');
  return selected;
}

/** What the applicant sees for a selection: the items, the merged form, the merged materials, the reduction. */
export function presentSelection(loaded: LoadedBundle, selected: Selected[]) {
  const name = (k: string) => loaded.items.get(k)!.name;
  const waits = prerequisitesOf(loaded.def, selected);
  return {
    items: selected.map((s) => {
      const info = loaded.items.get(s.item.key)!;
      const situation = s.guide.situations.find((x) => x.key === s.situationKey);
      return {
        key: s.item.key,
        itemCode: info.code,
        name: info.name,
        departmentId: info.departmentId,
        departmentName: info.departmentName,
        situationKey: s.situationKey,
        situationName: situation?.name ?? s.situationKey,
        handlingType: s.guide.handlingType,
        promisedDays: situation?.promisedLimit?.value ?? s.guide.promisedLimit.value,
        steps: workflowOf(s.guide).length,
        maxVisits: s.guide.maxVisits,
        result: s.guide.result,
        /** The items whose result this one waits for (its department starts when they have completed). */
        waitsFor: (waits.get(s.item.key) ?? []).map(name),
        /** Fields filled from another item's license (not asked). */
        fromResults: Object.entries(fieldsFromResults(s, selected)).map(([field, r]) => ({
          field,
          label: s.guide.form.find((f) => f.key === field)?.label ?? field,
          from: name(r.item),
        })),
      };
    }),
    form: mergeForm(selected).map(({ bundleKey: _k, items, ...f }) => ({ ...f, items: items.map(name) })),
    materials: mergeMaterials(loaded.def, selected).map((m) => ({
      key: m.key,
      name: m.name,
      note: m.note ?? null,
      required: m.required,
      deferrable: m.deferrable,
      fileTypes: m.fileTypes,
      maxSizeMb: m.maxSizeMb,
      items: m.items.map((i) => name(i.item)),
      sharedFrom: m.sharedFrom ? name(m.sharedFrom) : null,
    })),
    reduction: reductionOf(loaded.def, selected),
  };
}

/** The bundle's limit: the configured one, else the longest chain of promised limits (items that wait add up). */
export function promisedDaysOf(def: BundleDefinition, selected: Selected[]) {
  if (def.promisedDays !== undefined) return def.promisedDays;
  return longestChain(
    def,
    selected,
    (s) => s.guide.situations.find((x) => x.key === s.situationKey)?.promisedLimit?.value ?? s.guide.promisedLimit.value,
  );
}

function summary(b: BundleRow, loaded: LoadedBundle, departments: Map<string, string>) {
  const def = loaded.def;
  return {
    id: b.id,
    key: b.key,
    name: b.name,
    theme: b.theme,
    regionCode: b.region_code,
    description: def.description,
    leadDepartment: { id: b.lead_department_id, name: departments.get(b.lead_department_id) ?? '' },
    coDepartments: b.co_department_ids.map((id) => ({ id, name: departments.get(id) ?? '' })),
    itemCount: def.items.length,
    promisedDays: promisedDaysOf(def, selectionOf(loaded, everyItem(def))),
    reduction: reductionOf(def, selectionOf(loaded, everyItem(def))),
    version: b.version,
  };
}

/** Published bundles of a region, each with its reduction figures (for the portal and supervision). */
export async function listBundles(ctx: AppContext, q: { regionCode?: string }) {
  const rows = await repo.listBundles(ctx.db, q.regionCode);
  const departments = await repo.departmentNames(ctx.db, [...new Set(rows.flatMap((b) => [b.lead_department_id, ...b.co_department_ids]))]);
  const items = [];
  for (const b of rows) items.push(summary(b, await loadBundle(ctx, b.id), departments));
  return { items, total: items.length };
}

/** One bundle: its items, questionnaire, and the merged form and materials of its full scope. */
export async function getBundle(ctx: AppContext, id: string) {
  const loaded = await loadBundle(ctx, id);
  const departments = await repo.departmentNames(ctx.db, [loaded.bundle.lead_department_id, ...loaded.bundle.co_department_ids]);
  return {
    ...summary(loaded.bundle, loaded, departments),
    questionnaire: loaded.def.questionnaire,
    full: presentSelection(loaded, selectionOf(loaded, everyItem(loaded.def))),
  };
}

/** The questionnaire answered: the items and situations that apply, the merged form and materials, the reduction. */
export async function evaluateBundle(ctx: AppContext, id: string, answers: Answers) {
  const loaded = await loadBundle(ctx, id);
  return presentSelection(loaded, evaluateAnswers(loaded, answers));
}

/**
 * 一件事 reduction indicator for supervision: per bundle, the figures of its full scope, and the
 * totals over the region's bundles (Σ item by item vs Σ as a bundle; percent of the totals).
 */
export async function reductionIndicator(ctx: AppContext, q: { regionCode?: string }) {
  const { items } = await listBundles(ctx, q);
  const sum = (pick: (r: (typeof items)[number]['reduction']) => { materials: number; fields: number; steps: number; visits: number }) =>
    items.reduce(
      (t, b) => {
        const f = pick(b.reduction);
        return { materials: t.materials + f.materials, fields: t.fields + f.fields, steps: t.steps + f.steps, visits: t.visits + f.visits };
      },
      { materials: 0, fields: 0, steps: 0, visits: 0 },
    );
  const a = sum((r) => r.itemByItem);
  const b = sum((r) => r.bundle);
  const pct = (x: number, y: number) => (x === 0 ? 0 : Math.round(((x - y) / x) * 1000) / 10);
  return {
    bundles: items.map((x) => ({
      id: x.id,
      key: x.key,
      name: x.name,
      regionCode: x.regionCode,
      itemCount: x.itemCount,
      reduction: x.reduction,
    })),
    total: {
      count: items.length,
      itemByItem: a,
      bundle: b,
      percent: {
        materials: pct(a.materials, b.materials),
        fields: pct(a.fields, b.fields),
        steps: pct(a.steps, b.steps),
        visits: pct(a.visits, b.visits),
      },
    },
  };
}

/**
 * Writes the published bundles into the catalog search (search documents of kind 'bundle'): name,
 * description, its departments and theme, and as searchable words its items' names and keywords and
 * its questionnaire's options; as popular as its most popular item. Withdrawn bundles leave the search.
 * Run whenever bundles change (the seed runs it at every start).
 */
export async function indexBundlesForSearch(ctx: AppContext): Promise<number> {
  const docs: SearchDocument[] = [];
  for (const b of await repo.listBundles(ctx.db, undefined)) {
    const loaded = await loadBundle(ctx, b.id, { lenient: true });
    const items = [...loaded.items.values()];
    docs.push({
      refId: b.id,
      regionCode: b.region_code,
      name: b.name,
      summary: loaded.def.description,
      themes: [b.theme],
      departmentIds: [b.lead_department_id, ...b.co_department_ids],
      popularity: Math.max(0, ...items.map((i) => i.popularity)),
      words: [
        ...items.flatMap((i) => [i.name, ...i.guide.keywords]),
        ...loaded.def.questionnaire.flatMap((q) => q.options.map((o) => o.label)),
      ],
    });
  }
  await indexSearchDocuments(ctx.db, 'bundle', docs);
  return docs.length;
}
