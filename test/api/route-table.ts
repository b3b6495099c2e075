/**
 * The route table as the OpenAPI document describes it, and a valid example request for each
 * operation (path parameters and a minimal body generated from the JSON schemas), for tests that
 * must cover every route: the authorization matrix, fuzzing.
 */
type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
};
type Parameter = { in: string; name: string; required?: boolean; schema?: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
export type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, unknown> } };

/** The document with every `#/components/schemas/…` reference replaced by the schema it names. */
function inlineRefs<T>(value: T, schemas: Record<string, unknown>, seen: string[] = []): T {
  if (Array.isArray(value)) return value.map((v) => inlineRefs(v, schemas, seen)) as T;
  if (!value || typeof value !== 'object') return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const id = ref.slice('#/components/schemas/'.length);
    return (seen.includes(id) ? {} : inlineRefs(schemas[id], schemas, [...seen, id])) as T;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inlineRefs(v, schemas, seen)])) as T;
}

export const SAMPLE_UUID = '00000000-0000-4000-8000-000000000000';

/** Strings that satisfy the patterns the API uses, tried in order. */
const patternSamples = [
  'a1',
  'abc',
  'A1',
  'ab',
  '2026-01-01',
  '610922',
  '11',
  '01',
  'x',
  'market',
  'abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789',
  // 基本编码 (12), and an implementation code: a credit code (18) + 行使层级 (1) + 基本编码 (12).
  '000000000001',
  '11610922610922010Y3000000000001',
  // A rating code (24 random bytes, base64url).
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  // A mainland mobile number.
  '13800000000',
  // A time of day (a hall's slot) and a ticket prefix (a hall's business type).
  '09:00',
  'A',
];

/** A value that the JSON schema accepts (the first enum value, the minimum, the required properties). */
export function exampleFor(schema: Schema | undefined): unknown {
  if (!schema) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return exampleFor(alt.find((s) => s.type !== 'null') ?? alt[0]);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => exampleFor(s) as object));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid') return SAMPLE_UUID;
      if (schema.format === 'date') return '2026-12-01';
      if (schema.format === 'date-time') return '2026-12-01T00:00:00.000Z';
      if (schema.format === 'email') return 'a@example.com';
      if (schema.pattern) {
        const re = new RegExp(schema.pattern);
        const hit = patternSamples.find((s) => re.test(s));
        if (hit) return hit;
      }
      const min = Math.max(schema.minLength ?? 1, 1);
      return '测试内容'.repeat(Math.ceil(min / 4)).slice(0, Math.max(min, Math.min(schema.maxLength ?? 4, 4)));
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleFor(schema.items));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = exampleFor(schema.properties?.[key]);
      return out;
    }
    default:
      return undefined;
  }
}

/**
 * Hand-written examples for the routes whose schema the generator cannot satisfy (refinements such as
 * a GB 11643 check digit, cross-field rules) or that take files (multipart has no JSON schema).
 */
const overrides: Record<string, (generated: ExampleRequest) => Partial<ExampleRequest>> = {
  // A bad rating (score ≤ 2) needs a reason: the generated minimum score is 1.
  'POST /api/v1/evaluations': (g) => ({ body: { ...(g.body as object), score: 5 } }),
  'POST /api/v1/rate/{token}': (g) => ({ body: { ...(g.body as object), score: 5 } }),
  // Returning a rectification needs a comment; approving it does not.
  'POST /api/v1/rectifications/{id}/sign-off': (g) => ({ body: { ...(g.body as object), approved: true } }),
  // A letter names exactly one case or one evaluation.
  'POST /api/v1/supervision-letters': (g) => ({ body: { ...(g.body as object), caseId: SAMPLE_UUID } }),
  // A ticket is transferred to exactly one of a window and a business type.
  'POST /api/v1/queue-tickets/{id}/transfer': () => ({ body: { businessTypeId: SAMPLE_UUID } }),
  // A diff compares two different versions.
  'GET /api/v1/items/{code}/diff': (g) => ({ url: g.url.replace(/to=1\b/, 'to=2') }),
  // The routes that take files.
  'POST /api/v1/materials': () => multipart([{ name: 'file', filename: 'material.pdf', bytes: samplePdf }]),
  'POST /api/v1/catalog/import': () => multipart([{ name: 'file', filename: 'catalog.csv', bytes: Buffer.from('实施编码,事项名称\n') }]),
  'POST /api/v1/license-verifications': () =>
    multipart([
      { name: 'pdf', filename: 'license.pdf', bytes: samplePdf },
      { name: 'signature', filename: 'license.sig', bytes: Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]) },
    ]),
};

const samplePdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A multipart/form-data body of files, as a browser sends it. */
function multipart(files: Array<{ name: string; filename: string; bytes: Buffer }>): Partial<ExampleRequest> {
  const boundary = '----tongbanRouteTable';
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    body: undefined,
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    multipart: true,
  };
}

export type ExampleRequest = {
  method: string;
  path: string;
  url: string;
  /** A JSON body. */
  body?: unknown;
  /** A raw body (multipart) and its headers, for the routes that take files. */
  payload?: Buffer;
  headers?: Record<string, string>;
  multipart: boolean;
};

/**
 * Valid example bodies for routes whose schema alone does not give one (patterns, unions, rules
 * across fields), by "METHOD path". A route listed here is called with this body.
 */
export const EXAMPLE_BODIES: Record<string, unknown> = {
  // identity (issue 26): activation, staff, separated-admin requests, organisation claims
  'POST /api/v1/auth/activation': { username: 'clerk1', code: 'ABCD-EFGH-JKMN-PQRS' },
  'POST /api/v1/auth/activation/complete': { username: 'clerk1', code: 'ABCD-EFGH-JKMN-PQRS', password: 'Qinba-Tea-2026!', totp: '123456' },
  'POST /api/v1/staff': { username: 'matrix_clerk', displayName: '矩阵受理员', departmentId: SAMPLE_UUID, roles: ['clerk'] },
  'POST /api/v1/staff/{id}/activation': {},
  'POST /api/v1/staff-requests': {
    kind: 'create',
    username: 'matrix_audit',
    displayName: '矩阵审计员',
    departmentId: SAMPLE_UUID,
    roles: ['auditAdmin'],
  },
  'POST /api/v1/staff-requests/{id}/decision': { decision: 'reject', reason: '不符合三员分立', version: 1 },
  'POST /api/v1/organization-claims': { name: '石泉县汉江船运有限公司', creditCode: '91610922609220038N', method: 'enterpriseIdentity' },
  'POST /api/v1/organization-claims/{id}/decision': { decision: 'reject', reason: '营业执照与法定代表人不符', version: 1 },
};

/** Every operation with an example URL (path parameters filled in) and body. */
export function operationsOf(doc: OpenApi, params: Record<string, string> = {}): ExampleRequest[] {
  const out: ExampleRequest[] = [];
  const paths = inlineRefs(doc.paths, doc.components?.schemas ?? {});
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (params[name]) return encodeURIComponent(params[name]);
        const p = op.parameters?.find((x) => x.in === 'path' && x.name === name);
        return encodeURIComponent(String(exampleFor(p?.schema) ?? 'x'));
      });
      // Required query parameters get an example too (optional ones are left out).
      const query = (op.parameters ?? [])
        .filter((x) => x.in === 'query' && x.required)
        .map((x) => `${encodeURIComponent(x.name)}=${encodeURIComponent(String(exampleFor(x.schema)))}`);
      const content = op.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      const generated: ExampleRequest = {
        method: method.toUpperCase(),
        path,
        url: query.length > 0 ? `${url}?${query.join('&')}` : url,
        body:
          EXAMPLE_BODIES[`${method.toUpperCase()} ${path}`] ??
          (json ? exampleFor(json) : method === 'get' || method === 'delete' ? undefined : {}),
        multipart: !json && Object.keys(content).length > 0,
      };
      out.push({ ...generated, ...overrides[`${generated.method} ${path}`]?.(generated) });
    }
  }
  return out;
}
