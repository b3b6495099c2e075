/** 供水, 供电, 供气企业: 用水报装, 用电报装, 燃气报装 (公共服务). */
import type { GuideInput } from '../../../src/server/modules/catalog/guide-schema.ts';
import type { FullGuideDef } from '../types.ts';
import type { RegionCtx } from '../regions.ts';
import { complaintPhone, deptPhone, places } from '../regions.ts';
import { agentMaterials, basicCode, businessLicense, field, idCard, mat, noLegalLimit, wd } from '../helpers.ts';

const CHARGES =
  '《国务院办公厅转发国家发展改革委等部门关于清理规范城镇供水供电供气供暖行业收费促进行业高质量发展意见的通知》（国办函〔2020〕129号）';
const RED_LINE =
  '用户建筑区划红线外的管网（线路）接入工程由供水、供电、供气企业投资建设，不得由用户承担；取消开户费、接水费、增容费等不合理收费。';

type Utility = {
  key: string;
  serial: number;
  name: string;
  what: string;
  law: string[];
  keywords: string[];
  app: string;
  hotline: string;
  faq: NonNullable<GuideInput['faq']>;
  promised: number;
  result: string;
};

function utilityGuide(u: Utility, popularity: number): FullGuideDef {
  return {
    departmentKey: u.key,
    popularity,
    national: true,
    build: (c: RegionCtx) => ({
      name: u.name,
      basicCode: basicCode(u.key, u.serial),
      itemType: '20',
      exerciseLevel: c.level,
      legalBasis: [...u.law, CHARGES, '《优化营商环境条例》（国务院令第722号）'].map((l, i) => `${i + 1}.${l}`).join('\n'),
      conditions: `1.用${u.what}地址位于${c.dept(u.key)}供${u.what}范围内；2.申请人为房屋产权人或经产权人同意的使用人；3.非居民用户已依法取得主体资格，新建项目已取得建设工程规划许可；4.用${u.what}设施符合国家安全技术规范。`,
      process: `1.申请：通过${u.app}、${c.app}“水电气报装”专区或${c.hall}水电气联合报装窗口提交申请（可与工程建设项目审批并联办理）；2.现场勘查：受理后1个工作日内上门勘查，答复供${u.what}方案；3.工程实施：${RED_LINE}4.验收接入：竣工验收合格后签订供用${u.what}合同，装表接${u.what === '电' ? '电' : '通'}。`,
      legalLimit: noLegalLimit('公共服务事项，无法定办结时限'),
      promisedLimit: wd(u.promised, '居民用户；非居民用户视工程规模另行约定，小微企业不超过10个工作日'),
      handlingType: 'promised',
      maxVisits: 0,
      onlineDepth: 4,
      handlingForms: ['window', 'pc', 'mobile'],
      crossRegionScope: 'none',
      reformMode: null,
      serviceObjects: ['person', 'enterprise', 'institution', 'otherOrganization'],
      themes: ['publicUtilities'],
      keywords: u.keywords,
      places: places(c, u.key, `${c.dept(u.key)}营业厅`),
      hours: `${c.hours}；抢修电话24小时服务`,
      consultPhone: `${deptPhone(c, u.key)}；${u.hotline}`,
      complaintPhone: complaintPhone(c),
      canBookOnline: true,
      supportsOnlinePayment: true,
      supportsExpress: false,
      faq: [...u.faq, { q: '报装要交开户费、接入费吗？', a: `不收取。${RED_LINE}` }],
      result: { name: u.result, type: 'document' },
      fees: [],
      situations: [
        {
          key: 'resident',
          name: '居民用户新装',
          materialKeys: ['application', 'applicantId', 'propertyProof', 'powerOfAttorney', 'agentIdCard'],
        },
        {
          key: 'business',
          name: '非居民（企业、单位）用户新装',
          materialKeys: ['application', 'orgLicense', 'applicantId', 'propertyProof', 'planningPermit', 'powerOfAttorney', 'agentIdCard'],
          promisedLimit: wd(10),
        },
      ],
      questionnaire: [
        {
          key: 'who',
          text: '您以什么身份申请？',
          options: [
            { label: '居民家庭', situationKeys: ['resident'] },
            { label: '企业、个体工商户或单位', situationKeys: ['business'] },
          ],
        },
      ],
      materials: [
        mat('application', `用${u.what}报装申请表`, `${c.dept(u.key)}提供（可线上填写）`, { blankForm: `用${u.what}报装申请表` }),
        idCard('applicantId', '申请人（经办人）'),
        mat('propertyProof', '房屋产权证明或使用证明', '不动产登记机构或出租人', {
          license: '不动产权证书',
          deferrable: true,
          notes: '不动产权证书、购房合同或租赁合同（附产权人同意书），可容缺受理后补交',
        }),
        businessLicense('orgLicense'),
        mat('planningPermit', '建设工程规划许可证', '自然资源部门', {
          required: false,
          license: '建设工程规划许可证',
          notes: '新建项目报装时提交，通过工程建设项目审批系统共享的免于提交',
        }),
        ...agentMaterials(),
      ],
      form: [
        field.text('applicantName', '户名（申请人或单位名称）', { prefill: 'person.name', maxLength: 100 }),
        field.idNumber('applicantIdNumber', '申请人公民身份号码', { prefill: 'person.idNumber' }),
        field.phone('phone', '联系电话', { prefill: 'person.phone' }),
        field.address('address', `用${u.what}地址`),
        field.select('usage', `用${u.what}性质`, ['居民生活', '非居民（经营、办公）', '特种行业']),
        field.number('load', u.what === '电' ? '申请容量（千瓦）' : u.what === '水' ? '预计月用水量（立方米）' : '预计月用气量（立方米）', {
          min: 0,
          optional: true,
        }),
        field.date('expectedDate', `期望${u.what === '电' ? '接电' : `通${u.what}`}日期`, { optional: true }),
      ],
    }),
  };
}

export const utilityGuides: FullGuideDef[] = [
  utilityGuide(
    {
      key: 'waterCompany',
      serial: 1,
      name: '用水报装',
      what: '水',
      promised: 5,
      result: '供用水合同及装表通水',
      law: ['《城市供水条例》（国务院令第158号，2020年修订）'],
      keywords: ['用水报装', '装水表', '自来水开户', '接自来水', '新装水表', '水表报装', '通水'],
      app: '供水企业微信公众号',
      hotline: '供水服务热线',
      faq: [
        {
          q: '新房子怎么开通自来水？',
          a: '新建小区的居民用户一般由开发企业统一报装，业主持房屋交付资料办理过户开户即可；自建房等单独报装的，在线申请后上门勘查装表。',
        },
        { q: '租的房子可以报装吗？', a: '可以。提供租赁合同和产权人同意书即可申请。' },
      ],
    },
    52,
  ),
  utilityGuide(
    {
      key: 'powerCompany',
      serial: 1,
      name: '用电报装（低压新装）',
      what: '电',
      promised: 3,
      result: '供用电合同及装表接电',
      law: [
        '《电力供应与使用条例》（国务院令第196号，2019年修订）',
        '《供电营业规则》（国家发展改革委令2024年第14号）',
        '《国家发展改革委 国家能源局关于全面提升“获得电力”服务水平 持续优化用电营商环境的意见》（发改能源规〔2020〕1479号）',
      ],
      keywords: ['用电报装', '装电表', '新装电表', '通电', '申请用电', '低压报装', '办电'],
      app: '“网上国网”App',
      hotline: '95598供电服务热线',
      faq: [
        {
          q: '小微企业用电报装有什么优惠？',
          a: '低压小微企业用电报装实行“零上门、零审批、零投资”服务，用电报装容量在规定标准以下的采用低压方式接入，接入工程由供电企业投资。',
        },
        {
          q: '可以在手机上申请装电表吗？',
          a: '可以。通过“网上国网”App或政务服务App提交申请，上传身份证和房屋证明，供电企业上门勘查装表。',
        },
      ],
    },
    55,
  ),
  utilityGuide(
    {
      key: 'gasCompany',
      serial: 1,
      name: '燃气报装',
      what: '气',
      promised: 5,
      result: '供用气合同及通气点火',
      law: ['《城镇燃气管理条例》（国务院令第583号，2016年修订）'],
      keywords: ['燃气报装', '天然气开户', '装天然气', '开通燃气', '燃气开户', '通气'],
      app: '燃气企业微信公众号',
      hotline: '燃气服务及抢修热线',
      faq: [
        {
          q: '开通燃气前要做什么？',
          a: '通气前由燃气企业进行入户安全检查，确认燃气器具、连接管和报警装置符合安全要求后通气点火，并签订供用气合同。',
        },
        { q: '户内燃气管道怎么安装？', a: '建筑区划红线内户内燃气设施由用户自主选择具备资质的施工单位安装，燃气企业不得强制指定。' },
      ],
    },
    40,
  ),
];
