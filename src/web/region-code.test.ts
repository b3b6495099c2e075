import { describe, expect, it } from 'vitest';
import { regionLevelOf } from './region-code.ts';

describe('regionLevelOf (GB/T 2260 codes as the API writes them)', () => {
  it('tells province, city, county, township and village apart', () => {
    expect(regionLevelOf('610000')).toBe('province');
    expect(regionLevelOf('610100')).toBe('city');
    expect(regionLevelOf('110101')).toBe('county');
    expect(regionLevelOf('419001')).toBe('county');
    expect(regionLevelOf('610922')).toBe('county');
    expect(regionLevelOf('610922100')).toBe('township');
    expect(regionLevelOf('610922100001')).toBe('village');
  });

  it('knows no level for a stored prefix or anything else', () => {
    for (const code of ['61', '6101', '', '61092', '61X000']) expect(regionLevelOf(code), code).toBeNull();
  });
});
