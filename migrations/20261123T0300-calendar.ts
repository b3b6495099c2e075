import { sql, type Kysely } from 'kysely';

/**
 * Working-day calendar overrides (工作日历): a region's local holiday, or a year's national notice
 * before `chinese-days` has it. region_code '' = national; else a GB/T 2260 code whose subtree
 * the override applies to (the most specific region wins).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE calendar_overrides (
      region_code text NOT NULL DEFAULT '' CHECK (region_code = '' OR region_code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$'),
      date date NOT NULL CHECK (date BETWEEN DATE '2000-01-01' AND DATE '2100-12-31'),
      is_working_day boolean NOT NULL,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
      created_by uuid REFERENCES accounts(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (region_code, date)
    )`,
    // Year lists read one date range across a region's ancestors.
    sql`CREATE INDEX calendar_overrides_date ON calendar_overrides(date)`,
  ];
  for (const s of statements) await s.execute(db);
}
