import type { ColumnType } from 'kysely';

/** Column types shared by the table definitions (db-types*.ts). */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json = ColumnType<unknown, string | undefined | null, string | null>;
/** A nullable timestamp column. */
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A `date` column: 'YYYY-MM-DD' (pg's date parser is set to keep the string). */
export type DateColumn = ColumnType<string, string, string>;
export type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
