import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { registerDeniedRequestAudit } from './platform/audit-denials.ts';
import { registerAuthentication } from './platform/auth-hook.ts';
import type { AppContext } from './platform/context.ts';
import { migrationsDone } from './platform/db.ts';
import { errorBody, pickLang } from './platform/errors.ts';
import { registerErrorHandling, registerInputChecks, sendError, validatorCompiler } from './platform/http.ts';
import { registerIdempotency } from './platform/idempotency.ts';
import { registerAdmission } from './platform/admission.ts';
import { registerMetrics } from './platform/metrics.ts';
import { registerWeb } from './platform/web.ts';
import { openApiTransformObject } from './platform/openapi.ts';
import { agencyRoutes } from './modules/agency/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { bundleRoutes } from './modules/bundles/index.ts';
import { calendarRoutes } from './modules/calendar/index.ts';
import { caseRoutes, materialVisibleThroughCase } from './modules/cases/index.ts';
import { catalogRoutes } from './modules/catalog/index.ts';
import { evaluationRoutes } from './modules/evaluations/index.ts';
import { hallRoutes } from './modules/hall/index.ts';
import { authenticate, identityRoutes } from './modules/identity/index.ts';
import { licenseRoutes } from './modules/licenses/index.ts';
import { materialRoutes } from './modules/materials/index.ts';
import { notificationRoutes } from './modules/notifications/index.ts';
import { orgRoutes } from './modules/org/index.ts';
import { reportRoutes } from './modules/reports/index.ts';
import { supervisionRoutes } from './modules/supervision/index.ts';

const webRoot = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** Builds the HTTP application: conventions, security, the modules' routes, health, docs and the web. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  // Security headers (CSP, nosniff, frame and referrer policies) from helmet, built once. @fastify/helmet
  // rebuilt the middleware, parsing the CSP directives, on every request: 10 % of a guide read's CPU.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Only behind TLS: over plain HTTP on a LAN address it would make the browser fetch assets over https and fail.
        upgradeInsecureRequests: process.env.TLS_TERMINATED === '1' ? [] : null,
      },
    },
    strictTransportSecurity: false,
  });
  // HSTS (helmet's: one year, includeSubDomains) on every answer when the platform is served over TLS
  // (TLS_TERMINATED=1 or an https PUBLIC_BASE_URL), else on answers to requests that came over https
  // (a TLS socket, or X-Forwarded-Proto: https from a trusted proxy). Browsers ignore it over plain HTTP.
  const hsts = helmet.strictTransportSecurity();
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    // A path that is not valid percent-encoding (FST_ERR_BAD_URL) gets the catalog's answer, not Fastify's own shape.
    frameworkErrors: (err, req, reply) =>
      securityHeaders(req.raw, reply.raw, () => {
        if (err.code === 'FST_ERR_BAD_URL') return sendError(req, reply, 'ENCODING_INVALID', { where: 'path' });
        return sendError(req, reply, err.statusCode && err.statusCode < 500 ? 'MALFORMED_BODY' : 'INTERNAL');
      }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.removeContentTypeParser('text/plain');
  registerErrorHandling(app);

  await app.register(cookie);
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (err?: unknown) => {
      if (err || !(ctx.config.tls || req.protocol === 'https')) return done(err as Error | undefined);
      hsts(req.raw, reply.raw, () => done());
    }),
  );
  registerInputChecks(app);
  await app.register(multipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 4, parts: 5 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (req, context) => ({
      statusCode: 429,
      ...errorBody('RATE_LIMITED', pickLang(req.headers['accept-language']), { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
    }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '通办 Tongban API',
        version: '1',
        description: 'The integrated online government service platform. Conventions: docs/API.md.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: '/', description: 'this platform' }],
      // Every operation needs a session (bearer token or the session cookie) unless it says `security: []`:
      // the public reads, login and registration, verification and the progress lookup.
      security: [{ bearer: [] }, { cookie: [] }],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'tongban_session' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: openApiTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAdmission(app, ctx.config.admission);
  registerAuthentication(app, (token, ip) => authenticate(ctx, token, ip));
  registerIdempotency(app, ctx.db);
  registerMetrics(app, ctx.config.metricsToken);
  registerDeniedRequestAudit(app, ctx.deniedRequests);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      if (!(await migrationsDone(ctx.db))) return sendError(req, reply, 'NOT_READY', { reason: 'migrations pending' });
      return { status: 'ready', database: ctx.config.databaseUrl ? 'postgres' : 'embedded' };
    } catch {
      return sendError(req, reply, 'NOT_READY', { reason: 'database unreachable' });
    }
  });

  identityRoutes(app, ctx);
  orgRoutes(app, ctx);
  auditRoutes(app, ctx);
  catalogRoutes(app, ctx);
  agencyRoutes(app, ctx);
  materialRoutes(app, ctx, (actor, materialId) => materialVisibleThroughCase(ctx, actor, materialId));
  caseRoutes(app, ctx);
  bundleRoutes(app, ctx);
  evaluationRoutes(app, ctx);
  licenseRoutes(app, ctx);
  notificationRoutes(app, ctx);
  calendarRoutes(app, ctx);
  reportRoutes(app, ctx);
  supervisionRoutes(app, ctx);
  hallRoutes(app, ctx);

  // The web application: precompressed immutable assets, pages with their content (src/server/platform/web.ts).
  const sendPage = await registerWeb(app, webRoot, ctx.config.site);
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes (/, /me, /staff/…) get the app; a missing file (/assets/x.js, /favicon.ico) a real 404.
    const path = req.url.split('?')[0];
    // License identifiers end in ".<check character>": /verify/… is always a page (the license QR codes point there).
    const isPage =
      !path.startsWith('/api/') && !path.startsWith('/assets/') && (path.startsWith('/verify/') || !/\.[a-z0-9]+$/i.test(path));
    if (req.method === 'GET' && sendPage && isPage) return sendPage(req, reply);
    return sendError(req, reply, 'NOT_FOUND');
  });
  return app;
}
