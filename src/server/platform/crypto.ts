/**
 * National (商用密码) algorithms for the platform: SM3 hashing and HMAC (node:crypto / OpenSSL),
 * SM4-CTR + HMAC-SM3 field encryption with blind indexes, SM2 signatures (sm-crypto-v2),
 * and display masking of personal data (PIPL).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';

/** Default SM2 user ID (GM/T 0009). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';
const SM2_OPTS = { hash: true, der: true, userId: SM2_DEFAULT_USER_ID } as const;
/** DER prefix of an SM2 SubjectPublicKeyInfo (id-ecPublicKey + curve 1.2.156.10197.1.301). */
const SM2_SPKI_PREFIX = '3059301306072a8648ce3d020106082a811ccf5501822d034200';

type Bytes = string | Uint8Array;

/** SM3 digest (GB/T 32905) as lowercase hex; strings are hashed as UTF-8. */
export function sm3Hex(data: Bytes): string {
  return createHash('sm3').update(data).digest('hex');
}

/** HMAC-SM3 as lowercase hex. */
export function hmacSm3Hex(key: Uint8Array, data: Bytes): string {
  return createHmac('sm3', key).update(data).digest('hex');
}

/** Raw master key bytes (at least 16, normally 32), kept out of logs and the database. */
export type MasterKey = Uint8Array;

/** Parses a master key from configuration: 32/64 hex chars, or base64/base64url of ≥16 bytes. */
export function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  const bytes = /^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{64})$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64url');
  if (bytes.length < 16) throw new Error('master key must be at least 16 bytes');
  return bytes;
}

/**
 * Derives a purpose-bound subkey (HKDF-Expand style with HMAC-SM3):
 * T(i) = HMAC-SM3(master, T(i-1) ‖ "tongban:" ‖ purpose ‖ i). Default length 32 bytes.
 */
export function deriveKey(master: MasterKey, purpose: string, length = 32): Buffer {
  if (master.length < 16) throw new Error('deriveKey: master key must be at least 16 bytes');
  if (!Number.isInteger(length) || length < 1 || length > 255 * 32) throw new RangeError('deriveKey: bad length');
  const info = Buffer.from(`tongban:${purpose}`, 'utf8');
  const blocks: Buffer[] = [];
  let prev = Buffer.alloc(0);
  for (let i = 1; blocks.length * 32 < length; i++) {
    prev = createHmac('sm3', master)
      .update(prev)
      .update(info)
      .update(Buffer.from([i]))
      .digest();
    blocks.push(prev);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

export interface FieldCipher {
  /** Encrypts to `v1:<iv>:<ciphertext>:<tag>` (base64url); `context` (e.g. a column name) is authenticated. */
  encrypt(plain: string, context?: string): string;
  /** Decrypts a token; throws on any tampering, a wrong key or a wrong context. */
  decrypt(token: string, context?: string): string;
  /** Deterministic HMAC-SM3 hex of the value for equality lookups; normalise the value first. */
  blindIndex(value: string): string;
}

const TOKEN_VERSION = 'v1';

/**
 * Field-level encryption for personal data: SM4-CTR with a random 16-byte IV, then HMAC-SM3
 * over version ‖ context ‖ IV ‖ ciphertext (encrypt-then-MAC). Encryption, MAC and blind-index
 * keys are derived separately from the master key.
 */
export function createFieldCipher(master: MasterKey): FieldCipher {
  const encKey = deriveKey(master, 'field/sm4-ctr', 16);
  const macKey = deriveKey(master, 'field/hmac-sm3', 32);
  const indexKey = deriveKey(master, 'field/blind-index', 32);

  const mac = (iv: Buffer, ct: Buffer, context: string): Buffer => {
    const ctx = Buffer.from(context, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(ctx.length);
    return createHmac('sm3', macKey).update(TOKEN_VERSION).update(len).update(ctx).update(iv).update(ct).digest();
  };

  return {
    encrypt(plain, context = '') {
      const iv = randomBytes(16);
      const cipher = createCipheriv('sm4-ctr', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = mac(iv, ct, context);
      return [TOKEN_VERSION, iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join(':');
    },
    decrypt(token, context = '') {
      const parts = typeof token === 'string' ? token.split(':') : [];
      const b64 = /^[A-Za-z0-9_-]*$/;
      if (parts.length !== 4 || parts[0] !== TOKEN_VERSION || !parts.slice(1).every((p) => b64.test(p))) {
        throw new Error('field cipher: malformed token');
      }
      const [iv, ct, tag] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
      const canonical = [iv, ct, tag].every((b, i) => b.toString('base64url') === parts[i + 1]);
      const expected = mac(iv, ct, context);
      if (!canonical || iv.length !== 16 || tag.length !== expected.length || !timingSafeEqual(tag, expected)) {
        throw new Error('field cipher: authentication failed');
      }
      const decipher = createDecipheriv('sm4-ctr', encKey, iv);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    },
    blindIndex(value) {
      return hmacSm3Hex(indexKey, value);
    },
  };
}

// ---------------------------------------------------------------- SM2 (GB/T 32918)

export interface Sm2KeyPair {
  /** 64 hex chars. */
  privateKey: string;
  /** Uncompressed point `04‖x‖y`, 130 hex chars. */
  publicKey: string;
}

/** Generates an SM2 key pair (hex). */
export function sm2GenerateKeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKey, publicKey };
}

/** The uncompressed public key (`04‖x‖y`, lowercase hex) of a 64-hex-char SM2 private key. */
export function sm2PublicKeyFromPrivate(privateKeyHex: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(privateKeyHex)) throw new Error('sm2PublicKeyFromPrivate: expected 64 hex chars');
  return sm2.getPublicKeyFromPrivateKey(privateKeyHex).toLowerCase();
}

/** True when the hex is an uncompressed SM2 public key (`04‖x‖y`) whose point lies on the curve. */
export function sm2IsValidPublicKey(publicKeyHex: string): boolean {
  if (!/^04[0-9a-fA-F]{128}$/.test(publicKeyHex)) return false;
  try {
    return sm2.verifyPublicKey(publicKeyHex);
  } catch {
    return false;
  }
}

/** SM2-with-SM3 signature (Z computed with user ID 1234567812345678), DER-encoded hex. Strings are signed as UTF-8. */
export function sm2Sign(msg: Bytes, privateKeyHex: string): string {
  return sm2.doSignature(msg, privateKeyHex, SM2_OPTS);
}

/** Verifies a DER-hex SM2-with-SM3 signature; false (never throws) on malformed input. */
export function sm2Verify(msg: Bytes, signatureDerHex: string, publicKeyHex: string): boolean {
  try {
    return sm2.doVerifySignature(msg, signatureDerHex, publicKeyHex, SM2_OPTS);
  } catch {
    return false;
  }
}

/** The public key as an SPKI PEM that OpenSSL and other SM2 tools accept. */
export function sm2PublicKeyPem(publicKeyHex: string): string {
  if (!/^04[0-9a-fA-F]{128}$/.test(publicKeyHex)) throw new Error('sm2PublicKeyPem: expected uncompressed 04‖x‖y hex');
  const b64 = Buffer.from(SM2_SPKI_PREFIX + publicKeyHex, 'hex').toString('base64');
  return `-----BEGIN PUBLIC KEY-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

// ---------------------------------------------------------------- display masking (PIPL)

/** 110105********002X: keeps the first 6 and last 4 characters. Short values are fully masked. */
export function maskIdNumber(s: string): string {
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}

/** 138****1234: keeps the first 3 and last 4 digits. Short values are fully masked. */
export function maskPhone(s: string): string {
  if (s.length <= 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

/** Common two-character surnames (复姓), kept whole by maskName. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '司徒',
  '司空',
  '夏侯',
  '轩辕',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
  '万俟',
  '闻人',
  '澹台',
  '公冶',
  '太史',
  '申屠',
  '钟离',
  '拓跋',
  '单于',
  '赫连',
  '濮阳',
  '淳于',
  '仲孙',
  '左丘',
]);

/**
 * 张三 → 张*, 欧阳娜娜 → 欧阳**: keeps the surname (the first character, or a known 复姓 when
 * the name has more than two characters) and masks the rest; a 1-character value becomes 张*.
 */
export function maskName(s: string): string {
  const chars = Array.from(s.trim());
  if (chars.length === 0) return '';
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars[0] + chars[1]) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(Math.max(1, chars.length - keep));
}

/** Random URL-safe token (base64url of `bytes` random bytes). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
