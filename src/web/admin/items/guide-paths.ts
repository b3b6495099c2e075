import type { Guide } from '../../catalog/types.ts';

/** A field name in the guide form, as antd's Form expects it. */
export type FieldPath = Array<string | number>;

/** Lists whose entries the server names by key (`materials[idCard]`), or by name for fees (`fees[登记费]`). */
const KEYED_LISTS = ['materials', 'situations', 'questionnaire', 'form', 'fees', 'faq'] as const;

/** The field shown for a problem that names a whole object rather than one input. */
const FIRST_INPUT: Record<string, string> = {
  legalLimit: 'value',
  promisedLimit: 'value',
  result: 'name',
  materials: 'name',
  situations: 'name',
  questionnaire: 'text',
  form: 'label',
  fees: 'name',
  faq: 'q',
};

/** The tab of the editor that holds each top-level element. */
const TAB_OF: Record<string, string> = {
  name: 'basic',
  basicCode: 'basic',
  itemType: 'basic',
  exerciseLevel: 'basic',
  coDepartments: 'basic',
  serviceObjects: 'basic',
  themes: 'basic',
  keywords: 'basic',
  reformMode: 'basic',
  legalBasis: 'basic',
  conditions: 'basic',
  process: 'basic',
  result: 'basic',
  legalLimit: 'handling',
  promisedLimit: 'handling',
  handlingType: 'handling',
  maxVisits: 'handling',
  onlineDepth: 'handling',
  handlingForms: 'handling',
  crossRegionScope: 'handling',
  canBookOnline: 'handling',
  supportsOnlinePayment: 'handling',
  supportsExpress: 'handling',
  places: 'handling',
  hours: 'handling',
  consultPhone: 'handling',
  complaintPhone: 'handling',
  situations: 'situations',
  questionnaire: 'situations',
  materials: 'materials',
  form: 'form',
  fees: 'fees',
  faq: 'fees',
};

/** The editor tab of a field path (its first segment), `basic` when unknown. */
export function tabOf(path: FieldPath): string {
  return TAB_OF[String(path[0])] ?? 'basic';
}

function indexIn(guide: Partial<Guide>, list: string, id: string): number {
  const entries = (guide as Record<string, unknown>)[list];
  if (!Array.isArray(entries)) return -1;
  return entries.findIndex((entry) => {
    const record = entry as Record<string, unknown>;
    return record.key === id || (list === 'fees' && record.name === id) || (list === 'faq' && record.q === id);
  });
}

/**
 * Turns a problem's element (`promisedLimit`, `situations[general].materialKeys`, `fees[登记费]`,
 * `result.licenseType`) into the form field that shows it, looking list entries up by key in the
 * current values. Whole objects point at their first input (`promisedLimit` → `promisedLimit.value`).
 */
export function fieldPathOfElement(element: string, guide: Partial<Guide>): FieldPath {
  const path: FieldPath = [];
  const pattern = /([A-Za-z]+)(?:\[([^\]]+)\])?/g;
  for (const match of element.matchAll(pattern)) {
    const [, name, id] = match;
    path.push(name);
    if (id !== undefined && (KEYED_LISTS as readonly string[]).includes(name)) {
      const index = indexIn(guide, name, id);
      if (index < 0) return [name];
      path.push(index);
    }
  }
  const last = path[path.length - 1];
  if (typeof last === 'number') path.push(FIRST_INPUT[String(path[path.length - 2])] ?? 'key');
  else if (path.length === 1 && ['legalLimit', 'promisedLimit', 'result'].includes(String(last))) path.push(FIRST_INPUT[String(last)]);
  else if (path.length > 1 && last === 'promisedLimit') path.push('value');
  return path;
}

/**
 * Turns a schema-validation field (`guide.materials.0.name`, `body.guide.legalLimit.value`) into a form
 * field path, or undefined when it is not inside the guide.
 */
export function fieldPathOfValidation(field: string): FieldPath | undefined {
  const parts = field.replace(/^(body|query|querystring|params)\./, '').split('.');
  if (parts[0] !== 'guide' || parts.length < 2) return undefined;
  return parts.slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Optional texts that must be left out rather than sent empty. */
const OPTIONAL_TEXT = new Set([
  'note',
  'description',
  'blankForm',
  'sample',
  'replacedByLicenseType',
  'notes',
  'help',
  'formula',
  'collectedAt',
  'licenseType',
]);
/** Optional numbers and lists that must be left out when not set. */
const OPTIONAL_OTHER = new Set(['amountYuan', 'maxLength', 'min', 'max', 'options', 'prefill', 'promisedLimit']);

function clean(value: unknown, key: string | undefined, depth: number): unknown {
  if (Array.isArray(value)) return value.map((entry) => clean(entry, undefined, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [childKey, child] of Object.entries(value)) {
      const cleaned = clean(child, childKey, depth + 1);
      if (cleaned === undefined) continue;
      out[childKey] = cleaned;
    }
    // A situation's own limit is optional: without a number it is left out.
    if (key === 'promisedLimit' && depth > 1 && (out.value === undefined || out.value === null)) return undefined;
    return out;
  }
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '' && key && OPTIONAL_TEXT.has(key)) return undefined;
    return trimmed;
  }
  if (value === null || value === undefined) {
    if (key === 'reformMode') return null;
    return key && (OPTIONAL_OTHER.has(key) || OPTIONAL_TEXT.has(key)) ? undefined : value;
  }
  return value;
}

/**
 * The guide to send: the loaded guide with the form's values over it, texts trimmed, empty optional
 * texts and unset optional numbers left out, a field's empty option list removed.
 */
export function guideToSave(base: Guide, values: Partial<Guide>): Guide {
  const merged = { ...base, ...values } as Guide;
  const cleaned = clean(merged, undefined, 0) as Guide;
  cleaned.form = (cleaned.form ?? []).map((field) => {
    const copy = { ...field } as Record<string, unknown>;
    if (Array.isArray(copy.options) && copy.options.length === 0) delete copy.options;
    return copy as Guide['form'][number];
  });
  return cleaned;
}
