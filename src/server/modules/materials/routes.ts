import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { inlineKinds, type MaterialKind } from '../../platform/files.ts';
import { errorSchema, listOf, pageQuery } from '../../platform/http.ts';
import { presentMaterial } from './present.ts';
import * as s from './schema.ts';
import * as svc from './service.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

/** Materials: uploads (checked by content, stored by SM3), the Wallet, and viewing a file inline. */
export function materialRoutes(root: FastifyInstance, ctx: AppContext, access: svc.MaterialAccess): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['materials'];

  app.post(
    '/api/v1/materials',
    {
      schema: {
        tags,
        summary:
          'Uploads a material (multipart field "file", optional field "name"); pdf, jpg, png, ofd, doc(x), xls(x) checked by content',
        response: { 201: s.material, ...errors, 413: errorSchema, 415: errorSchema },
      },
      bodyLimit: ctx.config.uploadLimitBytes + 64 * 1024,
    },
    async (req, reply) => {
      const actor = requireActor(req);
      // An AppError is the edge's refusal of a name or filename (NUL, not UTF-8): it stands.
      const file = await req.file({ limits: { fileSize: ctx.config.uploadLimitBytes, files: 1 } }).catch((e: unknown) => {
        if (e instanceof AppError) throw e;
      });
      if (!file) throw new AppError('FILE_INVALID');
      const bytes = await file.toBuffer().catch((e: unknown) => {
        throw e instanceof AppError ? e : new AppError('BODY_TOO_LARGE', { maxBytes: ctx.config.uploadLimitBytes });
      });
      const nameField = file.fields.name;
      const name = nameField && 'value' in nameField && typeof nameField.value === 'string' ? nameField.value.trim() : undefined;
      return reply
        .code(201)
        .send(presentMaterial(await svc.uploadMaterial(ctx, actor, { bytes, filename: file.filename, name: name || undefined })));
    },
  );

  app.get(
    '/api/v1/materials',
    {
      schema: {
        tags,
        summary: 'My stored materials (个人资料库)',
        querystring: pageQuery,
        response: { 200: listOf(s.material), ...errors },
      },
    },
    async (req) => {
      const { items, total } = await svc.listMyMaterials(ctx, requireActor(req), req.query);
      return { items: items.map(presentMaterial), total };
    },
  );

  app.get(
    '/api/v1/materials/:id/content',
    {
      schema: {
        tags,
        summary: 'The file: PDF and images inline, other kinds as a download; never HTML',
        params: s.idParam,
      },
    },
    async (req, reply) => {
      const m = await svc.getReadableMaterial(ctx, requireActor(req), req.params.id, access);
      const inline = inlineKinds.includes(m.kind as MaterialKind);
      return (
        reply
          .type(m.media_type)
          .header(
            'content-disposition',
            `${inline ? 'inline' : 'attachment'}; filename="material.${m.kind}"; filename*=UTF-8''${encodeURIComponent(m.filename)}`,
          )
          .header('cache-control', 'private, max-age=300')
          .header('x-content-type-options', 'nosniff')
          // Same-origin pages may frame a PDF or image to show it inline; nothing else may, and no script runs in it.
          .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'")
          .header('x-frame-options', 'SAMEORIGIN')
          .send(await ctx.files.get(m.file_sm3))
      );
    },
  );
}
