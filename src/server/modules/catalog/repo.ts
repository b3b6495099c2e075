import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, ItemVersionStatus, SearchDocumentKind, SearchDocumentsTable } from '../../platform/db-types.ts';

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
  /** The candidates of search documents, where they differ from the items' (see query-service). */
  documentCandidates?: string[][];
  /** The query as typed, then its synonyms' expansions (normalised). */
  fullTerms?: string[];
  includeUnpublished?: boolean;
  status?: 'draft' | 'published' | 'withdrawn';
  limit: number;
  offset: number;
};

const withDepartments = (db: Kysely<DB>) => db.selectFrom('items').innerJoin('departments', 'departments.id', 'items.department_id');

/** The items matching the filters (the FROM and WHERE of a search); without their departments when not asked. */
function itemsMatching(db: Kysely<DB>, f: ItemFilter, candidates: string[][], withDepartment = true) {
  // The filters name only the items' columns, so the builder without the join takes them the same (hence the cast).
  let q = withDepartment ? withDepartments(db) : (db.selectFrom('items') as unknown as ReturnType<typeof withDepartments>);
  if (!f.includeUnpublished) q = q.where('items.status', '=', 'published');
  else if (f.status) q = q.where('items.status', '=', f.status);
  if (f.regionPrefix) q = q.where('items.region_code', 'like', `${f.regionPrefix}%`);
  if (f.departmentId) q = q.where('items.department_id', '=', f.departmentId);
  if (f.itemType) q = q.where('items.item_type', '=', f.itemType);
  if (f.handlingType) q = q.where('items.handling_type', '=', f.handlingType);
  if (f.theme) q = q.where(sql<boolean>`items.themes @> ARRAY[${f.theme}]::text[]`);
  if (candidates.length > 0) q = q.where(holdsAny('items', candidates));
  return q;
}

/** The published search documents (bundles) matching the filters; none when an item-only filter is set. */
function documentsMatching(db: Kysely<DB>, f: ItemFilter, candidates: string[][]) {
  let q = db.selectFrom('search_documents');
  if (f.itemType || f.handlingType || f.includeUnpublished) q = q.where(sql<boolean>`false`);
  if (f.regionPrefix) q = q.where('search_documents.region_code', 'like', `${f.regionPrefix}%`);
  if (f.departmentId) q = q.where(sql<boolean>`search_documents.department_ids @> ARRAY[${f.departmentId}]::uuid[]`);
  if (f.theme) q = q.where(sql<boolean>`search_documents.themes @> ARRAY[${f.theme}]::text[]`);
  if (candidates.length > 0) q = q.where(holdsAny('search_documents', candidates));
  return q;
}

type Searched = 'items' | 'search_documents';

/** Holds both grams of some candidate pair (GIN index on search_grams). */
const holdsAny = (table: Searched, candidates: string[][]) =>
  sql<boolean>`(${sql.join(
    candidates.map((c) => sql`${sql.ref(`${table}.search_grams`)} @> ${sql.val(c)}::text[]`),
    sql` OR `,
  )})`;

/**
 * The rank of a match, the same for items and search documents, with array containment only (no
 * per-row subqueries): the name is the query itself (4000 more) or a synonym's expansion (2000 more),
 * the name holds the query or an expansion (1000), each candidate pair found in the name (30) and in
 * all searchable text (10), then popularity (0–100, ÷ 10). So a synonym that names an entry exactly
 * (上户口 → 出生登记, 生孩子 → 新生儿出生一件事) puts it first, unless another entry's name is what
 * was typed (死亡注销户口 contains 死亡 but finds that item first). Without query grams, popularity alone.
 */
function scoreOf(table: Searched, f: ItemFilter, candidates: string[][]) {
  const ref = (column: string) => sql.ref(`${table}.${column}`);
  if ((f.queryGrams ?? []).length === 0) return sql<number>`${ref('popularity')}`;
  const terms = (f.fullTerms ?? []).map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const hits = (column: 'name_grams' | 'search_grams', weight: number) =>
    sql.join(
      candidates.map((c) => sql`(CASE WHEN ${ref(column)} @> ${sql.val(c)}::text[] THEN ${sql.lit(weight)} ELSE 0 END)`),
      sql` + `,
    );
  const [typed, ...expanded] = (f.fullTerms ?? []).map((t) => t.toLowerCase());
  return sql<number>`(
      ${typed === undefined ? sql`0` : sql`(CASE WHEN lower(${ref('name')}) = ${typed} THEN 4000 ELSE 0 END)`}
      + ${expanded.length ? sql`(CASE WHEN lower(${ref('name')}) = ANY(${sql.val(expanded)}::text[]) THEN 2000 ELSE 0 END)` : sql`0`}
      + ${terms.length ? sql`(CASE WHEN ${ref('name')} ILIKE ANY(${sql.val(terms)}::text[]) THEN 1000 ELSE 0 END)` : sql`0`}
      + ${hits('name_grams', 30)} + ${hits('search_grams', 10)} + ${ref('popularity')} / 10)`;
}

/**
 * Published items matching the filters. With query grams: candidates share a gram with the query
 * (GIN index on search_grams); ranked by `scoreOf`. One statement: the page is ranked and cut on the items
 * alone, its total counted by a window over the same matches (the GIN index is read once, not once for the page
 * and again for the count), and only the page's rows are joined to their departments. The GIN estimate of a
 * match is one row, so joining before the cut made the planner scan the departments once per matching item
 * (2,104 × 309 rows, 86 of the 98 ms of 公积金提取 across 100,000 items; EXPLAIN ANALYZE, `bench catalog --explain`).
 */
export async function searchItems(db: Kysely<DB>, f: ItemFilter) {
  const candidates = f.candidates ?? (f.queryGrams ?? []).map((g) => [g]);
  const page = itemsMatching(db, f, candidates, false)
    .selectAll('items')
    .select([scoreOf('items', f, candidates).as('score'), sql<number>`count(*) OVER ()`.as('matched')])
    .orderBy('score', 'desc')
    .orderBy('items.implementation_code')
    .limit(f.limit)
    .offset(f.offset);
  const rows = await db
    .selectFrom(page.as('p'))
    .innerJoin('departments', 'departments.id', 'p.department_id')
    .selectAll('p')
    .select('departments.name as department_name')
    .orderBy('p.score', 'desc')
    .orderBy('p.implementation_code')
    .execute();
  // A page past the end has no row to carry the count.
  const total =
    rows.length > 0
      ? Number(rows[0].matched)
      : f.offset > 0
        ? Number(
            (
              await itemsMatching(db, f, candidates, false)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          )
        : 0;
  return { items: rows.map(({ matched: _m, ...r }) => r), total };
}

/** One hit of the catalog search: an item (kind 'item') or another module's search document (kind 'bundle'). */
export type SearchHit = {
  kind: 'item' | SearchDocumentKind;
  id: string;
  code: string | null;
  basic_code: string | null;
  name: string;
  summary: string | null;
  region_code: string;
  department_id: string | null;
  department_name: string | null;
  item_type: string | null;
  handling_type: string | null;
  max_visits: number | null;
  online_depth: number | null;
  can_book_online: boolean | null;
  themes: string[];
  status: string;
  published_version: number | null;
  version: number | null;
  score: number;
};

/**
 * The search of residents: published items and the search documents (bundles) in one ranking
 * (`scoreOf` for both; at an equal score a document comes before an item, then by code or name).
 * Documents take part only when the query has grams.
 */
export async function searchCatalog(db: Kysely<DB>, f: ItemFilter): Promise<{ hits: SearchHit[]; total: number }> {
  const candidates = f.candidates ?? (f.queryGrams ?? []).map((g) => [g]);
  const withDocuments = (f.queryGrams ?? []).length > 0;
  const items = itemsMatching(db, f, candidates).select([
    sql<SearchHit['kind']>`'item'`.as('kind'),
    'items.id',
    sql<string | null>`items.implementation_code`.as('code'),
    sql<string | null>`items.basic_code`.as('basic_code'),
    'items.name',
    sql<string | null>`NULL::text`.as('summary'),
    'items.region_code',
    sql<string | null>`items.department_id`.as('department_id'),
    sql<string | null>`departments.name`.as('department_name'),
    sql<string | null>`items.item_type`.as('item_type'),
    sql<string | null>`items.handling_type`.as('handling_type'),
    sql<number | null>`items.max_visits`.as('max_visits'),
    sql<number | null>`items.online_depth`.as('online_depth'),
    sql<boolean | null>`items.can_book_online`.as('can_book_online'),
    'items.themes',
    sql<string>`items.status`.as('status'),
    sql<number | null>`items.published_version`.as('published_version'),
    sql<number | null>`items.version`.as('version'),
    scoreOf('items', f, candidates).as('score'),
    sql<string>`items.implementation_code`.as('tiebreak'),
  ]);
  const documentCandidates = f.documentCandidates ?? candidates;
  const documents = documentsMatching(db, f, documentCandidates).select([
    sql<SearchHit['kind']>`search_documents.kind`.as('kind'),
    'search_documents.ref_id as id',
    sql<string | null>`NULL::text`.as('code'),
    sql<string | null>`NULL::text`.as('basic_code'),
    'search_documents.name',
    sql<string | null>`search_documents.summary`.as('summary'),
    'search_documents.region_code',
    sql<string | null>`NULL::uuid`.as('department_id'),
    sql<string | null>`NULL::text`.as('department_name'),
    sql<string | null>`NULL::text`.as('item_type'),
    sql<string | null>`NULL::text`.as('handling_type'),
    sql<number | null>`NULL::smallint`.as('max_visits'),
    sql<number | null>`NULL::smallint`.as('online_depth'),
    sql<boolean | null>`NULL::boolean`.as('can_book_online'),
    'search_documents.themes',
    sql<string>`'published'`.as('status'),
    sql<number | null>`NULL::integer`.as('published_version'),
    sql<number | null>`NULL::integer`.as('version'),
    scoreOf('search_documents', f, documentCandidates).as('score'),
    sql<string>`search_documents.name`.as('tiebreak'),
  ]);
  const countItems = itemsMatching(db, f, candidates).select((eb) => eb.fn.countAll<number>().as('n'));
  const countDocuments = documentsMatching(db, f, documentCandidates).select((eb) => eb.fn.countAll<number>().as('n'));
  const [rows, counts] = await Promise.all([
    (withDocuments ? items.unionAll(documents) : items)
      .orderBy('score', 'desc')
      .orderBy('kind')
      .orderBy('tiebreak')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    withDocuments
      ? db.selectNoFrom((eb) => [eb.parens(countItems).as('items'), eb.parens(countDocuments).as('documents')]).executeTakeFirstOrThrow()
      : countItems.executeTakeFirstOrThrow().then((r) => ({ items: r.n, documents: 0 })),
  ]);
  return {
    hits: rows.map(({ tiebreak: _t, ...r }) => ({ ...r, score: Number(r.score) })),
    total: Number(counts.items) + Number(counts.documents),
  };
}

/** Which of the terms (normalised, lower case) are the whole name of a search document. */
export async function documentNamesAmong(db: Kysely<DB>, terms: string[]): Promise<Set<string>> {
  if (terms.length === 0) return new Set();
  const rows = await db
    .selectFrom('search_documents')
    .select(sql<string>`lower(name)`.as('name'))
    .where(sql<boolean>`lower(name) = ANY(${sql.val(terms.map((t) => t.toLowerCase()))}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.name));
}

/** Replaces the search documents of a kind with those given (written by the module that owns them). */
export async function replaceSearchDocuments(db: Kysely<DB>, kind: SearchDocumentKind, rows: Insertable<SearchDocumentsTable>[]) {
  const keep = rows.map((r) => r.ref_id);
  let del = db.deleteFrom('search_documents').where('kind', '=', kind);
  if (keep.length) del = del.where('ref_id', 'not in', keep);
  await del.execute();
  if (rows.length === 0) return;
  await db
    .insertInto('search_documents')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['kind', 'ref_id']).doUpdateSet((eb) => ({
        region_code: eb.ref('excluded.region_code'),
        name: eb.ref('excluded.name'),
        summary: eb.ref('excluded.summary'),
        themes: eb.ref('excluded.themes'),
        department_ids: eb.ref('excluded.department_ids'),
        popularity: eb.ref('excluded.popularity'),
        name_grams: eb.ref('excluded.name_grams'),
        search_grams: eb.ref('excluded.search_grams'),
        updated_at: new Date(),
      })),
    )
    .execute();
}

export async function listSynonyms(db: Kysely<DB>) {
  return db.selectFrom('search_synonyms').selectAll().execute();
}

/** Writes the synonyms given (one statement); terms not given stay. */
export async function upsertSynonyms(db: Kysely<DB>, rows: { term: string; expansions: string[] }[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('search_synonyms')
    .values(rows)
    .onConflict((oc) => oc.column('term').doUpdateSet((eb) => ({ expansions: eb.ref('excluded.expansions') })))
    .execute();
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
