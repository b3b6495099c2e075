import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatValue, renderReportPdf, renderReportXlsx, type ReportData } from './render.ts';

const data: ReportData = {
  title: '石泉县政务服务月度通报（2026-10-01 至 2026-10-31）',
  regionName: '石泉县',
  departmentName: null,
  period: { from: '2026-10-01', to: '2026-10-31' },
  generatedAt: '2026-11-01 01:10',
  indicators: [
    {
      key: 'onTimeRate',
      zh: '按时办结率',
      definitionZh: '=按期办结的办件 ÷ 办结的办件',
      unit: 'ratio',
      value: 0.97,
      numerator: 97,
      denominator: 100,
      target: { value: 0.99, comparator: 'gte', met: false, gap: -0.02 },
    },
    {
      key: 'publishedItems',
      zh: '事项总数',
      definitionZh: '已发布的事项',
      unit: 'count',
      value: 726,
      numerator: null,
      denominator: null,
      target: null,
    },
  ],
  departments: [
    {
      name: '=HYPERLINK("http://evil","点我")',
      received: 12,
      completed: 10,
      onTimeRate: 0.9,
      activeRatingRate: 0.8,
      averageScore: 4.6,
      badRatings: 1,
    },
    { name: '＝1+1', received: 3, completed: 3, onTimeRate: 1, activeRatingRate: null, averageScore: null, badRatings: 0 },
  ],
};

describe('report files', () => {
  it('neutralises formula-like text in every Excel cell, full-width ＝ included', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(data)) as unknown as ArrayBuffer);
    const dep = wb.getWorksheet('部门')!;
    expect(dep.getRow(2).getCell(1).value).toBe('\'=HYPERLINK("http://evil","点我")');
    expect(dep.getRow(3).getCell(1).value).toBe("'＝1+1");
    expect(wb.getWorksheet('指标')!.getRow(2).getCell(7).value).toBe("'=按期办结的办件 ÷ 办结的办件");
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
  });

  it('prints rates in per cent and draws the PDF', async () => {
    expect(formatValue('ratio', 0.65147)).toBe('65.15%');
    expect(formatValue('count', 726)).toBe('726');
    expect(formatValue('days', null)).toBe('—');
    const pdf = await renderReportPdf(data);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length).toBe(2);
  });
});
