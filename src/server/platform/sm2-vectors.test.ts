/**
 * Known-answer tests for the national algorithms the seals rest on (STANDARDS.md §5):
 * SM3 (GB/T 32905) and the SM2 signature of GB/T 32918.2 Annex A on its example curve with the
 * fixed k, computed here with BigInt arithmetic (sm-crypto-v2 only knows the recommended curve);
 * then the same independent arithmetic is shown to agree with the platform's sm2Sign/sm2Verify
 * on the recommended curve.
 */
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import {
  SM2_DEFAULT_USER_ID,
  sm2GenerateKeyPair,
  sm2IsValidPublicKey,
  sm2PublicKeyFromPrivate,
  sm2Sign,
  sm2Verify,
  sm3Hex,
} from './crypto.ts';
import { decode, intHex, readInt, readSeq, seq } from './der.ts';

type Curve = { p: bigint; a: bigint; b: bigint; n: bigint; G: Point };
type Point = { x: bigint; y: bigint } | null; // null = point at infinity

const X = (s: string) => BigInt(`0x${s.replace(/\s+/g, '')}`);
const mod = (v: bigint, m: bigint) => ((v % m) + m) % m;
function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  let x = mod(b, m);
  for (let k = e; k > 0n; k >>= 1n) {
    if (k & 1n) r = (r * x) % m;
    x = (x * x) % m;
  }
  return r;
}
const inv = (v: bigint, m: bigint) => modPow(v, m - 2n, m); // m is prime (p and n)

function add(c: Curve, P: Point, Q: Point): Point {
  if (!P) return Q;
  if (!Q) return P;
  if (P.x === Q.x && mod(P.y + Q.y, c.p) === 0n) return null;
  const l =
    P.x === Q.x && P.y === Q.y
      ? mod((3n * P.x * P.x + c.a) * inv(2n * P.y, c.p), c.p)
      : mod((Q.y - P.y) * inv(mod(Q.x - P.x, c.p), c.p), c.p);
  const x = mod(l * l - P.x - Q.x, c.p);
  return { x, y: mod(l * (P.x - x) - P.y, c.p) };
}
function mul(c: Curve, k: bigint, P: Point): Point {
  let R: Point = null;
  let A = P;
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) R = add(c, R, A);
    A = add(c, A, A);
  }
  return R;
}
const onCurve = (c: Curve, P: Point) => !!P && mod(P.y * P.y - (P.x * P.x * P.x + c.a * P.x + c.b), c.p) === 0n;

const hex32 = (v: bigint) => v.toString(16).padStart(64, '0');
const sm3 = (hex: string) => createHash('sm3').update(Buffer.from(hex, 'hex')).digest('hex');

/** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ Gx ‖ Gy ‖ xA ‖ yA). */
function zValue(c: Curve, id: string, pub: { x: bigint; y: bigint }): string {
  const idHex = Buffer.from(id, 'utf8').toString('hex');
  const entl = ((idHex.length / 2) * 8).toString(16).padStart(4, '0');
  return sm3(entl + idHex + [c.a, c.b, c.G!.x, c.G!.y, pub.x, pub.y].map(hex32).join(''));
}

function sign(c: Curve, id: string, msg: Buffer, d: bigint, k: bigint) {
  const pub = mul(c, d, c.G)!;
  const Z = zValue(c, id, pub);
  const e = X(sm3(Z + msg.toString('hex')));
  const { x: x1 } = mul(c, k, c.G)!;
  const r = mod(e + x1, c.n);
  const s = mod(inv(1n + d, c.n) * (k - r * d), c.n);
  return { Z, e, r, s };
}

function verify(c: Curve, id: string, msg: Buffer, pub: { x: bigint; y: bigint }, r: bigint, s: bigint): boolean {
  if (r < 1n || r >= c.n || s < 1n || s >= c.n) return false;
  const e = X(sm3(zValue(c, id, pub) + msg.toString('hex')));
  const t = mod(r + s, c.n);
  if (t === 0n) return false;
  const P = add(c, mul(c, s, c.G), mul(c, t, pub));
  return !!P && mod(e + P.x, c.n) === r;
}

/** GB/T 32918.2 Annex A example curve (Fp-256). */
const EXAMPLE: Curve = {
  p: X('8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3'),
  a: X('787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498'),
  b: X('63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A'),
  n: X('8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7'),
  G: {
    x: X('421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D'),
    y: X('0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2'),
  },
};

/** GB/T 32918.5 recommended curve (the one every real SM2 key uses). */
const RECOMMENDED: Curve = {
  p: X('FFFFFFFE FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF 00000000 FFFFFFFF FFFFFFFF'),
  a: X('FFFFFFFE FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF 00000000 FFFFFFFF FFFFFFFC'),
  b: X('28E9FA9E 9D9F5E34 4D5A9E4B CF6509A7 F39789F5 15AB8F92 DDBCBD41 4D940E93'),
  n: X('FFFFFFFE FFFFFFFF FFFFFFFF FFFFFFFF 7203DF6B 21C6052B 53BBF409 39D54123'),
  G: {
    x: X('32C4AE2C 1F198119 5F990446 6A39C994 8FE30BBF F2660BE1 715A4589 334C74C7'),
    y: X('BC3736A2 F4F6779C 59BDCEE3 6B692153 D0A9877C C62A4740 02DF32E5 2139F0A0'),
  },
};

describe('SM3 (GB/T 32905)', () => {
  it('matches the standard’s two vectors', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

describe('SM2 signature, GB/T 32918.2 Annex A (example curve, fixed k)', () => {
  const ID = 'ALICE123@YAHOO.COM';
  const M = Buffer.from('message digest');
  const dA = X('128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263');
  const k = X('6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F');

  it('the example curve is sane and dA·G is the published public key', () => {
    expect(onCurve(EXAMPLE, EXAMPLE.G)).toBe(true);
    expect(mul(EXAMPLE, EXAMPLE.n, EXAMPLE.G)).toBeNull();
    const P = mul(EXAMPLE, dA, EXAMPLE.G)!;
    expect(hex32(P.x).toUpperCase()).toBe('0AE4C7798AA0F119471BEE11825BE46202BB79E2A5844495E97C04FF4DF2548A');
    expect(hex32(P.y).toUpperCase()).toBe('7C0240F88F1CD4E16352A73C17B7F16F07353E53A176D684A9FE0C6BB798E857');
  });

  it('reproduces Z, e, r and s exactly, and the signature verifies', () => {
    const { Z, e, r, s } = sign(EXAMPLE, ID, M, dA, k);
    expect(Z.toUpperCase()).toBe('F4A38489E32B45B6F876E3AC2168CA392362DC8F23459C1D1146FC3DBFB7BC9A');
    expect(hex32(e).toUpperCase()).toBe('B524F552CD82B8B028476E005C377FB19A87E6FC682D48BB5D42E3D9B9EFFE76');
    expect(hex32(r).toUpperCase()).toBe('40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1');
    expect(hex32(s).toUpperCase()).toBe('6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7');
    const pub = mul(EXAMPLE, dA, EXAMPLE.G)!;
    expect(verify(EXAMPLE, ID, M, pub, r, s)).toBe(true);
    expect(verify(EXAMPLE, ID, Buffer.from('message digesT'), pub, r, s)).toBe(false);
    expect(verify(EXAMPLE, 'BOB', M, pub, r, s)).toBe(false);
  });
});

describe('the platform’s SM2 (sm-crypto-v2) agrees with the independent arithmetic on the recommended curve', () => {
  const pubOf = (hex: string) => ({ x: X(hex.slice(2, 66)), y: X(hex.slice(66)) });

  it('the recommended curve is sane', () => {
    expect(onCurve(RECOMMENDED, RECOMMENDED.G)).toBe(true);
    expect(mul(RECOMMENDED, RECOMMENDED.n, RECOMMENDED.G)).toBeNull();
  });

  it('sm2PublicKeyFromPrivate is d·G, and sm2IsValidPublicKey accepts only points on the curve', () => {
    const d = X('128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263');
    const P = mul(RECOMMENDED, d, RECOMMENDED.G)!;
    const pub = `04${hex32(P.x)}${hex32(P.y)}`;
    expect(sm2PublicKeyFromPrivate(hex32(d))).toBe(pub);
    expect(sm2PublicKeyFromPrivate(hex32(d).toUpperCase())).toBe(pub);
    expect(sm2IsValidPublicKey(pub)).toBe(true);
    expect(sm2IsValidPublicKey(`04${hex32(P.x)}${hex32(mod(P.y + 1n, RECOMMENDED.p))}`)).toBe(false);
    expect(sm2IsValidPublicKey(pub.slice(2))).toBe(false);
    expect(() => sm2PublicKeyFromPrivate('xyz')).toThrow();
  });

  it('sm2Sign’s DER signatures verify here with the default user ID, and ours verify with sm2Verify', () => {
    const kp = sm2GenerateKeyPair();
    const pub = pubOf(kp.publicKey);
    expect(mul(RECOMMENDED, X(kp.privateKey), RECOMMENDED.G)).toEqual(pub);
    const msg = Buffer.from('通办 电子印章 TBS_Sign bytes');

    // platform → independent verifier
    const [r, s] = readSeq(decode(Buffer.from(sm2Sign(msg, kp.privateKey), 'hex')), 2, 2).map((n) => readInt(n));
    expect(verify(RECOMMENDED, SM2_DEFAULT_USER_ID, msg, pub, r, s)).toBe(true);
    expect(verify(RECOMMENDED, 'another id', msg, pub, r, s)).toBe(false);

    // independent signer (fixed k) → platform verifier
    const fixed = sign(
      RECOMMENDED,
      SM2_DEFAULT_USER_ID,
      msg,
      X(kp.privateKey),
      X('1234567890ABCDEF1234567890ABCDEF1234567890ABCDEF1234567890ABCDEF'),
    );
    const der = seq(intHex(hex32(fixed.r)), intHex(hex32(fixed.s))).toString('hex');
    expect(sm2Verify(msg, der, kp.publicKey)).toBe(true);
    expect(sm2Verify(Buffer.concat([msg, Buffer.from('!')]), der, kp.publicKey)).toBe(false);
  });
});
