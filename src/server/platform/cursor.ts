import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey, type MasterKey } from './crypto.ts';
import { AppError } from './errors.ts';

/**
 * Keyset pagination cursors (`?after=` in a list's query, `nextCursor` in its answer). A cursor holds the sort
 * key of the last row of a page, exactly as the database wrote it (text, so timestamps keep their microseconds),
 * and a truncated HMAC-SM3 binding it to the list and the account that received it: a garbled, forged or
 * borrowed cursor (another list's, another account's) is CURSOR_INVALID, never a position in someone else's list.
 */

const keys = new WeakMap<MasterKey, Buffer>();
function keyOf(master: MasterKey): Buffer {
  let k = keys.get(master);
  if (!k) {
    k = deriveKey(master, 'list-cursor');
    keys.set(master, k);
  }
  return k;
}

const mac = (master: MasterKey, scope: string, body: string) =>
  createHmac('sm3', keyOf(master)).update(scope).update('\n').update(body).digest().subarray(0, 16);

/** `scope` names the list, its filter and the account; `values` are the sort key of the last row (strings). */
export function encodeCursor(master: MasterKey, scope: string, values: string[]): string {
  const body = Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
  return `${body}.${mac(master, scope, body).toString('base64url')}`;
}

/** The sort key of a cursor issued for `scope` with `arity` values, or CURSOR_INVALID. */
export function decodeCursor(master: MasterKey, scope: string, cursor: string, arity: number): string[] {
  const [body, tag, ...rest] = cursor.split('.');
  if (!body || !tag || rest.length > 0) throw new AppError('CURSOR_INVALID');
  const given = Buffer.from(tag, 'base64url');
  const want = mac(master, scope, body);
  if (given.length !== want.length || !timingSafeEqual(given, want)) throw new AppError('CURSOR_INVALID');
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('CURSOR_INVALID');
  }
  if (!Array.isArray(values) || values.length !== arity || !values.every((v) => typeof v === 'string' && v.length <= 64))
    throw new AppError('CURSOR_INVALID');
  return values as string[];
}
