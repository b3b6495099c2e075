import type { AppContext } from '../src/server/platform/context.ts';
import { recordAuditEvent } from '../src/server/platform/audit.ts';
import { bundleDefinition, definitionProblems, type BundleDefinitionInput } from '../src/server/modules/bundles/definition.ts';
import * as bundleRepo from '../src/server/modules/bundles/repo.ts';
import { indexBundlesForSearch } from '../src/server/modules/bundles/service.ts';
import { getPublishedItem } from '../src/server/modules/catalog/query-service.ts';
import type { Guide } from '../src/server/modules/catalog/guide-schema.ts';
import * as orgRepo from '../src/server/modules/org/repo.ts';
import * as identityRepo from '../src/server/modules/identity/repo.ts';
import { hashPassword } from '../src/server/modules/identity/passwords.ts';
import { DEMO_PASSWORD } from './demo-password.ts';

/**
 * 一窗受理 and 一件事 for the demo county (石泉县): the county centre's windows configured (综合受理
 * 1–4 accept every item of the county, 05 is the 统一出件 pickup window, 10 a closed 调峰 window
 * listing the busiest household items), clerk1 seated at 综合受理窗口1, a pickup clerk (clerk2) at 05,
 * and five bundles built on the county's published items. Idempotent.
 */

export const BUNDLE_REGION = '610922';

/** An item of the county catalog named by its department key and exact name (resolved to its implementation code). */
type ItemRef = { dept: string; name: string };
type SeedItem = Omit<BundleDefinitionInput['items'][number], 'itemCode'> & { ref: ItemRef };
export type BundleSeed = {
  key: string;
  name: string;
  theme: string;
  lead: string;
  definition: Omit<BundleDefinitionInput, 'items'> & { items: SeedItem[] };
};

const app = (key: string) => ({ application: `${key}Application` });

export const bundleSeeds: BundleSeed[] = [
  {
    key: 'newborn',
    name: '新生儿出生一件事',
    theme: 'birth',
    lead: 'health',
    definition: {
      description:
        '新生儿出生后，一次申请、一套材料，同时办理出生医学证明、出生登记（户口登记）、城乡居民医保参保登记和社会保障卡申领，结果统一出件。',
      items: [
        {
          key: 'birthCert',
          ref: { dept: 'health', name: '出生医学证明首次签发、换发、补发' },
          situation: 'first',
          situationBy: { question: 'birthPlace', map: { hospital: 'first', outside: 'firstOutside' } },
        },
        {
          key: 'hukou',
          ref: { dept: 'police', name: '出生登记' },
          situation: 'marital',
          situationBy: { question: 'marital', map: { married: 'marital', unmarried: 'nonMarital' } },
          fields: { applicantPhone: 'phone' },
          materials: { parentsBook: 'householdBook' },
          // 出生登记 after the 出生医学证明 is issued (it is shared, never submitted): its number is the electronic license's.
          fromResults: { certificateNumber: { item: 'birthCert', value: 'license.identifier' } },
        },
        {
          // The newborn is insured and holds the card: named as in the other items, with the 公民身份号码 that 出生登记 gives.
          key: 'medical',
          ref: { dept: 'medicalInsurance', name: '城乡居民基本医疗保险参保登记' },
          situation: 'newborn',
          when: { question: 'services', options: ['medical'] },
          fields: { applicantPhone: 'phone', applicantName: 'childName' },
          materials: { guardianId: 'parentsId' },
          fromResults: { applicantIdNumber: { item: 'hukou', value: 'holder.code' } },
        },
        {
          key: 'ssCard',
          ref: { dept: 'hrss', name: '社会保障卡申领' },
          situation: 'first',
          when: { question: 'services', options: ['ssCard'] },
          fields: { applicantPhone: 'phone', applicantName: 'childName' },
          materials: { applicantId: 'birthCertificate', guardianId: 'parentsId' },
          fromResults: { applicantIdNumber: { item: 'hukou', value: 'holder.code' } },
        },
      ],
      questionnaire: [
        {
          key: 'birthPlace',
          text: '新生儿在哪里出生？',
          options: [
            { key: 'hospital', label: '在医疗机构内出生' },
            { key: 'outside', label: '在医疗机构外出生' },
          ],
        },
        {
          key: 'marital',
          text: '新生儿父母是否已办理结婚登记？',
          options: [
            { key: 'married', label: '已登记结婚' },
            { key: 'unmarried', label: '未登记结婚（非婚生育）' },
          ],
        },
        {
          key: 'services',
          text: '需要同时办理哪些事项？（可多选）',
          multiple: true,
          options: [
            { key: 'medical', label: '城乡居民医保参保' },
            { key: 'ssCard', label: '社会保障卡申领' },
          ],
        },
      ],
      materials: [
        { key: 'parentsId', name: '新生儿父母（监护人）居民身份证' },
        {
          key: 'birthCertificate',
          name: '出生医学证明',
          note: '由本件事的出生医学证明签发结果共享，无需另行提交',
          providedBy: 'birthCert',
        },
        { key: 'householdBook', name: '父亲或母亲的居民户口簿（户主页及本人页）' },
      ],
    },
  },
  {
    key: 'businessStartup',
    name: '企业开办一件事',
    theme: 'business',
    lead: 'market',
    definition: {
      description:
        '企业设立登记、公章刻制备案、发票领用、社会保险单位参保登记、住房公积金单位缴存登记一表申请、一次提交；营业执照签发后，其余事项凭电子营业执照和统一社会信用代码由各部门并联办理，结果统一出件。',
      items: [
        {
          key: 'license',
          ref: { dept: 'market', name: '企业设立登记' },
          situation: 'llc',
          when: { question: 'needs', options: ['license'] },
          situationBy: { question: 'companyType', map: { llc: 'llc', partnership: 'partnership', sole: 'soleProprietorship' } },
        },
        {
          key: 'seal',
          ref: { dept: 'police', name: '公章刻制备案' },
          situation: 'new',
          when: { question: 'needs', options: ['seal'] },
          fields: { orgName: 'enterpriseName', handlerPhone: 'legalRepPhone' },
          materials: { legalRepId: 'shareholderId', handlerId: 'agentIdCard' },
          // The new enterprise's code is the one its registration assigns (赋码): taken from the 营业执照, never asked.
          fromResults: { orgCreditCode: { item: 'license', value: 'holder.code' } },
        },
        {
          key: 'invoice',
          ref: { dept: 'tax', name: '发票领用' },
          situation: 'apply',
          when: { question: 'needs', options: ['invoice'] },
          fields: {
            orgName: 'enterpriseName',
            applicantName: 'legalRepName',
            applicantIdNumber: 'legalRepIdNumber',
            applicantPhone: 'legalRepPhone',
          },
          materials: { ...app('invoice'), applicantId: 'shareholderId' },
          fromResults: { orgCreditCode: { item: 'license', value: 'holder.code' } },
        },
        {
          key: 'social',
          ref: { dept: 'hrss', name: '社会保险单位参保登记' },
          situation: 'apply',
          when: { question: 'needs', options: ['social'] },
          fields: { orgName: 'enterpriseName', handlerName: 'legalRepName', handlerPhone: 'legalRepPhone' },
          materials: { ...app('social'), handlerId: 'shareholderId' },
          fromResults: { orgCreditCode: { item: 'license', value: 'holder.code' } },
        },
        {
          key: 'fund',
          ref: { dept: 'housingFund', name: '住房公积金单位缴存登记' },
          situation: 'apply',
          when: { question: 'needs', options: ['fund'] },
          fields: { orgName: 'enterpriseName', handlerName: 'legalRepName', handlerPhone: 'legalRepPhone' },
          materials: { ...app('fund'), handlerId: 'shareholderId' },
          fromResults: { orgCreditCode: { item: 'license', value: 'holder.code' } },
        },
      ],
      questionnaire: [
        {
          key: 'companyType',
          text: '开办哪类企业？',
          options: [
            { key: 'llc', label: '有限责任公司' },
            { key: 'partnership', label: '合伙企业' },
            { key: 'sole', label: '个人独资企业' },
          ],
        },
        {
          key: 'needs',
          text: '需要办理哪些事项？（可多选）',
          multiple: true,
          options: [
            { key: 'license', label: '企业设立登记（营业执照）' },
            { key: 'seal', label: '公章刻制备案' },
            { key: 'invoice', label: '发票领用' },
            { key: 'social', label: '社会保险单位参保登记' },
            { key: 'fund', label: '住房公积金单位缴存登记' },
          ],
        },
      ],
      materials: [
        { key: 'shareholderId', name: '法定代表人及股东（发起人、合伙人、投资人）居民身份证' },
        {
          key: 'orgLicense',
          name: '营业执照',
          note: '由本件事的企业设立登记结果（电子营业执照）共享，无需另行提交',
          providedBy: 'license',
        },
        { key: 'agentIdCard', name: '经办人（代理人）居民身份证' },
      ],
    },
  },
  {
    key: 'afterDeath',
    name: '身后一件事',
    theme: 'death',
    lead: 'civil',
    definition: {
      description:
        '亲属去世后，由一名近亲属一次申请，同时办理死亡医学证明签发、死亡注销户口、遗体接运火化、殡葬费用减免、丧葬补助金抚恤金申领和城乡居民养老保险注销，不再往返各部门。',
      items: [
        {
          key: 'deathCert',
          ref: { dept: 'health', name: '居民死亡医学证明（推断）书签发' },
          situation: 'apply',
          materials: app('deathCert'),
        },
        { key: 'hukou', ref: { dept: 'police', name: '死亡注销户口' }, situation: 'apply', materials: app('hukou') },
        { key: 'cremation', ref: { dept: 'civil', name: '遗体接运、火化服务' }, situation: 'apply', materials: app('cremation') },
        {
          key: 'funeralFee',
          ref: { dept: 'civil', name: '基本殡葬服务费用减免' },
          situation: 'apply',
          when: { question: 'benefits', options: ['funeralFee'] },
          materials: app('funeralFee'),
        },
        {
          key: 'allowance',
          ref: { dept: 'hrss', name: '丧葬补助金、抚恤金申领' },
          situation: 'apply',
          when: { question: 'benefits', options: ['allowance'] },
          materials: app('allowance'),
        },
        {
          key: 'pension',
          ref: { dept: 'hrss', name: '城乡居民养老保险注销登记' },
          situation: 'apply',
          when: { question: 'benefits', options: ['pension'] },
          materials: app('pension'),
        },
      ],
      questionnaire: [
        {
          key: 'benefits',
          text: '逝者生前享有哪些待遇？（可多选，没有可不选）',
          multiple: true,
          options: [
            { key: 'funeralFee', label: '本县户籍，可享受基本殡葬服务费用减免' },
            { key: 'allowance', label: '参加企业职工基本养老保险（丧葬补助金、抚恤金）' },
            { key: 'pension', label: '参加城乡居民基本养老保险（需注销）' },
          ],
        },
      ],
      materials: [{ key: 'applicantId', name: '经办近亲属居民身份证' }],
    },
  },
  {
    key: 'homeTransfer',
    name: '二手房转移登记与水电气过户',
    theme: 'realEstate',
    lead: 'realEstate',
    definition: {
      description: '存量房买卖办理不动产转移登记的同时，一并办理用水、用电、燃气过户，买卖双方只需到场一次。',
      items: [
        { key: 'transfer', ref: { dept: 'realEstate', name: '不动产转移登记（国有建设用地使用权及房屋所有权）' }, situation: 'secondHand' },
        {
          key: 'water',
          ref: { dept: 'waterCompany', name: '用水过户' },
          situation: 'apply',
          when: { question: 'utilities', options: ['water'] },
          materials: { ...app('water'), applicantId: 'applicantIds' },
        },
        {
          key: 'power',
          ref: { dept: 'powerCompany', name: '用电更名、过户' },
          situation: 'apply',
          when: { question: 'utilities', options: ['power'] },
          materials: { ...app('power'), applicantId: 'applicantIds' },
        },
        {
          key: 'gas',
          ref: { dept: 'gasCompany', name: '燃气过户' },
          situation: 'apply',
          when: { question: 'utilities', options: ['gas'] },
          materials: { ...app('gas'), applicantId: 'applicantIds' },
        },
      ],
      questionnaire: [
        {
          key: 'utilities',
          text: '需要同时过户哪些？（可多选）',
          multiple: true,
          options: [
            { key: 'water', label: '用水' },
            { key: 'power', label: '用电' },
            { key: 'gas', label: '燃气' },
          ],
        },
      ],
      materials: [
        { key: 'applicantIds', name: '买卖双方居民身份证' },
        { key: 'orgLicense', name: '营业执照（单位买受人提交）' },
      ],
    },
  },
  {
    key: 'marriageMove',
    name: '结婚登记与户口迁移',
    theme: 'marriage',
    lead: 'civil',
    definition: {
      description: '办理结婚登记的同时申请夫妻投靠户口迁移，婚姻登记处与公安户籍窗口并联办理，结婚证和户口簿统一出件。',
      items: [
        {
          key: 'marriage',
          ref: { dept: 'civil', name: '内地居民结婚登记' },
          situation: 'marriage',
          situationBy: { question: 'before', map: { first: 'marriage', remarriage: 'remarriage' } },
          fields: { phone: 'applicantPhone' },
        },
        {
          key: 'move',
          ref: { dept: 'police', name: '户口迁移' },
          situation: 'kinship',
          when: { question: 'move', options: ['yes'] },
          materials: { applicantId: 'femaleId' },
        },
      ],
      questionnaire: [
        {
          key: 'before',
          text: '双方是否曾与对方登记结婚又离婚？',
          options: [
            { key: 'first', label: '否，首次与对方登记' },
            { key: 'remarriage', label: '是，办理复婚' },
          ],
        },
        {
          key: 'move',
          text: '是否同时将一方户口迁入另一方户内（夫妻投靠）？',
          options: [
            { key: 'yes', label: '是' },
            { key: 'no', label: '否' },
          ],
        },
      ],
      materials: [
        { key: 'femaleId', name: '女方（迁移人）居民身份证', note: '迁移人为男方的，提交男方身份证' },
        { key: 'kinshipProof', name: '亲属关系证明（结婚证）', note: '由本件事的结婚登记结果共享，无需另行提交', providedBy: 'marriage' },
      ],
    },
  },
];

/** Resolves a seed bundle's items to implementation codes and checks it against the guides; throws on any problem. */
export async function resolveBundleSeed(ctx: AppContext, s: BundleSeed) {
  const guides = new Map<string, Guide>();
  const items = [];
  const departments: string[] = [];
  for (const it of s.definition.items) {
    const { ref, ...rest } = it;
    const dept = await orgRepo.findDepartmentByKey(ctx.db, BUNDLE_REGION, ref.dept);
    if (!dept) throw new Error(`seed bundle ${s.key}: no department ${ref.dept}`);
    const code = await bundleRepo.findItemCode(ctx.db, dept.id, ref.name);
    if (!code) throw new Error(`seed bundle ${s.key}: no item “${ref.name}” of ${ref.dept}`);
    guides.set(it.key, (await getPublishedItem(ctx, code)).guide);
    items.push({ ...rest, itemCode: code });
    departments.push(dept.id);
  }
  const definition = bundleDefinition.parse({ ...s.definition, items });
  const problems = definitionProblems(definition, guides);
  if (problems.length) throw new Error(`seed bundle ${s.key}: ${problems.join('; ')}`);
  const lead = await orgRepo.findDepartmentByKey(ctx.db, BUNDLE_REGION, s.lead);
  if (!lead) throw new Error(`seed bundle ${s.key}: no lead department ${s.lead}`);
  return { definition, leadId: lead.id, coIds: [...new Set(departments)].filter((d) => d !== lead.id) };
}

/** Windows of the county centre: 综合受理 1–4 accept everything, 05 hands results over, 10 is a closed peak window for household items. */
async function seedWindows(ctx: AppContext) {
  const hall = await orgRepo.findHallById(
    ctx.db,
    (await orgRepo.findHallByKey(ctx.db, BUNDLE_REGION, `center-${BUNDLE_REGION}`))?.id ?? '00000000-0000-0000-0000-000000000000',
  );
  if (!hall) return null;
  const byNumber = new Map(hall.windows.map((w) => [w.number, w]));
  for (const n of ['01', '02', '03', '04']) {
    const w = byNumber.get(n);
    if (w && !w.accepts_all) await ctx.db.updateTable('windows').set({ accepts_all: true }).where('id', '=', w.id).execute();
  }
  const pickup = byNumber.get('05');
  if (pickup && !pickup.pickup) await ctx.db.updateTable('windows').set({ pickup: true }).where('id', '=', pickup.id).execute();
  const peak = byNumber.get('10');
  if (peak && peak.accepted_item_ids.length === 0) {
    const police = await orgRepo.findDepartmentByKey(ctx.db, BUNDLE_REGION, 'police');
    const ids = police ? await bundleRepo.findItemIds(ctx.db, police.id, ['出生登记', '户口迁移', '居民身份证换领']) : [];
    await ctx.db.updateTable('windows').set({ accepted_item_ids: ids }).where('id', '=', peak.id).execute();
  }
  return { hall, first: byNumber.get('01') ?? null, pickup: pickup ?? null };
}

/** clerk1 at 综合受理窗口1; clerk2 (created here) at the 统一出件 window. */
async function seedWindowClerks(ctx: AppContext, windows: NonNullable<Awaited<ReturnType<typeof seedWindows>>>) {
  const clerk1 = await identityRepo.findAccountByUsername(ctx.db, 'clerk1');
  if (clerk1 && windows.first && !clerk1.window_id)
    await ctx.db.updateTable('accounts').set({ window_id: windows.first.id }).where('id', '=', clerk1.id).execute();
  if (!windows.pickup || !clerk1 || (await identityRepo.findAccountByUsername(ctx.db, 'clerk2'))) return;
  await identityRepo.insertAccount(ctx.db, {
    username: 'clerk2',
    password_hash: await hashPassword(DEMO_PASSWORD),
    kind: 'staff',
    display_name: '马丽',
    roles: ['clerk'],
    department_id: clerk1.department_id,
    region_code: BUNDLE_REGION,
    hall_id: windows.hall.id,
    totp_required: false,
  });
  const clerk2 = await identityRepo.findAccountByUsername(ctx.db, 'clerk2');
  if (clerk2) await ctx.db.updateTable('accounts').set({ window_id: windows.pickup.id }).where('id', '=', clerk2.id).execute();
}

/** Everything of 一窗受理 and 一件事 the demo needs; safe to run again. */
export async function seedBundles(ctx: AppContext): Promise<number> {
  const windows = await seedWindows(ctx);
  if (windows) await seedWindowClerks(ctx, windows);
  let created = 0;
  for (const s of bundleSeeds) {
    if (await bundleRepo.findBundleByKey(ctx.db, BUNDLE_REGION, s.key)) continue;
    const { definition, leadId, coIds } = await resolveBundleSeed(ctx, s);
    await bundleRepo.insertBundle(ctx.db, {
      key: s.key,
      region_code: BUNDLE_REGION,
      name: s.name,
      theme: s.theme,
      lead_department_id: leadId,
      co_department_ids: coIds,
      definition: JSON.stringify(definition),
    });
    created++;
  }
  if (created)
    await recordAuditEvent(ctx.db, ctx.auditKey, {
      actor: null,
      action: 'seed.bundles',
      entityType: 'bundle',
      after: { bundles: created },
    });
  // Every start: bundles seeded before the search knew them, or whose items changed, are found too.
  await indexBundlesForSearch(ctx);
  return created;
}
