import ExcelJS from 'exceljs';
import { createPdf } from '../../platform/pdf.ts';
import { safeCell } from '../../platform/spreadsheet.ts';
import type { IndicatorUnit, TargetBasis } from '../supervision/index.ts';

/** What a report shows: the indicators with their targets, and the departments' figures. */
export type ReportData = {
  title: string;
  regionName: string;
  departmentName: string | null;
  period: { from: string; to: string };
  /** Asia/Shanghai wall time, YYYY-MM-DD HH:mm. */
  generatedAt: string;
  indicators: Array<{
    key: string;
    zh: string;
    definitionZh: string;
    unit: IndicatorUnit;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    /** `value` is what the period is judged against: the annual target, pro-rated for flows (`basis`). */
    target: {
      value: number;
      annualValue: number;
      basis: TargetBasis;
      comparator: 'gte' | 'lte';
      met: boolean | null;
      gap: number | null;
    } | null;
  }>;
  departments: Array<{
    name: string | null;
    received: number;
    completed: number;
    onTimeRate: number | null;
    activeRatingRate: number | null;
    averageScore: number | null;
    badRatings: number;
  }>;
};

/**
 * A value as the report prints it: rates in per cent with two decimals (65.15%), counts whole (a
 * pro-rated count target keeps two decimals: 50.96), scores, days, hours and per-guide figures with
 * two decimals (4.76).
 */
export function formatValue(unit: IndicatorUnit, v: number | null): string {
  if (v === null) return '—';
  if (unit === 'ratio') return `${(v * 100).toFixed(2)}%`;
  if (unit === 'count' && Number.isInteger(v)) return String(v);
  return v.toFixed(2);
}

/** The Excel number format of a value, matching `formatValue` (the cell keeps the exact number). */
export function numberFormatOf(unit: IndicatorUnit, v: number | null): string {
  if (unit === 'ratio') return '0.00%';
  if (unit === 'count' && (v === null || Number.isInteger(v))) return '0';
  return '0.00';
}

/** How the target applies, as the report says it. */
export const basisText: Record<TargetBasis, string> = { annual: '按年度目标判定', prorated: '目标按期间折算' };

/** A date (YYYY-MM-DD) or wall time (YYYY-MM-DD HH:mm) as an Excel date: the same figures, no time zone shift. */
export function excelDate(text: string): Date {
  const [d, t = '00:00'] = text.split(' ');
  const [y, m, day] = d.split('-').map(Number);
  const [h, min] = t.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, day, h, min));
}

const comparatorText = (c: 'gte' | 'lte') => (c === 'gte' ? '≥' : '≤');

function targetText(unit: IndicatorUnit, t: ReportData['indicators'][number]['target']): string {
  if (!t) return '—';
  const applied = `${comparatorText(t.comparator)} ${formatValue(unit, t.value)}`;
  return t.basis === 'prorated' ? `${applied}（年 ${formatValue(unit, t.annualValue)}）` : applied;
}

function metText(t: ReportData['indicators'][number]['target']): string {
  if (!t || t.met === null) return '—';
  return t.met ? '达标' : '未达标';
}

const pct = (v: number | null) => formatValue('ratio', v);
const score = (v: number | null) => formatValue('score', v);

/** The report as a PDF: the indicators against their targets, a bar chart and the table of departments. */
export async function renderReportPdf(r: ReportData): Promise<Buffer> {
  const w = createPdf(r.title);
  const { doc } = w;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  w.text(r.title, { size: 18, bold: true, gapAfter: 6 });
  w.text(
    `统计期：${r.period.from} 至 ${r.period.to}    范围：${r.regionName}${r.departmentName ? ` · ${r.departmentName}` : ''}    生成时间：${r.generatedAt}`,
    { size: 9.5, color: '#555555', gapAfter: 8 },
  );

  w.heading('一、主要指标与考核目标');
  const cols = [0, 0.28, 0.42, 0.64, 0.84];
  const row = (cells: string[], o: { bold?: boolean; color?: string } = {}) => {
    const y = doc.y;
    doc
      .font(o.bold ? 'bold' : 'regular')
      .fontSize(9.5)
      .fillColor(o.color ?? '#1a1a1a');
    for (const [i, c] of cells.entries())
      doc.text(c, left + cols[i] * width, y, { width: ((cols[i + 1] ?? 1) - cols[i]) * width - 6, lineBreak: false, ellipsis: true });
    doc.x = left;
    doc.y = y + 17;
  };
  row(['指标', '本期数值', '考核目标', '目标口径', '是否达标'], { bold: true, color: '#14409a' });
  for (const i of r.indicators) {
    if (doc.y > doc.page.height - 90) doc.addPage();
    row([i.zh, formatValue(i.unit, i.value), targetText(i.unit, i.target), i.target ? basisText[i.target.basis] : '—', metText(i.target)], {
      color: i.target?.met === false ? '#b42318' : '#1a1a1a',
    });
  }
  if (r.indicators.some((i) => i.target)) {
    const days = (Date.parse(r.period.to) - Date.parse(r.period.from)) / 86_400_000 + 1;
    const year = Number(r.period.to.slice(0, 4));
    const yearDays = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
    doc.moveDown(0.3);
    w.text(
      `目标口径：考核目标按年度设定。比率、平均值和事项库现状类指标“按年度目标判定”，任何统计期都用年度目标原值；` +
        `办件量、评价数等累计类指标“目标按期间折算”：年度目标 × 统计期天数 ÷ 全年天数（本期 ${days}/${yearDays}），括号内为年度目标。`,
      { size: 8.5, color: '#555555' },
    );
  }

  const top = r.departments.filter((d) => d.name).slice(0, 10);
  if (top.length) {
    doc.addPage();
    w.heading('二、各部门办件量与按时办结率');
    // A horizontal bar chart: the bar is the number of cases received, the label the on-time rate.
    const max = Math.max(1, ...top.map((d) => d.received));
    const labelWidth = width * 0.34;
    const barMax = width - labelWidth - 130;
    let y = doc.y + 4;
    for (const d of top) {
      doc
        .font('regular')
        .fontSize(9)
        .fillColor('#1a1a1a')
        .text(d.name ?? '', left, y + 2, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
      const len = Math.max(1, (d.received / max) * barMax);
      doc.rect(left + labelWidth, y, len, 12).fill('#1456c8');
      doc
        .font('regular')
        .fontSize(8.5)
        .fillColor('#333333')
        .text(`${d.received} 件 · 按时 ${pct(d.onTimeRate)}`, left + labelWidth + len + 6, y + 2, { width: 130, lineBreak: false });
      y += 20;
    }
    doc.x = left;
    doc.y = y + 10;
    w.heading('三、各部门办件与评价');
    const dcols = [0, 0.3, 0.4, 0.5, 0.63, 0.76, 0.88];
    const drow = (cells: string[], bold = false) => {
      const yy = doc.y;
      doc
        .font(bold ? 'bold' : 'regular')
        .fontSize(9)
        .fillColor(bold ? '#14409a' : '#1a1a1a');
      for (const [i, c] of cells.entries())
        doc.text(c, left + dcols[i] * width, yy, { width: ((dcols[i + 1] ?? 1) - dcols[i]) * width - 6, lineBreak: false, ellipsis: true });
      doc.x = left;
      doc.y = yy + 16;
    };
    drow(['部门', '受理', '办结', '按时办结率', '主动评价率', '平均评分', '差评'], true);
    for (const d of r.departments.filter((x) => x.name)) {
      if (doc.y > doc.page.height - 80) doc.addPage();
      drow([
        d.name ?? '',
        String(d.received),
        String(d.completed),
        pct(d.onTimeRate),
        pct(d.activeRatingRate),
        score(d.averageScore),
        String(d.badRatings),
      ]);
    }
  }
  doc.x = left;
  w.text('');
  w.text('说明：各项指标的定义见附表（Excel）“指标”工作表；数据来自平台办件、评价与事项库，按统计期汇总。', {
    size: 8.5,
    color: '#666666',
  });
  return w.save();
}

/**
 * The report as an Excel workbook: 说明, 指标 (with definitions, numerators and denominators, the target
 * and how it applies) and 部门. Figures are numeric cells with the number format of their unit (rates
 * as per cent), dates are date cells, empty figures empty cells; every text cell goes through `safeCell`.
 */
export async function renderReportXlsx(r: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '通办 Tongban';
  const info = wb.addWorksheet('说明');
  info.addRows([
    ['报告', safeCell(r.title)],
    ['范围', safeCell(`${r.regionName}${r.departmentName ? ` · ${r.departmentName}` : ''}`)],
    ['统计期起', excelDate(r.period.from)],
    ['统计期止', excelDate(r.period.to)],
    ['生成时间', excelDate(r.generatedAt)],
  ]);
  info.getCell('B3').numFmt = 'yyyy-mm-dd';
  info.getCell('B4').numFmt = 'yyyy-mm-dd';
  info.getCell('B5').numFmt = 'yyyy-mm-dd hh:mm';
  info.getCell('B2').alignment = { horizontal: 'left' };
  for (const c of ['B3', 'B4', 'B5']) info.getCell(c).alignment = { horizontal: 'left' };
  info.getColumn(1).width = 12;
  info.getColumn(2).width = 48;

  const ind = wb.addWorksheet('指标');
  ind.columns = [
    { header: '指标', key: 'zh', width: 22 },
    { header: '本期数值', key: 'value', width: 12 },
    { header: '分子', key: 'numerator', width: 10 },
    { header: '分母', key: 'denominator', width: 10 },
    { header: '比较', key: 'comparator', width: 6 },
    { header: '考核目标（本期）', key: 'target', width: 16 },
    { header: '年度目标', key: 'annual', width: 10 },
    { header: '目标口径', key: 'basis', width: 16 },
    { header: '是否达标', key: 'met', width: 10 },
    { header: '差距', key: 'gap', width: 10 },
    { header: '定义', key: 'definition', width: 80 },
  ];
  for (const i of r.indicators) {
    const t = i.target;
    const row = ind.addRow({
      zh: safeCell(i.zh),
      value: i.value,
      numerator: i.numerator,
      denominator: i.denominator,
      comparator: t ? comparatorText(t.comparator) : null,
      target: t?.value ?? null,
      annual: t?.annualValue ?? null,
      basis: t ? basisText[t.basis] : null,
      met: t && t.met !== null ? metText(t) : null,
      gap: t?.gap ?? null,
      definition: safeCell(i.definitionZh),
    });
    row.getCell('value').numFmt = numberFormatOf(i.unit, i.value);
    row.getCell('numerator').numFmt = i.numerator !== null && !Number.isInteger(i.numerator) ? '0.00' : '0';
    row.getCell('denominator').numFmt = '0';
    row.getCell('target').numFmt = numberFormatOf(i.unit, t?.value ?? null);
    row.getCell('annual').numFmt = numberFormatOf(i.unit, t?.annualValue ?? null);
    row.getCell('gap').numFmt = numberFormatOf(i.unit, t?.gap ?? null);
  }
  ind.getRow(1).font = { bold: true };

  const dep = wb.addWorksheet('部门');
  dep.columns = [
    { header: '部门', key: 'name', width: 30 },
    { header: '受理', key: 'received', width: 10, style: { numFmt: '0' } },
    { header: '办结', key: 'completed', width: 10, style: { numFmt: '0' } },
    { header: '按时办结率', key: 'onTime', width: 12, style: { numFmt: '0.00%' } },
    { header: '主动评价率', key: 'rated', width: 12, style: { numFmt: '0.00%' } },
    { header: '平均评分', key: 'score', width: 10, style: { numFmt: '0.00' } },
    { header: '差评', key: 'bad', width: 8, style: { numFmt: '0' } },
  ];
  for (const d of r.departments) {
    dep.addRow({
      name: safeCell(d.name ?? '（未归属部门）'),
      received: d.received,
      completed: d.completed,
      onTime: d.onTimeRate,
      rated: d.activeRatingRate,
      score: d.averageScore,
      bad: d.badRatings,
    });
  }
  dep.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
