import type { Schemas } from './api-types.ts';
import { currentLanguage } from './i18n/index.ts';

/** Name of the readable cookie the server sets with the CSRF token (double-submit). */
export const CSRF_COOKIE = 'tongban_csrf';

/** Field problems the server reports with `VALIDATION_FAILED` (field name → message, in the request's language). */
export type FieldErrors = Record<string, string>;

/** An error answer of the API (`{"error":{"code","message","details"}}`), or a network failure. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(code: string, message: string, status: number, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }

  /**
   * Field errors from `details.fields`, accepting an object or a list of `{field|path, message}`;
   * the server's `body.` / `querystring.` prefix is dropped so the keys match form field names.
   */
  fieldErrors(): FieldErrors {
    const fields = (this.details as { fields?: unknown } | undefined)?.fields;
    const result: FieldErrors = {};
    if (Array.isArray(fields)) {
      for (const entry of fields as Array<Record<string, unknown>>) {
        const name = entry.field ?? entry.path ?? entry.name;
        const key = Array.isArray(name) ? name.join('.') : name;
        if (typeof key === 'string') result[key.replace(/^(body|query|querystring|params)\./, '')] = String(entry.message ?? '');
      }
    } else if (fields && typeof fields === 'object') {
      for (const [key, value] of Object.entries(fields)) {
        result[key] = Array.isArray(value) ? value.join(' ') : String(value);
      }
    }
    return result;
  }
}

/** True when the error means "no session": the caller should go to the login page. */
export function isAuthRequired(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.code === 'AUTH_REQUIRED');
}

let lastCsrfToken: string | undefined;

/** Remembers the CSRF token from a login or /auth/me answer (used when the cookie is unreadable). */
export function rememberCsrfToken(token: string | undefined): void {
  if (token) lastCsrfToken = token;
}

/** True when this browser may hold a session (the readable CSRF cookie, or a token from a login in this page). */
export function hasSessionHint(): boolean {
  return Boolean(lastCsrfToken || readCookie(CSRF_COOKIE));
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

type Query = Record<string, string | number | undefined | null>;

/** Builds `/api/v1{path}?query`, leaving out empty query values. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as Partial<Schemas['Error']> | undefined)?.error;
  const code = error?.code ?? `HTTP_${response.status}`;
  return new ApiError(code, error?.message ?? '', response.status, error?.details);
}

/** Calls the API with JSON, the session cookie, Accept-Language and (unless GET) the CSRF header. */
/**
 * Calls the API with JSON (or a multipart `FormData` body), the session cookie, Accept-Language
 * and (unless GET) the CSRF header; `headers` adds e.g. an `Idempotency-Key`.
 */
export async function apiRequest<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage(), ...options.headers };
  const multipart = typeof FormData !== 'undefined' && options.body instanceof FormData;
  // The browser writes the multipart boundary itself.
  if (options.body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie(CSRF_COOKIE) ?? lastCsrfToken;
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : multipart ? (options.body as FormData) : JSON.stringify(options.body),
    });
  } catch (cause) {
    throw new ApiError('NETWORK_ERROR', '', 0, { cause: String(cause) });
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A random key for `Idempotency-Key` (crypto.randomUUID where the page is a secure context). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Shorthands for the verbs. */
export const api = {
  get: <T>(path: string, query?: Query) => apiRequest<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => apiRequest<T>('POST', path, { body: body ?? {}, headers }),
  /** Sends one file as multipart/form-data (field `file`, plus any text fields). */
  upload: <T>(path: string, file: File, fields: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('file', file);
    return apiRequest<T>('POST', path, { body: form });
  },
  put: <T>(path: string, body?: unknown) => apiRequest<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>('PATCH', path, { body: body ?? {} }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};
