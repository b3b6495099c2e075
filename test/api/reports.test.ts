import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApplicant, insertEvaluationRows } from '../../seed/history.ts';
import { generateReport, scheduleReports } from '../../src/server/modules/reports/service.ts';
import { login, type Client } from './client.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * 考核通报: a supervisor asks for a region's monthly report; the job queue writes its PDF (with the
 * department chart) and its Excel workbook (indicators with definitions); the same request twice is
 * one report; the daily cron queues each region's reports once; bad periods, foreign regions and
 * unfinished reports get precise answers. The figures are printed as a supervisor reads them: October
 * holds 25 ratings of 石泉县民政局 (21 × 5, 3 × 4, 1 × 2: average 4.76, 满意率 96.00%), judged against
 * the county's 2026 targets 满意率 ≥ 98% (a rate: as is) and 评价数 ≥ 600 (a flow: pro-rated).
 */
let p: TestPlatform;
let supervisor: Client;
const dir = mkdtempSync(join(tmpdir(), 'reports-test-'));
beforeAll(async () => {
  p = await startTestPlatform({ handlers: (ctx) => ({ 'reports.generate': async ({ reportId }) => generateReport(ctx, reportId) }) });
  p.clock.set('2026-11-23T10:00:00+08:00');
  supervisor = await login(p.app, 'supervisor1');
  const civil = await p.ctx.db
    .selectFrom('departments')
    .select('id')
    .where('region_code', '=', '610922')
    .where('key', '=', 'civil')
    .executeTakeFirstOrThrow();
  const rater = await demoApplicant(p.ctx);
  const scores = [...Array(21).fill(5), 4, 4, 4, 2] as number[];
  await insertEvaluationRows(
    p.ctx,
    scores.map((score, i) => ({
      caseId: null,
      channel: 'online' as const,
      score,
      comment: score <= 2 ? '等待时间太长' : null,
      itemId: null,
      departmentId: civil.id,
      regionCode: '610922',
      hallId: null,
      windowId: null,
      staffIds: [],
      raterAccountId: rater.accountId,
      // One rating a day from 1 October, the bad one on the 25th.
      createdAt: new Date(`2026-10-${String(i + 1).padStart(2, '0')}T15:00:00+08:00`),
    })),
  );
  const admin = await login(p.app, 'admin1');
  for (const [indicator, value] of [
    ['satisfactionRate', 0.98],
    ['ratings', 600],
  ] as const) {
    const res = await admin.put('/api/v1/supervision/targets', { regionCode: '610922', year: 2026, indicator, value });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  await p?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Asks for a report and waits until the job has written it. */
async function readyReport(body: { kind: string; from: string }): Promise<Report> {
  const asked = await supervisor.post('/api/v1/supervision/reports', body);
  expect(asked.statusCode, asked.body).toBe(202);
  return eventually(async () => {
    const list = (await supervisor.get('/api/v1/supervision/reports?pageSize=100')).json() as { items: Report[] };
    return list.items.find((r) => r.id === asked.json().id && r.status === 'ready');
  }, 60_000);
}

async function workbookOf(report: Report) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await supervisor.get(report.xlsxUrl!)).rawPayload as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('指标')!;
  const row = (zh: string) => sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).text === zh)!;
  return { wb, row };
}

type Report = { id: string; status: string; from: string; to: string; pdfUrl: string | null; xlsxUrl: string | null };

describe(`periodic reports (${testDb})`, () => {
  it('writes the monthly 通报 of 石泉县 as a PDF and a formula-safe Excel workbook, once', async () => {
    const asked = await supervisor.post('/api/v1/supervision/reports', { kind: 'monthly', from: '2026-10-01' });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json()).toMatchObject({ kind: 'monthly', regionCode: '610922', from: '2026-10-01', to: '2026-10-31' });
    const again = await supervisor.post('/api/v1/supervision/reports', { kind: 'monthly', from: '2026-10-01' });
    expect(again.json().id).toBe(asked.json().id);

    const ready = await eventually(async () => {
      const res = await supervisor.get('/api/v1/supervision/reports');
      const list = res.json() as { items: Report[] };
      if (!list.items) throw new Error(res.body);
      return list.items.find((r) => r.id === asked.json().id && r.status === 'ready');
    }, 60_000);
    const pdf = await supervisor.get(ready.pdfUrl!);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await supervisor.get(ready.xlsxUrl!);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('指标')!;
    const names = sheet.getColumn(1).values.slice(2).map(String);
    expect(names).toEqual(expect.arrayContaining(['事项总数', '最多跑一次占比', '满意率', '按时办结率']));
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).text === '事项总数')!;
    expect(row.getCell(2).value).toBeGreaterThan(700);
    expect(row.getCell(11).text.length).toBeGreaterThan(4);
    // Each request that made a report is audited.
    const audited = await p.ctx.db.selectFrom('audit_events').select('action').where('action', '=', 'report.request').execute();
    expect(audited).toHaveLength(1);
  });

  it('prints the average score 4.76, rates in per cent and how each target applies, in the PDF (pdftotext)', async () => {
    const report = await readyReport({ kind: 'monthly', from: '2026-10-01' });
    const file = join(dir, 'october.pdf');
    writeFileSync(file, (await supervisor.get(report.pdfUrl!)).rawPayload);
    const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout.split('\n').map((l) => l.trim());
    const line = (start: string) => lines.findLast((l) => l.startsWith(start)) ?? '';
    expect(line('平均评分')).toMatch(/^平均评分\s+4\.76\s/);
    expect(line('满意率')).toMatch(/^满意率\s+96\.00%\s+≥ 98\.00%\s+按年度目标判定\s+未达标$/);
    // 600 a year is 50.96 for October's 31 days: 25 ratings miss it.
    expect(line('评价数')).toMatch(/^评价数\s+25\s+≥ 50\.96（年 600）\s+目标按期间折算\s+未达标$/);
    expect(out.stdout).toContain('本期 31/365');
    expect(line('石泉县民政局')).toMatch(/^石泉县民政局\s+0\s+0\s+—\s+—\s+4\.76\s+1$/);
  });

  it('writes the Excel figures as numbers with per-cent formats, and the periods as dates', async () => {
    const report = await readyReport({ kind: 'monthly', from: '2026-10-01' });
    const { wb, row } = await workbookOf(report);
    const score = row('平均评分');
    expect(score.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(score.getCell(2).value).toBe(4.76);
    expect(score.getCell(2).numFmt).toBe('0.00');
    const satisfaction = row('满意率');
    expect(satisfaction.getCell(2).value).toBe(0.96);
    expect(satisfaction.getCell(2).numFmt).toBe('0.00%');
    expect(satisfaction.getCell(6).value).toBe(0.98);
    expect(satisfaction.getCell(8).value).toBe('按年度目标判定');
    expect(satisfaction.getCell(10).value).toBeCloseTo(-0.02, 9);
    const ratings = row('评价数');
    expect(ratings.getCell(2).value).toBe(25);
    expect(ratings.getCell(6).value).toBeCloseTo((600 * 31) / 365, 9);
    expect(ratings.getCell(7).value).toBe(600);
    expect(ratings.getCell(8).value).toBe('目标按期间折算');
    expect(ratings.getCell(9).value).toBe('未达标');
    const departments = wb.getWorksheet('部门')!;
    const civil = departments.getRows(2, departments.rowCount - 1)!.find((r) => r.getCell(1).text === '石泉县民政局')!;
    expect(civil.getCell(6).value).toBe(4.76);
    expect(civil.getCell(7).value).toBe(1);
    const info = wb.getWorksheet('说明')!;
    expect(info.getCell('B3').type).toBe(ExcelJS.ValueType.Date);
    expect((info.getCell('B3').value as Date).toISOString().slice(0, 10)).toBe('2026-10-01');
    expect((info.getCell('B4').value as Date).toISOString().slice(0, 10)).toBe('2026-10-31');
  });

  it("judges one day against the annual rate as is and against a day's share of the annual count", async () => {
    const report = await readyReport({ kind: 'daily', from: '2026-10-12' });
    const { row } = await workbookOf(report);
    expect(row('评价数').getCell(2).value).toBe(1);
    expect(row('评价数').getCell(6).value).toBeCloseTo(600 / 365, 9);
    expect(row('评价数').getCell(9).value).toBe('未达标');
    expect(row('满意率').getCell(2).value).toBe(1);
    expect(row('满意率').getCell(6).value).toBe(0.98);
    expect(row('满意率').getCell(9).value).toBe('达标');
    expect(row('平均评分').getCell(2).value).toBe(5);
  });

  it('refuses a period that does not start where its kind starts or is not over, a foreign region and a citizen', async () => {
    const bad = [
      { kind: 'weekly', from: '2026-11-04' },
      { kind: 'monthly', from: '2026-10-15' },
      { kind: 'monthly', from: '2026-11-01' },
      { kind: 'daily', from: '2026-11-23' },
    ];
    for (const body of bad) {
      const res = await supervisor.post('/api/v1/supervision/reports', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('REPORT_PERIOD_INVALID');
    }
    const weekly = await supervisor.post('/api/v1/supervision/reports', bad[0], { 'accept-language': 'en' });
    expect(weekly.json().error.details.fields).toEqual([
      { field: 'body.from', reason: 'weekStartsOnMonday', message: 'A weekly report starts on a Monday' },
    ]);
    expect((await supervisor.post('/api/v1/supervision/reports', { kind: 'daily', regionCode: '513424' })).statusCode).toBe(403);
    const citizen = await login(p.app, 'citizen1');
    expect((await citizen.post('/api/v1/supervision/reports', { kind: 'daily' })).statusCode).toBe(403);
    expect((await citizen.get('/api/v1/supervision/reports')).statusCode).toBe(403);
    expect((await supervisor.post('/api/v1/supervision/reports', { kind: 'daily', status: 'ready' })).json().error.code).toBe(
      'UNKNOWN_FIELD',
    );
  });

  it('answers 409 for a report still being written, and 404 for one of another region', async () => {
    const pending = await p.ctx.db
      .insertInto('supervision_reports')
      .values({ kind: 'daily', region_code: '610922', period_from: '2026-01-05', period_to: '2026-01-05' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await supervisor.get(`/api/v1/supervision/reports/${pending.id}/pdf`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('REPORT_NOT_READY');
    const foreign = await p.ctx.db
      .insertInto('supervision_reports')
      .values({ kind: 'daily', region_code: '513424', period_from: '2026-01-05', period_to: '2026-01-05' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await supervisor.get(`/api/v1/supervision/reports/${foreign.id}/xlsx`)).statusCode).toBe(404);
  });

  it("the daily cron queues yesterday's, last week's and last month's reports of each supervised region, once", async () => {
    const first = await scheduleReports(p.ctx);
    expect(first).toBeGreaterThanOrEqual(2);
    expect(await scheduleReports(p.ctx)).toBe(0);
    const made = await p.ctx.db
      .selectFrom('supervision_reports')
      .select(['kind', 'period_from', 'period_to'])
      .where('region_code', '=', '610922')
      .where('requested_by', 'is', null)
      .execute();
    expect(made).toEqual(
      expect.arrayContaining([
        { kind: 'daily', period_from: '2026-11-22', period_to: '2026-11-22' },
        { kind: 'weekly', period_from: '2026-11-16', period_to: '2026-11-22' },
      ]),
    );
    // October's monthly report was asked for by hand already: the cron did not make a second one.
    const octobers = await p.ctx.db
      .selectFrom('supervision_reports')
      .select('id')
      .where('kind', '=', 'monthly')
      .where('region_code', '=', '610922')
      .where('period_from', '=', '2026-10-01')
      .execute();
    expect(octobers).toHaveLength(1);
  });
});
