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

export type ExampleRequest = { method: string; path: string; url: string; body?: unknown; multipart: boolean };

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
      const content = op.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        url,
        body: json ? exampleFor(json) : method === 'get' || method === 'delete' ? undefined : {},
        multipart: !json && Object.keys(content).length > 0,
      });
    }
  }
  return out;
}
