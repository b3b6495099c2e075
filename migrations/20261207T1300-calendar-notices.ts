import { sql, type Kysely } from 'kysely';

/**
 * The State Council's yearly holiday notices (国务院办公厅关于YYYY年部分节假日安排的通知) as an
 * administrator enters them, line by line: a year with a notice is official; a year with neither a
 * notice here nor one in chinese-days is provisional (its holidays computed from the law). And the
 * December reminders that next year is still provisional, once per year and region.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE calendar_notices (
      year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
      title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
      document_number text CHECK (char_length(document_number) BETWEEN 1 AND 60),
      published_on date,
      lines jsonb NOT NULL,
      entered_by uuid REFERENCES accounts(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1
    )`,
    sql`CREATE TABLE calendar_notice_reminders (
      year integer NOT NULL,
      region_code text NOT NULL,
      sent_at timestamptz NOT NULL,
      recipients integer NOT NULL,
      PRIMARY KEY (year, region_code)
    )`,
  ];
  for (const s of statements) await s.execute(db);
}
