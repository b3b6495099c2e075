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

/**
 * The document's named components: every zod schema registered with `.meta({ id })` becomes
 * `components.schemas.<id>` (request-side copies get an `Input` suffix), and the operations refer to
 * them by `$ref`. Components that no operation reaches are left out, so the document (and the web
 * types generated from it, `npm run gen:api-types`) names only what the API really carries.
 */
export function openApiTransformObject(document: Document) {
  const doc = jsonSchemaTransformObject(document) as { paths?: unknown; components?: { schemas?: Record<string, unknown> } };
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
