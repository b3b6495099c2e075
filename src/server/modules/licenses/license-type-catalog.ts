import { makeCreditCode } from '../../platform/identifiers.ts';

/**
 * 证照目录 seed: the license types the 德昌县 plan names. A type code (GB/T 36904) is the defining
 * authority's 统一社会信用代码 + a 3-digit sequence. The reference holds one confirmed authority code
 * (住房和城乡建设部 11100000000013338W, STANDARDS.md §4); the others are not in it, so they are
 * generated in the GB 32100 format for central authorities (1 1 100000 …) and marked `codeConfirmed:
 * false` — replace them from the national 证照目录 before production (docs/CATALOG-SEED.md).
 */
export type LicenseTypeSeed = {
  key: string;
  name: string;
  authority: string;
  authoritySerial: number;
  sequence: string;
  holderKind: 'person' | 'organization';
  /** null = long-term (长期有效). */
  validityYears: number | null;
  fields: { key: string; label: string }[];
};

const f = (key: string, label: string) => ({ key, label });
const orgFields = [
  f('holderName', '名称'),
  f('holderCode', '统一社会信用代码'),
  f('legalRepresentative', '法定代表人（负责人）'),
  f('address', '住所（经营场所）'),
];
const personFields = [f('holderName', '姓名'), f('holderCode', '公民身份号码')];

export const licenseTypeSeeds: LicenseTypeSeed[] = [
  {
    key: 'businessLicense',
    name: '营业执照',
    authority: '国家市场监督管理总局',
    authoritySerial: 10_001,
    sequence: '001',
    holderKind: 'organization',
    validityYears: null,
    fields: [...orgFields, f('type', '类型'), f('registeredCapital', '注册资本'), f('scope', '经营范围'), f('establishedOn', '成立日期')],
  },
  {
    key: 'realEstate',
    name: '不动产权证书',
    authority: '自然资源部',
    authoritySerial: 10_002,
    sequence: '001',
    holderKind: 'person',
    validityYears: null,
    fields: [...personFields, f('location', '坐落'), f('unitNumber', '不动产单元号'), f('rightType', '权利类型'), f('area', '面积')],
  },
  {
    key: 'foodBusiness',
    name: '食品经营许可证',
    authority: '国家市场监督管理总局',
    authoritySerial: 10_001,
    sequence: '002',
    holderKind: 'organization',
    validityYears: 5,
    fields: [...orgFields, f('mainBusiness', '主体业态'), f('scope', '经营项目')],
  },
  {
    key: 'marriage',
    name: '结婚证',
    authority: '民政部',
    authoritySerial: 10_003,
    sequence: '001',
    holderKind: 'person',
    validityYears: null,
    fields: [...personFields, f('spouseName', '配偶姓名'), f('registeredOn', '登记日期')],
  },
  {
    key: 'divorce',
    name: '离婚证',
    authority: '民政部',
    authoritySerial: 10_003,
    sequence: '002',
    holderKind: 'person',
    validityYears: null,
    fields: [...personFields, f('formerSpouseName', '原配偶姓名'), f('registeredOn', '登记日期')],
  },
  {
    key: 'tobaccoRetail',
    name: '烟草专卖零售许可证',
    authority: '国家烟草专卖局',
    authoritySerial: 10_004,
    sequence: '001',
    holderKind: 'organization',
    validityYears: 5,
    fields: [...orgFields, f('scope', '经营范围'), f('supplier', '供货单位')],
  },
  {
    key: 'roadTransport',
    name: '道路运输经营许可证',
    authority: '交通运输部',
    authoritySerial: 10_005,
    sequence: '001',
    holderKind: 'organization',
    validityYears: 4,
    fields: [...orgFields, f('scope', '经营范围')],
  },
  {
    key: 'waterAbstraction',
    name: '取水许可证',
    authority: '水利部',
    authoritySerial: 10_006,
    sequence: '001',
    holderKind: 'organization',
    validityYears: 5,
    fields: [...orgFields, f('source', '水源类型'), f('annualVolume', '年取水量（万立方米）'), f('purpose', '取水用途')],
  },
  {
    key: 'socialGroup',
    name: '社会团体法人登记证书',
    authority: '民政部',
    authoritySerial: 10_003,
    sequence: '003',
    holderKind: 'organization',
    validityYears: 5,
    fields: [...orgFields, f('scope', '业务范围'), f('supervisor', '业务主管单位')],
  },
  {
    key: 'birthCertificate',
    name: '出生医学证明',
    authority: '国家卫生健康委员会',
    authoritySerial: 10_007,
    sequence: '001',
    holderKind: 'person',
    validityYears: null,
    fields: [
      f('holderName', '新生儿姓名'),
      f('birthDate', '出生时间'),
      f('birthPlace', '出生地点'),
      f('motherName', '母亲姓名'),
      f('fatherName', '父亲姓名'),
    ],
  },
  {
    key: 'disability',
    name: '中华人民共和国残疾人证',
    authority: '中国残疾人联合会',
    authoritySerial: 10_008,
    sequence: '001',
    holderKind: 'person',
    validityYears: 10,
    fields: [...personFields, f('category', '残疾类别'), f('grade', '残疾等级')],
  },
  {
    key: 'lawyer',
    name: '律师执业证',
    authority: '司法部',
    authoritySerial: 10_009,
    sequence: '001',
    holderKind: 'person',
    validityYears: null,
    fields: [...personFields, f('lawFirm', '执业机构'), f('licenseNumber', '执业证号')],
  },
  {
    key: 'physician',
    name: '医师执业证书',
    authority: '国家卫生健康委员会',
    authoritySerial: 10_007,
    sequence: '002',
    holderKind: 'person',
    validityYears: null,
    fields: [...personFields, f('category', '执业类别'), f('scope', '执业范围'), f('institution', '执业地点')],
  },
  {
    key: 'nurse',
    name: '护士执业证书',
    authority: '国家卫生健康委员会',
    authoritySerial: 10_007,
    sequence: '003',
    holderKind: 'person',
    validityYears: 5,
    fields: [...personFields, f('institution', '执业地点')],
  },
  {
    key: 'idCard',
    name: '居民身份证',
    authority: '公安部',
    authoritySerial: 10_010,
    sequence: '001',
    holderKind: 'person',
    validityYears: 20,
    fields: [...personFields, f('address', '住址'), f('validUntil', '有效期限')],
  },
  {
    key: 'driving',
    name: '机动车驾驶证',
    authority: '公安部',
    authoritySerial: 10_010,
    sequence: '002',
    holderKind: 'person',
    validityYears: 6,
    fields: [...personFields, f('class', '准驾车型')],
  },
  {
    key: 'socialSecurityCard',
    name: '社会保障卡',
    authority: '人力资源和社会保障部',
    authoritySerial: 10_011,
    sequence: '001',
    holderKind: 'person',
    validityYears: 10,
    fields: [...personFields, f('cardNumber', '社会保障号码')],
  },
];

/** The authority's credit code (format-valid placeholder unless it is the one confirmed in the reference). */
export function authorityCode(s: LicenseTypeSeed): string {
  return makeCreditCode({ registrar: '1', category: '1', regionCode: '100000', serial: s.authoritySerial });
}
