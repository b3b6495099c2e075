/** 民政局: 结婚登记, 离婚登记, 最低生活保障. */
import type { FullGuideDef } from '../types.ts';
import { complaintPhone, deptPhone, places } from '../regions.ts';
import { agentMaterials, applicantFields, basicCode, cd, field, householdBook, idCard, mat, noLegalLimit, SELF, wd } from '../helpers.ts';

const DEPT = 'civil';
const MARRIAGE_REG = '《婚姻登记条例》（2025年4月6日国务院令第804号修订，2025年5月10日起施行）';
const marriageOffice = (c: { dept: (k: string) => string }) => `${c.dept(DEPT)}婚姻登记处（婚姻登记大厅）`;

export const civilGuides: FullGuideDef[] = [
  {
    departmentKey: DEPT,
    popularity: 84,
    national: true,
    build: (c) => ({
      name: '内地居民结婚登记',
      basicCode: basicCode(DEPT, 1),
      itemType: '07',
      exerciseLevel: c.level,
      legalBasis: [
        '1.《中华人民共和国民法典》第一千零四十六条：结婚应当男女双方完全自愿；第一千零四十七条：结婚年龄，男不得早于二十二周岁，女不得早于二十周岁；第一千零四十九条：要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记，符合本法规定的，予以登记，发给结婚证。',
        `2.${MARRIAGE_REG}第二章“结婚登记”：申请结婚登记的内地居民应当出具本人的居民身份证，以及本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明；婚姻登记机关办理婚姻登记，不得收取费用。`,
      ].join('\n'),
      conditions:
        '1.男方年满22周岁，女方年满20周岁；2.男女双方完全自愿；3.双方均无配偶；4.双方不属于直系血亲或者三代以内旁系血亲；5.双方亲自到场，可在全国任一内地居民婚姻登记机关办理（全国通办）。',
      process: `1.预约（可选）：通过${c.app}或婚姻登记处电话预约；2.申请：男女双方共同到场，出示居民身份证，现场签署声明书；3.审查：婚姻登记员询问、审查；4.登记：符合条件的当场予以登记，颁发结婚证，可选择举行颁证仪式。`,
      legalLimit: noLegalLimit('《婚姻登记条例》：符合结婚条件的，当场予以登记，发给结婚证'),
      promisedLimit: wd(0, '当场办结'),
      handlingType: 'immediate',
      maxVisits: 1,
      onlineDepth: 2,
      handlingForms: ['window', 'pc', 'mobile'],
      crossRegionScope: 'national',
      reformMode: null,
      serviceObjects: ['person'],
      themes: ['marriage'],
      keywords: ['结婚', '结婚证', '领证', '结婚登记', '登记结婚', '扯证', '复婚', '结婚预约'],
      places: `${marriageOffice(c)}；${c.hall}一楼2号窗口可咨询`,
      hours: `${c.hours}；5月20日、七夕等特殊日期的延时或节假日办理安排另行公告`,
      consultPhone: deptPhone(c, DEPT, 1),
      complaintPhone: complaintPhone(c),
      canBookOnline: true,
      supportsOnlinePayment: false,
      supportsExpress: false,
      faq: [
        {
          q: '结婚登记还需要户口本吗？',
          a: '不需要。自2025年5月10日起，内地居民办理结婚登记只需出示本人居民身份证并签署声明，无需出具户口簿。',
        },
        { q: '可以在外地领结婚证吗？', a: '可以。内地居民婚姻登记实行全国通办，双方可以到任一内地居民婚姻登记机关办理。' },
        { q: '结婚登记收费吗？', a: '不收费。婚姻登记机关办理婚姻登记不得收取任何费用。' },
        { q: '需要准备照片吗？', a: '需要3张近期2寸半身免冠双人合影照片，婚姻登记处一般也提供现场拍照服务。' },
      ],
      result: { name: '结婚证', type: 'license', licenseType: '结婚证' },
      fees: [],
      situations: [
        { key: 'marriage', name: '结婚登记', materialKeys: ['maleId', 'femaleId', 'declaration', 'photos'] },
        {
          key: 'remarriage',
          name: '复婚登记',
          description: '离婚后双方自愿恢复夫妻关系，按结婚登记程序办理',
          materialKeys: ['maleId', 'femaleId', 'declaration', 'photos', 'divorceCertificate'],
        },
      ],
      questionnaire: [
        {
          key: 'kind',
          text: '你们是第一次和对方登记结婚吗？',
          options: [
            { label: '是，第一次和对方登记', situationKeys: ['marriage'] },
            { label: '不是，双方离婚后复婚', situationKeys: ['remarriage'] },
          ],
        },
      ],
      materials: [
        idCard('maleId', '男方', { originals: 1, copies: 0 }),
        idCard('femaleId', '女方', { originals: 1, copies: 0 }),
        mat('declaration', '申请结婚登记声明书', '婚姻登记机关提供，当事人现场签署', {
          notes: '声明本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系',
        }),
        mat('photos', '近期2寸半身免冠双人合影照片', SELF, { originals: 3, notes: '可在婚姻登记处现场拍摄' }),
        mat('divorceCertificate', '离婚证', '婚姻登记机关或人民法院', { license: '离婚证', notes: '复婚时交回原离婚证' }),
      ],
      form: [
        field.text('maleName', '男方姓名', { maxLength: 50 }),
        field.idNumber('maleIdNumber', '男方公民身份号码'),
        field.text('femaleName', '女方姓名', { maxLength: 50 }),
        field.idNumber('femaleIdNumber', '女方公民身份号码'),
        field.phone('phone', '联系电话', { prefill: 'person.phone' }),
        field.date('appointmentDate', '预约登记日期', { optional: true }),
        field.select('ceremony', '是否需要颁证仪式', ['需要', '不需要']),
      ],
    }),
  },
  {
    departmentKey: DEPT,
    popularity: 45,
    national: true,
    build: (c) => ({
      name: '内地居民离婚登记',
      basicCode: basicCode(DEPT, 2),
      itemType: '07',
      exerciseLevel: c.level,
      legalBasis: [
        '1.《中华人民共和国民法典》第一千零七十六条：夫妻双方自愿离婚的，应当签订书面离婚协议，并亲自到婚姻登记机关申请离婚登记；',
        '2.《中华人民共和国民法典》第一千零七十七条：自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以向婚姻登记机关撤回离婚登记申请；期限届满后三十日内，双方应当亲自到婚姻登记机关申请发给离婚证，未申请的，视为撤回离婚登记申请；',
        `3.${MARRIAGE_REG}第三章“离婚登记”。`,
      ].join('\n'),
      conditions:
        '1.男女双方自愿离婚；2.双方均具有完全民事行为能力；3.在中国内地登记结婚；4.签订书面离婚协议，对子女抚养、财产以及债务处理等事项协商一致；5.双方亲自到场。',
      process:
        '1.申请：双方持证件和离婚协议亲自到场申请，婚姻登记机关受理后发给《离婚登记申请受理回执单》；2.冷静期：自收到申请之日起30日内，任何一方不愿意离婚的可撤回申请；3.申请发证：冷静期届满后30日内，双方亲自到收到申请的婚姻登记机关申请发给离婚证；4.审查登记：符合条件的当场予以登记，发给离婚证。',
      legalLimit: cd(30, '《民法典》第一千零七十七条：离婚冷静期30日'),
      promisedLimit: cd(30, '冷静期届满后双方到场申请发证的，当场登记'),
      handlingType: 'promised',
      maxVisits: 2,
      onlineDepth: 2,
      handlingForms: ['window', 'pc', 'mobile'],
      crossRegionScope: 'national',
      reformMode: null,
      serviceObjects: ['person'],
      themes: ['marriage'],
      keywords: ['离婚', '离婚证', '协议离婚', '离婚登记', '冷静期', '离婚预约'],
      places: marriageOffice(c),
      hours: c.hours,
      consultPhone: deptPhone(c, DEPT, 1),
      complaintPhone: complaintPhone(c),
      canBookOnline: true,
      supportsOnlinePayment: false,
      supportsExpress: false,
      faq: [
        {
          q: '什么是离婚冷静期？',
          a: '婚姻登记机关收到离婚登记申请之日起30日内，任何一方不愿意离婚的，可以撤回申请；30日届满后的30日内，双方须再次亲自到场申请发给离婚证，未申请的视为撤回。',
        },
        { q: '一方不同意离婚怎么办？', a: '婚姻登记机关只办理双方自愿的协议离婚。一方不同意的，可以向人民法院提起离婚诉讼。' },
        { q: '结婚证丢了还能办离婚吗？', a: '可以先申请补领结婚证，再申请离婚登记。' },
      ],
      result: { name: '离婚证', type: 'license', licenseType: '离婚证' },
      fees: [],
      situations: [
        { key: 'apply', name: '申请离婚登记（第一次到场）', materialKeys: ['partyIds', 'marriageCertificate', 'agreement', 'photos'] },
        { key: 'issue', name: '冷静期届满申请发给离婚证（第二次到场）', materialKeys: ['partyIds', 'receipt'] },
        { key: 'withdraw', name: '撤回离婚登记申请', materialKeys: ['partyIds', 'receipt', 'withdrawal'] },
      ],
      questionnaire: [
        {
          key: 'step',
          text: '您要办理哪一步？',
          options: [
            { label: '第一次申请离婚登记', situationKeys: ['apply'] },
            { label: '冷静期已满，申请领取离婚证', situationKeys: ['issue'] },
            { label: '不想离了，撤回申请', situationKeys: ['withdraw'] },
          ],
        },
      ],
      materials: [
        idCard('partyIds', '双方当事人', { copies: 0 }),
        mat('marriageCertificate', '结婚证', '婚姻登记机关', { originals: 2, license: '结婚证', notes: '双方各自的结婚证' }),
        mat('agreement', '离婚协议书', '双方当事人', {
          originals: 3,
          notes: '载明双方自愿离婚的意思表示和对子女抚养、财产以及债务处理等事项协商一致的意见',
        }),
        mat('photos', '近期2寸单人半身免冠照片', SELF, { originals: 4, notes: '每人2张，可现场拍摄' }),
        mat('receipt', '离婚登记申请受理回执单', '婚姻登记机关'),
        mat('withdrawal', '撤回离婚登记申请书', '婚姻登记机关提供，申请撤回的一方签署'),
      ],
      form: [
        field.text('maleName', '男方姓名', { maxLength: 50 }),
        field.idNumber('maleIdNumber', '男方公民身份号码'),
        field.text('femaleName', '女方姓名', { maxLength: 50 }),
        field.idNumber('femaleIdNumber', '女方公民身份号码'),
        field.phone('phone', '联系电话', { prefill: 'person.phone' }),
        field.date('marriageDate', '结婚登记日期'),
        field.number('children', '未成年子女人数', { min: 0, max: 20 }),
      ],
    }),
  },
  {
    departmentKey: DEPT,
    popularity: 68,
    national: true,
    build: (c) => ({
      name: '最低生活保障审核确认',
      basicCode: basicCode(DEPT, 3),
      itemType: '05',
      exerciseLevel: c.level,
      legalBasis: [
        '1.《社会救助暂行办法》（国务院令第649号，2019年修订）第九条：国家对共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合当地最低生活保障家庭财产状况规定的家庭，给予最低生活保障；',
        '2.第十一条：申请最低生活保障，由共同生活的家庭成员向户籍所在地的乡镇人民政府、街道办事处提出书面申请；乡镇人民政府、街道办事处应当通过入户调查、邻里访问、信函索证、群众评议、信息查询等方式，对申请人的家庭收入状况、财产状况进行调查核实，提出初审意见，在申请人所在村、社区公示后报县级人民政府民政部门审批；',
        '3.第十二条：对批准获得最低生活保障的家庭，县级人民政府民政部门按照共同生活的家庭成员人均收入低于当地最低生活保障标准的差额，按月发给最低生活保障金；',
        '4.《最低生活保障审核确认办法》（民发〔2021〕57号）。',
      ].join('\n'),
      conditions: `1.共同生活的家庭成员人均收入低于${c.cityName}公布的当地城乡最低生活保障标准；2.家庭财产状况符合当地最低生活保障家庭财产状况规定；3.持有当地常住户口，或持有当地居住证、符合经常居住地申请条件；4.家庭成员如实申报收入和财产，并授权核对家庭经济状况。`,
      process: `1.申请：向户籍所在地或经常居住地${c.townshipHall}提出书面申请，也可通过${c.app}申请；无法自行申请的，可委托村（居）民委员会或他人代为申请；2.受理：材料齐全的当场受理；3.调查核对：入户调查、家庭经济状况信息核对；4.审核确认：县级民政部门（或受委托的乡镇人民政府）作出审核确认决定；5.公示：在申请人所在村、社区公示；6.发放：自作出决定的次月起按月发放至社会保障卡或惠民惠农财政补贴“一卡通”。`,
      legalLimit: wd(30, '《最低生活保障审核确认办法》：自受理之日起30个工作日内完成审核确认；特殊情况可延长至45个工作日'),
      promisedLimit: wd(20),
      handlingType: 'promised',
      maxVisits: 1,
      onlineDepth: 3,
      handlingForms: ['window', 'pc', 'mobile'],
      crossRegionScope: 'county',
      reformMode: null,
      serviceObjects: ['person'],
      themes: ['socialSecurity'],
      keywords: ['低保', '申请低保', '低保申请', '最低生活保障', '困难补助', '生活困难', '救助', '低保户'],
      places: places(c, DEPT, `户籍所在地或经常居住地${c.townshipHall}社会救助窗口`),
      hours: c.hours,
      consultPhone: deptPhone(c, DEPT, 2),
      complaintPhone: complaintPhone(c),
      canBookOnline: false,
      supportsOnlinePayment: false,
      supportsExpress: false,
      faq: [
        {
          q: '低保标准是多少？',
          a: `执行${c.cityName}人民政府公布的当年城乡最低生活保障标准，标准调整时向社会公布，可到${c.townshipHall}或民政局咨询。`,
        },
        {
          q: '家里有车能申请低保吗？',
          a: '家庭财产状况须符合当地规定。原则上共同生活家庭成员名下有机动车辆（残疾人功能性补偿代步机动车辆等除外）的，不符合条件，具体以当地认定标准为准。',
        },
        { q: '低保金怎么发？', a: '自作出审核确认决定的次月起，按月通过社会保障卡或惠民惠农财政补贴“一卡通”社会化发放。' },
        { q: '不在户籍地住能申请吗？', a: '符合条件的，可以向经常居住地的乡镇人民政府（街道办事处）提出申请。' },
      ],
      result: { name: '最低生活保障审核确认决定', type: 'document' },
      fees: [],
      situations: [
        {
          key: 'apply',
          name: '申请最低生活保障',
          materialKeys: [
            'application',
            'memberIds',
            'householdBook',
            'authorization',
            'incomeStatement',
            'specialProof',
            'powerOfAttorney',
            'agentIdCard',
          ],
        },
        {
          key: 'change',
          name: '家庭人口或收入变化申报',
          materialKeys: ['changeStatement', 'memberIds', 'authorization'],
          promisedLimit: wd(10),
        },
      ],
      questionnaire: [
        {
          key: 'status',
          text: '您的家庭现在是否已享受低保？',
          options: [
            { label: '还没有，第一次申请', situationKeys: ['apply'] },
            { label: '已享受，家庭人口或收入发生变化', situationKeys: ['change'] },
          ],
        },
      ],
      materials: [
        mat('application', '最低生活保障申请书', SELF, {
          blankForm: '最低生活保障申请书（含家庭成员、收入和财产申报）',
          notes: '由共同生活的家庭成员签字',
        }),
        idCard('memberIds', '共同生活家庭成员'),
        householdBook(),
        mat('authorization', '家庭经济状况核对授权书', '共同生活家庭成员签署', {
          notes: '所有成年家庭成员签字，授权核对存款、房产、车辆、工商、社保等信息',
        }),
        mat('incomeStatement', '家庭收入和财产状况声明', SELF, {
          notes: '如实申报工资性收入、经营净收入、财产净收入、转移净收入和财产状况',
        }),
        mat('specialProof', '残疾、重病等特殊情况证明', '残联、二级以上医疗机构', {
          required: false,
          deferrable: true,
          license: '残疾人证',
          notes: '家庭成员有残疾或重病的提交残疾人证或医疗机构诊断证明',
        }),
        mat('changeStatement', '家庭情况变化说明及证明材料', SELF),
        ...agentMaterials(),
      ],
      form: [
        ...applicantFields(),
        field.address('address', '现居住地址'),
        field.number('householdSize', '共同生活家庭人口（人）', { min: 1, max: 20 }),
        field.number('monthlyIncome', '家庭月总收入（元）', { min: 0 }),
        field.table(
          'members',
          '共同生活家庭成员',
          [
            field.text('name', '姓名', { maxLength: 50 }),
            field.idNumber('idNumber', '公民身份号码'),
            field.select('relation', '与申请人关系', ['本人', '配偶', '子女', '父母', '其他']),
            field.select('health', '健康状况', ['健康', '残疾', '重病', '其他']),
            field.number('income', '月收入（元）', { min: 0 }),
          ],
          20,
        ),
        field.text('reason', '申请理由', { maxLength: 1000 }),
      ],
    }),
  },
];
