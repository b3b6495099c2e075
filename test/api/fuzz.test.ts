import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Client } from './client.ts';
import { operationsOf, type ExampleRequest, type OpenApi } from './route-table.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Schema-driven fuzzing of every JSON endpoint: for each operation of the route table, a valid
 * example body with one field replaced by an arbitrary value (wrong types, huge numbers, long and
 * odd Unicode, nested junk, prototype keys), plus wholly arbitrary JSON, sent as a citizen and as
 * an administrator. The answer may be anything but a 5xx. Seeded: a failure names its seed and path.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 12);
/** Routes that end the fuzzing session itself. */
const SKIP = new Set(['POST /api/v1/auth/logout']);

const junk = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '../../etc/passwd',
    "' OR 1=1 --",
    '%_%',
    '<script>alert(1)</script>',
    '＜ｓｃｒｉｐｔ＞',
    '=HYPERLINK("http://x")',
    '１１０１０１１９９００３０７６６７Ｘ',
    '9'.repeat(400),
    '𠮷'.repeat(50),
    'null',
    '__proto__',
    'constructor',
  ),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308, -0, 2 ** 31, 1_000_000),
  fc.constant({ __proto__: { admin: true }, constructor: { prototype: { x: 1 } } }),
);

/** JSON text of any value (`undefined` and the unserialisable become null). */
function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return 'null';
  }
}

function mutate(example: unknown, key: string | null, value: unknown): unknown {
  if (key === null || example === null || typeof example !== 'object' || Array.isArray(example)) return value;
  return { ...(example as object), [key]: value };
}

let p: TestPlatform;
let ops: ExampleRequest[];
let clients: Array<{ who: string; client: Client }>;
beforeAll(async () => {
  p = await startTestPlatform();
  ops = operationsOf((await p.app.inject({ url: '/api/openapi.json' })).json() as OpenApi).filter(
    (op) => !op.multipart && !SKIP.has(`${op.method} ${op.path}`),
  );
  clients = [
    { who: 'citizen1', client: await login(p.app, 'citizen1') },
    { who: 'admin1', client: await login(p.app, 'admin1') },
  ];
});
afterAll(async () => {
  await p?.close();
});

describe(`fuzzing every JSON endpoint (${testDb})`, () => {
  it(`never answers 5xx (${PER_OPERATION} bodies per operation and account, seed ${SEED})`, async () => {
    const failures: string[] = [];
    let sent = 0;
    const statuses: Record<number, number> = {};
    for (const [i, op] of ops.entries()) {
      const keys = op.body && typeof op.body === 'object' && !Array.isArray(op.body) ? Object.keys(op.body as object) : [];
      const bodies = fc.sample(
        fc.oneof(
          fc.tuple(keys.length ? fc.constantFrom(...keys) : fc.constant(null), junk).map(([k, v]) => mutate(op.body, k, v)),
          fc.tuple(fc.string({ maxLength: 12 }), junk).map(([k, v]) => mutate(op.body ?? {}, k, v)),
          fc.anything({ maxDepth: 3 }),
        ),
        { seed: SEED + i, numRuns: PER_OPERATION },
      );
      for (const { who, client } of clients) {
        for (const body of bodies) {
          const text = json(body);
          const qs = (n: number) => encodeURIComponent(text.slice(0, n).replace(/[\uD800-\uDFFF]/g, '?'));
          // GETs: every other one with junk in the common query parameters (and a page size of a million), the others clean.
          const query =
            op.method === 'GET' && sent % 2 === 0 ? `${op.url.includes('?') ? '&' : '?'}page=${qs(40)}&pageSize=1000000&q=${qs(200)}` : '';
          const res = await p.app.inject({
            method: op.method as 'POST',
            url: op.url + query,
            headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json', 'if-match': '"1"' },
            ...(op.method === 'GET' ? {} : { payload: text }),
          });
          sent++;
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          if (res.statusCode >= 500)
            failures.push(`${who} ${op.method} ${op.path} ${text.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
    }
    console.log(
      `fuzzing: ${sent} requests over ${ops.length} operations, ${failures.length} 5xx; answers by status ${JSON.stringify(statuses)}`,
    );
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(2000);
  });
});
