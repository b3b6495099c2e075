import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldMessage, pickLang } from '../../platform/errors.ts';
import { errorSchema, listOf, requireVersion } from '../../platform/http.ts';
import { toStandard } from '../../platform/region-code.ts';
import { fee } from './guide-schema.ts';
import { validateFormData } from './form-schema.ts';
import { renderGuidePdf } from './guide-pdf.ts';
import { exportCatalog, importCatalog } from './import-service.ts';
import { presentItem, presentItemDetail, presentSearchHit, presentVersion } from './present.ts';
import * as read from './query-service.ts';
import * as s from './schema.ts';
import * as svc from './service.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** The answer of GET /items/:code per cached published guide (a string is sent as is, not serialised again). */
const serialisedGuides = new WeakMap<object, string>();

/** The service catalog (事项库): public search and guides; the admin life cycle of versions. */
export function catalogRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalog'];

  app.get(
    '/api/v1/items',
    {
      config: { anonymous: true },
      schema: {
        security: [],
        tags,
        summary: 'Searches published items (Chinese, synonyms, filters)',
        querystring: s.searchQuery,
        response: { 200: listOf(s.itemSummary), ...errors },
      },
    },
    async (req) => {
      const { items, total } = await read.searchItems(ctx, req.query);
      return { items: items.map(presentItem), total };
    },
  );

  app.get(
    '/api/v1/search',
    {
      config: { anonymous: true },
      schema: {
        security: [],
        tags,
        summary: 'Searches what residents can apply for: published items and bundles (一件事) in one ranking',
        querystring: s.searchQuery,
        response: { 200: listOf(s.searchResult), ...errors },
      },
    },
    async (req) => {
      const { hits, total } = await read.searchCatalog(ctx, req.query);
      return { items: hits.map(presentSearchHit), total };
    },
  );

  app.get(
    '/api/v1/catalog/items',
    {
      schema: {
        tags,
        summary: 'Items of every status for editors (department admin: own department; system admin: region)',
        querystring: s.searchQuery.extend({ status: z.enum(['draft', 'published', 'withdrawn']).optional() }),
        response: { 200: listOf(s.itemSummary), ...errors },
      },
    },
    async (req) => {
      const { items, total } = await read.listItemsForEditor(ctx, requireActor(req), req.query);
      return { items: items.map(presentItem), total };
    },
  );

  app.post(
    '/api/v1/catalog/import',
    {
      schema: {
        tags,
        summary: 'Imports an implementation list (.xlsx or .csv, multipart field "file") as drafts; dryRun=true only checks',
        querystring: s.importQuery,
        response: { 200: s.importReport, ...errors, 413: errorSchema, 415: errorSchema, 422: errorSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      // An AppError is the edge's refusal of a name or filename (NUL, not UTF-8): it stands.
      const file = await req.file().catch((e: unknown) => {
        if (e instanceof AppError) throw e;
      });
      if (!file) throw new AppError('FILE_INVALID');
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch (e) {
        throw e instanceof AppError ? e : new AppError('BODY_TOO_LARGE');
      }
      if (bytes.length === 0) throw new AppError('FILE_INVALID');
      return importCatalog(ctx, actor, { bytes, filename: file.filename, dryRun: req.query.dryRun === 'true' });
    },
  );

  app.get(
    '/api/v1/catalog/export',
    {
      schema: {
        security: [],
        tags,
        summary: 'Published guides of a region in the import format',
        querystring: s.exportQuery,
      },
    },
    async (req, reply) => {
      const { regionCode, format } = req.query;
      const bytes = await exportCatalog(ctx, regionCode, format);
      const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return reply
        .type(type)
        .header('content-disposition', `attachment; filename="catalog-${toStandard(regionCode)}.${format}"`)
        .send(bytes);
    },
  );

  app.get(
    '/api/v1/items/:code',
    {
      config: { anonymous: true },
      schema: {
        security: [],
        tags,
        summary: 'The published guide of an item',
        params: s.codeParam,
        response: { 200: s.itemDetail, ...errors },
      },
    },
    async (req, reply) => {
      const published = await read.getPublishedItemCached(ctx, req.params.code);
      // Serialised once per cached guide (the schema check and JSON of a whole guide cost more than the rest of the request);
      // `encode`, as the route serialiser does, so the region code is written in the standard form.
      let body = serialisedGuides.get(published);
      if (body === undefined) {
        body = JSON.stringify(z.encode(s.itemDetail, presentItemDetail(published.item, published.version, published.guide)));
        serialisedGuides.set(published, body);
      }
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );

  app.get(
    '/api/v1/items/:code/guide.pdf',
    {
      schema: {
        security: [],
        tags,
        summary: 'The printable guide (PDF with Chinese text)',
        params: s.codeParam,
      },
    },
    async (req, reply) => {
      const { item, version, guide } = await read.getPublishedItemCached(ctx, req.params.code);
      const pdf = await renderGuidePdf(
        {
          implementationCode: item.implementation_code,
          departmentName: item.department_name,
          version: version.number,
          publishedAt: version.published_at ? new Date(version.published_at).toISOString() : null,
        },
        guide,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="guide-${item.implementation_code}.pdf"`)
        .send(pdf);
    },
  );

  app.post(
    '/api/v1/items/:code/form/validate',
    {
      schema: {
        security: [],
        tags,
        summary: 'Checks application form data against the published form (the same check a case submission runs)',
        params: s.codeParam,
        body: s.formValidateBody,
        response: { 200: s.formValidateResponse, ...errors },
      },
    },
    async (req) => {
      const { guide } = await read.getPublishedItemCached(ctx, req.params.code);
      const lang = pickLang(req.headers['accept-language']);
      const found = validateFormData(guide.form, req.body.data);
      return {
        valid: found.length === 0,
        errors: found.map((e) => ({ field: e.field, reason: e.reason, message: fieldMessage(e.reason, lang, e.params) })),
      };
    },
  );

  app.get(
    '/api/v1/item-themes',
    {
      schema: {
        security: [],
        tags,
        summary: 'Life themes for browsing',
        response: { ...errors, 200: z.array(z.object({ key: z.string(), name: z.string() })) },
      },
    },
    async () => read.listThemes(),
  );

  app.get(
    '/api/v1/fees',
    {
      schema: {
        security: [],
        tags,
        summary: '收费清单 of a region',
        querystring: s.regionQuery,
        response: {
          200: z.array(fee.extend({ implementationCode: z.string(), itemName: z.string(), departmentName: z.string() })),
          ...errors,
        },
      },
    },
    async (req) => read.feeList(ctx, req.query.regionCode),
  );

  app.get(
    '/api/v1/catalog/completeness',
    {
      schema: {
        tags,
        summary: '办事指南完整率 per department',
        querystring: s.regionQuery,
        response: { 200: s.completenessResponse, ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      return read.completenessReport(ctx, req.query.regionCode);
    },
  );

  app.post(
    '/api/v1/items',
    {
      schema: {
        tags,
        summary: 'Creates an item with its first draft',
        body: s.createItemBody,
        response: { 201: s.itemSummary, ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => {
      return reply.code(201).send(presentItem(await svc.createItem(ctx, requireActor(req), req.body)));
    },
  );

  app.put(
    '/api/v1/items/:code/draft',
    {
      schema: {
        tags,
        summary: 'Saves the draft guide (opens a new version after publishing); If-Match or body.version is the item version',
        params: s.codeParam,
        body: s.saveDraftBody,
        response: { 200: s.versionSummary, ...errors, 428: errorSchema },
      },
    },
    async (req) =>
      presentVersion(await svc.saveDraft(ctx, requireActor(req), req.params.code, req.body.guide, requireVersion(req, req.body.version))),
  );

  app.post(
    '/api/v1/items/:code/submit',
    {
      schema: {
        tags,
        summary: 'Submits the draft for review (checks completeness)',
        params: s.codeParam,
        response: { 200: s.versionSummary, ...errors },
      },
    },
    async (req) => presentVersion(await svc.submitForReview(ctx, requireActor(req), req.params.code)),
  );

  app.post(
    '/api/v1/items/:code/publish',
    { schema: { tags, summary: 'Publishes the version in review', params: s.codeParam, response: { 200: s.itemSummary, ...errors } } },
    async (req) => {
      return presentItem(await svc.publish(ctx, requireActor(req), req.params.code));
    },
  );

  app.post(
    '/api/v1/items/:code/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraws the published item',
        params: s.codeParam,
        body: s.withdrawBody,
        response: { 200: s.itemSummary, ...errors },
      },
    },
    async (req) => {
      return presentItem(await svc.withdraw(ctx, requireActor(req), req.params.code, req.body.reason));
    },
  );

  app.get(
    '/api/v1/items/:code/versions',
    {
      schema: {
        tags,
        summary: 'Versions of an item (editors)',
        params: s.codeParam,
        response: { 200: z.object({ item: s.itemSummary, versions: z.array(s.versionSummary) }), ...errors },
      },
    },
    async (req) => {
      const { item, versions } = await read.listItemVersions(ctx, requireActor(req), req.params.code);
      return { item: presentItem(item), versions: versions.map(presentVersion) };
    },
  );

  app.get(
    '/api/v1/items/:code/versions/:number',
    {
      schema: {
        tags,
        summary: 'One version with its missing elements (editors)',
        params: s.versionParam,
        response: { 200: s.versionDetail, ...errors },
      },
    },
    async (req) => {
      const { version, guide, missing } = await read.getItemVersion(ctx, requireActor(req), req.params.code, req.params.number);
      return { ...presentVersion(version), guide, missing };
    },
  );

  app.get(
    '/api/v1/items/:code/diff',
    {
      schema: {
        tags,
        summary: 'Differences between two versions (editors)',
        params: s.codeParam,
        querystring: s.diffQuery,
        response: { 200: z.object({ changes: z.array(s.change) }), ...errors },
      },
    },
    async (req) => {
      if (req.query.from === req.query.to)
        throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'querystring.to', reason: 'versionsMustDiffer' }] });
      return { changes: await read.diffItemVersions(ctx, requireActor(req), req.params.code, req.query.from, req.query.to) };
    },
  );
}
