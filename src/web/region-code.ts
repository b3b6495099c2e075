/**
 * The level a GB/T 2260 code names, as the API writes codes: province xx0000, city xxyy00, county any other
 * 6 digits, 乡级 9 digits, 村级 12 digits (the server keeps its own prefixes; the web sees only these).
 */
export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export function regionLevelOf(code: string): RegionLevel | null {
  if (/^\d{12}$/.test(code)) return 'village';
  if (/^\d{9}$/.test(code)) return 'township';
  if (!/^\d{6}$/.test(code)) return null;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}
