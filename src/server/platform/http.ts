import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errorBody, errorCatalog, pickLang, type ErrorCode, type Lang } from './errors.ts';

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

type Issue = { keyword: string; instancePath: string; message: string; params: { keys?: string[] } };

const zodEn = z.locales.en();
const zodZh = z.locales.zhCN();
type LocaleIssue = Parameters<NonNullable<typeof zodEn.localeError>>[0];

/**
 * zod's own messages are English; in zh-CN they are replaced by zod's Chinese locale. A schema's
 * custom message (a regex hint, a bilingual refine) is kept as written.
 */
function localise(i: Issue, lang: Lang): string {
  if (lang === 'en') return i.message;
  const issue = { code: i.keyword, ...i.params, path: [], input: undefined } as unknown as LocaleIssue;
  const asEnglish = zodEn.localeError?.(issue);
  const english = typeof asEnglish === 'string' ? asEnglish : asEnglish?.message;
  const stem = (m?: string) => m?.replace(/, received \S+$/, '');
  if (stem(english) !== stem(i.message)) return i.message;
  const zh = zodZh.localeError?.(issue);
  const text = typeof zh === 'string' ? zh : zh?.message;
  return text ? text.replace(/，实际接收 \S+$/, '') : i.message;
}

function fieldsOf(issues: Issue[], where: string, lang: Lang) {
  return issues.map((i) => ({
    field: [where, ...i.instancePath.split('/').filter(Boolean)].join('.'),
    code: i.keyword,
    message: localise(i, lang),
    ...(i.params.keys ? { keys: i.params.keys } : {}),
  }));
}

/** Maps every thrown error to `{"error":{code,message,details}}` with a catalog code. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return sendError(req, reply, err.code, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation as unknown as Issue[];
      const where = err.validationContext ?? 'body';
      const lang = pickLang(req.headers['accept-language']);
      const unknown = issues.filter((i) => i.keyword === 'unrecognized_keys');
      if (unknown.length > 0) return sendError(req, reply, 'UNKNOWN_FIELD', { fields: fieldsOf(unknown, where, lang) });
      return sendError(req, reply, 'VALIDATION_FAILED', { fields: fieldsOf(issues, where, lang) });
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
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ field: 'header.if-match', code: 'invalid', message: 'expected a version number' }],
    });
  }
  if (bodyVersion !== undefined) return bodyVersion;
  throw new AppError('VERSION_REQUIRED');
}
