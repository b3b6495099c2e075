import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { excelDate, formatValue, numberFormatOf, renderReportPdf, renderReportXlsx, type ReportData } from './render.ts';

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
      value: 43 / 66,
      numerator: 43,
      denominator: 66,
      target: { value: 0.99, annualValue: 0.99, basis: 'annual', comparator: 'gte', met: false, gap: 43 / 66 - 0.99 },
    },
    {
      key: 'averageScore',
      zh: '平均评分',
      definitionZh: '有效评价分值（1–5）的平均值。',
      unit: 'score',
      value: 119 / 25,
      numerator: 119,
      denominator: 25,
      target: null,
    },
    {
      key: 'ratings',
      zh: '评价数',
      definitionZh: '统计期内收到的有效评价数。',
      unit: 'count',
      value: 25,
      numerator: 25,
      denominator: null,
      target: { value: (600 * 31) / 365, annualValue: 600, basis: 'prorated', comparator: 'gte', met: false, gap: 25 - (600 * 31) / 365 },
    },
    {
      key: 'avgHandlingHours',
      zh: '平均办理时长（小时）',
      definitionZh: '自提交至办结的时长（小时）的平均值。',
      unit: 'hours',
      value: 30.5 / 4,
      numerator: 30.5,
      denominator: 4,
      target: null,
    },
    {
      key: 'publishedItems',
      zh: '事项总数',
      definitionZh: '已发布的事项',
      unit: 'count',
      value: 726,
      numerator: 726,
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
    {
      name: '石泉县民政局',
      received: 25,
      completed: 21,
      onTimeRate: 43 / 66,
      activeRatingRate: 2 / 3,
      averageScore: 119 / 25,
      badRatings: 1,
    },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'report-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report figures as printed', () => {
  it('keeps two decimals for rates (per cent), scores, hours and pro-rated targets; counts stay whole', () => {
    expect(formatValue('ratio', 0.65147)).toBe('65.15%');
    expect(formatValue('ratio', 1)).toBe('100.00%');
    expect(formatValue('score', 4.7619)).toBe('4.76');
    expect(formatValue('score', 5)).toBe('5.00');
    expect(formatValue('days', 2.345)).toBe('2.35');
    expect(formatValue('count', 726)).toBe('726');
    expect(formatValue('count', (600 * 31) / 365)).toBe('50.96');
    expect(formatValue('days', null)).toBe('—');
  });

  it('gives Excel the number format of the unit, and dates without a time zone shift', () => {
    expect(numberFormatOf('ratio', 0.6515)).toBe('0.00%');
    expect(numberFormatOf('count', 726)).toBe('0');
    expect(numberFormatOf('count', 50.96)).toBe('0.00');
    expect(numberFormatOf('score', 4.76)).toBe('0.00');
    expect(excelDate('2026-10-31').toISOString()).toBe('2026-10-31T00:00:00.000Z');
    expect(excelDate('2026-11-01 01:10').toISOString()).toBe('2026-11-01T01:10:00.000Z');
  });
});

describe('report files', () => {
  it('neutralises formula-like text in every Excel cell, full-width ＝ included', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(data)) as unknown as ArrayBuffer);
    const dep = wb.getWorksheet('部门')!;
    expect(dep.getRow(2).getCell(1).value).toBe('\'=HYPERLINK("http://evil","点我")');
    expect(dep.getRow(3).getCell(1).value).toBe("'＝1+1");
    expect(wb.getWorksheet('指标')!.getRow(2).getCell('K').value).toBe("'=按期办结的办件 ÷ 办结的办件");
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
  });

  it('writes figures as numbers with their formats, dates as dates, and says how each target applies', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(data)) as unknown as ArrayBuffer);
    const ind = wb.getWorksheet('指标')!;
    const header = (ind.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '指标',
      '本期数值',
      '分子',
      '分母',
      '比较',
      '考核目标（本期）',
      '年度目标',
      '目标口径',
      '是否达标',
      '差距',
      '定义',
    ]);
    const rowOf = (zh: string) => ind.getRows(2, ind.rowCount - 1)!.find((r) => r.getCell(1).value === zh)!;

    const onTime = rowOf('按时办结率');
    expect(onTime.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(onTime.getCell(2).value).toBeCloseTo(0.651515, 6);
    expect(onTime.getCell(2).numFmt).toBe('0.00%');
    expect(onTime.getCell(3).value).toBe(43);
    expect(onTime.getCell(6).value).toBe(0.99);
    expect(onTime.getCell(6).numFmt).toBe('0.00%');
    expect(onTime.getCell(8).value).toBe('按年度目标判定');
    expect(onTime.getCell(9).value).toBe('未达标');

    const score = rowOf('平均评分');
    expect(score.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(score.getCell(2).value).toBe(4.76);
    expect(score.getCell(2).numFmt).toBe('0.00');
    expect(score.getCell(6).type).toBe(ExcelJS.ValueType.Null);

    const ratings = rowOf('评价数');
    expect(ratings.getCell(2).value).toBe(25);
    expect(ratings.getCell(2).numFmt).toBe('0');
    expect(ratings.getCell(5).value).toBe('≥');
    expect(ratings.getCell(6).value).toBeCloseTo(50.958904, 6);
    expect(ratings.getCell(6).numFmt).toBe('0.00');
    expect(ratings.getCell(7).value).toBe(600);
    expect(ratings.getCell(8).value).toBe('目标按期间折算');

    const hours = rowOf('平均办理时长（小时）');
    expect(hours.getCell(3).value).toBe(30.5);
    expect(hours.getCell(3).numFmt).toBe('0.00');

    const dep = wb.getWorksheet('部门')!;
    const civil = dep.getRow(4);
    expect(civil.getCell(1).value).toBe('石泉县民政局');
    expect(civil.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(civil.getCell(4).value).toBeCloseTo(0.651515, 6);
    expect(civil.getCell(4).numFmt).toBe('0.00%');
    expect(civil.getCell(6).value).toBe(4.76);
    expect(civil.getCell(6).numFmt).toBe('0.00');
    expect(dep.getRow(3).getCell(5).type).toBe(ExcelJS.ValueType.Null);

    const info = wb.getWorksheet('说明')!;
    expect(info.getCell('B3').type).toBe(ExcelJS.ValueType.Date);
    expect((info.getCell('B3').value as Date).toISOString().slice(0, 10)).toBe('2026-10-01');
    expect(info.getCell('B3').numFmt).toBe('yyyy-mm-dd');
    expect((info.getCell('B5').value as Date).toISOString()).toBe('2026-11-01T01:10:00.000Z');
  });

  it('prints 4.76, 65.15% and the pro-rated target in the PDF a supervisor reads (pdftotext)', async () => {
    const pdf = await renderReportPdf(data);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length).toBe(2);
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const text = out.stdout;
    // The last line that starts so: the tables come after the header and the chart.
    const line = (start: string) => text.split('\n').findLast((l) => l.trim().startsWith(start)) ?? '';
    expect(line('平均评分')).toMatch(/平均评分\s+4\.76\s/);
    expect(line('按时办结率')).toMatch(/按时办结率\s+65\.15%\s+≥ 99\.00%\s+按年度目标判定\s+未达标/);
    expect(line('评价数')).toMatch(/评价数\s+25\s+≥ 50\.96（年 600）\s+目标按期间折算\s+未达标/);
    expect(line('事项总数')).toMatch(/事项总数\s+726\s/);
    expect(text).toContain('本期 31/365');
    expect(line('石泉县民政局')).toMatch(/石泉县民政局\s+25\s+21\s+65\.15%\s+66\.67%\s+4\.76\s+1/);
  });
});
