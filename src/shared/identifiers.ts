/**
 * Identifier algorithms (STANDARDS.md §6): 公民身份号码 (GB 11643), 统一社会信用代码 (GB 32100)
 * with its embedded 组织机构代码 (GB 11714), and mainland mobile numbers.
 * Pure functions, no I/O: the one copy the server, the web (bundled by Vite) and the tests share.
 */

/** Province-level codes (GB/T 2260): 31 mainland provinces + 71 台湾, 81 香港, 82 澳门. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

// ---------------------------------------------------------------- 公民身份号码 (GB 11643-1999)

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type IdNumberResult =
  | { ok: true; regionCode: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; reason: 'format' | 'date' | 'region' | 'checksum' };

/** ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number. */
export function idNumberCheckDigit(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new RangeError('idNumberCheckDigit: expected 17 ASCII digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Today's date in China (UTC+8) as YYYYMMDD. */
function chinaToday(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3600_000);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

function isCalendarDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/**
 * Validates an 18-character 公民身份号码: ASCII digits with an uppercase X check only,
 * a real province code, a calendar birth date between `minBirthDate` (default 1900-01-01)
 * and today (China time), and the MOD 11-2 check. `now` exists for tests.
 */
export function validateIdNumber(s: string, opts: { now?: Date; minBirthDate?: string /* YYYY-MM-DD */ } = {}): IdNumberResult {
  if (typeof s !== 'string' || !/^[0-9]{17}[0-9X]$/.test(s)) return { ok: false, reason: 'format' };
  if (!PROVINCE_CODES.has(s.slice(0, 2))) return { ok: false, reason: 'region' };
  const birth = s.slice(6, 14);
  const min = (opts.minBirthDate ?? '1900-01-01').replaceAll('-', '');
  if (!isCalendarDate(birth) || birth < min || birth > chinaToday(opts.now ?? new Date())) {
    return { ok: false, reason: 'date' };
  }
  if (idNumberCheckDigit(s.slice(0, 17)) !== s[17]) return { ok: false, reason: 'checksum' };
  return {
    ok: true,
    regionCode: s.slice(0, 6),
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    sex: (s.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
  };
}

/** Builds a valid ID number (for seeds and factories). Sequence is 0..999; odd = male. */
export function makeIdNumber(p: { regionCode: string; birthDate: string; sequence: number }): string {
  if (!/^[0-9]{6}$/.test(p.regionCode)) throw new RangeError('makeIdNumber: regionCode must be 6 digits');
  if (!/^[0-9]{8}$/.test(p.birthDate) || !isCalendarDate(p.birthDate)) {
    throw new RangeError('makeIdNumber: birthDate must be a calendar date YYYYMMDD');
  }
  if (!Number.isInteger(p.sequence) || p.sequence < 0 || p.sequence > 999) {
    throw new RangeError('makeIdNumber: sequence must be an integer 0..999');
  }
  const first17 = p.regionCode + p.birthDate + String(p.sequence).padStart(3, '0');
  return first17 + idNumberCheckDigit(first17);
}

// ---------------------------------------------------------------- 组织机构代码 (GB 11714-1997)

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character (0-9 or X) for an 8-character organisation code body ([0-9A-Z]). */
export function orgCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new RangeError('orgCodeCheckChar: expected 8 chars [0-9A-Z]');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i], 36) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

// ---------------------------------------------------------------- 统一社会信用代码 (GB 32100-2015)

/** The 31-character set of GB 32100 (no I, O, S, V, Z); a character's index is its value. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CREDIT_RE = /^[0-9A-HJ-NP-RTUWXY]{18}$/;

export type CreditCodeResult = { ok: true } | { ok: false; reason: 'format' | 'checksum' | 'orgCode' };

/** GB 32100 check character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  if (!/^[0-9A-HJ-NP-RTUWXY]{17}$/.test(first17)) throw new RangeError('creditCodeCheckChar: expected 17 chars of the GB 32100 set');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * CREDIT_WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * Validates a 统一社会信用代码: 18 chars of the 31-char set (uppercase only), the GB 32100
 * check character, and — when characters 9–17 have the organisation-code form
 * ([0-9A-Z]{8}[0-9X]) — the GB 11714 check of that embedded code. Every real code we sampled
 * that passes GB 32100 also passes GB 11714 (including the MA… codes issued since 2015);
 * a body whose 9th character is a letter other than X cannot carry a GB 11714 check and is
 * accepted on the GB 32100 check alone.
 */
export function validateCreditCode(s: string): CreditCodeResult {
  if (typeof s !== 'string' || !CREDIT_RE.test(s)) return { ok: false, reason: 'format' };
  if (creditCodeCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, reason: 'checksum' };
  const org = s.slice(8, 17);
  if (/^[0-9A-Z]{8}[0-9X]$/.test(org) && orgCodeCheckChar(org.slice(0, 8)) !== org[8]) {
    return { ok: false, reason: 'orgCode' };
  }
  return { ok: true };
}

/**
 * Deterministically builds a valid credit code: registrar + category + 6-digit region +
 * organisation code (serial as 8 decimal digits + GB 11714 check) + GB 32100 check.
 * Serial must be an integer 0..99,999,999.
 */
export function makeCreditCode(p: { registrar: string; category: string; regionCode: string; serial: number }): string {
  if (!/^[0-9A-HJ-NP-RTUWXY]$/.test(p.registrar)) throw new RangeError('makeCreditCode: registrar must be one GB 32100 char');
  if (!/^[0-9A-HJ-NP-RTUWXY]$/.test(p.category)) throw new RangeError('makeCreditCode: category must be one GB 32100 char');
  if (!/^[0-9]{6}$/.test(p.regionCode)) throw new RangeError('makeCreditCode: regionCode must be 6 digits');
  if (!Number.isInteger(p.serial) || p.serial < 0 || p.serial > 99_999_999) {
    throw new RangeError('makeCreditCode: serial must be an integer 0..99999999');
  }
  const body = String(p.serial).padStart(8, '0');
  const first17 = p.registrar + p.category + p.regionCode + body + orgCodeCheckChar(body);
  return first17 + creditCodeCheckChar(first17);
}

// ---------------------------------------------------------------- phone numbers

/** Mainland mobile number: 11 ASCII digits starting 13–19 (no +86, spaces or dashes). */
export function isPhoneNumber(s: string): boolean {
  return typeof s === 'string' && /^1[3-9][0-9]{9}$/.test(s);
}
