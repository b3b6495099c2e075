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

/**
 * Lists that count further than this answer `total: 1000, totalCapped: true` (shown as "1,000+"): counting
 * 10,001 of an applicant's 100,000 cases took longer than reading the page (bench/lists.ts); beyond 50 pages of
 * 20 a list is walked by cursor or narrowed by a filter.
 */
export const LIST_COUNT_CAP = 1_000;

/**
 * `{ items, total, totalCapped, nextCursor }`: a list that can also be walked by keyset (`?after=<nextCursor>`),
 * which stays as fast on the thousandth page as on the first; `nextCursor` is null on the last page.
 */
export function cursorListOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    totalCapped: z.boolean(),
    nextCursor: z.string().nullable(),
  });
}

/** The error body schema, for OpenAPI. */
export const errorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: 'Error' });

/** Sends a catalog error in the request's language. */
export function sendError(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: unknown) {
  req.errorCode = code;
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
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_PARTS_LIMIT':
      case 'FST_FILES_LIMIT':
      case 'FST_FIELDS_LIMIT':
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

// ── Input hygiene at the edge: NUL and invalid UTF-8 anywhere in a request are a 400, never a 500 ──

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** Headers the platform reads (besides the ones Node parses itself). */
const readHeaders = ['authorization', 'cookie', 'accept-language', 'idempotency-key', 'if-match', 'x-csrf-token', 'x-forwarded-for'];

/** The first problem of a text (NUL, or a U+FFFD that invalid bytes decoded to), or null. */
function textProblem(s: string): 'NUL_CHARACTER' | 'ENCODING_INVALID' | null {
  if (s.includes('\u0000')) return 'NUL_CHARACTER';
  if (s.includes('\uFFFD')) return 'ENCODING_INVALID';
  return null;
}

const isHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

/** A URL part (path or query): %00, or percent escapes (or raw bytes) that are not UTF-8. */
function urlProblem(s: string): 'NUL_CHARACTER' | 'ENCODING_INVALID' | null {
  if (!/[%\u0000\u0080-\uffff]/.test(s)) return null;
  if (/%00|\u0000/.test(s)) return 'NUL_CHARACTER';
  // Node hands over the URL's raw bytes as latin1; app.inject may pass real Unicode.
  const source = Buffer.from(s, /[\u0100-\uffff]/.test(s) ? 'utf8' : 'latin1');
  const bytes = Buffer.alloc(source.length);
  let n = 0;
  for (let i = 0; i < source.length; i++) {
    if (source[i] === 0x25 && i + 2 < source.length && isHex(source[i + 1]) && isHex(source[i + 2])) {
      bytes[n++] = Number.parseInt(source.toString('latin1', i + 1, i + 3), 16);
      i += 2;
    } else bytes[n++] = source[i];
  }
  try {
    strictUtf8.decode(bytes.subarray(0, n));
    return null;
  } catch {
    return 'ENCODING_INVALID';
  }
}

/** The path to the first string (key or value) holding a NUL in a parsed JSON value, or null. */
function nulPath(v: unknown, at: string): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? at : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = nulPath(v[i], `${at}.${i}`);
      if (p) return p;
    }
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k.includes('\u0000')) return `${at}.${k.replace(/\u0000/g, '\\u0000')}`;
      const p = nulPath(x, `${at}.${k}`);
      if (p) return p;
    }
  }
  return null;
}

type MultipartPart = { type: 'file' | 'field'; fieldname: string; filename?: string; value?: unknown; fields?: Record<string, unknown> };

function checkPart(part: MultipartPart) {
  const texts: [string, unknown][] = [
    ['multipart.fieldname', part.fieldname],
    [`multipart.${part.fieldname}.filename`, part.type === 'file' ? part.filename : undefined],
    [`multipart.${part.fieldname}`, part.type === 'field' ? part.value : undefined],
  ];
  for (const [where, text] of texts) {
    const problem = typeof text === 'string' ? textProblem(text) : null;
    if (problem) throw new AppError(problem, { where });
  }
}

function checkFields(fields: Record<string, unknown> | undefined) {
  for (const f of Object.values(fields ?? {})) for (const part of [f].flat()) if (part) checkPart(part as MultipartPart);
}

/**
 * One place for what PostgreSQL cannot store and what is not text: the path and query (%00, escapes
 * that are not UTF-8), the headers the platform reads, JSON bodies (strict UTF-8, then no NUL in any
 * key or string) and multipart names, values and filenames (busboy decodes invalid bytes to U+FFFD, so
 * that character is refused there) — NUL_CHARACTER or ENCODING_INVALID, 400, details.where, before any
 * handler runs or any file is written. Multipart parts are checked as `req.file()` / `req.parts()`
 * hand them out and again once a file is read (fields after the file).
 */
export function registerInputChecks(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const q = req.url.indexOf('?');
    const parts: [string, string][] = [['path', q < 0 ? req.url : req.url.slice(0, q)]];
    if (q >= 0) parts.push(['query', req.url.slice(q + 1)]);
    for (const [where, text] of parts) {
      const problem = urlProblem(text);
      if (problem) throw new AppError(problem, { where });
    }
    for (const name of readHeaders) {
      const value = req.headers[name];
      if (typeof value !== 'string') continue;
      if (value.includes('\u0000')) throw new AppError('NUL_CHARACTER', { where: `header.${name}` });
      // Header bytes arrive as latin1: re-read them as UTF-8.
      if (/[\u0080-\u00ff]/.test(value) && !/[\u0100-\uffff]/.test(value)) {
        try {
          strictUtf8.decode(Buffer.from(value, 'latin1'));
        } catch {
          throw new AppError('ENCODING_INVALID', { where: `header.${name}` });
        }
      }
    }
    if (/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) wrapMultipart(req);
  });

  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      return done(new AppError('ENCODING_INVALID', { where: 'body' }), undefined);
    }
    parseJson(req, text, (err, value) => {
      if (err) return done(err, undefined);
      // A NUL can only be written \u0000 in JSON text: walk the value only when that escape is there.
      const at = text.includes('\\u0000') ? nulPath(value, 'body') : null;
      if (at) return done(new AppError('NUL_CHARACTER', { where: at }), undefined);
      done(null, value);
    });
  });
}

/** Wraps the request's multipart readers (@fastify/multipart) so that every part is checked as it is handed out. */
function wrapMultipart(req: FastifyRequest) {
  const r = req as unknown as {
    file: (o?: unknown) => Promise<(MultipartPart & { toBuffer(): Promise<Buffer> }) | undefined>;
    parts: (o?: unknown) => AsyncIterableIterator<MultipartPart>;
  };
  const file = r.file;
  const parts = r.parts;
  r.file = async (o) => {
    const part = await file.call(req, o);
    if (!part) return part;
    checkFields(part.fields);
    checkPart(part);
    const toBuffer = part.toBuffer.bind(part);
    part.toBuffer = async () => {
      const bytes = await toBuffer();
      checkFields(part.fields);
      return bytes;
    };
    return part;
  };
  r.parts = async function* (o) {
    for await (const part of parts.call(req, o)) {
      checkPart(part);
      yield part;
    }
  };
}
