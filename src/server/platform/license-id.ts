/**
 * 电子证照标识 (GB/T 36904, STANDARDS.md §4):
 * `1.2.156.3005.2.<证照类型代码>.<颁发机构代码>.<流水号>.<版本号>.<校验位>`
 * with an ISO/IEC 7064 MOD 37,36 check character over the five fields without dots.
 * Pure functions, no I/O.
 */

/** OID root of electronic licence identifiers. */
export const LICENSE_ID_ROOT = '1.2.156.3005.2';

/** MOD 37,36 character set: 0–9 then A–Z, a character's index is its value. */
const CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** 18 characters of the GB 32100 (统一社会信用代码) set: the shape only, its own check is not required here. */
const USCC_SHAPE = '[0-9A-HJ-NP-RTUWXY]{18}';
const TYPE_RE = new RegExp(`^${USCC_SHAPE}[0-9]{3}$`);
const ISSUER_RE = new RegExp(`^(?:${USCC_SHAPE}|[0-9]{6})$`);
const SERIAL_RE = /^[0-9A-Z]{1,32}$/;
const VERSION_RE = /^[0-9]{3}$/;

export type LicenseIdParts = {
  /** 证照类型代码: the defining ministry's 18-character USCC + a 3-digit sequence, e.g. 11100000000013338W011. */
  typeCode: string;
  /** 颁发机构代码: the issuer's 18-character USCC, or a 6-digit region code. */
  issuerCode: string;
  /** 流水号: 1–32 characters of 0–9 A–Z. */
  serial: string;
  /** 版本号: 3 digits, e.g. 001. */
  version: string;
};

export type LicenseIdParseResult =
  | { ok: true; parts: LicenseIdParts & { checkChar: string } }
  | { ok: false; reason: 'format' | 'checkChar' };

/**
 * ISO/IEC 7064 MOD 37,36 (hybrid) check character of `body` (characters 0–9 A–Z, e.g. the
 * identifier's typeCode+issuer+serial+version with the dots removed).
 */
export function licenseCheckChar(body: string): string {
  if (!/^[0-9A-Z]+$/.test(body)) throw new RangeError('licenseCheckChar: expected characters 0-9 A-Z');
  let p = 36;
  for (const ch of body) {
    let s = (p + CHARSET.indexOf(ch)) % 36;
    if (s === 0) s = 36;
    p = (2 * s) % 37;
  }
  return CHARSET[(((1 - p) % 36) + 36) % 36];
}

function partsError(p: LicenseIdParts): string | null {
  if (typeof p.typeCode !== 'string' || !TYPE_RE.test(p.typeCode)) return 'typeCode must be an 18-character credit code + 3 digits';
  if (typeof p.issuerCode !== 'string' || !ISSUER_RE.test(p.issuerCode))
    return 'issuerCode must be an 18-character credit code or 6 digits';
  if (typeof p.serial !== 'string' || !SERIAL_RE.test(p.serial)) return 'serial must be 1–32 characters of 0-9 A-Z';
  if (typeof p.version !== 'string' || !VERSION_RE.test(p.version)) return 'version must be 3 digits';
  return null;
}

/** Builds the identifier with its check character; throws RangeError naming the bad field. */
export function makeLicenseId(p: LicenseIdParts): string {
  const err = partsError(p);
  if (err) throw new RangeError(`makeLicenseId: ${err}`);
  const body = [p.typeCode, p.issuerCode, p.serial, p.version];
  return [LICENSE_ID_ROOT, ...body, licenseCheckChar(body.join(''))].join('.');
}

/** Parses and checks an identifier: `format` for any shape error, `checkChar` when only the check character is wrong. */
export function parseLicenseId(id: string): LicenseIdParseResult {
  if (typeof id !== 'string' || !id.startsWith(`${LICENSE_ID_ROOT}.`)) return { ok: false, reason: 'format' };
  const fields = id.slice(LICENSE_ID_ROOT.length + 1).split('.');
  if (fields.length !== 5) return { ok: false, reason: 'format' };
  const [typeCode, issuerCode, serial, version, checkChar] = fields;
  const parts = { typeCode, issuerCode, serial, version };
  if (partsError(parts) || !/^[0-9A-Z]$/.test(checkChar)) return { ok: false, reason: 'format' };
  if (licenseCheckChar(typeCode + issuerCode + serial + version) !== checkChar) return { ok: false, reason: 'checkChar' };
  return { ok: true, parts: { ...parts, checkChar } };
}
