import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Document = Parameters<typeof jsonSchemaTransformObject>[0];

function refsIn(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) out.add(v.slice('#/components/schemas/'.length));
      else refsIn(v, out);
    }
  }
}

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const camel = (segment: string) =>
  segment
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(capital)
    .join('');

/**
 * A stable operation id from the method and the path, unique as they are: `GET /api/v1/cases/{id}/timeline`
 * is `getCasesByIdTimeline` (clients generated from the document name their functions after it).
 */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api(\/v1)?/, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith('{') ? `By${camel(segment)}` : camel(segment)));
  return method.toLowerCase() + (words.join('') || 'Root');
}

/**
 * The document's named components: every zod schema registered with `.meta({ id })` becomes
 * `components.schemas.<id>` (request-side copies get an `Input` suffix), and the operations refer to
 * them by `$ref`. Every operation gets an `operationId` (see `operationIdOf`). Components that no operation reaches are left out, so the document (and the web
 * types generated from it, `npm run gen:api-types`) names only what the API really carries.
 */
export function openApiTransformObject(document: Document) {
  const doc = jsonSchemaTransformObject(document) as {
    paths?: Record<string, Record<string, { operationId?: string }>>;
    components?: { schemas?: Record<string, unknown> };
  };
  for (const [path, operations] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) operation.operationId ??= operationIdOf(method, path);
  }
  const all = doc.components?.schemas ?? {};
  const used = new Set<string>();
  refsIn(doc.paths, used);
  for (let pending = [...used]; pending.length > 0; ) {
    const found = new Set<string>();
    for (const id of pending) refsIn(all[id], found);
    pending = [...found].filter((id) => !used.has(id));
    for (const id of pending) used.add(id);
  }
  const schemas = Object.fromEntries(
    Object.keys(all)
      .filter((id) => used.has(id))
      .sort()
      .map((id) => [id, all[id]]),
  );
  return { ...doc, components: { ...doc.components, schemas } } as ReturnType<typeof jsonSchemaTransformObject>;
}
