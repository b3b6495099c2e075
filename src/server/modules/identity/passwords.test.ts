import { describe, expect, it } from 'vitest';
import { hashPassword, passwordIsStrong, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('Tongban@2026');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(hash, 'Tongban@2026')).toBe(true);
    expect(await verifyPassword(hash, 'tongban@2026')).toBe(false);
    expect(await verifyPassword(null, 'anything')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });

  it('requires 8+ characters from three classes', () => {
    expect(passwordIsStrong('Tongban@2026')).toBe(true);
    expect(passwordIsStrong('abcdefgh')).toBe(false);
    expect(passwordIsStrong('abcdefg1')).toBe(false);
    expect(passwordIsStrong('Abcdefg1')).toBe(true);
    expect(passwordIsStrong('Ab1!')).toBe(false);
    expect(passwordIsStrong('Aa1!'.repeat(40))).toBe(false);
  });
});
