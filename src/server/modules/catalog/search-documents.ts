import type { Kysely } from 'kysely';
import type { DB, SearchDocumentKind } from '../../platform/db-types.ts';
import * as repo from './repo.ts';
import { grams } from './search-text.ts';

/**
 * What another module publishes for the catalog search (a bundle, 一件事): found and ranked with the
 * items by the same rules. `words` are its other searchable texts (description, member items' names
 * and keywords); `popularity` 0–100 as for items.
 */
export type SearchDocument = {
  refId: string;
  regionCode: string;
  name: string;
  summary: string;
  themes: string[];
  departmentIds: string[];
  popularity: number;
  words: string[];
};

/**
 * Replaces the search entries of a kind with `docs` (in the caller's transaction when given one);
 * entries of that kind not given are removed. The module that owns the entries calls this whenever
 * they change, so the catalog never reads another module's tables.
 */
export async function indexSearchDocuments(db: Kysely<DB>, kind: SearchDocumentKind, docs: SearchDocument[]): Promise<void> {
  await repo.replaceSearchDocuments(
    db,
    kind,
    docs.map((d) => ({
      kind,
      ref_id: d.refId,
      region_code: d.regionCode,
      name: d.name,
      summary: d.summary,
      themes: d.themes,
      department_ids: d.departmentIds,
      popularity: Math.max(0, Math.min(100, Math.round(d.popularity))),
      name_grams: grams(d.name),
      search_grams: grams([d.name, d.summary, ...d.words].join(' ')),
    })),
  );
}
