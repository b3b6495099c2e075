import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../../src/server/platform/db.ts';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.ts';
import { declaredTables, type DeclaredColumn } from '../support/table-types.ts';
import { testDb } from './platform.ts';

/**
 * The Kysely table types (src/server/platform/db-types*.ts) against a freshly migrated database: the same
 * tables and columns, the same nullability, a kind that the `pg` driver really returns for the column's
 * type, inserts that may leave out only what the database fills in, and string-literal unions equal to
 * the column's CHECK (col IN (…)) list. The types are read with the TypeScript checker, so the hand-written
 * types remain the only description and no second list can drift.
 */

type DbColumn = { table: string; column: string; nullable: boolean; type: string; hasDefault: boolean };

/** The kind of value the pg driver gives for a column type (db.ts: int8 as number, date as 'YYYY-MM-DD'). */
function kindOfPgType(udt: string): DeclaredColumn['kind'] {
  if (udt.startsWith('_')) return 'array';
  if (['text', 'varchar', 'bpchar', 'uuid', 'inet', 'date', 'numeric', 'citext'].includes(udt)) return 'string';
  if (['int2', 'int4', 'int8', 'float4', 'float8'].includes(udt)) return 'number';
  if (udt === 'bool') return 'boolean';
  if (udt === 'timestamptz' || udt === 'timestamp') return 'Date';
  if (udt === 'json' || udt === 'jsonb') return 'json';
  return 'other';
}

let scratch: ScratchDatabase | null = null;
let database: Database;
let columns: DbColumn[];
let checks: Map<string, string[]>;

beforeAll(async () => {
  if (testDb === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
    scratch = await createScratchDatabase(base, 'tongban_types');
  }
  database = await openDatabase({ url: scratch?.url ?? null, pgliteDir: null });
  await migrateToLatest(database.db);
  const rows = await sql<{
    table_name: string;
    column_name: string;
    is_nullable: string;
    udt_name: string;
    column_default: string | null;
    is_identity: string;
    is_generated: string;
  }>`
    SELECT table_name, column_name, is_nullable, udt_name, column_default, is_identity, is_generated
    FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name NOT LIKE 'kysely_migration%'
    ORDER BY table_name, ordinal_position`.execute(database.db);
  columns = rows.rows.map((r) => ({
    table: r.table_name,
    column: r.column_name,
    nullable: r.is_nullable === 'YES',
    type: r.udt_name,
    hasDefault: r.column_default !== null || r.is_identity === 'YES' || r.is_generated === 'ALWAYS',
  }));
  // CHECK (col IN ('a','b')) is stored as CHECK ((col = ANY (ARRAY['a'::text, 'b'::text]))); a one-value list as
  // CHECK ((col = 'a'::text)).
  const defs = await sql<{ table_name: string; def: string }>`
    SELECT c.conrelid::regclass::text AS table_name, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c WHERE c.contype = 'c' AND c.connamespace = current_schema()::regnamespace`.execute(database.db);
  checks = new Map();
  for (const { table_name, def } of defs.rows) {
    const m =
      /^CHECK \(\(\(?(\w+)\)? = ANY \(\(?ARRAY\[(.*)\]\)?(?:::text\[\])?\)\)\)$/.exec(def) ??
      /^CHECK \(\(\(?(\w+)\)? = ('(?:[^']|'')*'::(?:text|character varying))\)\)$/.exec(def);
    if (!m) continue;
    const values = [...m[2].matchAll(/'((?:[^']|'')*)'::(?:text|character varying)/g)].map((v) => v[1].replaceAll("''", "'")).sort();
    checks.set(`${table_name}.${m[1]}`, values);
  }
}, 180_000);

afterAll(async () => {
  await database?.close();
  await scratch?.drop();
});

describe(`the Kysely table types match the migrated database (${testDb})`, () => {
  it('has the same tables and columns, nullability, kinds, insert defaults and CHECK value lists', () => {
    // The readers themselves: a known CHECK list and a known column type.
    expect(checks.get('windows.kind')).toEqual(['comprehensive', 'department', 'peak', 'special']);
    const declared = declaredTables();
    expect(declared.get('cases')?.get('decided_at')).toEqual({ nullable: true, insertOptional: true, kind: 'Date', literals: null });
    const problems: string[] = [];
    const inDb = new Map<string, Map<string, DbColumn>>();
    for (const c of columns) {
      if (!inDb.has(c.table)) inDb.set(c.table, new Map());
      inDb.get(c.table)!.set(c.column, c);
    }
    for (const t of inDb.keys()) if (!declared.has(t)) problems.push(`${t}: table in the database, not in DB`);
    for (const [t, cols] of declared) {
      const real = inDb.get(t);
      if (!real) {
        problems.push(`${t}: in DB, no such table`);
        continue;
      }
      for (const c of real.keys()) if (!cols.has(c)) problems.push(`${t}.${c}: column in the database, not in the type`);
      for (const [c, d] of cols) {
        const r = real.get(c);
        if (!r) {
          problems.push(`${t}.${c}: in the type, no such column`);
          continue;
        }
        if (d.nullable !== r.nullable)
          problems.push(`${t}.${c}: type says ${d.nullable ? 'nullable' : 'NOT NULL'}, database ${r.nullable ? 'nullable' : 'NOT NULL'}`);
        const kind = kindOfPgType(r.type);
        if (d.kind !== kind) problems.push(`${t}.${c}: type reads ${d.kind}, a ${r.type} column gives ${kind}`);
        if (d.insertOptional && !r.hasDefault && !r.nullable)
          problems.push(`${t}.${c}: an insert may leave it out, but it is NOT NULL without a default`);
        const allowed = checks.get(`${t}.${c}`);
        if (allowed && d.literals && allowed.join() !== d.literals.join())
          problems.push(`${t}.${c}: type allows ${d.literals.join('|')}, CHECK allows ${allowed.join('|')}`);
        if (allowed && !d.literals && d.kind === 'string')
          problems.push(`${t}.${c}: CHECK allows only ${allowed.join('|')}, the type says string`);
        if (d.literals && !allowed && kind === 'string')
          problems.push(`${t}.${c}: type allows only ${d.literals.join('|')}, the column has no CHECK`);
      }
    }
    expect(problems).toEqual([]);
  });
});
