import { sql, type Kysely } from 'kysely';

/** Service catalog: implementation items, their guide versions, search grams, synonyms. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      implementation_code text NOT NULL UNIQUE CHECK (implementation_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}[1-7][0-9A-Z]{12}$'),
      basic_code text NOT NULL,
      region_code text NOT NULL REFERENCES regions(code),
      department_id uuid NOT NULL REFERENCES departments(id),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','withdrawn')),
      published_version integer,
      popularity integer NOT NULL DEFAULT 0 CHECK (popularity >= 0),
      name text NOT NULL,
      item_type text NOT NULL,
      handling_type text NOT NULL,
      max_visits smallint NOT NULL,
      online_depth smallint NOT NULL,
      can_book_online boolean NOT NULL,
      themes text[] NOT NULL DEFAULT '{}',
      name_grams text[] NOT NULL DEFAULT '{}',
      search_grams text[] NOT NULL DEFAULT '{}',
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (region_code, basic_code, department_id)
    )`,
    // text_pattern_ops: region filters are prefix matches (a region's subtree) under any collation.
    sql`CREATE INDEX items_region ON items(region_code text_pattern_ops, status)`,
    sql`CREATE INDEX items_department ON items(department_id)`,
    sql`CREATE INDEX items_search_grams ON items USING gin (search_grams)`,
    sql`CREATE INDEX items_themes ON items USING gin (themes)`,
    sql`CREATE TABLE item_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      item_id uuid NOT NULL REFERENCES items(id),
      number integer NOT NULL CHECK (number >= 1),
      status text NOT NULL CHECK (status IN ('draft','review','published','superseded','withdrawn')),
      guide jsonb NOT NULL,
      created_by uuid REFERENCES accounts(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      submitted_at timestamptz,
      published_by uuid REFERENCES accounts(id),
      published_at timestamptz,
      UNIQUE (item_id, number)
    )`,
    sql`CREATE UNIQUE INDEX item_versions_one_open ON item_versions(item_id) WHERE status IN ('draft','review')`,
    sql`CREATE UNIQUE INDEX item_versions_one_published ON item_versions(item_id) WHERE status = 'published'`,
    sql`CREATE TABLE search_synonyms (
      term text PRIMARY KEY,
      expansions text[] NOT NULL
    )`,
  ];
  for (const s of statements) await s.execute(db);
}
