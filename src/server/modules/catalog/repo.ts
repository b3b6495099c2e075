import { sql, type Kysely } from 'kysely';
import type { DB, ItemVersionStatus } from '../../platform/db-types.ts';

/** Catalog repository: items (with denormalised search and filter columns), versions, synonyms. */

export type ItemSummaryColumns = {
  name: string;
  item_type: string;
  handling_type: string;
  max_visits: number;
  online_depth: number;
  can_book_online: boolean;
  themes: string[];
  name_grams: string[];
  search_grams: string[];
};

export async function insertItem(
  db: Kysely<DB>,
  row: ItemSummaryColumns & {
    implementation_code: string;
    basic_code: string;
    region_code: string;
    department_id: string;
    popularity?: number;
  },
) {
  return db.insertInto('items').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findItemByCode(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('items')
    .innerJoin('departments', 'departments.id', 'items.department_id')
    .selectAll('items')
    .select(['departments.name as department_name', 'departments.short_name as department_short_name'])
    .where('items.implementation_code', '=', code)
    .executeTakeFirst();
}

/**
 * An item with its department's names and the head of the version it publishes (no guide: the caller
 * parses a published guide once per process and reads it with `findVersionGuide` only then), in one query.
 */
export async function findItemWithPublishedVersion(db: Kysely<DB>, code: string) {
  const row = await db
    .selectFrom('items')
    .innerJoin('departments', 'departments.id', 'items.department_id')
    .leftJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'items.id').onRef('v.number', '=', 'items.published_version'))
    .selectAll('items')
    .select([
      'departments.name as department_name',
      'departments.short_name as department_short_name',
      'v.id as v_id',
      'v.number as v_number',
      'v.status as v_status',
      'v.published_at as v_published_at',
    ])
    .where('items.implementation_code', '=', code)
    .executeTakeFirst();
  if (!row) return undefined;
  const { v_id, v_number, v_status, v_published_at, ...item } = row;
  return {
    item,
    version: v_id && v_number !== null && v_status ? { id: v_id, number: v_number, status: v_status, published_at: v_published_at } : null,
  };
}

export async function findVersionGuide(db: Kysely<DB>, versionId: string) {
  return (await db.selectFrom('item_versions').select('guide').where('id', '=', versionId).executeTakeFirstOrThrow()).guide;
}

export async function itemCodeExists(db: Kysely<DB>, code: string): Promise<boolean> {
  return (await db.selectFrom('items').select('id').where('implementation_code', '=', code).executeTakeFirst()) !== undefined;
}

/** Marks a version published: supersedes the previous one and copies the filter/search columns to the item. */
export async function publishVersion(db: Kysely<DB>, itemId: string, number: number, actorId: string | null, summary: ItemSummaryColumns) {
  await db
    .updateTable('item_versions')
    .set({ status: 'superseded' })
    .where('item_id', '=', itemId)
    .where('status', '=', 'published')
    .execute();
  await db
    .updateTable('item_versions')
    .set({ status: 'published', published_at: new Date(), published_by: actorId })
    .where('item_id', '=', itemId)
    .where('number', '=', number)
    .execute();
  return db
    .updateTable('items')
    .set((eb) => ({ ...summary, status: 'published', published_version: number, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', itemId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function withdrawItem(db: Kysely<DB>, itemId: string) {
  await db
    .updateTable('item_versions')
    .set({ status: 'withdrawn' })
    .where('item_id', '=', itemId)
    .where('status', '=', 'published')
    .execute();
  return db
    .updateTable('items')
    .set((eb) => ({ status: 'withdrawn', published_version: null, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', itemId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertVersion(
  db: Kysely<DB>,
  v: { item_id: string; number: number; status: ItemVersionStatus; guide: unknown; created_by: string | null },
) {
  return db
    .insertInto('item_versions')
    .values({ ...v, guide: JSON.stringify(v.guide) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findVersion(db: Kysely<DB>, itemId: string, number: number) {
  return db.selectFrom('item_versions').selectAll().where('item_id', '=', itemId).where('number', '=', number).executeTakeFirst();
}

/** The draft or in-review version, if any (at most one, by a unique index). */
export async function findOpenVersion(db: Kysely<DB>, itemId: string) {
  return db
    .selectFrom('item_versions')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('status', 'in', ['draft', 'review'])
    .executeTakeFirst();
}

export async function latestVersionNumber(db: Kysely<DB>, itemId: string): Promise<number> {
  const r = await db
    .selectFrom('item_versions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function listVersions(db: Kysely<DB>, itemId: string) {
  return db
    .selectFrom('item_versions')
    .select(['number', 'status', 'created_at', 'created_by', 'submitted_at', 'published_at', 'published_by'])
    .where('item_id', '=', itemId)
    .orderBy('number', 'desc')
    .execute();
}

/** Updates a version's guide or status, only from the expected status; undefined when it moved on. */
export async function updateVersion(
  db: Kysely<DB>,
  id: string,
  from: ItemVersionStatus,
  patch: { guide?: unknown; status?: ItemVersionStatus; submitted_at?: Date },
) {
  const { guide, ...rest } = patch;
  return db
    .updateTable('item_versions')
    .set({ ...rest, ...(guide === undefined ? {} : { guide: JSON.stringify(guide) }) })
    .where('id', '=', id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
}

/** Bumps the item's optimistic version if it matches; false when stale. */
export async function touchItem(db: Kysely<DB>, id: string, version: number): Promise<boolean> {
  const r = await db
    .updateTable('items')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type ItemFilter = {
  regionPrefix?: string;
  departmentId?: string;
  itemType?: string;
  theme?: string;
  handlingType?: string;
  queryGrams?: string[];
  candidates?: string[][];
  fullTerms?: string[];
  includeUnpublished?: boolean;
  status?: 'draft' | 'published' | 'withdrawn';
  limit: number;
  offset: number;
};

/**
 * Published items matching the filters. With query grams: candidates share a gram with the query
 * (GIN index on search_grams); ranked by whole-term hits in the name, then grams shared with the
 * name and with all searchable text, then popularity.
 */
export async function searchItems(db: Kysely<DB>, f: ItemFilter) {
  let q = db.selectFrom('items').innerJoin('departments', 'departments.id', 'items.department_id');
  if (!f.includeUnpublished) q = q.where('items.status', '=', 'published');
  else if (f.status) q = q.where('items.status', '=', f.status);
  if (f.regionPrefix) q = q.where('items.region_code', 'like', `${f.regionPrefix}%`);
  if (f.departmentId) q = q.where('items.department_id', '=', f.departmentId);
  if (f.itemType) q = q.where('items.item_type', '=', f.itemType);
  if (f.handlingType) q = q.where('items.handling_type', '=', f.handlingType);
  if (f.theme) q = q.where(sql<boolean>`items.themes @> ARRAY[${f.theme}]::text[]`);
  const grams = f.queryGrams ?? [];
  const candidates = f.candidates ?? grams.map((g) => [g]);
  if (candidates.length > 0) {
    q = q.where(
      sql<boolean>`(${sql.join(
        candidates.map((c) => sql`items.search_grams @> ${sql.val(c)}::text[]`),
        sql` OR `,
      )})`,
    );
  }
  const terms = (f.fullTerms ?? []).map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  // Score with array containment only (no per-row subqueries): a whole-term hit in the name,
  // then each candidate pair found in the name and in all searchable text, then popularity.
  const hits = (column: 'name_grams' | 'search_grams', weight: number) =>
    sql.join(
      candidates.map((c) => sql`(CASE WHEN items.${sql.ref(column)} @> ${sql.val(c)}::text[] THEN ${sql.lit(weight)} ELSE 0 END)`),
      sql` + `,
    );
  const score =
    grams.length === 0
      ? sql<number>`items.popularity`
      : sql<number>`(
      ${terms.length ? sql`(CASE WHEN items.name ILIKE ANY(${sql.val(terms)}::text[]) THEN 1000 ELSE 0 END)` : sql`0`}
      + ${hits('name_grams', 30)} + ${hits('search_grams', 10)} + items.popularity / 10)`;
  const [items, total] = await Promise.all([
    q
      .selectAll('items')
      .select(['departments.name as department_name', score.as('score')])
      .orderBy('score', 'desc')
      .orderBy('items.implementation_code')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function listSynonyms(db: Kysely<DB>) {
  return db.selectFrom('search_synonyms').selectAll().execute();
}

export async function upsertSynonyms(db: Kysely<DB>, rows: { term: string; expansions: string[] }[]) {
  for (const r of rows) {
    await db
      .insertInto('search_synonyms')
      .values(r)
      .onConflict((oc) => oc.column('term').doUpdateSet({ expansions: r.expansions }))
      .execute();
  }
}

/** Published guides of a region's subtree (for completeness and fee lists). */
export async function publishedGuides(db: Kysely<DB>, regionPrefix: string) {
  return db
    .selectFrom('items')
    .innerJoin('item_versions', (j) => j.onRef('item_versions.item_id', '=', 'items.id').on('item_versions.status', '=', 'published'))
    .innerJoin('departments', 'departments.id', 'items.department_id')
    .select([
      'items.implementation_code',
      'items.name',
      'items.department_id',
      'departments.name as department_name',
      'item_versions.guide',
      'item_versions.number',
    ])
    .where('items.region_code', 'like', `${regionPrefix}%`)
    .orderBy('departments.name')
    .orderBy('items.name')
    .execute();
}

/** Region codes that have at least one item. */
export async function regionsWithItems(db: Kysely<DB>): Promise<string[]> {
  return (await db.selectFrom('items').select('region_code').distinct().execute()).map((r) => r.region_code);
}

/** Bulk load of already-published items with their first version (seeds and imports). */
export async function insertPublishedItems(
  db: Kysely<DB>,
  rows: (ItemSummaryColumns & {
    implementation_code: string;
    basic_code: string;
    region_code: string;
    department_id: string;
    popularity: number;
    guide: unknown;
  })[],
) {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const items = await db
      .insertInto('items')
      .values(chunk.map(({ guide: _g, ...r }) => ({ ...r, status: 'published' as const, published_version: 1 })))
      .onConflict((oc) => oc.column('implementation_code').doNothing())
      .returning(['id', 'implementation_code'])
      .execute();
    const guideOf = new Map(chunk.map((r) => [r.implementation_code, r.guide]));
    if (items.length === 0) continue;
    await db
      .insertInto('item_versions')
      .values(
        items.map((it) => ({
          item_id: it.id,
          number: 1,
          status: 'published' as const,
          guide: JSON.stringify(guideOf.get(it.implementation_code)),
          created_by: null,
          published_at: new Date(),
        })),
      )
      .execute();
  }
}

export async function findVersionById(db: Kysely<DB>, id: string) {
  return db.selectFrom('item_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Items by implementation code, with what other modules check of them (department, handling type, status). */
export async function findItemsByCodes(db: Kysely<DB>, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('items')
    .select(['id', 'implementation_code', 'name', 'department_id', 'region_code', 'status', 'handling_type'])
    .where('implementation_code', 'in', codes)
    .execute();
}

/** Items by id (names and codes for display). */
export async function findItemsByIdList(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('items')
    .select(['id', 'implementation_code', 'name', 'department_id', 'region_code', 'status', 'handling_type'])
    .where('id', 'in', ids)
    .execute();
}
