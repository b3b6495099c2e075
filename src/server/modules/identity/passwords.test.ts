import { describe, expect, it } from 'vitest';
import { hashPassword, requireGoodPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('Tongban@2026');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(hash, 'Tongban@2026')).toBe(true);
    expect(await verifyPassword(hash, 'tongban@2026')).toBe(false);
    expect(await verifyPassword(null, 'anything')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await verifyPassword('!pending', '!pending')).toBe(false);
  });

  it('refuses a password against the policy with the problems named', () => {
    expect(() => requireGoodPassword('Qinba-Tea-2026!', 'company1')).not.toThrow();
    expect(() => requireGoodPassword('Abcdefg1', 'someone')).toThrow(expect.objectContaining({ code: 'PASSWORD_TOO_WEAK' }));
    try {
      requireGoodPassword('zhangwei-Tea-2026', 'zhangwei');
    } catch (e) {
      expect((e as { details: unknown }).details).toEqual({ problems: ['containsUsername'] });
    }
  });
});
