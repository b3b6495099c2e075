import { describe, it, expect } from 'vitest';
import { validateCreditCode } from '../src/server/platform/identifiers.ts';
import type { RegionSeed } from './org-data.ts';
import {
  buildDepartmentSeeds,
  buildHallSeeds,
  DEPARTMENT_KEYS,
  loadRegionSeeds,
  shortVillageName,
  VILLAGE_POINTS_PER_TOWNSHIP,
} from './org-data.ts';

const regions = loadRegionSeeds();
const byCode = new Map(regions.map((r) => [r.code, r]));
const childrenOf = (code: string, level: RegionSeed['level']) => regions.filter((r) => r.parentCode === code && r.level === level);
const villagesOfCounty = (county: string) => regions.filter((r) => r.level === 'village' && r.code.startsWith(county));

describe('loadRegionSeeds', () => {
  it('has every province, city and county, with codes of the right length', () => {
    const count = (level: RegionSeed['level']) => regions.filter((r) => r.level === level).length;
    expect(count('province')).toBe(31);
    expect(count('city')).toBe(342);
    expect(count('county')).toBe(2978);
    const lengths = { province: 2, city: 4, county: 6, township: 9, village: 12 };
    for (const r of regions) expect(r.code, r.name).toMatch(new RegExp(`^[0-9]{${lengths[r.level]}}$`));
  });

  it('has unique codes and an existing parent of a higher level for every row, parents first', () => {
    expect(byCode.size).toBe(regions.length);
    const order = ['province', 'city', 'county', 'township', 'village'];
    const seen = new Set<string>();
    for (const r of regions) {
      if (r.level === 'province') expect(r.parentCode).toBeNull();
      else {
        const parent = byCode.get(r.parentCode!);
        expect(parent, `${r.code} ${r.name}`).toBeDefined();
        expect(order.indexOf(parent!.level)).toBeLessThan(order.indexOf(r.level));
        expect(r.code.startsWith(parent!.code)).toBe(true);
        expect(seen.has(parent!.code)).toBe(true);
      }
      seen.add(r.code);
    }
  });

  it('has the townships and villages of the pilot counties (PROBES.md counts)', () => {
    expect(byCode.get('610922')?.name).toBe('石泉县');
    expect(childrenOf('610922', 'township')).toHaveLength(11);
    expect(villagesOfCounty('610922')).toHaveLength(164);
    expect(childrenOf('513424', 'township')).toHaveLength(12);
    expect(villagesOfCounty('513424')).toHaveLength(73);
    expect(childrenOf('150626', 'township')).toHaveLength(7);
    expect(childrenOf('440306', 'township')).toHaveLength(11);
    expect(childrenOf('440306', 'township').map((t) => t.name)).toContain('深圳市宝安国际机场');
    const xian = childrenOf('6101', 'county');
    expect(xian).toHaveLength(13);
    expect(xian.every((c) => childrenOf(c.code, 'township').length > 0)).toBe(true);
    expect(regions.filter((r) => r.level === 'township')).toHaveLength(11 + 12 + 7 + 11 + 172);
    expect(regions.filter((r) => r.level === 'village')).toHaveLength(164 + 73);
  });

  it('returns copies, so callers cannot corrupt the cache', () => {
    const a = loadRegionSeeds();
    a[0].name = 'x';
    expect(loadRegionSeeds()[0].name).toBe('北京市');
  });
});

describe('buildDepartmentSeeds', () => {
  const shiquan = buildDepartmentSeeds('610922', '石泉县');

  it('builds the full set with stable keys and region-prefixed names', () => {
    expect(shiquan.map((d) => d.key)).toEqual([...DEPARTMENT_KEYS]);
    expect(DEPARTMENT_KEYS).toHaveLength(33);
    expect(DEPARTMENT_KEYS.slice(0, 22)).toEqual([
      'market',
      'police',
      'civil',
      'hrss',
      'medicalInsurance',
      'tax',
      'naturalResources',
      'realEstate',
      'housing',
      'health',
      'education',
      'transport',
      'water',
      'ecology',
      'agriculture',
      'housingFund',
      'tobacco',
      'disabled',
      'serviceCenter',
      'waterCompany',
      'powerCompany',
      'gasCompany',
    ]); // append only: the index feeds the credit-code serial
    const byKey = Object.fromEntries(shiquan.map((d) => [d.key, d]));
    expect(byKey.market.name).toBe('石泉县市场监督管理局');
    expect(byKey.tax.name).toBe('国家税务总局石泉县税务局');
    expect(byKey.ecology.name).toBe('安康市生态环境局石泉县分局');
    expect(byKey.realEstate).toMatchObject({ name: '石泉县不动产登记中心', kind: 'publicInstitution' });
    expect(byKey.gasCompany.kind).toBe('enterprise');
    expect(byKey.justice).toMatchObject({ name: '石泉县司法局', kind: 'government' });
    expect(byKey.meteorology).toMatchObject({ name: '石泉县气象局', kind: 'publicInstitution' });
    for (const d of shiquan) {
      expect(d.name).toContain('石泉县');
      expect(d.regionCode).toBe('610922');
    }
    expect(buildDepartmentSeeds('110105', '朝阳区').find((d) => d.key === 'ecology')?.name).toBe('朝阳区生态环境局');
  });

  it('gives valid, kind-appropriate credit codes, unique across all regions', () => {
    const all = regions.filter((r) => r.level !== 'township' && r.level !== 'village').flatMap((r) => buildDepartmentSeeds(r.code, r.name));
    expect(all.length).toBe((31 + 342 + 2978) * DEPARTMENT_KEYS.length);
    for (const d of all) {
      expect(validateCreditCode(d.creditCode), d.creditCode).toEqual({ ok: true });
      const prefix = d.creditCode.slice(0, 2);
      if (d.kind === 'government') expect(prefix).toBe('11');
      if (d.kind === 'enterprise') expect(prefix).toBe('91');
      if (d.kind === 'publicInstitution') expect(['12', '13']).toContain(prefix);
    }
    expect(new Set(all.map((d) => d.creditCode)).size).toBe(all.length);
    expect(new Set(all.map((d) => d.creditCode.slice(8, 17))).size).toBe(all.length);
    expect(shiquan[0].creditCode.slice(2, 8)).toBe('610922');
    expect(buildDepartmentSeeds('6101', '西安市')[0].creditCode.slice(2, 8)).toBe('610100');
  });

  it('is deterministic', () => {
    expect(buildDepartmentSeeds('610922', '石泉县')).toEqual(shiquan);
  });
});

describe('buildHallSeeds', () => {
  const townships = childrenOf('610922', 'township');
  const villages = villagesOfCounty('610922');
  const halls = buildHallSeeds('610922', '石泉县', townships, villages);

  it('builds a county centre, township centres and capped village points', () => {
    const county = halls.filter((h) => h.level === 'county');
    expect(county).toHaveLength(1);
    expect(county[0].name).toBe('石泉县政务服务中心');
    const kinds = county[0].windows.map((w) => w.kind);
    expect(kinds.filter((k) => k === 'comprehensive').length).toBeGreaterThanOrEqual(5);
    expect(kinds).toContain('special');
    expect(kinds).toContain('peak');
    expect(
      county[0].windows
        .filter((w) => w.kind === 'department')
        .map((w) => w.departmentKey)
        .sort(),
    ).toEqual(['police', 'realEstate', 'tax']);
    for (const w of county[0].windows) if (w.departmentKey) expect(DEPARTMENT_KEYS).toContain(w.departmentKey);

    const town = halls.filter((h) => h.level === 'township');
    expect(town).toHaveLength(11);
    expect(town.find((h) => h.regionCode === '610922100')?.name).toBe('城关镇便民服务中心');
    for (const h of town) expect(h.windows.map((w) => w.kind)).toEqual(['comprehensive', 'comprehensive']);

    const points = halls.filter((h) => h.level === 'village');
    expect(points).toHaveLength(11 * VILLAGE_POINTS_PER_TOWNSHIP); // every 石泉 township has ≥ 3 villages
    expect(points[0]).toMatchObject({ regionCode: '610922100001', name: '城关镇西街社区代办点' });
    for (const p of points) expect(byCode.get(p.regionCode)?.level).toBe('village');
  });

  it('has unique keys and unique window numbers per hall', () => {
    expect(new Set(halls.map((h) => h.key)).size).toBe(halls.length);
    for (const h of halls) expect(new Set(h.windows.map((w) => w.number)).size).toBe(h.windows.length);
  });

  it('works for a county without villages (乌审旗: township centres only)', () => {
    const h = buildHallSeeds('150626', '乌审旗', childrenOf('150626', 'township'), []);
    expect(h.filter((x) => x.level === 'township')).toHaveLength(7);
    expect(h.filter((x) => x.level === 'village')).toHaveLength(0);
  });

  it('shortens village committee names', () => {
    expect(shortVillageName('西街社区居委会')).toBe('西街社区');
    expect(shortVillageName('凤凰社区居民委员会')).toBe('凤凰社区');
    expect(shortVillageName('东坝村委会')).toBe('东坝村');
    expect(shortVillageName('春明村村民委员会')).toBe('春明村');
    expect(shortVillageName('德康社区')).toBe('德康社区');
  });
});
