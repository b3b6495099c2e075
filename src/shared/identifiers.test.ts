import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  idNumberCheckDigit,
  isPhoneNumber,
  makeCreditCode,
  makeIdNumber,
  orgCodeCheckChar,
  validateCreditCode,
  validateIdNumber,
} from './identifiers.ts';

const NOW = { now: new Date('2026-11-20T12:00:00+08:00') };

describe('validateIdNumber (GB 11643)', () => {
  it('accepts the standard examples', () => {
    expect(validateIdNumber('11010519491231002X', NOW)).toEqual({
      ok: true,
      regionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(idNumberCheckDigit('44052418800101001')).toBe('4');
    expect(idNumberCheckDigit('11010519491231002')).toBe('X');
  });

  it('440524188001010014: checksum holds; its 1880 birth date needs a lower minBirthDate', () => {
    // The standard's second example is born 1880-01-01, before the platform's default 1900 floor.
    expect(validateIdNumber('440524188001010014', NOW)).toEqual({ ok: false, reason: 'date' });
    expect(validateIdNumber('440524188001010014', { ...NOW, minBirthDate: '1800-01-01' })).toEqual({
      ok: true,
      regionCode: '440524',
      birthDate: '1880-01-01',
      sex: 'male',
    });
    const n = makeIdNumber({ regionCode: '440524', birthDate: '19800101', sequence: 1 });
    expect(validateIdNumber(n, NOW)).toMatchObject({ ok: true, sex: 'male', birthDate: '1980-01-01' });
  });

  it.each([
    ['lowercase x', '11010519491231002x', 'format'],
    ['15-digit', '110105491231002', 'format'],
    ['spaces', '110105 19491231002X', 'format'],
    ['trailing space', '11010519491231002X ', 'format'],
    ['full-width digits', '１１０１０５１９４９１２３１００２Ｘ', 'format'],
    ['19-char', '11010519491231002X1', 'format'],
    ['empty', '', 'format'],
    ['unknown province 99', '990105194912310021', 'region'],
    ['province 00', '000105194912310021', 'region'],
    ['19990230', makeIdNumberRaw('110105', '19990230', '002'), 'date'],
    ['month 13', makeIdNumberRaw('110105', '19991301', '002'), 'date'],
    ['before 1900', makeIdNumberRaw('110105', '18991231', '002'), 'date'],
    ['future date', makeIdNumberRaw('110105', '20261121', '002'), 'date'],
    ['wrong check', '110105194912310021', 'checksum'],
  ])('rejects %s', (_label, input, reason) => {
    expect(validateIdNumber(input, NOW)).toEqual({ ok: false, reason });
  });

  it('accepts 29 February in a leap year and today, rejects it in a common year', () => {
    expect(validateIdNumber(makeIdNumberRaw('610922', '20000229', '123'), NOW).ok).toBe(true);
    expect(validateIdNumber(makeIdNumberRaw('610922', '19000229', '123'), NOW)).toEqual({ ok: false, reason: 'date' });
    expect(validateIdNumber(makeIdNumberRaw('610922', '20261120', '123'), NOW).ok).toBe(true);
  });

  it('makeIdNumber rejects bad input', () => {
    expect(() => makeIdNumber({ regionCode: '61092', birthDate: '20000101', sequence: 1 })).toThrow(RangeError);
    expect(() => makeIdNumber({ regionCode: '610922', birthDate: '20000230', sequence: 1 })).toThrow(RangeError);
    expect(() => makeIdNumber({ regionCode: '610922', birthDate: '20000101', sequence: 1000 })).toThrow(RangeError);
  });
});

/** Builds an ID number with a correct check digit but without validating the date. */
function makeIdNumberRaw(region: string, date: string, seq: string): string {
  const first17 = region + date + seq;
  return first17 + idNumberCheckDigit(first17);
}

describe('validateCreditCode (GB 32100) and orgCodeCheckChar (GB 11714)', () => {
  it('accepts the standard example and its embedded organisation code', () => {
    expect(validateCreditCode('91350200776049653A')).toEqual({ ok: true });
    expect(creditCodeCheckChar('91350200776049653')).toBe('A');
    expect(orgCodeCheckChar('77604965')).toBe('3');
  });

  it('accepts codes seen in real data (government, social organisation, MA-series enterprise)', () => {
    for (const code of [
      '12441500196720244T',
      '11100000000013338W',
      '11430000006122244L',
      '53100000500019795A',
      '92230109MAKCUYD46K',
      '91440300MA5G7P4L4X',
    ]) {
      expect(validateCreditCode(code), code).toEqual({ ok: true });
    }
  });

  it.each([
    ['bad checksum (standard sample)', '91350203M0001QAY9B', 'checksum'],
    ['lowercase', '91350200776049653a', 'format'],
    ['letter I', '91350200I76049653A', 'format'],
    ['letter O', '91350200O76049653A', 'format'],
    ['letter Z', '91350200776049653Z', 'format'],
    ['letter S', '9135020077604965SA', 'format'],
    ['17 chars', '91350200776049653', 'format'],
    ['space', '91350200 76049653A', 'format'],
    ['full-width', '９1350200776049653A', 'format'],
  ])('rejects %s', (_label, input, reason) => {
    expect(validateCreditCode(input)).toEqual({ ok: false, reason });
  });

  it('rejects a code whose GB 32100 check holds but whose organisation code check does not', () => {
    const first17 = '91350200776049654'; // org check should be 3
    expect(validateCreditCode(first17 + creditCodeCheckChar(first17))).toEqual({ ok: false, reason: 'orgCode' });
  });

  it('maps org-code remainders 10 and 11 to X and 0', () => {
    const all = new Set<string>();
    for (let i = 0; i < 2000; i++) all.add(orgCodeCheckChar(String(i).padStart(8, '0')));
    expect([...all].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('makeCreditCode builds the expected layout', () => {
    const c = makeCreditCode({ registrar: '1', category: '1', regionCode: '610922', serial: 61092201 });
    expect(c.slice(0, 8)).toBe('11610922');
    expect(c.slice(8, 16)).toBe('61092201');
    expect(validateCreditCode(c)).toEqual({ ok: true });
    expect(() => makeCreditCode({ registrar: '1', category: '1', regionCode: '610922', serial: 1e8 })).toThrow(RangeError);
    expect(() => makeCreditCode({ registrar: 'I', category: '1', regionCode: '610922', serial: 1 })).toThrow(RangeError);
  });
});

describe('isPhoneNumber', () => {
  it('accepts mainland mobiles only', () => {
    expect(isPhoneNumber('13812341234')).toBe(true);
    expect(isPhoneNumber('19912341234')).toBe(true);
    for (const bad of ['12812341234', '1381234123', '138123412345', '+8613812341234', '138 1234 1234', '１３８１２３４１２３４']) {
      expect(isPhoneNumber(bad), bad).toBe(false);
    }
  });
});

const provinceArb = fc.constantFrom('11', '31', '44', '51', '61', '65', '81');
const dateArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-19T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
const idArb = fc
  .record({
    regionCode: fc.tuple(provinceArb, fc.integer({ min: 0, max: 9999 })).map(([p, n]) => p + String(n).padStart(4, '0')),
    birthDate: dateArb,
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(makeIdNumber);
const creditArb = fc
  .record({
    registrar: fc.constantFrom(...CREDIT_CODE_CHARSET),
    category: fc.constantFrom(...CREDIT_CODE_CHARSET),
    regionCode: fc.integer({ min: 0, max: 999999 }).map((n) => String(n).padStart(6, '0')),
    serial: fc.integer({ min: 0, max: 99_999_999 }),
  })
  .map(makeCreditCode);

describe('properties', () => {
  it('every makeIdNumber output validates', () => {
    fc.assert(fc.property(idArb, (id) => validateIdNumber(id, NOW).ok));
  });

  it('changing any single character of a valid ID number invalidates it', () => {
    const chars = '0123456789X';
    fc.assert(
      fc.property(idArb, fc.nat(17), fc.nat(10), (id, pos, k) => {
        const replacement = chars[k];
        fc.pre(replacement !== id[pos]);
        const mutated = id.slice(0, pos) + replacement + id.slice(pos + 1);
        return !validateIdNumber(mutated, NOW).ok;
      }),
      { numRuns: 500 },
    );
  });

  it('every makeCreditCode output validates', () => {
    fc.assert(fc.property(creditArb, (c) => validateCreditCode(c).ok));
  });

  it('changing any single character of a valid credit code invalidates it', () => {
    const chars = `${CREDIT_CODE_CHARSET}IOSVZa`;
    fc.assert(
      fc.property(creditArb, fc.nat(17), fc.nat(chars.length - 1), (c, pos, k) => {
        const replacement = chars[k];
        fc.pre(replacement !== c[pos]);
        const mutated = c.slice(0, pos) + replacement + c.slice(pos + 1);
        return !validateCreditCode(mutated).ok;
      }),
      { numRuns: 500 },
    );
  });
});
