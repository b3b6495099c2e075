import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** What a Kysely table type says of one column. */
export type DeclaredColumn = {
  /** The selected value may be null (for a json column typed `unknown`: its insert type accepts null). */
  nullable: boolean;
  /** An insert may leave the column out (Generated<…>, or an insert type that allows undefined). */
  insertOptional: boolean;
  /** The selected value's kind, null removed: string, number, boolean, Date, array, json (unknown or an object type). */
  kind: 'string' | 'number' | 'boolean' | 'Date' | 'array' | 'json' | 'other';
  /** When the selected type is a union of string literals, the literals (sorted). */
  literals: string[] | null;
};

const DB_TYPES = fileURLToPath(new URL('../../src/server/platform/db-types.ts', import.meta.url));

/**
 * Reads `DB` of src/server/platform/db-types.ts with the TypeScript checker: the tables, their columns and,
 * per column, nullability, insert optionality, kind and literal values. The hand-written types stay the
 * only description; this turns them into data a test can compare with the migrated database.
 */
export function declaredTables(): Map<string, Map<string, DeclaredColumn>> {
  const program = ts.createProgram([DB_TYPES], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(DB_TYPES)!;
  const dbSymbol = checker.getExportsOfModule(checker.getSymbolAtLocation(file)!).find((s) => s.name === 'DB');
  if (!dbSymbol) throw new Error('db-types.ts exports no DB type');
  const db = checker.getDeclaredTypeOfSymbol(dbSymbol);
  const typeOf = (owner: ts.Type, name: string) => {
    const p = owner.getProperty(name);
    return p ? checker.getTypeOfSymbol(p) : undefined;
  };
  const members = (t: ts.Type) => (t.isUnion() ? t.types : [t]);
  const isNull = (t: ts.Type) => (t.flags & ts.TypeFlags.Null) !== 0;
  const isUndefined = (t: ts.Type) => (t.flags & ts.TypeFlags.Undefined) !== 0;
  const kindOf = (types: ts.Type[]): DeclaredColumn['kind'] => {
    const kinds = new Set(
      types.map((t): DeclaredColumn['kind'] => {
        if (t.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral | ts.TypeFlags.TemplateLiteral)) return 'string';
        if (t.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return 'number';
        if (t.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return 'boolean';
        if (t.flags & ts.TypeFlags.Unknown) return 'json';
        if (checker.isArrayType(t)) return 'array';
        if (t.getSymbol()?.name === 'Date') return 'Date';
        if (t.flags & ts.TypeFlags.Object) return 'json';
        return 'other';
      }),
    );
    return kinds.size === 1 ? [...kinds][0] : 'other';
  };
  const out = new Map<string, Map<string, DeclaredColumn>>();
  for (const table of checker.getPropertiesOfType(db)) {
    const tableType = checker.getTypeOfSymbol(table);
    const columns = new Map<string, DeclaredColumn>();
    for (const column of checker.getPropertiesOfType(tableType)) {
      const t = checker.getTypeOfSymbol(column);
      const select = typeOf(t, '__select__') ?? t;
      const insert = typeOf(t, '__insert__') ?? t;
      const present = members(select).filter((m) => !isNull(m));
      const literals = present.every((m) => m.isStringLiteral()) ? present.map((m) => (m as ts.StringLiteralType).value).sort() : null;
      // `unknown` (json columns) hides null: there the insert type tells (NullableJson accepts null, Json does not).
      const selectsUnknown = members(select).some((m) => (m.flags & ts.TypeFlags.Unknown) !== 0);
      columns.set(column.name, {
        nullable: members(selectsUnknown ? insert : select).some(isNull),
        insertOptional: members(insert).some(isUndefined) || (column.flags & ts.SymbolFlags.Optional) !== 0,
        kind: kindOf(present.some((m) => m.flags & ts.TypeFlags.BooleanLiteral) ? [checker.getBooleanType()] : present),
        literals,
      });
    }
    out.set(table.name, columns);
  }
  return out;
}
