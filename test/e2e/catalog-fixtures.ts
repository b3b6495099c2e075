import { DEMO_PASSWORD } from './browser.ts';

/**
 * Catalog items for the browser journeys, created through the public API as admin1
 * (create → submit → publish). The seed catalog, when loaded, already has most of them;
 * `ensureCompanyRegistration` creates 企业设立登记 only when the search does not find it.
 */

type Json = Record<string, unknown>;
type Summary = { implementationCode: string; name: string; department: { id: string; name: string } };

/** A tiny bearer-token client of the platform's API. */
export type ApiClient = {
  call: <T = Json>(method: string, path: string, body?: unknown) => Promise<{ status: number; json: T }>;
};

export async function apiLogin(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<ApiClient> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const token = ((await login.json()) as { token: string }).token;
  return {
    call: async (method, path, body) => {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: (text ? JSON.parse(text) : {}) as never };
    },
  };
}

let serial = 0;

/** A complete guide (企业设立登记-like) with a unique basic code; `over` replaces elements. */
export function makeGuide(over: Json = {}): Json {
  serial += 1;
  const basicCode = `E${String(Date.now() % 1e8).padStart(8, '0')}${String(serial).padStart(3, '0')}`.slice(0, 12);
  return {
    name: '企业设立登记',
    basicCode,
    itemType: '01',
    exerciseLevel: 4,
    legalBasis: '《中华人民共和国市场主体登记管理条例》第三条、第二十一条',
    conditions: '申请人具有完全民事行为能力；企业名称、住所、经营范围符合法律法规的规定。',
    process: '网上申报 → 受理 → 审查 → 决定 → 颁发营业执照',
    legalLimit: { value: 15, unit: 'workday' },
    promisedLimit: { value: 1, unit: 'workday' },
    handlingType: 'promised',
    maxVisits: 0,
    onlineDepth: 4,
    handlingForms: ['window', 'pc', 'mobile'],
    crossRegionScope: 'province',
    serviceObjects: ['enterprise'],
    themes: ['business'],
    keywords: ['开公司', '营业执照', '办执照'],
    places: '石泉县政务服务中心一楼企业开办专区（石泉县城关镇江南大道）',
    hours: '工作日 8:30-12:00，14:00-17:30（法定节假日除外）',
    consultPhone: '0915-6321234',
    complaintPhone: '12345',
    canBookOnline: true,
    supportsOnlinePayment: false,
    supportsExpress: true,
    result: { name: '营业执照', type: 'license', licenseType: '营业执照' },
    situations: [
      { key: 'limitedCompany', name: '有限责任公司设立', materialKeys: ['application', 'articles', 'idCard', 'premises'] },
      {
        key: 'soleProprietor',
        name: '个人独资企业设立',
        materialKeys: ['application', 'idCard'],
        promisedLimit: { value: 0, unit: 'workday' },
      },
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
        notes: '全体股东签字（盖章）',
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
      {
        key: 'premises',
        name: '住所使用证明',
        source: '不动产登记机构',
        originals: 0,
        copies: 1,
        required: true,
        deferrable: true,
        fileTypes: ['pdf', 'jpg'],
        maxSizeMb: 10,
        replacedByLicenseType: '不动产权证书',
      },
    ],
    form: [
      { key: 'companyName', label: '企业名称', type: 'text', required: true, maxLength: 100 },
      { key: 'legalRep', label: '法定代表人', type: 'text', required: true, prefill: 'person.name' },
      { key: 'capital', label: '注册资本（万元）', type: 'number', required: true, min: 0 },
      { key: 'domicile', label: '住所', type: 'text', required: false, maxLength: 200 },
      { key: 'businessScope', label: '经营范围', type: 'text', required: false, maxLength: 500 },
    ],
    fees: [],
    faq: [
      { q: '办理营业执照需要到现场吗？', a: '不需要。全程网办，营业执照可免费邮寄到家，也可使用电子营业执照。' },
      { q: '没有住所使用证明可以先办理吗？', a: '可以容缺受理，签署承诺书后在 5 个工作日内补交。' },
    ],
    ...over,
  };
}

/** Creates, submits and publishes an item of a department (by key, e.g. `market`) of 石泉县. */
export async function publishItem(admin: ApiClient, departmentKey: string, guide: Json): Promise<Summary> {
  const departments = await admin.call<{ items: Array<{ id: string; key: string }> }>(
    'GET',
    '/api/v1/departments?regionCode=610922&pageSize=100',
  );
  const department = departments.json.items.find((d) => d.key === departmentKey);
  if (!department) throw new Error(`no department ${departmentKey} in 610922`);
  const created = await admin.call<Summary>('POST', '/api/v1/items', { departmentId: department.id, guide });
  if (created.status !== 201) throw new Error(`create ${String(guide.name)}: ${created.status} ${JSON.stringify(created.json)}`);
  const code = created.json.implementationCode;
  for (const step of ['submit', 'publish']) {
    const res = await admin.call('POST', `/api/v1/items/${code}/${step}`);
    if (res.status !== 200) throw new Error(`${step} ${code}: ${res.status} ${JSON.stringify(res.json)}`);
  }
  return created.json;
}

/** Finds 企业设立登记 by searching 开公司 in 石泉县, or creates it. Returns its implementation code. */
export async function ensureCompanyRegistration(baseUrl: string, admin: ApiClient): Promise<string> {
  const found = await fetch(`${baseUrl}/api/v1/items?q=${encodeURIComponent('开公司')}&regionCode=610922&pageSize=50`);
  const items = ((await found.json()) as { items: Summary[] }).items;
  const hit = items.find((item) => item.name === '企业设立登记');
  if (hit) return hit.implementationCode;
  return (await publishItem(admin, 'market', makeGuide())).implementationCode;
}

/** A few more published items (other departments, themes, a fee, an immediate item) for the pages to show. */
export async function publishSampleItems(admin: ApiClient): Promise<Summary[]> {
  const base = { questionnaire: [], faq: [], keywords: [] };
  const oneSituation = (materialKeys: string[]) => [{ key: 'general', name: '首次申请', materialKeys }];
  const material = (key: string, name: string, extra: Json = {}) => ({
    key,
    name,
    source: '申请人',
    originals: 1,
    copies: 0,
    required: true,
    deferrable: false,
    fileTypes: ['pdf', 'jpg'],
    maxSizeMb: 10,
    ...extra,
  });
  return [
    await publishItem(
      admin,
      'hrss',
      makeGuide({
        ...base,
        name: '城乡居民基本养老保险参保登记',
        itemType: '20',
        handlingType: 'immediate',
        promisedLimit: { value: 0, unit: 'workday' },
        legalLimit: { value: 0, unit: 'workday' },
        maxVisits: 0,
        onlineDepth: 4,
        serviceObjects: ['person'],
        themes: ['socialSecurity', 'elderly'],
        keywords: ['养老保险', '社保'],
        result: { name: '参保登记信息', type: 'document' },
        canBookOnline: false,
        situations: oneSituation(['idCard']),
        materials: [material('idCard', '居民身份证', { source: '公安机关', originals: 1, replacedByLicenseType: '居民身份证' })],
      }),
    ),
    await publishItem(
      admin,
      'realEstate',
      makeGuide({
        ...base,
        name: '国有建设用地使用权及房屋所有权转移登记',
        itemType: '07',
        maxVisits: 1,
        onlineDepth: 3,
        promisedLimit: { value: 5, unit: 'workday' },
        legalLimit: { value: 30, unit: 'workday' },
        serviceObjects: ['person', 'enterprise'],
        themes: ['realEstate', 'housing'],
        keywords: ['过户', '房产证'],
        result: { name: '不动产权证书', type: 'license', licenseType: '不动产权证书' },
        fees: [
          {
            name: '不动产登记费',
            basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
            standard: '住宅类每件 80 元',
            amountYuan: 80,
            collectedAt: '不动产登记中心收费窗口',
          },
        ],
        situations: oneSituation(['contract', 'idCard']),
        materials: [
          material('contract', '房屋买卖合同'),
          material('idCard', '买卖双方身份证明', { source: '公安机关', originals: 0, copies: 2 }),
        ],
      }),
    ),
    await publishItem(
      admin,
      'civil',
      makeGuide({
        ...base,
        name: '内地居民结婚登记',
        itemType: '07',
        handlingType: 'immediate',
        promisedLimit: { value: 0, unit: 'workday' },
        maxVisits: 1,
        onlineDepth: 2,
        serviceObjects: ['person'],
        themes: ['marriage'],
        keywords: ['领结婚证', '结婚'],
        canBookOnline: true,
        supportsExpress: false,
        result: { name: '结婚证', type: 'license', licenseType: '结婚证' },
        form: [],
        situations: oneSituation(['household', 'idCard', 'photo']),
        materials: [
          material('household', '本人户口簿', { source: '公安机关' }),
          material('idCard', '本人居民身份证', { source: '公安机关' }),
          material('photo', '双方近期半身免冠合影照片', { originals: 3, fileTypes: ['jpg'] }),
        ],
      }),
    ),
  ];
}
