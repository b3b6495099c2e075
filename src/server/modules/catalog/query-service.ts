import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageQuery } from '../../platform/http.ts';
import { can } from '../../platform/policies.ts';
import { missingElements } from './completeness.ts';
import { diffGuides } from './diff.ts';
import { guide as guideSchema, themes, type Guide, type ThemeKey } from './guide-schema.ts';
import * as repo from './repo.ts';
import { candidateKeys, expandQuery, grams } from './search-text.ts';

export type SearchQuery = PageQuery & {
  q?: string;
  regionCode?: string;
  departmentId?: string;
  type?: string;
  theme?: ThemeKey;
  handlingType?: 'immediate' | 'promised';
};

/**
 * Runs a search the way residents' searches run: first strictly (a match holds every gram of the
 * query or of one of its synonyms: the whole words, in any order); only when that finds nothing,
 * loosely (any pair of neighbouring grams: typos, partial words). Ranking is the same (repo.scoreOf).
 * An expansion that is the whole name of a search document (生孩子 → 新生儿出生一件事) is looked for
 * among the documents only: probing the items' index with its common grams (登记, 户口) doubled the
 * time of a search across 100,000 items, and no item is named after a bundle.
 */
async function strictThenLoose<T extends { total: number }>(
  ctx: AppContext,
  q: SearchQuery,
  run: (f: repo.ItemFilter) => Promise<T>,
  empty: T,
): Promise<T> {
  const filters: repo.ItemFilter = {
    regionPrefix: q.regionCode,
    departmentId: q.departmentId,
    itemType: q.type,
    theme: q.theme,
    handlingType: q.handlingType,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  };
  if (!q.q) return run(filters);
  const terms = expandQuery(q.q, await repo.listSynonyms(ctx.db));
  const queryGrams = [...new Set(terms.flatMap(grams))];
  if (queryGrams.length === 0) return empty;
  const documentNames = terms.length > 1 ? await repo.documentNamesAmong(ctx.db, terms.slice(1)) : new Set<string>();
  const itemTerms = terms.filter((t, i) => i === 0 || !documentNames.has(t.toLowerCase()));
  const strictKeys = (list: string[]) => list.map(grams).filter((g) => g.length > 0);
  const strict = await run({
    ...filters,
    queryGrams,
    candidates: strictKeys(itemTerms),
    documentCandidates: strictKeys(terms),
    fullTerms: terms,
  });
  if (strict.total > 0) return strict;
  return run({ ...filters, queryGrams, candidates: candidateKeys(itemTerms), documentCandidates: candidateKeys(terms), fullTerms: terms });
}

/** Searches published items (the items list: `GET /api/v1/items`). */
export async function searchItems(ctx: AppContext, q: SearchQuery) {
  return strictThenLoose(ctx, q, (f) => repo.searchItems(ctx.db, f), { items: [], total: 0 });
}

/**
 * The residents' search (`GET /api/v1/search`): published items and the bundles (一件事) in one
 * ranking. A bundle's entry holds its name, description and its items' names and keywords, so a life
 * event (新生儿出生, 身后) or the synonyms of one find it, and it ranks above its own items whenever its
 * name matches a whole term; item-only filters (type, handling type) leave bundles out.
 */
export async function searchCatalog(ctx: AppContext, q: SearchQuery) {
  return strictThenLoose(ctx, q, (f) => repo.searchCatalog(ctx.db, f), { hits: [], total: 0 });
}

/**
 * Items of every status for editors: a department admin sees their department's, a system admin
 * those of their region. Anyone else is refused.
 */
export async function listItemsForEditor(ctx: AppContext, actor: Actor, q: SearchQuery & { status?: 'draft' | 'published' | 'withdrawn' }) {
  let departmentId = q.departmentId;
  let regionPrefix = q.regionCode;
  if (actor.roles.includes('systemAdmin') && actor.regionCode) {
    if (!regionPrefix || !regionPrefix.startsWith(actor.regionCode)) regionPrefix = actor.regionCode;
  } else if (actor.roles.includes('departmentAdmin') && actor.departmentId) {
    departmentId = actor.departmentId;
    regionPrefix = undefined;
  } else throw new AppError('FORBIDDEN');
  let queryGrams: string[] | undefined;
  if (q.q) queryGrams = grams(q.q);
  const candidates = q.q ? candidateKeys([q.q]) : undefined;
  return repo.searchItems(ctx.db, {
    regionPrefix,
    departmentId,
    itemType: q.type,
    theme: q.theme,
    handlingType: q.handlingType,
    queryGrams,
    candidates,
    fullTerms: q.q ? [q.q] : undefined,
    includeUnpublished: true,
    status: q.status,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
}

/** The published guide of an item, as the public sees it. */
const parsed = new Map<string, Guide>();

/**
 * A published (immutable) version's guide, parsed once per process: zod-parsing a full guide costs
 * more than the query that reads it, and every application and case step needs it.
 */
export function publishedGuide(versionId: string, raw: unknown): Guide {
  const hit = parsed.get(versionId);
  if (hit) return hit;
  const g = guideSchema.parse(raw);
  if (parsed.size >= 2000) parsed.clear();
  parsed.set(versionId, g);
  return g;
}

/** The item as published now (one query; the guide itself is read only the first time this process meets the version). */
export async function getPublishedItem(ctx: AppContext, code: string) {
  const found = await repo.findItemWithPublishedVersion(ctx.db, code);
  if (!found || found.item.status !== 'published' || !found.version) throw new AppError('ITEM_NOT_FOUND');
  const { item, version } = found;
  const guide = parsed.get(version.id) ?? publishedGuide(version.id, await repo.findVersionGuide(ctx.db, version.id));
  return { item, version, guide };
}

type PublishedItem = Awaited<ReturnType<typeof getPublishedItem>>;

/** How long a node serves a published guide from memory; publishing or withdrawing on this node forgets it at once. */
export const PUBLISHED_GUIDE_TTL_MS = 5_000;
const GUIDE_CACHE_SIZE = 2_000;
const guideCache = new WeakMap<AppContext, Map<string, { expires: number; value: Promise<PublishedItem> }>>();

/**
 * The published guide for readers (the guide page, its PDF and form): served from memory for a few
 * seconds so that the opening minute of a popular item costs one query, not one per reader; concurrent
 * misses share one load. Other nodes see a new version within PUBLISHED_GUIDE_TTL_MS. Submissions
 * read the guide uncached (`getPublishedItem`): a case is tied to the version published at that moment.
 */
export function getPublishedItemCached(ctx: AppContext, code: string): Promise<PublishedItem> {
  let cache = guideCache.get(ctx);
  if (!cache) guideCache.set(ctx, (cache = new Map()));
  const now = performance.now();
  const hit = cache.get(code);
  if (hit && hit.expires > now) return hit.value;
  const value = getPublishedItem(ctx, code);
  if (cache.size >= GUIDE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(code, { expires: now + PUBLISHED_GUIDE_TTL_MS, value });
  value.catch(() => cache.delete(code));
  return value;
}

/** Forgets the cached guide of an item (after publish or withdraw on this node). */
export function forgetPublishedItem(ctx: AppContext, code: string): void {
  guideCache.get(ctx)?.delete(code);
}

/** Staff who may edit or publish the item see its versions; others get 404. */
async function itemForEditor(ctx: AppContext, actor: Actor, code: string) {
  const item = await repo.findItemByCode(ctx.db, code);
  const res = item ? { type: 'department' as const, id: item.department_id, regionCode: item.region_code } : null;
  if (!item || !res || !(can(actor, 'catalog.edit', res) || can(actor, 'catalog.publish', res))) throw new AppError('ITEM_NOT_FOUND');
  return item;
}

export async function listItemVersions(ctx: AppContext, actor: Actor, code: string) {
  const item = await itemForEditor(ctx, actor, code);
  return { item, versions: await repo.listVersions(ctx.db, item.id) };
}

export async function getItemVersion(ctx: AppContext, actor: Actor, code: string, number: number) {
  const item = await itemForEditor(ctx, actor, code);
  const v = await repo.findVersion(ctx.db, item.id, number);
  if (!v) throw new AppError('ITEM_VERSION_NOT_FOUND');
  const g = guideSchema.parse(v.guide);
  return { item, version: v, guide: g, missing: missingElements(g) };
}

export async function diffItemVersions(ctx: AppContext, actor: Actor, code: string, from: number, to: number) {
  const item = await itemForEditor(ctx, actor, code);
  const [a, b] = await Promise.all([repo.findVersion(ctx.db, item.id, from), repo.findVersion(ctx.db, item.id, to)]);
  if (!a || !b) throw new AppError('ITEM_VERSION_NOT_FOUND');
  return diffGuides(a.guide, b.guide);
}

/**
 * 办事指南完整率 per department of a region: the share of published items whose guide has every
 * required element (missingElements is empty). Reused by the supervision indicators.
 */
export async function completenessReport(ctx: AppContext, regionCode: string) {
  const rows = await repo.publishedGuides(ctx.db, regionCode);
  const byDept = new Map<
    string,
    {
      departmentId: string;
      departmentName: string;
      items: number;
      complete: number;
      incomplete: { implementationCode: string; name: string; missing: string[] }[];
    }
  >();
  for (const r of rows) {
    const d = byDept.get(r.department_id) ?? {
      departmentId: r.department_id,
      departmentName: r.department_name,
      items: 0,
      complete: 0,
      incomplete: [],
    };
    const missing = missingElements(guideSchema.parse(r.guide));
    d.items++;
    if (missing.length === 0) d.complete++;
    else d.incomplete.push({ implementationCode: r.implementation_code, name: r.name, missing: missing.map((m) => m.element) });
    byDept.set(r.department_id, d);
  }
  const departments = [...byDept.values()].map((d) => ({ ...d, rate: d.items ? d.complete / d.items : 1 }));
  const items = departments.reduce((a, d) => a + d.items, 0);
  const complete = departments.reduce((a, d) => a + d.complete, 0);
  return { regionCode, items, complete, rate: items ? complete / items : 1, departments };
}

/** 收费清单: every fee of the region's published items; an item without fees charges nothing. */
export async function feeList(ctx: AppContext, regionCode: string) {
  const rows = await repo.publishedGuides(ctx.db, regionCode);
  return rows.flatMap((r) =>
    guideSchema
      .parse(r.guide)
      .fees.map((f) => ({ implementationCode: r.implementation_code, itemName: r.name, departmentName: r.department_name, ...f })),
  );
}

export function listThemes() {
  return Object.entries(themes).map(([key, name]) => ({ key, name }));
}
