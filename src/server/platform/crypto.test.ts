import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createFieldCipher,
  deriveKey,
  hmacSm3Hex,
  maskIdNumber,
  maskName,
  maskPhone,
  parseMasterKey,
  randomToken,
  sm2GenerateKeyPair,
  sm2PublicKeyPem,
  sm2Sign,
  sm2Verify,
  sm3Hex,
} from './crypto.ts';

const master = Buffer.alloc(32, 7);
const otherMaster = Buffer.alloc(32, 8);

describe('SM3 and HMAC-SM3', () => {
  it('matches the GB/T 32905 vectors', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
    expect(sm3Hex(new TextEncoder().encode('abc'))).toBe(sm3Hex('abc'));
  });

  it('HMAC-SM3 is deterministic and key-dependent', () => {
    const a = hmacSm3Hex(master, '通办');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hmacSm3Hex(master, '通办')).toBe(a);
    expect(hmacSm3Hex(otherMaster, '通办')).not.toBe(a);
  });

  it('deriveKey gives purpose-bound keys of the requested length', () => {
    expect(deriveKey(master, 'a', 16)).toHaveLength(16);
    expect(deriveKey(master, 'a', 80)).toHaveLength(80);
    expect(deriveKey(master, 'a', 16).equals(deriveKey(master, 'a', 32).subarray(0, 16))).toBe(true);
    expect(deriveKey(master, 'a').equals(deriveKey(master, 'b'))).toBe(false);
    expect(() => deriveKey(Buffer.alloc(8), 'a')).toThrow();
  });

  it('parseMasterKey accepts hex and base64url', () => {
    expect(parseMasterKey('07'.repeat(32)).equals(master)).toBe(true);
    expect(parseMasterKey(master.toString('base64url')).equals(master)).toBe(true);
    expect(() => parseMasterKey('abc')).toThrow();
  });
});

describe('createFieldCipher', () => {
  const cipher = createFieldCipher(master);

  it('round-trips Chinese text and uses a fresh IV each time', () => {
    const plain = '张三 身份证 11010519491231002X 陕西省安康市石泉县城关镇';
    const t1 = cipher.encrypt(plain);
    const t2 = cipher.encrypt(plain);
    expect(t1).toMatch(/^v1:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]{43}$/);
    expect(t1).not.toBe(t2);
    expect(cipher.decrypt(t1)).toBe(plain);
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
  });

  it('throws on any tampering, a wrong key or a wrong context', () => {
    const token = cipher.encrypt('13812341234');
    const parts = token.split(':');
    for (const i of [1, 2, 3]) {
      const bytes = Buffer.from(parts[i], 'base64url');
      bytes[0] ^= 1;
      const tampered = parts.map((p, j) => (j === i ? bytes.toString('base64url') : p)).join(':');
      expect(() => cipher.decrypt(tampered)).toThrow(/authentication failed/);
    }
    expect(() => cipher.decrypt(token.replace(/^v1/, 'v2'))).toThrow();
    expect(() => cipher.decrypt(`${token}:x`)).toThrow();
    expect(() => cipher.decrypt(`${parts.slice(0, 3).join(':')}:`)).toThrow();
    expect(() => createFieldCipher(otherMaster).decrypt(token)).toThrow();
    const bound = cipher.encrypt('x', 'person.id_number');
    expect(cipher.decrypt(bound, 'person.id_number')).toBe('x');
    expect(() => cipher.decrypt(bound, 'person.phone')).toThrow();
  });

  it('blind index is stable, value-dependent and key-dependent', () => {
    const a = cipher.blindIndex('11010519491231002X');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(createFieldCipher(master).blindIndex('11010519491231002X')).toBe(a);
    expect(cipher.blindIndex('11010519491231003X')).not.toBe(a);
    expect(createFieldCipher(otherMaster).blindIndex('11010519491231002X')).not.toBe(a);
    expect(a).not.toBe(hmacSm3Hex(master, '11010519491231002X'));
  });
});

describe('SM2', () => {
  const kp = sm2GenerateKeyPair();

  it('signs and verifies; a wrong message, key or signature fails', () => {
    expect(kp.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(kp.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    const sig = sm2Sign('电子证照 SM3 摘要', kp.privateKey);
    expect(sig).toMatch(/^30[0-9a-f]+$/);
    expect(sm2Verify('电子证照 SM3 摘要', sig, kp.publicKey)).toBe(true);
    expect(sm2Verify(new TextEncoder().encode('电子证照 SM3 摘要'), sig, kp.publicKey)).toBe(true);
    expect(sm2Verify('电子证照 SM3 摘要!', sig, kp.publicKey)).toBe(false);
    expect(sm2Verify('电子证照 SM3 摘要', sig, sm2GenerateKeyPair().publicKey)).toBe(false);
    expect(sm2Verify('电子证照 SM3 摘要', 'zz', kp.publicKey)).toBe(false);
    expect(sm2Verify('电子证照 SM3 摘要', sig, '04abcd')).toBe(false);
  });

  // The openssl command line is the independent SM2 implementation: without it these fail (scripts/test.mjs installs it).
  const requireOpenssl = () =>
    expect(spawnSync('openssl', ['version']).status, 'openssl is not on the PATH (apt-get install openssl)').toBe(0);
  const run = (dir: string, args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
  };

  it('a signature verifies with the openssl CLI (distid 1234567812345678)', () => {
    requireOpenssl();
    const dir = mkdtempSync(join(tmpdir(), 'tongban-sm2-'));
    try {
      const msg = Buffer.from('通办 interop test', 'utf8');
      writeFileSync(join(dir, 'msg'), msg);
      writeFileSync(join(dir, 'pub.pem'), sm2PublicKeyPem(kp.publicKey));
      writeFileSync(join(dir, 'sig'), Buffer.from(sm2Sign(msg, kp.privateKey), 'hex'));
      const verify = [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'pub.pem',
        '-rawin',
        '-in',
        'msg',
        '-sigfile',
        'sig',
        '-digest',
        'sm3',
        '-pkeyopt',
        'distid:1234567812345678',
      ];
      const good = run(dir, verify);
      expect(good.out).toContain('Signature Verified Successfully');
      writeFileSync(join(dir, 'msg'), Buffer.from('通办 interop test!', 'utf8'));
      expect(run(dir, verify).ok).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an openssl-made signature verifies with sm2Verify', () => {
    requireOpenssl();
    const dir = mkdtempSync(join(tmpdir(), 'tongban-sm2-'));
    try {
      writeFileSync(join(dir, 'msg'), '好差评 interop');
      expect(run(dir, ['genpkey', '-algorithm', 'SM2', '-out', 'key.pem']).ok).toBe(true);
      expect(run(dir, ['pkey', '-in', 'key.pem', '-pubout', '-outform', 'DER', '-out', 'pub.der']).ok).toBe(true);
      expect(
        run(dir, [
          'pkeyutl',
          '-sign',
          '-inkey',
          'key.pem',
          '-rawin',
          '-in',
          'msg',
          '-out',
          'sig',
          '-digest',
          'sm3',
          '-pkeyopt',
          'distid:1234567812345678',
        ]).ok,
      ).toBe(true);
      const spki = readFileSync(join(dir, 'pub.der')).toString('hex');
      const pubHex = spki.slice(-130);
      expect(sm2PublicKeyPem(pubHex)).toContain(readFileSync(join(dir, 'pub.der')).toString('base64').slice(0, 60));
      const sig = readFileSync(join(dir, 'sig')).toString('hex');
      expect(sm2Verify('好差评 interop', sig, pubHex)).toBe(true);
      expect(sm2Verify('好差评 interop?', sig, pubHex)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('masking and tokens', () => {
  it('masks ID numbers, phones and names for display', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('123')).toBe('***');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('欧阳修')).toBe('欧阳*');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('王欧阳')).toBe('王**');
    expect(maskName('张')).toBe('张*');
    expect(maskName('')).toBe('');
    expect(maskName('𠀋一')).toBe('𠀋*');
  });

  it('randomToken is base64url of the requested size', () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomToken()).not.toBe(randomToken());
  });
});
