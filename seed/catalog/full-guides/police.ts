/** 公安局: 公章刻制备案, 居民身份证换领, 户口迁移, 出生登记. */
import type { FullGuideDef } from '../types.ts';
import { complaintPhone, deptPhone, places } from '../regions.ts';
import { applicantFields, basicCode, businessLicense, cd, field, householdBook, idCard, mat, noLegalLimit, wd } from '../helpers.ts';

const DEPT = 'police';
const ID_FEE_BASIS = '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）';

export const policeGuides: FullGuideDef[] = [
  {
    departmentKey: DEPT, popularity: 55, national: true,
    build: (c) => ({
      name: '公章刻制备案',
      basicCode: basicCode(DEPT, 1),
      itemType: '10', exerciseLevel: c.level,
      legalBasis: [
        '1.《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）原第37项“公章刻制审批”；',
        '2.《国务院关于取消一批行政许可事项的决定》（国发〔2020〕13号）：取消“公章刻制审批”，改为备案管理，刻章企业在公安机关治安管理信息系统中完成印章信息备案。',
      ].join('\n'),
      conditions: '1.申请单位依法取得营业执照或其他登记证书；2.刻制单位公章、财务专用章、发票专用章、合同专用章、法定代表人名章等；3.选择已在公安机关备案的刻章企业刻制。',
      process: `1.申请：企业开办时在${c.portal}“企业开办一网通办”平台勾选刻章，或持材料到任一备案刻章企业；2.刻制：刻章企业核验申请单位登记信息后刻制；3.备案：刻章企业将印模和用章单位信息上传公安机关治安管理信息系统，即时完成备案；4.领取：窗口领取或免费邮寄。`,
      legalLimit: noLegalLimit('备案事项，当场办结'),
      promisedLimit: wd(0, '刻制完成即时备案'),
      handlingType: 'immediate', maxVisits: 0, onlineDepth: 4,
      handlingForms: ['window', 'pc', 'mobile', 'express'], crossRegionScope: 'none', reformMode: 'filing',
      serviceObjects: ['enterprise', 'institution', 'socialOrganization', 'otherOrganization'], themes: ['business'],
      keywords: ['刻章', '刻公章', '公章', '财务章', '发票章', '合同章', '印章备案', '法人章'],
      places: places(c, 'market', `${c.hall}企业开办服务专区刻章窗口`),
      hours: c.hours, consultPhone: deptPhone(c, DEPT, 1), complaintPhone: complaintPhone(c),
      canBookOnline: false, supportsOnlinePayment: false, supportsExpress: true,
      faq: [
        { q: '刻章要收费吗？', a: '公安机关备案不收费。印章刻制属于经营服务，由刻章企业按公示价格收取；部分地区对新开办企业首套印章实行免费刻制，以当地政策为准。' },
        { q: '公章丢了怎么补刻？', a: '通过国家企业信用信息公示系统或报纸发布遗失声明后，持遗失声明和单位登记证书到刻章企业补刻，补刻的印章应与原印章有所区别。' },
        { q: '单位名称变更后原来的公章还能用吗？', a: '不能继续使用。应当刻制新名称印章，原印章交回公安机关或刻章企业办理缴销。' },
      ],
      result: { name: '印章备案信息（印模）', type: 'document' },
      fees: [],
      situations: [
        { key: 'new', name: '新刻（新设立单位首次刻制）', materialKeys: ['orgLicense', 'legalRepId', 'handlerId', 'powerOfAttorney'] },
        { key: 'remake', name: '换刻（单位更名或印章损坏）', materialKeys: ['orgLicense', 'legalRepId', 'handlerId', 'powerOfAttorney', 'oldSeal', 'nameChangeProof'] },
        { key: 'lost', name: '遗失补刻', materialKeys: ['orgLicense', 'legalRepId', 'handlerId', 'powerOfAttorney', 'lossNotice'] },
      ],
      questionnaire: [{
        key: 'reason', text: '您为什么要刻章？',
        options: [
          { label: '新成立单位，首次刻章', situationKeys: ['new'] },
          { label: '单位改名或印章损坏', situationKeys: ['remake'] },
          { label: '印章遗失', situationKeys: ['lost'] },
        ],
      }],
      materials: [
        businessLicense('orgLicense', { name: '营业执照或其他单位登记证书' }),
        idCard('legalRepId', '法定代表人（负责人）'),
        idCard('handlerId', '经办人', { required: false, notes: '非法定代表人本人办理时提交' }),
        mat('powerOfAttorney', '单位授权委托书', '申请单位', { required: false, notes: '非法定代表人本人办理时提交，加盖单位公章（首次刻制的由法定代表人签字）' }),
        mat('oldSeal', '原印章', '申请单位', { notes: '换刻时交回原印章予以缴销' }),
        mat('nameChangeProof', '单位名称变更登记证明', '登记机关', { required: false, notes: '因更名换刻的提交，通过信息共享核验的免于提交' }),
        mat('lossNotice', '印章遗失声明', '申请单位（通过国家企业信用信息公示系统或报纸发布）'),
      ],
      form: [
        field.text('orgName', '用章单位名称', { prefill: 'organization.name', maxLength: 100 }),
        field.creditCode('orgCreditCode', '统一社会信用代码', { prefill: 'organization.creditCode' }),
        field.table('seals', '刻制印章', [
          field.select('kind', '印章种类', ['单位公章', '财务专用章', '发票专用章', '合同专用章', '法定代表人名章', '其他专用章']),
          field.select('material', '材质', ['光敏', '铜质', '原子', '牛角', '其他']),
          field.number('count', '数量（枚）', { min: 1, max: 5 }),
        ], 10),
        field.text('shop', '刻章企业（自主选择）', { maxLength: 100 }),
        field.phone('handlerPhone', '经办人联系电话', { prefill: 'person.phone' }),
      ],
    }),
  },
  {
    departmentKey: DEPT, popularity: 95, national: true,
    build: (c) => ({
      name: '居民身份证换领',
      basicCode: basicCode(DEPT, 2),
      itemType: '07', exerciseLevel: c.level,
      legalBasis: [
        '1.《中华人民共和国居民身份证法》第五条：十六周岁以上公民的居民身份证的有效期为十年、二十年、长期；',
        '2.第八条：居民身份证由居民常住户口所在地的县级人民政府公安机关签发；',
        '3.第十一条：国家决定换发新一代居民身份证、居民身份证有效期满、公民姓名变更或者证件严重损坏不能辨认的，公民应当换领新证；居民身份证登记项目出现错误的，公安机关应当及时更正，换发新证；领取新证时，必须交回原证；',
        '4.第十二条：公安机关应当自公民提交《居民身份证申领登记表》之日起六十日内发放居民身份证；交通不便的地区，办理时间可以适当延长，但延长的时间不得超过三十日。',
      ].join('\n'),
      conditions: '1.具有本地常住户口的中国公民（异地换领的，在现居住地公安机关户政窗口办理）；2.居民身份证有效期满（可在期满前3个月内申请）、登记项目变更或更正、证件严重损坏不能辨认；3.未满十六周岁的，由监护人陪同办理。',
      process: `1.预约（可选）：通过${c.app}或公安户籍窗口电话预约；2.受理：本人到窗口，现场采集人像、指纹，核对登记信息，签字确认《居民身份证申领登记表》；3.缴费：缴纳证件工本费（可线上支付）；4.制证：省级公安机关制证；5.领证：窗口领取或邮政速递送证上门，领取新证时交回原证。`,
      legalLimit: cd(60, '《居民身份证法》第十二条；交通不便地区可延长，最长不超过30日'),
      promisedLimit: wd(10, '本地换领；异地换领20个工作日'),
      handlingType: 'promised', maxVisits: 1, onlineDepth: 3,
      handlingForms: ['window', 'mobile', 'express'], crossRegionScope: 'national', reformMode: null,
      serviceObjects: ['person'], themes: ['household'],
      keywords: ['身份证', '换身份证', '身份证到期', '身份证过期', '异地换证', '身份证换领', '身份证损坏', '二代证'],
      places: places(c, DEPT, `户籍所在地公安派出所户籍窗口；${c.hall}一楼9号窗口（跨省通办专窗，异地换领）`),
      hours: `${c.hours}；周六上午（节假日值班窗口另行公告）`, consultPhone: deptPhone(c, DEPT), complaintPhone: complaintPhone(c),
      canBookOnline: true, supportsOnlinePayment: true, supportsExpress: true,
      faq: [
        { q: '身份证可以在外地换领吗？', a: '可以。居民身份证换领、补领已实现全国通办，可在现居住地任一公安机关居民身份证受理点办理，收费标准与户籍地相同。' },
        { q: '身份证快到期了，提前多久可以换？', a: '有效期满前3个月内即可申请换领；已过期的也可以随时办理，过期后请尽快换领。' },
        { q: '急着用身份证怎么办？', a: '在申领、换领、补领期间急需使用的，可以同时申请临时居民身份证，工本费10元，当场或短时间内可领取。' },
        { q: '低保户换身份证要交钱吗？', a: '城市中领取最低生活保障金的居民、农村中有特殊生活困难的居民，在其初次申请领取和换领居民身份证时，免收工本费。' },
      ],
      result: { name: '居民身份证', type: 'license', licenseType: '居民身份证' },
      fees: [
        { name: '居民身份证工本费（申领、换领）', basis: ID_FEE_BASIS, standard: '每证20元', amountYuan: 20, collectedAt: '受理窗口或线上支付' },
        { name: '居民身份证工本费（损坏换领）', basis: ID_FEE_BASIS, standard: '每证40元', amountYuan: 40, collectedAt: '受理窗口或线上支付' },
      ],
      situations: [
        { key: 'expired', name: '有效期满换领', materialKeys: ['householdBook', 'oldCard', 'photo'] },
        { key: 'changed', name: '登记项目变更或更正后换领', description: '姓名、出生日期、民族等登记项目已在户口簿上变更或更正', materialKeys: ['householdBook', 'oldCard', 'photo'] },
        { key: 'damaged', name: '证件严重损坏换领', materialKeys: ['householdBook', 'oldCard', 'photo'] },
        { key: 'minor', name: '未满十六周岁换领', materialKeys: ['householdBook', 'oldCard', 'photo', 'guardianId'] },
      ],
      questionnaire: [
        {
          key: 'reason', text: '您为什么要换领身份证？',
          options: [
            { label: '有效期快到了或已经过期', situationKeys: ['expired', 'minor'] },
            { label: '姓名等信息变了或有错误', situationKeys: ['changed', 'minor'] },
            { label: '身份证坏了，看不清', situationKeys: ['damaged', 'minor'] },
          ],
        },
        {
          key: 'age', text: '换领人是否已满十六周岁？',
          options: [
            { label: '已满十六周岁', situationKeys: ['expired', 'changed', 'damaged'] },
            { label: '未满十六周岁', situationKeys: ['minor'] },
          ],
        },
      ],
      materials: [
        householdBook('householdBook', { notes: '异地换领的无需提交户口簿；本地换领核验户主页及本人页' }),
        mat('oldCard', '原居民身份证', '公安机关', { notes: '领取新证时交回；损坏的交回残证' }),
        mat('photo', '本人相片', '受理窗口现场免费采集', { originals: 0, notes: '现场采集人像和指纹，也可提供符合GA 461标准的数码相片回执' }),
        idCard('guardianId', '监护人'),
      ],
      form: [
        ...applicantFields(),
        field.select('reason', '换领原因', ['有效期满', '登记项目变更', '登记项目更正', '严重损坏']),
        field.select('delivery', '领证方式', ['窗口领取', '邮政速递送证上门（费用自理）']),
        field.address('deliveryAddress', '邮寄地址', { optional: true, help: '选择邮寄时填写' }),
      ],
    }),
  },
  {
    departmentKey: DEPT, popularity: 70, national: true,
    build: (c) => ({
      name: '户口迁移',
      basicCode: basicCode(DEPT, 3),
      itemType: '07', exerciseLevel: c.level,
      legalBasis: [
        '1.《中华人民共和国户口登记条例》第十条：公民迁出本户口管辖区，由本人或者户主在迁出前向户口登记机关申报迁出登记，领取迁移证件，注销户口；',
        '2.第十三条：公民迁移，从到达迁入地的时候起，城市在三日以内，农村在十日以内，由本人或者户主持迁移证件向户口登记机关申报迁入登记，缴销迁移证件；',
        '3.《国务院关于进一步推进户籍制度改革的意见》（国发〔2014〕25号）；',
        '4.公安部户口迁移“跨省通办”“一站式”办理有关规定：跨省迁移由迁入地公安机关直接办理，申请人无需往返迁出地开具迁移证件。',
      ].join('\n'),
      conditions: '1.符合迁入地落户政策（投靠亲属、购买或拥有合法稳定住所、就业等）；2.迁入地有合法稳定住所或同意接收的户主；3.农村土地承包经营权、宅基地使用权、集体收益分配权依法维护，不以退出为落户条件。',
      process: `1.申请：到迁入地公安户籍窗口或通过${c.app}提交申请；2.审核：迁入地公安机关审核落户条件（跨省迁移的，迁入地与迁出地公安机关网上核验、迁出地同步办理迁出）；3.办结：准予迁入的办理迁入登记，签发居民户口簿户口页。`,
      legalLimit: noLegalLimit(),
      promisedLimit: wd(5, '跨省、省内跨县迁入；县内迁移当场办结'),
      handlingType: 'promised', maxVisits: 1, onlineDepth: 3,
      handlingForms: ['window', 'pc', 'mobile'], crossRegionScope: 'national', reformMode: null,
      serviceObjects: ['person'], themes: ['household'],
      keywords: ['迁户口', '户口迁移', '落户', '户口迁入', '投靠落户', '购房落户', '准迁证', '迁移证', '上户口'],
      places: places(c, DEPT, '迁入地公安派出所户籍窗口'),
      hours: c.hours, consultPhone: deptPhone(c, DEPT, 2), complaintPhone: complaintPhone(c),
      canBookOnline: true, supportsOnlinePayment: false, supportsExpress: true,
      faq: [
        { q: '跨省迁户口还要回老家开迁移证吗？', a: '不需要。户口迁移已实行“跨省通办”，在迁入地公安机关一站式办理，迁出地同步办理迁出手续。' },
        { q: '迁户口后身份证号会变吗？要换身份证吗？', a: '公民身份号码终身不变。迁移后住址变化的，可以自愿换领居民身份证，不强制换领。' },
        { q: '农村户口迁到城镇，承包地会收回吗？', a: '不会。《农村土地承包法》规定，国家保护进城农户的土地承包经营权，不得以退出土地承包经营权作为农户进城落户的条件。' },
      ],
      result: { name: '居民户口簿（迁入登记）', type: 'license', licenseType: '居民户口簿' },
      fees: [],
      situations: [
        { key: 'withinCounty', name: '县内户口迁移', materialKeys: ['applicantId', 'householdBook', 'receivingBook', 'kinshipProof', 'housingProof'], promisedLimit: wd(0) },
        { key: 'kinship', name: '投靠亲属迁入（夫妻、父母、子女）', materialKeys: ['applicantId', 'householdBook', 'receivingBook', 'kinshipProof', 'consent'] },
        { key: 'housing', name: '合法稳定住所落户', materialKeys: ['applicantId', 'householdBook', 'housingProof'] },
        { key: 'employment', name: '就业落户', materialKeys: ['applicantId', 'householdBook', 'laborContract', 'housingProof'] },
      ],
      questionnaire: [
        {
          key: 'origin', text: '您的户口现在在哪里？',
          options: [
            { label: `${c.name}内`, situationKeys: ['withinCounty'] },
            { label: `${c.name}以外（省内或外省）`, situationKeys: ['kinship', 'housing', 'employment'] },
          ],
        },
        {
          key: 'reason', text: '您因为什么迁入？',
          options: [
            { label: '投靠配偶、父母或子女', situationKeys: ['kinship', 'withinCounty'] },
            { label: '在迁入地有自己的住房', situationKeys: ['housing', 'withinCounty'] },
            { label: '在迁入地就业', situationKeys: ['employment', 'withinCounty'] },
          ],
        },
      ],
      materials: [
        idCard('applicantId', '迁移人'),
        householdBook('householdBook', { name: '迁移人居民户口簿' }),
        householdBook('receivingBook', { name: '迁入户户主的居民户口簿', notes: '迁入他人户内时提交' }),
        mat('kinshipProof', '亲属关系证明', '民政部门、助产机构等', { license: '结婚证', notes: '夫妻投靠提交结婚证，父母子女投靠提交出生医学证明或户口簿中的关系记载' }),
        mat('consent', '迁入户户主同意落户的书面意见', '迁入户户主'),
        mat('housingProof', '合法稳定住所证明', '不动产登记机构', { license: '不动产权证书', notes: '不动产权证书，或已网签备案的商品房买卖合同' }),
        mat('laborContract', '劳动合同及社会保险缴纳证明', '用人单位、社会保险经办机构', { deferrable: true, notes: '社会保险缴纳记录通过信息共享核验' }),
      ],
      form: [
        ...applicantFields(),
        field.address('fromAddress', '迁出地户籍地址'),
        field.address('toAddress', '迁入地址'),
        field.table('movers', '随迁人员', [
          field.text('name', '姓名', { maxLength: 50 }),
          field.idNumber('idNumber', '公民身份号码'),
          field.select('relation', '与申请人关系', ['配偶', '子女', '父母', '其他']),
        ], 10, true),
      ],
    }),
  },
  {
    departmentKey: DEPT, popularity: 78, national: true,
    build: (c) => ({
      name: '出生登记',
      basicCode: basicCode(DEPT, 4),
      itemType: '07', exerciseLevel: c.level,
      legalBasis: [
        '1.《中华人民共和国户口登记条例》第七条：婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记；',
        '2.《国务院办公厅关于解决无户口人员登记户口问题的意见》（国办发〔2015〕96号）；',
        '3.《中华人民共和国民法典》第一千零一十五条：自然人应当随父姓或者母姓。',
      ].join('\n'),
      conditions: '1.新生儿父母一方或双方为本地常住户口；2.已取得《出生医学证明》；3.随父或随母落户，父母双方协商一致。',
      process: `1.申请：通过${c.app}“新生儿出生一件事”或到户籍窗口申请；2.审核：公安机关核验出生医学证明电子证照和父母户籍信息；3.办结：当场（网上申请的1个工作日内）办理出生登记，签发户口簿户口页，可同步办理城乡居民医保参保、社会保障卡申领。`,
      legalLimit: noLegalLimit(),
      promisedLimit: wd(0, '窗口当场办结；网上申请1个工作日内办结'),
      handlingType: 'immediate', maxVisits: 0, onlineDepth: 4,
      handlingForms: ['window', 'pc', 'mobile', 'express'], crossRegionScope: 'province', reformMode: null,
      serviceObjects: ['person'], themes: ['birth', 'household'],
      keywords: ['上户口', '报户口', '新生儿落户', '出生登记', '小孩上户口', '新生儿户口', '宝宝落户'],
      places: places(c, DEPT, '新生儿父亲或母亲户籍所在地公安派出所户籍窗口'),
      hours: c.hours, consultPhone: deptPhone(c, DEPT, 2), complaintPhone: complaintPhone(c),
      canBookOnline: true, supportsOnlinePayment: false, supportsExpress: true,
      faq: [
        { q: '孩子出生超过一个月还能上户口吗？', a: '可以。超过一个月仍可申报出生登记，公安机关不会因超期拒绝登记。' },
        { q: '孩子可以随母亲姓、在母亲户口上落户吗？', a: '可以。自然人可以随父姓或者母姓，可以随父或随母落户。' },
        { q: '非婚生育的孩子怎么上户口？', a: '凭《出生医学证明》和父亲或者母亲的居民户口簿申请；随父落户的，还需提供具有资质的鉴定机构出具的亲子鉴定证明。' },
      ],
      result: { name: '居民户口簿（出生登记）', type: 'license', licenseType: '居民户口簿' },
      fees: [],
      situations: [
        { key: 'marital', name: '婚生子女出生登记', materialKeys: ['birthCertificate', 'parentsBook', 'parentsId', 'marriageCertificate'] },
        { key: 'nonMarital', name: '非婚生育子女出生登记', materialKeys: ['birthCertificate', 'parentsBook', 'parentsId', 'paternityTest'] },
      ],
      questionnaire: [{
        key: 'marriage', text: '孩子父母是否已登记结婚？',
        options: [
          { label: '已登记结婚', situationKeys: ['marital'] },
          { label: '未登记结婚', situationKeys: ['nonMarital'] },
        ],
      }],
      materials: [
        mat('birthCertificate', '出生医学证明', '助产机构', { license: '出生医学证明', notes: '已签发电子证照的免于提交' }),
        householdBook('parentsBook', { name: '父亲或母亲的居民户口簿' }),
        idCard('parentsId', '父母双方'),
        mat('marriageCertificate', '结婚证', '民政部门', { license: '结婚证', required: false, notes: '通过婚姻登记信息共享核验的免于提交' }),
        mat('paternityTest', '亲子鉴定证明', '具有资质的司法鉴定机构', { required: false, notes: '非婚生育子女随父落户时提交' }),
      ],
      form: [
        field.text('childName', '新生儿姓名', { maxLength: 50 }),
        field.select('childSex', '性别', ['男', '女']),
        field.date('birthDate', '出生日期'),
        field.text('certificateNumber', '出生医学证明编号', { maxLength: 20 }),
        field.select('follow', '随父或随母落户', ['随父', '随母']),
        field.text('applicantName', '申报人姓名', { prefill: 'person.name', maxLength: 50 }),
        field.idNumber('applicantIdNumber', '申报人公民身份号码', { prefill: 'person.idNumber' }),
        field.phone('applicantPhone', '联系电话', { prefill: 'person.phone' }),
      ],
    }),
  },
];
