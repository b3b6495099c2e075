import type { GuideInput } from '../../../src/server/modules/catalog/guide-schema.ts';

let serial = 0;

/** Factory: a complete, valid guide (企业设立登记-like) with a unique 12-character basic code. */
export function makeGuide(over: Partial<GuideInput> = {}): GuideInput {
  serial++;
  return {
    name: '测试事项企业设立登记',
    basicCode: `T${String(Date.now() % 1e8).padStart(8, '0')}${String(serial).padStart(3, '0')}`.slice(0, 12),
    itemType: '01',
    exerciseLevel: 4,
    legalBasis: '《中华人民共和国市场主体登记管理条例》第三条',
    conditions: '申请人具有完全民事行为能力，名称、住所、经营范围符合规定。',
    process: '申请 → 受理 → 审查 → 决定 → 发照',
    legalLimit: { value: 15, unit: 'workday' },
    promisedLimit: { value: 1, unit: 'workday' },
    handlingType: 'promised',
    maxVisits: 0,
    onlineDepth: 4,
    handlingForms: ['window', 'pc', 'mobile'],
    crossRegionScope: 'province',
    serviceObjects: ['enterprise'],
    themes: ['business'],
    keywords: ['开公司', '营业执照'],
    places: '石泉县政务服务中心一楼综合受理窗口',
    hours: '工作日 8:30-12:00，14:00-17:30',
    consultPhone: '0915-6321234',
    complaintPhone: '0915-12345',
    canBookOnline: true,
    supportsOnlinePayment: false,
    supportsExpress: true,
    result: { name: '营业执照', type: 'license', licenseType: '营业执照' },
    situations: [
      { key: 'limitedCompany', name: '有限责任公司设立', materialKeys: ['application', 'articles', 'idCard'] },
      { key: 'soleProprietor', name: '个人独资企业设立', materialKeys: ['application', 'idCard'] },
    ],
    questionnaire: [
      {
        key: 'kind',
        text: '您要设立哪类企业？',
        options: [
          { label: '有限责任公司', situationKeys: ['limitedCompany'] },
          { label: '个人独资企业', situationKeys: ['soleProprietor'] },
        ],
      },
    ],
    materials: [
      {
        key: 'application',
        name: '企业设立登记申请书',
        source: '申请人',
        originals: 1,
        copies: 0,
        required: true,
        deferrable: false,
        fileTypes: ['pdf'],
        maxSizeMb: 10,
      },
      {
        key: 'articles',
        name: '公司章程',
        source: '申请人',
        originals: 1,
        copies: 0,
        required: true,
        deferrable: true,
        fileTypes: ['pdf', 'doc', 'docx'],
        maxSizeMb: 10,
      },
      {
        key: 'idCard',
        name: '法定代表人身份证明',
        source: '公安机关',
        originals: 0,
        copies: 1,
        required: true,
        deferrable: false,
        fileTypes: ['jpg', 'png', 'pdf'],
        maxSizeMb: 5,
        replacedByLicenseType: '居民身份证',
      },
    ],
    form: [
      { key: 'companyName', label: '企业名称', type: 'text', required: true, maxLength: 100 },
      { key: 'legalRep', label: '法定代表人', type: 'text', required: true, prefill: 'person.name' },
      { key: 'capital', label: '注册资本（万元）', type: 'number', required: true, min: 0 },
      // The 营业执照 prints them (its 住所 and 经营范围 come from these form fields): without them it is not sealed.
      { key: 'domicile', label: '住所', type: 'text', required: false, maxLength: 200 },
      { key: 'businessScope', label: '经营范围', type: 'text', required: false, maxLength: 500 },
    ],
    fees: [],
    faq: [{ q: '需要到现场吗？', a: '全程网办，无需到现场。' }],
    ...over,
  };
}
