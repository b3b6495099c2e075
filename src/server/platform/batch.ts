import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './db-types.ts';

/**
 * Several statements as one round trip (issue 24, item 2): `main` and each of `writes` become the
 * data-modifying CTEs of one statement, `WITH w0 AS (main), w1 AS (write), … SELECT * FROM w0`, and the
 * answer is `main`'s RETURNING rows. Each part keeps its own SQL and parameters (renumbered: the parts
 * are compiled queries, whose only `$n` are placeholders). All parts see the snapshot from before the
 * statement and none sees another's rows, so a part must not read what another writes; foreign keys
 * are checked at the end of the statement, so a parent and its children may be inserted together.
 * The order in which the parts run is not defined: rows whose order matters (audit events) go in one
 * multi-row INSERT, which takes its sequence numbers in the order of its rows.
 */
export async function executeAsOne<R>(db: Kysely<DB>, main: CompiledQuery<R>, writes: CompiledQuery[]): Promise<R[]> {
  if (!writes.length) return (await db.executeQuery(main)).rows;
  const parameters: unknown[] = [];
  const part = (q: CompiledQuery) => {
    const offset = parameters.length;
    parameters.push(...q.parameters);
    return q.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  };
  const ctes = [main, ...writes].map((q, i) => `w${i} AS (${part(q)})`);
  const text = `WITH ${ctes.join(',\n')}\nSELECT * FROM w0`;
  return (await db.executeQuery(CompiledQuery.raw(text, parameters))).rows as R[];
}
