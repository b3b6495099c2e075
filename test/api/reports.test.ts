import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReport, scheduleReports } from '../../src/server/modules/reports/service.ts';
import { login, type Client } from './client.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * 考核通报: a supervisor asks for a region's monthly report; the job queue writes its PDF (with the
 * department chart) and its Excel workbook (indicators with definitions); the same request twice is
 * one report; the daily cron queues each region's reports once; bad periods, foreign regions and
 * unfinished reports get precise answers.
 */
let p: TestPlatform;
let supervisor: Client;
beforeAll(async () => {
  p = await startTestPlatform({ handlers: (ctx) => ({ 'reports.generate': async ({ reportId }) => generateReport(ctx, reportId) }) });
  p.clock.set('2026-11-23T10:00:00+08:00');
  supervisor = await login(p.app, 'supervisor1');
});
afterAll(async () => {
  await p?.close();
});

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
    expect(Number(row.getCell(2).text)).toBeGreaterThan(700);
    expect(row.getCell(7).text.length).toBeGreaterThan(4);
    // Each request that made a report is audited.
    const audited = await p.ctx.db.selectFrom('audit_events').select('action').where('action', '=', 'report.request').execute();
    expect(audited).toHaveLength(1);
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
