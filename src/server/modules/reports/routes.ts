import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/auth-hook.ts';
import { errorSchema, listOf, pageQuery } from '../../platform/http.ts';
import { regionCode, toStandard } from '../../platform/region-code.ts';
import * as service from './service.ts';

const report = z
  .object({
    id: z.uuid(),
    kind: z.enum(['daily', 'weekly', 'monthly']),
    regionCode,
    departmentId: z.uuid().nullable(),
    departmentName: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    status: z.enum(['pending', 'ready', 'failed']),
    generatedAt: z.string().nullable(),
    pdfUrl: z.string().nullable(),
    xlsxUrl: z.string().nullable(),
  })
  .meta({ id: 'Report' });
type Row = {
  id: string;
  kind: 'daily' | 'weekly' | 'monthly';
  region_code: string;
  department_id: string | null;
  department_name?: string | null;
  period_from: string;
  period_to: string;
  status: 'pending' | 'ready' | 'failed';
  generated_at: Date | string | null;
};
const present = (r: Row) => ({
  id: r.id,
  kind: r.kind,
  regionCode: r.region_code,
  departmentId: r.department_id,
  departmentName: r.department_name ?? null,
  from: r.period_from,
  to: r.period_to,
  status: r.status,
  generatedAt: r.generated_at ? new Date(r.generated_at).toISOString() : null,
  pdfUrl: r.status === 'ready' ? `/api/v1/supervision/reports/${r.id}/pdf` : null,
  xlsxUrl: r.status === 'ready' ? `/api/v1/supervision/reports/${r.id}/xlsx` : null,
});
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

/** 考核通报: periodic reports of a region (daily statistics, weekly dispatch, monthly 通报) as PDF and Excel. */
export function reportRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];

  app.get(
    '/api/v1/supervision/reports',
    {
      schema: {
        tags,
        summary: 'Reports of a region, newest period first',
        querystring: pageQuery.extend({
          regionCode: regionCode.optional(),
        }),
        response: { 200: listOf(report), ...errors },
      },
    },
    async (req) => {
      const { items, total } = await service.listReports(ctx, requireActor(req), req.query);
      return { items: items.map(present), total };
    },
  );

  app.post(
    '/api/v1/supervision/reports',
    {
      schema: {
        tags,
        summary: 'Asks for a report (the given period or the last complete one); the job queue writes its PDF and Excel',
        body: z.strictObject({
          kind: z.enum(['daily', 'weekly', 'monthly']),
          regionCode: regionCode.optional(),
          departmentId: z.uuid().optional(),
          from: z.iso.date().optional(),
        }),
        response: { 202: report, ...errors },
      },
    },
    async (req, reply) => reply.code(202).send(present(await service.requestReport(ctx, requireActor(req), req.body))),
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(
      `/api/v1/supervision/reports/:id/${format}`,
      {
        schema: {
          tags,
          summary: `The report's ${format === 'pdf' ? 'PDF (with charts)' : 'Excel workbook (formula-safe)'}`,
          params: z.strictObject({ id: z.uuid() }),
        },
      },
      async (req, reply) => {
        const { report: r, bytes } = await service.reportFile(ctx, requireActor(req), req.params.id, format);
        const name = `report-${toStandard(r.region_code)}-${r.kind}-${r.period_from}.${format}`;
        return reply
          .type(format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${name}"`)
          .send(bytes);
      },
    );
  }
}
