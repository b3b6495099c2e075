import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { registerAuthentication } from './platform/auth-hook.ts';
import type { AppContext } from './platform/context.ts';
import { migrationsDone } from './platform/db.ts';
import { errorBody, pickLang } from './platform/errors.ts';
import { registerErrorHandling, sendError, validatorCompiler } from './platform/http.ts';
import { registerIdempotency } from './platform/idempotency.ts';
import { registerAdmission } from './platform/admission.ts';
import { registerMetrics } from './platform/metrics.ts';
import { openApiTransformObject } from './platform/openapi.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { caseRoutes } from './modules/cases/routes.ts';
import { bundleRoutes } from './modules/bundles/routes.ts';
import { evaluationRoutes } from './modules/evaluations/routes.ts';
import { catalogRoutes } from './modules/catalog/routes.ts';
import { licenseRoutes } from './modules/licenses/routes.ts';
import { materialRoutes } from './modules/materials/routes.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { authenticate } from './modules/identity/auth-service.ts';
import { identityRoutes } from './modules/identity/routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { reportRoutes } from './modules/reports/routes.ts';
import { supervisionRoutes } from './modules/supervision/routes.ts';

const webRoot = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** Builds the HTTP application: conventions, security, the modules' routes, health, docs and the web. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: process.env.TRUST_PROXY === '1',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.removeContentTypeParser('text/plain');
  registerErrorHandling(app);

  await app.register(cookie);
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
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
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
      },
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
  registerMetrics(app);

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
  materialRoutes(app, ctx);
  caseRoutes(app, ctx);
  bundleRoutes(app, ctx);
  evaluationRoutes(app, ctx);
  licenseRoutes(app, ctx);
  notificationRoutes(app, ctx);
  calendarRoutes(app, ctx);
  reportRoutes(app, ctx);
  supervisionRoutes(app, ctx);

  const hasWeb = existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: true, index: false });
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  }
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes (/, /me, /staff/…) get the app; a missing file (/assets/x.js, /favicon.ico) a real 404.
    const path = req.url.split('?')[0];
    // License identifiers end in ".<check character>": /verify/… is always a page (the license QR codes point there).
    const isPage =
      !path.startsWith('/api/') && !path.startsWith('/assets/') && (path.startsWith('/verify/') || !/\.[a-z0-9]+$/i.test(path));
    if (req.method === 'GET' && hasWeb && isPage) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(req, reply, 'NOT_FOUND');
  });
  return app;
}
