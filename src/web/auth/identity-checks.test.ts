import { describe, expect, it } from 'vitest';
import { isStrongPassword } from './identity-checks.ts';

describe('isStrongPassword', () => {
  it('wants 8 characters from three classes', () => {
    expect(isStrongPassword('Tongban@2026')).toBe(true);
    expect(isStrongPassword('tongban2026')).toBe(false);
    expect(isStrongPassword('Tb@1')).toBe(false);
  });
});
