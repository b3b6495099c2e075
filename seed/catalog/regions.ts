/**
 * What a guide needs to know about its region: names, the county hall and its windows, office
 * hours, telephone numbers and the provincial online portal. Pure data, deterministic.
 */
import { buildDepartmentSeeds, countyCodesOfCity, DEPARTMENT_KEYS, findRegion } from '../org-data.ts';

export type RegionCtx = {
  code: string;
  name: string;
  /** 行使层级 of the region's own departments: 3 市级, 4 县级. */
  level: 3 | 4;
  provinceCode: string;
  province: string;
  city?: string;
  /** The city (设区的市/州/盟) the region belongs to, or the region itself for a city. */
  cityName: string;
  /** Telephone area code (区号) and local-number prefix / length. */
  areaCode: string;
  localPrefix: string;
  localDigits: number;
  hall: string;
  hours: string;
  /** How the township-level service hall is called here (镇人民政府便民服务中心 / 街道党群服务中心…). */
  townshipHall: string;
  portal: string;
  app: string;
  /** Full department names by key (石泉县市场监督管理局…). */
  dept: (key: string) => string;
};

type ProvinceInfo = { portal: string; app: string };
const PROVINCES: Record<string, ProvinceInfo> = {
  '61': { portal: '陕西政务服务网', app: '秦务员' },
  '51': { portal: '四川政务服务网', app: '天府通办' },
  '15': { portal: '内蒙古政务服务网', app: '蒙速办' },
  '44': { portal: '广东政务服务网', app: '粤省事' },
};

type LocalInfo = Pick<RegionCtx, 'areaCode' | 'localPrefix' | 'localDigits' | 'hours' | 'townshipHall'>;
const SHAANXI_HOURS = '工作日 上午8:30-12:00 下午14:00-17:30（法定节假日除外）';
const LOCAL: Record<string, LocalInfo> = {
  '610922': { areaCode: '0915', localPrefix: '63', localDigits: 5, hours: SHAANXI_HOURS, townshipHall: '镇人民政府便民服务中心' },
  '513424': {
    areaCode: '0834',
    localPrefix: '52',
    localDigits: 5,
    hours: '工作日 上午9:00-12:00 下午14:30-17:30（法定节假日除外）',
    townshipHall: '乡（镇）人民政府便民服务中心',
  },
  '150626': {
    areaCode: '0477',
    localPrefix: '75',
    localDigits: 5,
    hours: '工作日 上午8:30-12:00 下午14:30-18:00（冬季下午14:00-17:30）',
    townshipHall: '苏木（镇）便民服务中心',
  },
  '440306': {
    areaCode: '0755',
    localPrefix: '27',
    localDigits: 6,
    hours: '工作日 上午9:00-12:00 下午14:00-18:00（法定节假日除外）',
    townshipHall: '街道党群服务中心',
  },
};

/** The regions whose catalog is seeded: 石泉县 first (the full catalog), then the smaller ones. */
export function demoCatalogRegions(): string[] {
  return ['610922', '513424', '150626', '440306', '6101', ...countyCodesOfCity('6101')];
}

const cache = new Map<string, RegionCtx>();
export function regionContext(code: string): RegionCtx {
  const hit = cache.get(code);
  if (hit) return hit;
  const region = findRegion(code);
  if (!region) throw new Error(`unknown region ${code}`);
  const provinceCode = code.slice(0, 2);
  const province = findRegion(provinceCode)?.name ?? '';
  const city = code.length === 6 ? findRegion(code.slice(0, 4))?.name : undefined;
  const p = PROVINCES[provinceCode] ?? { portal: '国家政务服务平台', app: '国家政务服务平台' };
  // 西安市 and its districts: 029 + 8-digit numbers, one 千位 block per district.
  const local: LocalInfo = LOCAL[code] ?? {
    areaCode: '029',
    localPrefix: `8${String((Number(code.slice(4) || '0') % 90) + 10)}`,
    localDigits: 5,
    hours: '工作日 上午9:00-12:00 下午14:00-18:00（法定节假日除外）',
    townshipHall: region.name.endsWith('县') ? '镇（街道）便民服务中心' : '街道便民服务中心',
  };
  const names = new Map(buildDepartmentSeeds(code, region.name).map((d) => [d.key, d.name]));
  const ctx: RegionCtx = {
    code,
    name: region.name,
    level: code.length === 4 ? 3 : 4,
    provinceCode,
    province,
    city,
    cityName: city ?? region.name,
    ...local,
    hall: `${region.name}政务服务中心`,
    portal: p.portal,
    app: provinceCode === '44' && code.startsWith('4403') ? `${p.app}、i深圳` : p.app,
    dept: (key) => {
      const n = names.get(key);
      if (!n) throw new Error(`unknown department ${key}`);
      return n;
    },
  };
  cache.set(code, ctx);
  return ctx;
}

/** The department's consultation telephone in the region (deterministic, one per department). */
export function deptPhone(c: RegionCtx, key: string, extra = 0): string {
  const i = DEPARTMENT_KEYS.indexOf(key);
  if (i < 0) throw new Error(`unknown department ${key}`);
  const body = String(21000 + i * 317 + extra * 11).padStart(5, '0');
  const digits = c.localDigits === 6 ? `6${body}` : body;
  return `${c.areaCode}-${c.localPrefix}${digits}`;
}

/** 监督投诉电话: the 12345 hotline of the region. */
export function complaintPhone(c: RegionCtx): string {
  return `${c.areaCode}-12345`;
}

const WINDOWS: Record<string, [number, string]> = {};
for (const k of ['market', 'serviceCenter', 'commerce', 'tobacco', 'development', 'science', 'statistics', 'finance', 'culture'])
  WINDOWS[k] = [1, '综合受理窗口·企业服务'];
for (const k of ['civil', 'hrss', 'medicalInsurance', 'disabled', 'veterans', 'health', 'education', 'justice', 'housingFund'])
  WINDOWS[k] = [2, '综合受理窗口·社会事务'];
for (const k of ['naturalResources', 'housing', 'transport', 'water', 'ecology', 'emergency', 'forestry', 'agriculture', 'meteorology'])
  WINDOWS[k] = [3, '综合受理窗口·工程建设'];
for (const k of ['waterCompany', 'powerCompany', 'gasCompany']) WINDOWS[k] = [4, '综合受理窗口·水电气报装'];
WINDOWS.realEstate = [6, '不动产登记窗口'];
WINDOWS.police = [7, '公安户籍窗口'];
WINDOWS.tax = [8, '税务窗口'];

/** The window of the region's 政务服务中心 where the department's items are accepted. */
export function hallWindow(c: RegionCtx, key: string): string {
  const w = WINDOWS[key];
  if (!w) throw new Error(`no window for ${key}`);
  return `${c.hall}一楼${w[0]}号窗口（${w[1]}）`;
}

/** 办理地点 text: the hall window, optionally followed by other places. */
export function places(c: RegionCtx, key: string, ...more: string[]): string {
  return [hallWindow(c, key), ...more].join('；');
}
