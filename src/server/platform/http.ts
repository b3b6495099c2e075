import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaCompiler,
  FastifySchemaValidationError,
} from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errorBody, errorCatalog, pickLang, type ErrorCode } from './errors.ts';
import { fieldProblemsOf } from './field-problems.ts';

/** `?page=&pageSize=` for every list; pageSize ≤ 100. */
export const pageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** `{ items, total }`, the answer of every list. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

/** The error body schema, for OpenAPI. */
export const errorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: 'Error' });

/** Sends a catalog error in the request's language. */
export function sendError(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: unknown) {
  return reply
    .code(errorCatalog[code].status)
    .type('application/json; charset=utf-8')
    .send(errorBody(code, pickLang(req.headers['accept-language']), details));
}

const ZOD_ISSUE = Symbol('tongban.zodIssue');
type EdgeIssue = { [ZOD_ISSUE]: z.core.$ZodIssue; instancePath: string; message: string };

/**
 * The request validator (in place of fastify-type-provider-zod's): parses with zod and, on failure,
 * hands the error handler zod's own issues, parsed with `reportInput` so a missing field reads `required`.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const r = schema.safeParse(data, { reportInput: true });
    if (r.success) return { value: r.data };
    const issues: EdgeIssue[] = r.error.issues.map((issue) => ({
      [ZOD_ISSUE]: issue,
      instancePath: `/${issue.path.map(String).join('/')}`,
      message: issue.message,
    }));
    return { error: issues as unknown as FastifySchemaValidationError[] };
  };

function edgeIssues(err: FastifyError): z.core.$ZodIssue[] | null {
  const list = err.validation as unknown as EdgeIssue[] | undefined;
  if (!Array.isArray(list) || list.length === 0 || !list.every((i) => i && typeof i === 'object' && ZOD_ISSUE in i)) return null;
  return list.map((i) => i[ZOD_ISSUE]);
}

/** Maps every thrown error to `{"error":{code,message,details}}` with a catalog code. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return sendError(req, reply, err.code, err.details);
    const issues = edgeIssues(err);
    if (issues) {
      // Each field's reason and its sentence in the request's language (errorBody localises them).
      const where = err.validationContext ?? 'body';
      const unknown = issues.filter((i) => i.code === 'unrecognized_keys');
      if (unknown.length > 0) return sendError(req, reply, 'UNKNOWN_FIELD', { fields: fieldProblemsOf(unknown, where) });
      return sendError(req, reply, 'VALIDATION_FAILED', { fields: fieldProblemsOf(issues, where) });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err: err.cause }, 'response did not match its schema');
      return sendError(req, reply, 'INTERNAL');
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(req, reply, 'UNSUPPORTED_MEDIA_TYPE');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(req, reply, 'BODY_TOO_LARGE');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendError(req, reply, 'MALFORMED_BODY');
    }
    if (err.statusCode === 429) return sendError(req, reply, 'RATE_LIMITED');
    if (err.statusCode === 400 && err instanceof SyntaxError) return sendError(req, reply, 'MALFORMED_BODY');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code = err.statusCode === 404 ? 'NOT_FOUND' : err.statusCode === 403 ? 'FORBIDDEN' : 'MALFORMED_BODY';
      return sendError(req, reply, code, { reason: err.message });
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, 'INTERNAL');
  });
}

/** Reads the optimistic-concurrency version from If-Match ("3" or W/"3") or body.version. */
export function requireVersion(req: FastifyRequest, bodyVersion?: number): number {
  const header = req.headers['if-match'];
  if (typeof header === 'string') {
    const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
    if (m) return Number(m[1]);
    throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'header.if-match', reason: 'versionNumberExpected' }] });
  }
  if (bodyVersion !== undefined) return bodyVersion;
  throw new AppError('VERSION_REQUIRED');
}
