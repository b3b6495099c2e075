/** One difference between two guide versions, at a JSON path such as `materials[idCard].copies`. */
export type Change = { path: string; kind: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyed = (v: unknown[]): v is { key: string }[] => v.every((x) => isObject(x) && typeof x.key === 'string');

/**
 * Structural diff of two guides. Arrays of objects with a `key` (materials, situations, form fields)
 * are matched by key, so reordering is not a change; other arrays compare by position.
 */
export function diffGuides(before: unknown, after: unknown, path = ''): Change[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (Array.isArray(before) && Array.isArray(after) && keyed(before) && keyed(after)) {
    const changes: Change[] = [];
    const a = new Map(before.map((x) => [x.key, x]));
    const b = new Map(after.map((x) => [x.key, x]));
    for (const [k, v] of a) {
      const p = `${path}[${k}]`;
      if (!b.has(k)) changes.push({ path: p, kind: 'removed', before: v });
      else changes.push(...diffGuides(v, b.get(k), p));
    }
    for (const [k, v] of b) if (!a.has(k)) changes.push({ path: `${path}[${k}]`, kind: 'added', after: v });
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    const changes: Change[] = [];
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in after)) changes.push({ path: p, kind: 'removed', before: before[k] });
      else if (!(k in before)) changes.push({ path: p, kind: 'added', after: after[k] });
      else changes.push(...diffGuides(before[k], after[k], p));
    }
    return changes;
  }
  return [{ path: path || '(root)', kind: 'changed', before, after }];
}
