import { makeCreditCode } from '../../platform/identifiers.ts';

/**
 * 证照目录: the license types the platform issues. A type code (GB/T 36904) is the defining authority's 统一社会信用代码
 * + a 3-digit sequence. The reference holds one confirmed authority code (住房和城乡建设部 11100000000013338W,
 * STANDARDS.md §4); the others are not in it, so they are generated in the GB 32100 format for central authorities
 * (1 1 100000 …) and marked `codeConfirmed: false` — replace them from the national 证照目录 before production
 * (docs/CATALOG-SEED.md).
 *
 * Every field declares where its value comes from (defects issue 25.2: a 食品经营许可证 printed 法定代表人, 住所, 主体业态
 * and 经营项目 as "—" because its keys did not match the item's form). `from` lists value keys, the first one that has a
 * value wins:
 * - a form field of the item (`legalRepName`, `premisesAddress`…);
 * - `applicant.name` / `applicant.code`: the applying person (name, 公民身份号码) or organisation (名称, 统一社会信用代码);
 * - `holder.name` / `holder.code`: the license's holder, chosen by the type's `holder` rule (the newborn on a
 *   出生医学证明, the enterprise being registered on a 营业执照 — not the person who applied);
 * - `decision.date`: the day of the decision; `issue.date`: the day of issue; `item.name`: the item applied for;
 * - `assign.creditCode` / `assign.idNumber` / `assign.unitNumber`: a number the issuing authority assigns at issue
 *   (赋码: the new enterprise's 统一社会信用代码; the newborn's 公民身份号码 at 出生登记; the 不动产单元号 at 首次登记),
 *   unique, valid under GB 32100 / GB 11643 / GB/T 37346 (28 characters).
 * A field that is not `optional` and has no value makes issuance refuse (LICENSE_FIELD_MISSING), never seal "—".
 */
export type LicenseFieldDef = { key: string; label: string; from: string[]; optional?: boolean };
export type HolderRule = { name: string[]; code: string[] };

export type LicenseTypeSeed = {
  key: string;
  name: string;
  authority: string;
  authoritySerial: number;
  sequence: string;
  holderKind: 'person' | 'organization';
  /** null = long-term (长期有效). */
  validityYears: number | null;
  /** Who holds it: the first value of `name` and of `code` (see above). Default: the applicant. */
  holder: HolderRule;
  fields: LicenseFieldDef[];
};

const f = (key: string, label: string, from: string[], optional = false): LicenseFieldDef => ({
  key,
  label,
  from,
  ...(optional ? { optional } : {}),
});
const applicantHolder: HolderRule = { name: ['applicant.name'], code: ['applicant.code'] };
/** A person named in the form (the one the license is for, such as the card holder), else the applicant. */
const personInForm: HolderRule = { name: ['applicantName', 'applicant.name'], code: ['applicantIdNumber', 'applicant.code'] };
/** An organisation: the one applying (its form fields, else its record). */
const organisation: HolderRule = { name: ['orgName', 'applicant.name'], code: ['orgCreditCode', 'applicant.code'] };
const holderFields = (nameLabel: string, codeLabel: string) => [
  f('holderName', nameLabel, ['holder.name']),
  f('holderCode', codeLabel, ['holder.code']),
];
const personFields = holderFields('姓名', '公民身份号码');
const orgFields = [
  ...holderFields('名称', '统一社会信用代码'),
  f('legalRepresentative', '法定代表人（负责人）', ['legalRepName', 'legalRep', 'operatorName', 'operator', 'handlerName']),
  f('address', '住所（经营场所）', ['premisesAddress', 'domicile', 'address', 'orgAddress']),
];

type Seed = Omit<LicenseTypeSeed, 'holder'> & { holder?: HolderRule };
const seeds: Seed[] = [
  {
    key: 'businessLicense',
    name: '营业执照',
    authority: '国家市场监督管理总局',
    authoritySerial: 10_001,
    sequence: '001',
    holderKind: 'organization',
    validityYears: null,
    // The enterprise being registered: its name from the form and the code the registration authority assigns (赋码).
    holder: {
      name: ['enterpriseName', 'tradeName', 'companyName', 'orgName', 'applicant.name'],
      code: ['orgCreditCode', 'assign.creditCode'],
    },
    fields: [
      ...holderFields('名称', '统一社会信用代码'),
      f('type', '类型', ['enterpriseType', 'composition', 'companyType'], true),
      f('legalRepresentative', '法定代表人（经营者）', ['legalRepName', 'operatorName', 'legalRep']),
      f('address', '住所（经营场所）', ['domicile', 'premisesAddress', 'address']),
      f('registeredCapital', '注册资本（资金数额）', ['registeredCapital', 'capital'], true),
      f('scope', '经营范围', ['businessScope', 'scope']),
      f('establishedOn', '成立日期', ['decision.date']),
    ],
  },
  {
    key: 'realEstate',
    name: '不动产权证书',
    authority: '自然资源部',
    authoritySerial: 10_002,
    sequence: '001',
    holderKind: 'person',
    validityYears: null,
    holder: {
      name: ['buyerName', 'name', 'applicantName', 'applicant.name'],
      code: ['buyerIdNumber', 'idNumber', 'applicantIdNumber', 'applicant.code'],
    },
    fields: [
      ...personFields,
      f('location', '坐落', ['location', 'propertyAddress']),
      f('unitNumber', '不动产单元号', ['unitNumber', 'assign.unitNumber']),
      f('rightType', '权利类型', ['rightType'], true),
      f('area', '面积', ['area', 'buildingArea'], true),
    ],
  },
  {
    key: 'realEstateProof',
    name: '不动产登记证明',
    authority: '自然资源部',
    authoritySerial: 10_002,
    sequence: '002',
    holderKind: 'person',
    validityYears: null,
    holder: { name: ['mortgagee', 'applicantName', 'applicant.name'], code: ['mortgageeCode', 'applicantIdNumber', 'applicant.code'] },
    fields: [
      f('holderName', '权利人', ['holder.name']),
      f('holderCode', '证件号码', ['holder.code'], true),
      f('location', '坐落', ['location', 'propertyAddress']),
      f('unitNumber', '不动产单元号', ['unitNumber', 'assign.unitNumber']),
      f('matter', '证明权利或事项', ['cause', 'item.name']),
      f('amount', '被担保主债权数额', ['amount'], true),
    ],
  },
  {
    key: 'foodBusiness',
    name: '食品经营许可证',
    authority: '国家市场监督管理总局',
    authoritySerial: 10_001,
    sequence: '002',
    holderKind: 'organization',
    validityYears: 5,
    holder: organisation,
    fields: [...orgFields, f('mainBusiness', '主体业态', ['format', 'mainBusiness']), f('scope', '经营项目', ['project', 'scope'])],
  },
  {
    key: 'marriage',
    name: '结婚证',
    authority: '民政部',
    authoritySerial: 10_003,
    sequence: '001',
    holderKind: 'person',
    validityYears: null,
    holder: applicantHolder,
    fields: [
      f('holderName', '持证人', ['holder.name']),
      f('holderCode', '公民身份号码', ['holder.code']),
      f('maleName', '男方姓名', ['maleName']),
      f('femaleName', '女方姓名', ['femaleName']),
      f('registeredOn', '登记日期', ['decision.date']),
    ],
  },
  {
    key: 'divorce',
    name: '离婚证',
    authority: '民政部',
    authoritySerial: 10_003,
    sequence: '002',
    holderKind: 'person',
    validityYears: null,
    holder: applicantHolder,
    fields: [
      f('holderName', '持证人', ['holder.name']),
      f('holderCode', '公民身份号码', ['holder.code']),
      f('maleName', '男方姓名', ['maleName']),
      f('femaleName', '女方姓名', ['femaleName']),
      f('registeredOn', '登记日期', ['decision.date']),
    ],
  },
  {
    key: 'tobaccoRetail',
    name: '烟草专卖零售许可证',
    authority: '国家烟草专卖局',
    authoritySerial: 10_004,
    sequence: '001',
    holderKind: 'organization',
    validityYears: 5,
    holder: { name: ['storeName', 'orgName', 'applicant.name'], code: ['creditCode', 'orgCreditCode', 'applicant.code'] },
    fields: [
      ...holderFields('企业（字号）名称', '统一社会信用代码'),
      f('legalRepresentative', '负责人（经营者）', ['operator', 'legalRepName', 'legalRep']),
      f('address', '经营场所', ['premisesAddress', 'address']),
      f('scope', '经营范围', ['scope'], true),
      f('supplier', '供货单位', ['supplier'], true),
    ],
  },
  {
    key: 'roadTransport',
    name: '道路运输经营许可证',
    authority: '交通运输部',
    authoritySerial: 10_005,
    sequence: '001',
    holderKind: 'organization',
    validityYears: 4,
    holder: organisation,
    fields: [...orgFields, f('scope', '经营范围', ['scope'])],
  },
  {
    key: 'waterAbstraction',
    name: '取水许可证',
    authority: '水利部',
    authoritySerial: 10_006,
    sequence: '001',
    holderKind: 'organization',
    validityYears: 5,
    holder: organisation,
    fields: [
      ...orgFields,
      f('source', '水源类型', ['source']),
      f('annualVolume', '年取水量（万立方米）', ['annualVolume']),
      f('purpose', '取水用途', ['purpose']),
    ],
  },
  {
    key: 'socialGroup',
    name: '社会团体法人登记证书',
    authority: '民政部',
    authoritySerial: 10_003,
    sequence: '003',
    holderKind: 'organization',
    validityYears: 5,
    holder: organisation,
    fields: [...orgFields, f('scope', '业务范围', ['scope', 'remarks'], true), f('supervisor', '业务主管单位', ['supervisor'], true)],
  },
  {
    key: 'birthCertificate',
    name: '出生医学证明',
    authority: '国家卫生健康委员会',
    authoritySerial: 10_007,
    sequence: '001',
    holderKind: 'person',
    validityYears: null,
    // The newborn holds it, not the parent who applied; a newborn has no 公民身份号码 yet.
    holder: { name: ['childName'], code: [] },
    fields: [
      f('holderName', '新生儿姓名', ['holder.name']),
      f('sex', '性别', ['childSex']),
      f('birthDate', '出生时间', ['birthDate']),
      f('birthPlace', '出生地点', ['birthPlace']),
      f('motherName', '母亲姓名', ['motherName']),
      f('fatherName', '父亲姓名', ['fatherName'], true),
    ],
  },
  {
    key: 'householdRegister',
    name: '居民户口簿',
    authority: '公安部',
    authoritySerial: 10_010,
    sequence: '003',
    holderKind: 'person',
    validityYears: null,
    // 出生登记: the newborn, with the 公民身份号码 the public security organ assigns; 迁入: the person who moves.
    holder: {
      name: ['childName', 'name', 'applicantName', 'applicant.name'],
      code: ['idNumber', 'assign.idNumber', 'applicantIdNumber', 'applicant.code'],
    },
    fields: [
      ...personFields,
      f('sex', '性别', ['childSex', 'sex'], true),
      f('birthDate', '出生日期', ['birthDate'], true),
      f('address', '住址', ['toAddress', 'address'], true),
      f('registeredOn', '登记日期', ['decision.date']),
    ],
  },
  {
    key: 'disability',
    name: '残疾人证',
    authority: '中国残疾人联合会',
    authoritySerial: 10_008,
    sequence: '001',
    holderKind: 'person',
    validityYears: 10,
    holder: personInForm,
    fields: [...personFields, f('category', '残疾类别', ['category']), f('grade', '残疾等级', ['grade'], true)],
  },
  {
    key: 'lawyer',
    name: '律师执业证',
    authority: '司法部',
    authoritySerial: 10_009,
    sequence: '001',
    holderKind: 'person',
    validityYears: null,
    holder: personInForm,
    fields: [...personFields, f('lawFirm', '执业机构', ['firm']), f('licenseNumber', '执业证号', ['qualificationNumber'])],
  },
  {
    key: 'physician',
    name: '医师执业证书',
    authority: '国家卫生健康委员会',
    authoritySerial: 10_007,
    sequence: '002',
    holderKind: 'person',
    validityYears: null,
    holder: personInForm,
    fields: [
      ...personFields,
      f('category', '执业类别', ['category'], true),
      f('scope', '执业范围', ['scope'], true),
      f('institution', '执业地点', ['institution', 'remarks'], true),
    ],
  },
  {
    key: 'nurse',
    name: '护士执业证书',
    authority: '国家卫生健康委员会',
    authoritySerial: 10_007,
    sequence: '003',
    holderKind: 'person',
    validityYears: 5,
    holder: personInForm,
    fields: [...personFields, f('institution', '执业地点', ['institution', 'remarks'], true)],
  },
  {
    key: 'idCard',
    name: '居民身份证',
    authority: '公安部',
    authoritySerial: 10_010,
    sequence: '001',
    holderKind: 'person',
    validityYears: 20,
    holder: personInForm,
    fields: [...personFields, f('address', '住址', ['address', 'deliveryAddress'], true), f('issuedOn', '签发日期', ['issue.date'])],
  },
  {
    key: 'driving',
    name: '机动车驾驶证',
    authority: '公安部',
    authoritySerial: 10_010,
    sequence: '002',
    holderKind: 'person',
    validityYears: 6,
    holder: personInForm,
    fields: [...personFields, f('class', '准驾车型', ['class', 'remarks'], true)],
  },
  {
    key: 'socialSecurityCard',
    name: '社会保障卡',
    authority: '人力资源和社会保障部',
    authoritySerial: 10_011,
    sequence: '001',
    holderKind: 'person',
    validityYears: 10,
    // The card holder named in the form (a newborn in 新生儿出生一件事), not the parent who applied.
    holder: personInForm,
    fields: [...personFields, f('cardNumber', '社会保障号码', ['holder.code']), f('bank', '服务银行', ['bank'], true)],
  },
  {
    key: 'publicPlaceHygiene',
    name: '公共场所卫生许可证',
    authority: '国家卫生健康委员会',
    authoritySerial: 10_007,
    sequence: '004',
    holderKind: 'organization',
    validityYears: 4,
    holder: organisation,
    fields: [...orgFields, f('category', '许可项目', ['category'])],
  },
  {
    key: 'teacher',
    name: '教师资格证书',
    authority: '教育部',
    authoritySerial: 10_012,
    sequence: '001',
    holderKind: 'person',
    validityYears: null,
    holder: personInForm,
    fields: [...personFields, f('level', '资格种类', ['level']), f('subject', '任教学科', ['subject'])],
  },
  {
    key: 'fireworksRetail',
    name: '烟花爆竹经营（零售）许可证',
    authority: '应急管理部',
    authoritySerial: 10_013,
    sequence: '001',
    holderKind: 'organization',
    validityYears: 2,
    holder: organisation,
    fields: [...orgFields, f('mode', '经营方式', ['mode'], true), f('period', '许可期限', ['periodEnd'], true)],
  },
  {
    key: 'logging',
    name: '林木采伐许可证',
    authority: '国家林业和草原局',
    authoritySerial: 10_014,
    sequence: '001',
    holderKind: 'person',
    validityYears: 1,
    holder: personInForm,
    fields: [
      ...personFields,
      f('location', '采伐地点', ['location']),
      f('species', '树种', ['species']),
      f('area', '面积（公顷）', ['area']),
      f('volume', '蓄积（立方米）', ['volume']),
      f('method', '采伐方式', ['method']),
    ],
  },
  {
    key: 'construction',
    name: '建筑工程施工许可证',
    authority: '住房和城乡建设部',
    authoritySerial: 10_015,
    sequence: '001',
    holderKind: 'organization',
    validityYears: null,
    holder: organisation,
    fields: [
      ...holderFields('建设单位', '统一社会信用代码'),
      f('projectName', '工程名称', ['projectName']),
      f('projectAddress', '建设地址', ['projectAddress']),
      f('floorArea', '建设规模（平方米）', ['floorArea'], true),
      f('contractPrice', '合同价格（万元）', ['contractPrice'], true),
      f('contractor', '施工单位', ['contractor']),
    ],
  },
];

/** License types the template items of the catalog name (generic content: holder, item, dates), by holder kind. */
const genericPerson = [
  '临时居民身份证',
  '乡村医生执业证书',
  '基层法律服务工作者执业证',
  '居住证',
  '往来台湾通行证',
  '往来港澳通行证',
  '拖拉机和联合收割机驾驶证',
  '收养登记证',
  '普通护照',
  '母婴保健技术考核合格证书',
  '港澳台居民居住证',
  '网络预约出租汽车驾驶员证',
  '道路运输从业人员从业资格证',
  '电动自行车行驶证',
  '机动车登记证书',
  '机动车行驶证',
];
const genericOrganisation = [
  '乡村建设规划许可证',
  '产地检疫合格证',
  '人力资源服务许可证',
  '代理记账许可证书',
  '兽药经营许可证',
  '农作物种子生产经营许可证',
  '农药经营许可证',
  '出版物经营许可证',
  '动物检疫合格证明',
  '动物诊疗许可证',
  '动物防疫条件合格证',
  '劳务派遣经营许可证',
  '医疗机构执业许可证',
  '卫生许可证',
  '危险化学品经营许可证',
  '商品房预售许可证',
  '城镇污水排入排水管网许可证',
  '娱乐经营许可证',
  '小餐饮经营许可证',
  '巡游出租汽车经营许可证',
  '建设工程规划许可证',
  '建设用地规划许可证',
  '建设项目用地预审与选址意见书',
  '律师事务所执业许可证',
  '拖拉机和联合收割机登记证书',
  '排污许可证',
  '放射诊疗许可证',
  '林草种子生产经营许可证',
  '植物检疫证书',
  '母婴保健技术服务执业许可证',
  '民办学校办学许可证',
  '民办非企业单位登记证书',
  '水产苗种生产经营许可证',
  '水域滩涂养殖证',
  '河道采砂许可证',
  '渔业捕捞许可证',
  '燃气经营许可证',
  '特种行业许可证',
  '特种设备使用登记证',
  '生鲜乳准运证明',
  '生鲜乳收购许可证',
  '种畜禽生产经营许可证',
  '网络文化经营许可证',
  '网络预约出租汽车运输证',
  '药品经营许可证',
  '营业性演出许可证',
  '蚕种经营许可证',
  '计量标准考核证书',
  '道路运输证',
  '食品小作坊登记证',
  '食品生产许可证',
  '食用菌菌种生产经营许可证',
  '高危险性体育项目经营许可证',
];
const generic = (name: string, i: number, holderKind: 'person' | 'organization'): Seed => ({
  key: `catalog${String(i + 1).padStart(3, '0')}${holderKind === 'person' ? 'P' : 'O'}`,
  name,
  authority: '地方主管部门（证照目录待确认）',
  authoritySerial: holderKind === 'person' ? 19_001 : 19_002,
  sequence: String(i + 1).padStart(3, '0'),
  holderKind,
  validityYears: null,
  holder: holderKind === 'person' ? personInForm : organisation,
  fields: [
    ...(holderKind === 'person' ? personFields : holderFields('名称', '统一社会信用代码')),
    f('matter', '许可（登记）事项', ['item.name']),
    f('note', '说明', ['remarks'], true),
    f('issuedOn', '发证日期', ['issue.date']),
  ],
});

export const licenseTypeSeeds: LicenseTypeSeed[] = [
  ...seeds.map((s) => ({ ...s, holder: s.holder ?? applicantHolder })),
  ...genericPerson.map((n, i) => generic(n, i, 'person')),
  ...genericOrganisation.map((n, i) => generic(n, i, 'organization')),
] as LicenseTypeSeed[];

/** The authority's credit code (format-valid placeholder unless it is the one confirmed in the reference). */
export function authorityCode(s: LicenseTypeSeed): string {
  return makeCreditCode({ registrar: '1', category: '1', regionCode: '100000', serial: s.authoritySerial });
}
