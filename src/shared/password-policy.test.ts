import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.ts';

describe('the password policy', () => {
  it('accepts a long, unguessable password, and the demo password', () => {
    expect(checkPassword('Qinba-Tea-2026!', { username: 'company1' })).toMatchObject({ ok: true });
    expect(checkPassword('Tongban@2026', { username: 'citizen1' })).toMatchObject({ ok: true });
  });

  it('refuses fewer than 10 characters, even strong-looking ones', () => {
    expect(checkPassword('Xq7#vL2!p')).toMatchObject({ ok: false, problems: ['tooShort'] });
  });

  it('refuses a password that contains the username, in any case', () => {
    const r = checkPassword('Wangxiuying#2026', { username: 'wangxiuying' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toContain('containsUsername');
  });

  it('refuses common passwords and their variants, however long', () => {
    for (const p of ['password1234', 'P@ssw0rd2026', 'qwertyuiop123', '1234567890']) {
      const r = checkPassword(p);
      expect(r.ok, p).toBe(false);
      expect(!r.ok && r.problems.some((x) => x === 'common' || x === 'guessable'), p).toBe(true);
    }
    expect(checkPassword('P@ssw0rd2026')).toMatchObject({ ok: false, problems: ['common'] });
  });

  it('refuses more than 128 characters', () => {
    expect(checkPassword(`Aa1!${'x'.repeat(130)}`)).toMatchObject({ ok: false, problems: ['tooLong'] });
  });
});
