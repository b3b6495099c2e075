import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { errorSchema } from '../../platform/http.ts';
import { reissueLicense } from './issue-service.ts';
import * as delegations from './delegation-service.ts';
import * as repo from './repo.ts';
import * as wallet from './wallet-service.ts';
import * as seals from './seal-service.ts';
import { trustedMakerCerts } from './seal-service.ts';
import { revokeLicense } from './status-service.ts';
import { verifyLicense, verifyUploaded } from './verify-service.ts';

const identifierParam = z.strictObject({ identifier: z.string().min(10).max(120) });
const check = z.object({ name: z.string(), ok: z.boolean(), detail: z.string().optional() });
const licenseStatus = z.enum(['valid', 'suspended', 'revoked', 'expired', 'superseded']);
/** A verification (public, or of a 亮证 code): the checks, and what the register says of the license when it was found. */
const verification = z
  .object({
    identifier: z.string(),
    found: z.boolean(),
    valid: z.boolean(),
    checks: z.array(check),
    status: licenseStatus.optional(),
    statusReason: z.string().nullable().optional(),
    supersededBy: z.string().nullable().optional(),
    typeName: z.string().optional(),
    issuerName: z.string().optional(),
    holderName: z.string().optional(),
    holderCode: z.string().optional(),
    issuedAt: z.string().optional(),
    validFrom: z.string().optional(),
    validUntil: z.string().nullable().optional(),
    presentationExpiresAt: z.string().optional(),
  })
  .meta({ id: 'Verification' });
/** A license in the holder's 证照夹; the holder's name arrives masked. */
const license = z
  .object({
    identifier: z.string(),
    typeName: z.string(),
    typeCode: z.string(),
    issuerName: z.string(),
    status: licenseStatus,
    /** Why it was revoked or suspended (the holder sees it in the wallet). */
    statusReason: z.string().nullable(),
    holderName: z.string(),
    issuedAt: z.string(),
    validFrom: z.string(),
    validUntil: z.string().nullable(),
    pdfUrl: z.string(),
    signatureUrl: z.string(),
    /** 核验码, for the holder to give a verifier. */
    verifyCode: z.string().optional(),
  })
  .meta({ id: 'License' });

/** Electronic licenses: the public catalog, public verification, and the seal maker's certificate for offline checks. */
export function licenseRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['licenses'];

  app.get(
    '/api/v1/license-types',
    {
      schema: {
        security: [],
        tags,
        summary: '证照目录',
        response: {
          400: errorSchema,
          200: z.array(
            z.object({
              key: z.string(),
              code: z.string(),
              name: z.string(),
              authority: z.string(),
              holderKind: z.string(),
              validityYears: z.number().nullable(),
              codeConfirmed: z.boolean(),
            }),
          ),
        },
      },
    },
    async () =>
      (await repo.listLicenseTypes(ctx.db)).map((t) => ({
        key: t.key,
        code: t.code,
        name: t.name,
        authority: t.authority,
        holderKind: t.holder_kind,
        validityYears: t.validity_years,
        codeConfirmed: t.code_confirmed,
      })),
  );

  app.get(
    '/api/v1/licenses/:identifier/verify',
    {
      schema: {
        security: [],
        tags,
        summary:
          'Verifies a license (no login): status, validity, seal and GB/T 38540 signature; with its 核验码 (code) also the holder, masked',
        params: identifierParam,
        querystring: z.strictObject({ code: z.string().trim().min(1).max(20).optional() }),
        response: {
          200: verification,
          400: errorSchema,
        },
      },
    },
    async (req, reply) =>
      reply.header('cache-control', 'no-store').send(await verifyLicense(ctx, req.params.identifier, { code: req.query.code })),
  );

  app.post(
    '/api/v1/license-verifications',
    {
      schema: {
        security: [],
        tags,
        summary:
          'Checks that an uploaded PDF (field "pdf") and its signature (field "signature", DER) belong together; no login, so size and rate are capped per client address',
        response: {
          200: z
            .object({ valid: z.boolean(), identifier: z.string().nullable(), checks: z.array(check) })
            .meta({ id: 'UploadVerification' }),
          400: errorSchema,
          413: errorSchema,
          429: errorSchema,
        },
      },
      // The one upload open to anyone: nothing is stored, but the bytes are held in memory while checked.
      config: { rateLimit: { max: ctx.config.verifyUpload.perMinute, timeWindow: '1 minute' } },
    },
    async (req) => {
      const files: Record<string, Buffer> = {};
      for await (const part of req.parts({ limits: { fileSize: ctx.config.verifyUpload.maxBytes, files: 2, fields: 2 } })) {
        if (part.type === 'file') files[part.fieldname] = await part.toBuffer();
      }
      if (!files.pdf?.length || !files.signature?.length) throw new AppError('FILE_INVALID', { fields: ['pdf', 'signature'] });
      return verifyUploaded(ctx, files.pdf, files.signature);
    },
  );

  app.post(
    '/api/v1/licenses/:identifier/revoke',
    {
      schema: {
        tags,
        summary: 'Revokes a license (an approver of the issuing department), with the reason',
        params: identifierParam,
        body: z.strictObject({ reason: z.string().trim().min(4).max(500) }),
        response: {
          200: z.object({ identifier: z.string(), status: z.string() }),
          401: errorSchema,
          403: errorSchema,
          404: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (req) => {
      const l = await revokeLicense(ctx, requireActor(req), req.params.identifier, req.body.reason);
      return { identifier: l.identifier, status: l.status };
    },
  );

  app.get(
    '/api/v1/licenses',
    {
      schema: {
        tags,
        summary: '证照夹: my licenses (as a person or for my organisations)',
        response: { 200: z.object({ items: z.array(license), total: z.number() }), 401: errorSchema },
      },
    },
    async (req) => {
      const items = await wallet.listMyLicenses(ctx, requireActor(req));
      return { items, total: items.length };
    },
  );

  app.get(
    '/api/v1/licenses/:identifier/pdf',
    { schema: { tags, summary: 'The license PDF (holder, or the issuing department)', params: identifierParam } },
    async (req, reply) => {
      const l = await wallet.readableLicense(ctx, requireActor(req), req.params.identifier);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="license-${l.serial}.pdf"`)
        .send(await ctx.files.get(l.pdf_sm3));
    },
  );

  app.get(
    '/api/v1/licenses/:identifier/signature',
    {
      schema: {
        tags,
        summary: 'The GB/T 38540 SES_Signature (DER) of the PDF, for offline verification',
        params: identifierParam,
      },
    },
    async (req, reply) => {
      const l = await wallet.readableLicense(ctx, requireActor(req), req.params.identifier);
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename="license-${l.serial}.sig"`)
        .send(Buffer.from(l.signature_der, 'base64'));
    },
  );

  app.get(
    '/api/v1/licenses/:identifier/uses',
    {
      schema: {
        tags,
        summary: 'Who used my license (用证 records)',
        params: identifierParam,
        response: {
          200: z.array(
            z.object({
              at: z.string(),
              purpose: z.string(),
              caseId: z.string().nullable(),
              user: z.string(),
              department: z.string().nullable(),
            }),
          ),
          401: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (req) => wallet.listUses(ctx, requireActor(req), req.params.identifier),
  );

  app.post(
    '/api/v1/licenses/:identifier/presentations',
    {
      schema: {
        tags,
        summary: '亮证: a code valid for 5 minutes that a verifier scans',
        params: identifierParam,
        response: {
          201: z.object({ token: z.string(), expiresAt: z.string(), url: z.string() }),
          401: errorSchema,
          404: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (req, reply) => reply.code(201).send(await wallet.createPresentation(ctx, requireActor(req), req.params.identifier)),
  );

  app.get(
    '/api/v1/license-presentations/:token',
    {
      schema: {
        security: [],
        tags,
        summary: 'A verifier checks a 亮证 code (no login); 410 when it has expired',
        params: z.strictObject({ token: z.string().min(20).max(64) }),
        response: { 200: verification, 410: errorSchema },
      },
    },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await wallet.checkPresentation(ctx, req.params.token)),
  );

  const seal = z.object({
    id: z.string(),
    esId: z.string(),
    name: z.string(),
    status: z.string(),
    validFrom: z.string(),
    validUntil: z.string(),
    revokedAt: z.string().nullable(),
    departmentName: z.string(),
  });
  const presentSeal = (x: {
    id: string;
    es_id: string;
    name: string;
    status: string;
    valid_from: Date | string;
    valid_until: Date | string;
    revoked_at: Date | string | null;
    department_name?: string;
  }) => ({
    id: x.id,
    esId: x.es_id,
    name: x.name,
    status: x.status,
    validFrom: new Date(x.valid_from).toISOString(),
    validUntil: new Date(x.valid_until).toISOString(),
    revokedAt: x.revoked_at ? new Date(x.revoked_at).toISOString() : null,
    departmentName: x.department_name ?? '',
  });
  const deptParam = z.strictObject({ id: z.uuid() });
  app.get(
    '/api/v1/departments/:id/seals',
    {
      schema: {
        tags,
        summary: "A department's seals (its admin or the region's system admin)",
        params: deptParam,
        response: { 200: z.array(seal), 401: errorSchema, 404: errorSchema },
      },
    },
    async (req) => (await seals.listDepartmentSeals(ctx, requireActor(req), req.params.id)).map(presentSeal),
  );
  app.post(
    '/api/v1/departments/:id/seals/rotate',
    {
      schema: {
        tags,
        summary: 'Retires the active seal and makes a new one; old signatures stay valid',
        params: deptParam,
        response: { 201: seal, 401: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => reply.code(201).send(presentSeal(await seals.rotateSeal(ctx, requireActor(req), req.params.id))),
  );
  app.post(
    '/api/v1/seals/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revokes a seal (compromised key): its signatures fail verification by name',
        params: deptParam,
        body: z.strictObject({ reason: z.string().trim().min(4).max(500) }),
        response: { 200: seal, 401: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req) => presentSeal(await seals.revokeSeal(ctx, requireActor(req), req.params.id, req.body.reason)),
  );

  // 授权 (25.4): window staff a department lets seal chosen 即办 items with its seal.
  const delegation = z.object({
    id: z.string(),
    departmentId: z.string(),
    accountId: z.string(),
    accountName: z.string(),
    username: z.string(),
    items: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
    grantedAt: z.string(),
    note: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revokeReason: z.string().nullable(),
    version: z.number(),
  });
  app.get(
    '/api/v1/departments/:id/seal-delegations',
    {
      schema: {
        tags,
        summary: 'Window staff the department authorised to seal chosen 即办 items (its admin or the region’s system admin)',
        params: deptParam,
        response: { 200: z.array(delegation), 401: errorSchema, 404: errorSchema },
      },
    },
    async (req) => delegations.listDelegations(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/departments/:id/seal-delegations',
    {
      schema: {
        tags,
        summary: 'Authorises a window clerk or 首席代表 to decide and seal chosen 即办 items on the spot (replaces their earlier grant)',
        params: deptParam,
        body: z.strictObject({
          accountId: z.uuid(),
          itemCodes: z.array(z.string().trim().min(6).max(60)).min(1).max(200),
          note: z.string().trim().max(500).optional(),
        }),
        response: { 201: delegation, 400: errorSchema, 401: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await delegations.grantDelegation(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/seal-delegations/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revokes a seal authorisation',
        params: deptParam,
        body: z.strictObject({ version: z.number().int().min(1), reason: z.string().trim().min(2).max(500) }),
        response: { 200: delegation, 401: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req) => delegations.revokeDelegationById(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/licenses/:identifier/reissue',
    {
      schema: {
        tags,
        summary: '变更 / 延续 / 补领: a new version linked to this one, which becomes superseded',
        params: identifierParam,
        body: z.strictObject({
          reason: z.enum(['change', 'renewal', 'replacement']),
          note: z.string().trim().min(2).max(500),
          fields: z.record(z.string(), z.string().max(500)).optional(),
        }),
        response: {
          201: z.object({ identifier: z.string(), previous: z.string() }),
          401: errorSchema,
          403: errorSchema,
          404: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const created = await reissueLicense(ctx, requireActor(req), req.params.identifier, req.body);
      return reply.code(201).send({ identifier: created.identifier, previous: req.params.identifier });
    },
  );

  app.get(
    '/api/v1/seal-maker/certificate',
    {
      schema: {
        security: [],
        tags,
        summary: "The seal maker's certificate (DER): all an offline verifier needs",
      },
    },
    async (_req, reply) =>
      reply
        .type('application/pkix-cert')
        .header('content-disposition', 'attachment; filename="tongban-seal-maker.cer"')
        .send((await trustedMakerCerts(ctx))[0]),
  );
}
