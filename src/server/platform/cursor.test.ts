import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { AppError } from './errors.ts';

const master = randomBytes(32);
const invalid = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError && e.code === 'CURSOR_INVALID';
  }
  return false;
};

describe('list cursors', () => {
  it('give back the sort key they were made with, for the same list and account only', () => {
    const key = ['2026-12-07 10:00:00.123456+00', '6f1c2a8e-0b7d-4c55-9a57-0c4f6f0e7a11'];
    const c = encodeCursor(master, 'my-cases:a:', key);
    expect(c).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodeCursor(master, 'my-cases:a:', c, 2)).toEqual(key);
    expect(invalid(() => decodeCursor(master, 'my-cases:b:', c, 2))).toBe(true);
    expect(invalid(() => decodeCursor(master, 'my-cases:a:submitted', c, 2))).toBe(true);
    expect(invalid(() => decodeCursor(randomBytes(32), 'my-cases:a:', c, 2))).toBe(true);
    expect(invalid(() => decodeCursor(master, 'my-cases:a:', c, 3))).toBe(true);
  });

  it('refuse anything garbled or forged', () => {
    const c = encodeCursor(master, 's', ['x']);
    const [body, tag] = c.split('.');
    const forged = Buffer.from(JSON.stringify(['y'])).toString('base64url');
    for (const bad of ['', '.', 'x', `${body}.`, `.${tag}`, `${body}.${tag}.x`, `${forged}.${tag}`, `${body}.${tag.slice(1)}`]) {
      expect(
        invalid(() => decodeCursor(master, 's', bad, 1)),
        bad,
      ).toBe(true);
    }
    // A valid MAC over a body that is not a list of short strings is refused too.
    for (const values of [[1], [{}], ['x'.repeat(65)]]) {
      const b = Buffer.from(JSON.stringify(values)).toString('base64url');
      const [, t] = encodeCursor(master, 's', ['x']).split('.');
      expect(invalid(() => decodeCursor(master, 's', `${b}.${t}`, 1))).toBe(true);
    }
  });
});
