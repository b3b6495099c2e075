import ExcelJS from 'exceljs';
import { createPdf } from '../../platform/pdf.ts';
import { safeCell } from '../../platform/spreadsheet.ts';
import type { IndicatorUnit } from '../supervision/index.ts';

/** What a report shows: the indicators with their targets, and the departments' figures. */
export type ReportData = {
  title: string;
  regionName: string;
  departmentName: string | null;
  period: { from: string; to: string };
  generatedAt: string;
  indicators: Array<{
    key: string;
    zh: string;
    definitionZh: string;
    unit: IndicatorUnit;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    target: { value: number; comparator: 'gte' | 'lte'; met: boolean | null; gap: number | null } | null;
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

/** A value as the report prints it: rates in per cent, counts whole, days and averages with two decimals. */
export function formatValue(unit: IndicatorUnit, v: number | null): string {
  if (v === null) return '—';
  if (unit === 'ratio') return `${(v * 100).toFixed(2)}%`;
  if (unit === 'count') return String(Math.round(v));
  return v.toFixed(2);
}

function targetText(unit: IndicatorUnit, t: ReportData['indicators'][number]['target']): string {
  if (!t) return '—';
  return `${t.comparator === 'gte' ? '≥' : '≤'} ${formatValue(unit, t.value)}`;
}

function metText(t: ReportData['indicators'][number]['target']): string {
  if (!t || t.met === null) return '—';
  return t.met ? '达标' : '未达标';
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

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
  const cols = [0, 0.34, 0.56, 0.78];
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
  row(['指标', '本期数值', '考核目标', '是否达标'], { bold: true, color: '#14409a' });
  for (const i of r.indicators) {
    if (doc.y > doc.page.height - 90) doc.addPage();
    row([i.zh, formatValue(i.unit, i.value), targetText(i.unit, i.target), metText(i.target)], {
      color: i.target?.met === false ? '#b42318' : '#1a1a1a',
    });
  }

  const top = r.departments.filter((d) => d.name).slice(0, 10);
  if (top.length) {
    doc.addPage();
    w.heading('二、各部门办件量与按时办结率');
    // A horizontal bar chart: the bar is the number of cases received, the label the on-time rate.
    const max = Math.max(1, ...top.map((d) => d.received));
    const labelWidth = width * 0.34;
    const barMax = width - labelWidth - 90;
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
        .text(`${d.received} 件 · 按时 ${pct(d.onTimeRate)}`, left + labelWidth + len + 6, y + 2, { width: 120, lineBreak: false });
      y += 20;
    }
    doc.x = left;
    doc.y = y + 10;
    w.heading('三、各部门办件与评价');
    const dcols = [0, 0.34, 0.45, 0.56, 0.7, 0.84];
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
    drow(['部门', '受理', '办结', '按时办结率', '主动评价率', '差评'], true);
    for (const d of r.departments.filter((x) => x.name)) {
      if (doc.y > doc.page.height - 80) doc.addPage();
      drow([d.name ?? '', String(d.received), String(d.completed), pct(d.onTimeRate), pct(d.activeRatingRate), String(d.badRatings)]);
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

/** The report as an Excel workbook: 指标 (with definitions, numerators and denominators) and 部门. Text cells are formula-safe. */
export async function renderReportXlsx(r: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '通办 Tongban';
  const info = wb.addWorksheet('说明');
  info.addRows([
    ['报告', safeCell(r.title)],
    ['范围', safeCell(`${r.regionName}${r.departmentName ? ` · ${r.departmentName}` : ''}`)],
    ['统计期', `${r.period.from} 至 ${r.period.to}`],
    ['生成时间', r.generatedAt],
  ]);
  info.getColumn(1).width = 12;
  info.getColumn(2).width = 48;

  const ind = wb.addWorksheet('指标');
  ind.columns = [
    { header: '指标', key: 'zh', width: 22 },
    { header: '本期数值', key: 'value', width: 14 },
    { header: '分子', key: 'numerator', width: 10 },
    { header: '分母', key: 'denominator', width: 10 },
    { header: '考核目标', key: 'target', width: 14 },
    { header: '是否达标', key: 'met', width: 10 },
    { header: '定义', key: 'definition', width: 80 },
  ];
  for (const i of r.indicators) {
    ind.addRow({
      zh: safeCell(i.zh),
      value: formatValue(i.unit, i.value),
      numerator: i.numerator ?? '',
      denominator: i.denominator ?? '',
      target: targetText(i.unit, i.target),
      met: metText(i.target),
      definition: safeCell(i.definitionZh),
    });
  }
  ind.getRow(1).font = { bold: true };

  const dep = wb.addWorksheet('部门');
  dep.columns = [
    { header: '部门', key: 'name', width: 30 },
    { header: '受理', key: 'received', width: 10 },
    { header: '办结', key: 'completed', width: 10 },
    { header: '按时办结率', key: 'onTime', width: 12 },
    { header: '主动评价率', key: 'rated', width: 12 },
    { header: '平均评分', key: 'score', width: 10 },
    { header: '差评', key: 'bad', width: 8 },
  ];
  for (const d of r.departments) {
    dep.addRow({
      name: safeCell(d.name ?? '（未归属部门）'),
      received: d.received,
      completed: d.completed,
      onTime: pct(d.onTimeRate),
      rated: pct(d.activeRatingRate),
      score: d.averageScore === null ? '—' : d.averageScore.toFixed(2),
      bad: d.badRatings,
    });
  }
  dep.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
