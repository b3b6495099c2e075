import { createPdf } from '../../platform/pdf.ts';
import { type crossRegionScopes, exerciseLevels, itemTypes, themes, type Guide } from './guide-schema.ts';

const limit = (l: Guide['legalLimit']) => (l.value === 0 ? '即时办结' : `${l.value}个${l.unit === 'workday' ? '工作日' : '自然日'}`);
const scopeNames: Record<(typeof crossRegionScopes)[number], string> = {
  none: '不通办',
  county: '全县通办',
  city: '全市通办',
  province: '全省通办',
  national: '跨省通办',
};
const formNames = { window: '窗口办理', pc: '电脑端网上办理', mobile: '移动端网上办理', express: '快递申请', other: '其他' } as const;

/** The printable 办事指南 of one published version. */
export async function renderGuidePdf(
  meta: { implementationCode: string; departmentName: string; version: number; publishedAt: string | null },
  g: Guide,
): Promise<Buffer> {
  const w = createPdf(`${g.name} 办事指南`);
  w.text(`${g.name}`, { size: 18, bold: true, gapAfter: 2 });
  w.text('办事指南', { size: 13, color: '#595959', gapAfter: 8 });
  w.heading('一、基本信息');
  w.field('实施编码', meta.implementationCode);
  w.field('事项类型', itemTypes[g.itemType]);
  w.field('实施主体', meta.departmentName);
  w.field('行使层级', exerciseLevels[g.exerciseLevel as keyof typeof exerciseLevels] ?? String(g.exerciseLevel));
  if (g.coDepartments.length) w.field('共同实施部门', g.coDepartments.join('、'));
  w.field('办件类型', g.handlingType === 'immediate' ? '即办件' : '承诺件');
  w.field('法定办结时限', limit(g.legalLimit));
  w.field('承诺办结时限', limit(g.promisedLimit));
  w.field('到现场次数', `${g.maxVisits}次`);
  w.field('网办深度', `${['', '一', '二', '三', '四'][g.onlineDepth]}级${g.onlineDepth === 4 ? '（全程网办）' : ''}`);
  w.field('办理形式', g.handlingForms.map((f) => formNames[f]).join('、'));
  w.field('通办范围', scopeNames[g.crossRegionScope]);
  if (g.themes.length) w.field('服务主题', g.themes.map((t) => themes[t]).join('、'));
  w.heading('二、设定依据');
  w.text(g.legalBasis);
  w.heading('三、受理条件');
  w.text(g.conditions);
  w.heading('四、申请材料');
  for (const s of g.situations) {
    w.text(`【${s.name}】${s.description ? s.description : ''}`, { bold: true });
    s.materialKeys.forEach((key, i) => {
      const m = g.materials.find((x) => x.key === key);
      if (!m) return;
      const copies =
        [m.originals ? `原件${m.originals}份` : '', m.copies ? `复印件${m.copies}份` : ''].filter(Boolean).join('，') || '电子材料';
      const marks = [
        m.required ? '必要' : '非必要',
        m.deferrable ? '可容缺' : '',
        m.replacedByLicenseType ? `持有电子${m.replacedByLicenseType}的免提交` : '',
      ]
        .filter(Boolean)
        .join('；');
      w.text(`${i + 1}. ${m.name}（${m.source}出具；${copies}；${marks}）${m.notes ? m.notes : ''}`, { indent: 12 });
    });
  }
  w.heading('五、办理流程');
  w.text(g.process);
  w.heading('六、收费标准');
  if (g.fees.length === 0) w.text('不收费。');
  for (const f of g.fees)
    w.text(`${f.name}：${f.standard}${f.amountYuan !== undefined ? `（${f.amountYuan}元）` : ''}；依据：${f.basis}`, { indent: 12 });
  w.heading('七、办理结果');
  w.text(`${g.result.name}${g.canBookOnline ? '；支持网上预约' : ''}${g.supportsExpress ? '；支持物流快递送达' : ''}`);
  w.heading('八、办理地点、时间和咨询方式');
  w.field('办理地点', g.places);
  w.field('办理时间', g.hours);
  w.field('咨询电话', g.consultPhone);
  w.field('监督投诉电话', g.complaintPhone);
  if (g.faq.length) {
    w.heading('九、常见问题');
    g.faq.forEach((f, i) => {
      w.text(`${i + 1}. ${f.q}`, { bold: true });
      w.text(f.a, { indent: 12, gapAfter: 4 });
    });
  }
  w.text(
    `版本 ${meta.version}${meta.publishedAt ? `，发布于 ${meta.publishedAt.slice(0, 10)}` : ''}。以上内容以通办平台公布的最新版本为准。`,
    { size: 9, color: '#737373' },
  );
  return w.save();
}
