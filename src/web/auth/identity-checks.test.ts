import { describe, expect, it } from 'vitest';
import { isValidIdNumber, isValidPhone } from './identity-checks.ts';

describe('isValidIdNumber', () => {
  it('accepts a number with the right check character', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });
  it('rejects a wrong check character, a bad date or a wrong length', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194902300021')).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
  });
});

describe('isValidPhone', () => {
  it('accepts 11-digit mainland mobile numbers only', () => {
    expect(isValidPhone('13800138000')).toBe(true);
    expect(isValidPhone('12800138000')).toBe(false);
    expect(isValidPhone('1380013800')).toBe(false);
  });
});
