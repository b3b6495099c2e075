import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import { addCalendarDays, shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ReportKind } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/policies.ts';
import { getBreakdown, getIndicators } from '../supervision/index.ts';
import { renderReportPdf, renderReportXlsx, type ReportData } from './render.ts';
import * as repo from './repo.ts';

export const reportKinds: ReportKind[] = ['daily', 'weekly', 'monthly'];
const kindNames: Record<ReportKind, string> = { daily: '日统计', weekly: '周调度', monthly: '月度通报' };

/** Weekday of a YYYY-MM-DD date, Monday = 1 … Sunday = 7. */
function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The period a report covers, given its first day: that day; its week (Monday–Sunday); its month. */
export function periodStarting(kind: ReportKind, from: string): { from: string; to: string } {
  if (kind === 'daily') return { from, to: from };
  if (kind === 'weekly') {
    if (isoWeekday(from) !== 1)
      throw new AppError('REPORT_PERIOD_INVALID', { fields: [{ field: 'body.from', reason: 'weekStartsOnMonday' }] });
    return { from, to: addCalendarDays(from, 6) };
  }
  if (!from.endsWith('-01'))
    throw new AppError('REPORT_PERIOD_INVALID', { fields: [{ field: 'body.from', reason: 'monthStartsOnFirst' }] });
  const [y, m] = from.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from, to: `${from.slice(0, 8)}${String(last).padStart(2, '0')}` };
}

/** The last complete period of a kind before `today` (Asia/Shanghai): yesterday, last week, last month. */
export function lastCompletePeriod(kind: ReportKind, today: string): { from: string; to: string } {
  if (kind === 'daily') return periodStarting(kind, addCalendarDays(today, -1));
  if (kind === 'weekly') return periodStarting(kind, addCalendarDays(today, -(isoWeekday(today) - 1) - 7));
  const [y, m] = today.split('-').map(Number);
  const prev = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
  return periodStarting(kind, prev);
}

/** How the generator reads: as a supervisor of the report's region would (the same authorized services). */
function readerOf(regionCode: string): Actor {
  return {
    accountId: '00000000-0000-0000-0000-000000000000',
    username: 'reports',
    kind: 'staff',
    roles: ['supervisor'],
    departmentId: null,
    regionCode,
    hallId: null,
    window: null,
    personId: null,
    organizationIds: [],
    sessionId: 'reports',
    ip: null,
  };
}

type RequestInput = { kind: ReportKind; regionCode?: string; departmentId?: string; from?: string };

/**
 * Asks for a report (a supervisor or system admin of the region): the given period, or the last
 * complete one. A report that exists is returned as it is (a failed one is queued again); a new
 * one is queued for the job queue, which writes its PDF and Excel.
 */
export async function requestReport(ctx: AppContext, actor: Actor, input: RequestInput) {
  const regionCode = input.regionCode ?? actor.regionCode ?? '';
  authorize(actor, 'supervision.read', { type: 'region', code: regionCode });
  if (input.departmentId) {
    const dept = await repo.findDepartmentName(ctx.db, input.departmentId);
    if (!dept || !dept.region_code.startsWith(regionCode)) throw new AppError('DEPARTMENT_NOT_FOUND');
  }
  const today = shanghaiDate(ctx.now());
  const period = input.from ? periodStarting(input.kind, input.from) : lastCompletePeriod(input.kind, today);
  if (period.to >= today)
    throw new AppError('REPORT_PERIOD_INVALID', { fields: [{ field: 'body.from', reason: 'periodNotOver' }], to: period.to, today });
  return ctx.db.transaction().execute(async (trx) => {
    const { report, created } = await repo.insertOrFindReport(trx, {
      kind: input.kind,
      region_code: regionCode,
      department_id: input.departmentId ?? null,
      period_from: period.from,
      period_to: period.to,
      requested_by: actor.accountId,
    });
    if (created || report.status === 'failed') {
      await ctx.jobs.enqueue(trx, 'reports.generate', { reportId: report.id });
      await appendAuditEvent(trx, ctx.auditKey, {
        actor: { accountId: actor.accountId, kind: actor.kind },
        action: 'report.request',
        entityType: 'report',
        entityId: report.id,
        after: { kind: input.kind, regionCode, departmentId: input.departmentId ?? null, ...period },
        ip: actor.ip,
      });
    }
    return report;
  });
}

export async function listReports(ctx: AppContext, actor: Actor, q: { regionCode?: string; page: number; pageSize: number }) {
  const regionCode = q.regionCode ?? actor.regionCode ?? '';
  authorize(actor, 'supervision.read', { type: 'region', code: regionCode });
  return repo.listReports(ctx.db, regionCode, q.pageSize, (q.page - 1) * q.pageSize);
}

/** The PDF or Excel of a ready report, for readers of its region. */
export async function reportFile(ctx: AppContext, actor: Actor, id: string, format: 'pdf' | 'xlsx') {
  const report = await repo.findReport(ctx.db, id);
  if (!report) throw new AppError('REPORT_NOT_FOUND');
  authorize(actor, 'supervision.read', { type: 'region', code: report.region_code }, 'REPORT_NOT_FOUND');
  const sm3 = format === 'pdf' ? report.pdf_sm3 : report.xlsx_sm3;
  if (report.status !== 'ready' || !sm3) throw new AppError('REPORT_NOT_READY', { status: report.status });
  return { report, bytes: await ctx.files.get(sm3) };
}

/** The job: reads the indicators and the departments' figures for the period, renders both files, stores them. */
export async function generateReport(ctx: AppContext, reportId: string): Promise<void> {
  const report = await repo.findReport(ctx.db, reportId);
  if (!report || report.status === 'ready') return;
  try {
    const reader = readerOf(report.region_code);
    const scope = {
      regionCode: report.region_code,
      from: report.period_from,
      to: report.period_to,
      departmentId: report.department_id ?? undefined,
    };
    const [indicators, departments] = await Promise.all([
      getIndicators(ctx, reader, scope),
      getBreakdown(ctx, reader, { ...scope, by: 'department', limit: 100 }),
    ]);
    const departmentName = report.department_id ? ((await repo.findDepartmentName(ctx.db, report.department_id))?.name ?? null) : null;
    const data: ReportData = {
      title: `${indicators.region.name}${departmentName ?? ''}政务服务${kindNames[report.kind]}（${report.period_from === report.period_to ? report.period_from : `${report.period_from} 至 ${report.period_to}`}）`,
      regionName: indicators.region.name,
      departmentName,
      period: { from: report.period_from, to: report.period_to },
      generatedAt: new Date(ctx.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '),
      indicators: indicators.indicators.map((i) => ({
        key: i.key,
        zh: i.zh,
        definitionZh: i.definitionZh,
        unit: i.unit,
        value: i.value,
        numerator: i.numerator,
        denominator: i.denominator,
        target: i.target,
      })),
      departments: departments.rows.map((d) => ({
        name: d.name,
        received: d.received,
        completed: d.completed,
        onTimeRate: d.onTimeRate,
        activeRatingRate: d.activeRatingRate,
        averageScore: d.averageScore,
        badRatings: d.badRatings,
      })),
    };
    const [pdf, xlsx] = await Promise.all([renderReportPdf(data), renderReportXlsx(data)]);
    const [p, x] = await Promise.all([ctx.files.put(pdf), ctx.files.put(xlsx)]);
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertFile(trx, { sm3: p.sm3, size: p.size, media_type: 'application/pdf' });
      await repo.insertFile(trx, {
        sm3: x.sm3,
        size: x.size,
        media_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
      await repo.markReady(trx, report.id, { pdf_sm3: p.sm3, xlsx_sm3: x.sm3 }, ctx.now());
    });
  } catch (err) {
    await repo.markFailed(ctx.db, report.id, (err as Error).message);
    throw err;
  }
}

/** The daily cron: every supervised region gets yesterday's statistics, last week's dispatch and last month's 通报, once each. */
export async function scheduleReports(ctx: AppContext): Promise<number> {
  const today = shanghaiDate(ctx.now());
  let queued = 0;
  for (const regionCode of await repo.supervisedRegions(ctx.db)) {
    for (const kind of reportKinds) {
      const period = lastCompletePeriod(kind, today);
      await ctx.db.transaction().execute(async (trx) => {
        const { report, created } = await repo.insertOrFindReport(trx, {
          kind,
          region_code: regionCode,
          department_id: null,
          period_from: period.from,
          period_to: period.to,
          requested_by: null,
        });
        if (created) {
          await ctx.jobs.enqueue(trx, 'reports.generate', { reportId: report.id });
          queued++;
        }
      });
    }
  }
  return queued;
}
