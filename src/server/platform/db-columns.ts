import type { ColumnType } from 'kysely';

/**
 * Column types shared by the table definitions (db-types*.ts). Inserts may leave a column out only where
 * the database fills it in (a default) or it is nullable; test/api/db-types.test.ts holds the types to
 * the migrated database.
 */
/** A NOT NULL timestamp without a default: every insert gives it. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A NOT NULL json/jsonb column without a default: inserts give the JSON text. */
export type Json = ColumnType<unknown, string, string>;
/** A nullable json/jsonb column. */
export type NullableJson = ColumnType<unknown, string | undefined | null, string | null>;
/** A nullable timestamp column. */
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A `date` column: 'YYYY-MM-DD' (pg's date parser is set to keep the string). */
export type DateColumn = ColumnType<string, string, string>;
export type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
