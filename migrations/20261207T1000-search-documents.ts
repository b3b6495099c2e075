import { sql, type Kysely } from 'kysely';

/**
 * Search entries beside the items (issue 25.7): what other modules publish for the catalog search to
 * find and rank with the items — first the bundles (一件事). A module writes its own rows through the
 * catalog's `indexSearchDocuments` whenever its entries change; the catalog reads them in the one
 * ranked search. Grams are computed in TypeScript, as for items.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE search_documents (
      kind text NOT NULL CHECK (kind IN ('bundle')),
      ref_id uuid NOT NULL,
      region_code text NOT NULL REFERENCES regions(code),
      name text NOT NULL,
      summary text NOT NULL DEFAULT '',
      themes text[] NOT NULL DEFAULT '{}',
      department_ids uuid[] NOT NULL DEFAULT '{}',
      popularity integer NOT NULL DEFAULT 0 CHECK (popularity >= 0),
      name_grams text[] NOT NULL DEFAULT '{}',
      search_grams text[] NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (kind, ref_id)
    )`,
    sql`CREATE INDEX search_documents_region ON search_documents(region_code text_pattern_ops)`,
    sql`CREATE INDEX search_documents_grams ON search_documents USING gin (search_grams)`,
  ];
  for (const s of statements) await s.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE search_documents`.execute(db);
}
