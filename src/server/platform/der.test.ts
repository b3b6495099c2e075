import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import * as asn1js from 'asn1js';
import {
  DerError,
  TAG,
  bits,
  bool,
  decode,
  explicit,
  generalizedTime,
  ia5,
  implicit,
  int,
  intHex,
  nul,
  octets,
  oid,
  printable,
  readBitBytes,
  readBits,
  readBool,
  readExplicit,
  readImplicit,
  readInt,
  readIntHex,
  readNull,
  readOctets,
  readOid,
  readSeq,
  readSet,
  readSmallInt,
  readString,
  readTime,
  seq,
  set,
  tlv,
  utcTime,
  utf8,
  type DerNode,
} from './der.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const h = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('DER encoding: known vectors', () => {
  it('INTEGER is minimal two’s complement', () => {
    const cases: [bigint, string][] = [
      [0n, '020100'],
      [1n, '020101'],
      [127n, '02017f'],
      [128n, '02020080'],
      [255n, '020200ff'],
      [256n, '02020100'],
      [-1n, '0201ff'],
      [-128n, '020180'],
      [-129n, '0202ff7f'],
      [-256n, '0202ff00'],
      [-257n, '0202feff'],
    ];
    for (const [v, e] of cases) {
      expect(hex(int(v)), String(v)).toBe(e);
      expect(readInt(decode(h(e)))).toBe(v);
    }
    expect(hex(intHex('8000'))).toBe('0203008000');
    expect(hex(intHex('0001'))).toBe('020101');
    expect(readIntHex(decode(h('0203008000')))).toBe('8000');
    expect(() => intHex('xyz')).toThrow(DerError);
  });

  it('OBJECT IDENTIFIER, strings, BOOLEAN, NULL, BIT STRING, OCTET STRING', () => {
    expect(hex(oid('1.2.840.10045.2.1'))).toBe('06072a8648ce3d0201');
    expect(hex(oid('1.2.156.10197.1.301'))).toBe('06082a811ccf5501822d');
    expect(hex(oid('1.2.156.10197.1.501'))).toBe('06082a811ccf55018375');
    expect(hex(oid('2.999.3'))).toBe('0603883703');
    expect(readOid(decode(h('0603883703')))).toBe('2.999.3');
    expect(hex(ia5('ES'))).toBe('16024553');
    expect(hex(utf8('通办'))).toBe('0c06e9809ae58a9e');
    expect(hex(printable('CN'))).toBe('1302434e');
    expect(hex(bool(true))).toBe('0101ff');
    expect(hex(bool(false))).toBe('010100');
    expect(hex(nul())).toBe('0500');
    expect(hex(bits(h('0102')))).toBe('0303000102');
    expect(hex(bits(h('ff'), 3))).toBe('030203f8'); // padding bits cleared
    expect(hex(bits(new Uint8Array(0)))).toBe('030100');
    expect(hex(octets(h('abcd')))).toBe('0402abcd');
    expect(() => printable('a@b')).toThrow(DerError);
    expect(() => ia5('通')).toThrow(DerError);
    expect(() => oid('1.40.1')).toThrow(DerError);
    expect(() => oid('1.2.03')).toThrow(DerError);
  });

  it('times: GeneralizedTime with trimmed fraction, UTCTime in 1950–2049', () => {
    expect(decode(generalizedTime(new Date('2024-05-06T07:08:09Z'))).value.toString()).toBe('20240506070809Z');
    expect(decode(generalizedTime(new Date('2024-05-06T07:08:09.120Z'))).value.toString()).toBe('20240506070809.12Z');
    expect(decode(utcTime(new Date('2049-12-31T23:59:59.999Z'))).value.toString()).toBe('491231235959Z');
    expect(readTime(decode(utcTime(new Date('1950-01-01T00:00:00Z')))).toISOString()).toBe('1950-01-01T00:00:00.000Z');
    expect(() => utcTime(new Date('2050-01-01T00:00:00Z'))).toThrow(DerError);
    expect(() => generalizedTime(new Date(NaN))).toThrow(DerError);
  });

  it('lengths: short, long form, and 2-byte long form', () => {
    expect(hex(octets(Buffer.alloc(127))).slice(0, 4)).toBe('047f');
    expect(hex(octets(Buffer.alloc(128))).slice(0, 6)).toBe('048180');
    expect(hex(octets(Buffer.alloc(256))).slice(0, 8)).toBe('04820100');
    expect(readOctets(decode(octets(Buffer.alloc(70000, 7))))).toHaveLength(70000);
  });

  it('SEQUENCE, SET OF ordering, [n] EXPLICIT and IMPLICIT, high tag numbers', () => {
    expect(hex(seq(int(1), ia5('a')))).toBe('3006020101160161');
    expect(hex(set(int(2), int(1)))).toBe('3106020101020102');
    expect(hex(explicit(0, int(2)))).toBe('a003020102');
    expect(hex(implicit(1, octets(h('01'))))).toBe('810101');
    expect(hex(implicit(2, seq(int(1))))).toBe('a203020101');
    const n = decode(seq(explicit(0, int(2)), implicit(1, octets(h('0102')))));
    const [a, b] = readSeq(n, 2, 2);
    expect(readInt(readExplicit(a, 0))).toBe(2n);
    expect(hex(readOctets(readImplicit(b, 1, TAG.OCTET_STRING)))).toBe('0102');
    const high = tlv('context', 200, false, h('aa'));
    expect(hex(high)).toBe('9f814801aa');
    expect(decode(high).tag).toBe(200);
    expect(readSet(decode(set(int(1))))).toHaveLength(1);
    expect(() => readSeq(n, 3)).toThrow(/expected 3/);
    expect(() => readExplicit(b, 0)).toThrow(DerError);
  });

  it('keeps exact raw slices of every element', () => {
    const inner = seq(int(5), utf8('印章'));
    const outer = seq(ia5('x'), inner, bits(h('aa')));
    const n = decode(outer);
    expect(n.children[1].raw.equals(inner)).toBe(true);
    expect(n.raw.equals(outer)).toBe(true);
    expect(readBitBytes(n.children[2]).equals(h('aa'))).toBe(true);
  });
});

describe('DER decoding is strict', () => {
  const rejects: [string, string][] = [
    ['308103020105', 'non-minimal (long form for short) length'],
    ['30820003020105', 'long form with leading zero'],
    ['30800201050000', 'indefinite length'],
    ['02020001', 'non-minimal positive INTEGER'],
    ['0202ff80', 'non-minimal negative INTEGER'],
    ['0200', 'empty INTEGER'],
    ['010101', 'BOOLEAN other than 00/FF'],
    ['01020000', 'BOOLEAN of two bytes'],
    ['03020101', 'BIT STRING with non-zero padding'],
    ['030108', 'BIT STRING with unused bits and no data'],
    ['03020801', 'BIT STRING with unused bits > 7'],
    ['050100', 'NULL with contents'],
    ['0603808101', 'OID arc with leading 0x80'],
    ['06022a81', 'truncated OID'],
    ['0c02c328', 'invalid UTF-8'],
    ['130140', 'PrintableString with @'],
    ['160180', 'IA5String above 0x7f'],
    ['180f3230323430353036303730383039', 'GeneralizedTime without Z (wrong length too)'],
    ['181232303234303530363037303830392e35305a', 'GeneralizedTime fraction with trailing zero'],
    ['180f32303234313333303037303830395a', 'GeneralizedTime month 13'],
    ['170b323430353036303730385a', 'UTCTime without seconds'],
    ['2203020101', 'constructed INTEGER'],
    ['1000', 'primitive SEQUENCE'],
    ['30030201', 'truncated'],
    ['020101ff', 'trailing data'],
    ['3003020201', 'child running past its parent'],
    ['1f0001', 'high-tag form for a low tag'],
    ['', 'empty input'],
  ];
  for (const [input, why] of rejects) {
    it(`rejects ${why}`, () => {
      expect(() => decode(h(input))).toThrow(DerError);
    });
  }

  it('rejects absurd nesting', () => {
    let x = nul();
    for (let i = 0; i < 80; i++) x = seq(x);
    expect(() => decode(x)).toThrow(/deep/);
  });

  it('typed readers check the tag', () => {
    const n = decode(int(1));
    expect(() => readOctets(n)).toThrow(/OCTET STRING/);
    expect(() => readOid(n)).toThrow(DerError);
    expect(() => readString(n)).toThrow(DerError);
    expect(() => readTime(n)).toThrow(DerError);
    expect(() => readBool(n)).toThrow(DerError);
    expect(() => readNull(n)).toThrow(DerError);
    expect(() => readBits(n)).toThrow(DerError);
    expect(() => readInt(undefined)).toThrow(/nothing/);
    expect(() => readSmallInt(decode(int(2n ** 60n)))).toThrow(/too large/);
    expect(() => readIntHex(decode(int(-1)))).toThrow(/non-negative/);
    expect(() => readBitBytes(decode(bits(h('f0'), 4)))).toThrow(/whole/);
  });
});

// ---------------------------------------------------------------- property tests against asn1js (an independent BER/DER codec)

type Model =
  | { k: 'int'; v: bigint }
  | { k: 'oid'; v: string }
  | { k: 'octets'; v: Uint8Array }
  | { k: 'bits'; v: Uint8Array; u: number }
  | { k: 'ia5' | 'utf8' | 'printable'; v: string }
  | { k: 'gt' | 'utc'; v: Date }
  | { k: 'bool'; v: boolean }
  | { k: 'null' }
  | { k: 'seq' | 'set'; items: Model[] }
  | { k: 'explicit'; n: number; inner: Model };

const clearPad = (v: Uint8Array, u: number) => {
  const b = Uint8Array.from(v);
  if (b.length) b[b.length - 1] &= (0xff << u) & 0xff;
  return b;
};

const leaf: fc.Arbitrary<Model> = fc.oneof(
  fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }).map((v) => ({ k: 'int' as const, v })),
  fc
    .tuple(
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 39 }),
      fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 8 }),
    )
    .map(([a, b, rest]) => ({ k: 'oid' as const, v: [a, b, ...rest].join('.') })),
  fc.uint8Array({ maxLength: 300 }).map((v) => ({ k: 'octets' as const, v })),
  fc
    .tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 7 }))
    .map(([v, u]) => ({ k: 'bits' as const, v: clearPad(v, u), u })),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((v) => ({ k: 'ia5' as const, v })),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map((v) => ({ k: 'utf8' as const, v })),
  fc.stringMatching(/^[A-Za-z0-9 '()+,\-./:=?]{0,30}$/).map((v) => ({ k: 'printable' as const, v })),
  fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59.999Z'), noInvalidDate: true })
    .map((v) => ({ k: 'gt' as const, v })),
  fc
    .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2049-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => ({ k: 'utc' as const, v: new Date(Math.floor(d.getTime() / 1000) * 1000) })),
  fc.boolean().map((v) => ({ k: 'bool' as const, v })),
  fc.constant({ k: 'null' as const }),
);

const { model } = fc.letrec<{ model: Model }>((tie) => ({
  model: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('model'), { maxLength: 5 }).map((items) => ({ k: 'seq' as const, items })),
    fc.array(tie('model'), { maxLength: 4 }).map((items) => ({ k: 'set' as const, items })),
    fc.tuple(fc.integer({ min: 0, max: 40 }), tie('model')).map(([n, inner]) => ({ k: 'explicit' as const, n, inner })),
  ),
}));

function encodeModel(m: Model): Buffer {
  switch (m.k) {
    case 'int':
      return int(m.v);
    case 'oid':
      return oid(m.v);
    case 'octets':
      return octets(m.v);
    case 'bits':
      return bits(m.v, m.u);
    case 'ia5':
      return ia5(m.v);
    case 'utf8':
      return utf8(m.v);
    case 'printable':
      return printable(m.v);
    case 'gt':
      return generalizedTime(m.v);
    case 'utc':
      return utcTime(m.v);
    case 'bool':
      return bool(m.v);
    case 'null':
      return nul();
    case 'seq':
      return seq(...m.items.map(encodeModel));
    case 'set':
      return set(...m.items.map(encodeModel));
    case 'explicit':
      return explicit(m.n, encodeModel(m.inner));
  }
}

function asn1jsModel(m: Model): asn1js.BaseBlock {
  switch (m.k) {
    case 'int':
      return asn1js.Integer.fromBigInt(m.v);
    case 'oid':
      return new asn1js.ObjectIdentifier({ value: m.v });
    case 'octets':
      return new asn1js.OctetString({ valueHex: m.v });
    case 'bits':
      return new asn1js.BitString({ valueHex: m.v, unusedBits: m.u });
    case 'ia5':
      return new asn1js.IA5String({ value: m.v });
    case 'utf8':
      return new asn1js.Utf8String({ value: m.v });
    case 'printable':
      return new asn1js.PrintableString({ value: m.v });
    case 'gt':
      return new asn1js.GeneralizedTime({ valueDate: m.v });
    case 'utc':
      return new asn1js.UTCTime({ valueDate: m.v });
    case 'bool':
      return new asn1js.Boolean({ value: m.v });
    case 'null':
      return new asn1js.Null();
    case 'seq':
      return new asn1js.Sequence({ value: m.items.map(asn1jsModel) });
    case 'set': {
      // asn1js writes SET elements in the given order (BER); DER sorts them
      const sorted = [...m.items].sort((a, b) => Buffer.compare(encodeModel(a), encodeModel(b)));
      return new asn1js.Set({ value: sorted.map(asn1jsModel) });
    }
    case 'explicit':
      return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: m.n }, value: [asn1jsModel(m.inner)] });
  }
}

function checkDecoded(m: Model, n: DerNode): void {
  switch (m.k) {
    case 'int':
      expect(readInt(n)).toBe(m.v);
      break;
    case 'oid':
      expect(readOid(n)).toBe(m.v);
      break;
    case 'octets':
      expect(hex(readOctets(n))).toBe(hex(m.v));
      break;
    case 'bits':
      expect(readBits(n)).toEqual({ bytes: Buffer.from(m.v), unusedBits: m.u });
      break;
    case 'ia5':
    case 'utf8':
    case 'printable':
      expect(readString(n)).toBe(m.v);
      break;
    case 'gt':
    case 'utc':
      expect(readTime(n).getTime()).toBe(m.v.getTime());
      break;
    case 'bool':
      expect(readBool(n)).toBe(m.v);
      break;
    case 'null':
      expect(readNull(n)).toBe(null);
      break;
    case 'seq': {
      const kids = readSeq(n, m.items.length, m.items.length);
      for (const [i, it] of m.items.entries()) checkDecoded(it, kids[i]);
      break;
    }
    case 'set': {
      const kids = readSet(n);
      expect(kids.map((k) => hex(k.raw)).sort()).toEqual(m.items.map((it) => hex(encodeModel(it))).sort());
      break;
    }
    case 'explicit':
      checkDecoded(m.inner, readExplicit(n, m.n));
      break;
  }
}

describe('DER properties', () => {
  it('decode(encode(x)) gives x back, with raw equal to the input', () => {
    fc.assert(
      fc.property(model, (m) => {
        const der = encodeModel(m);
        const n = decode(der);
        expect(n.raw.equals(der)).toBe(true);
        checkDecoded(m, n);
      }),
      { numRuns: 300 },
    );
  });

  it('our encoder and asn1js produce the same bytes, and asn1js parses ours cleanly', () => {
    fc.assert(
      fc.property(model, (m) => {
        const ours = encodeModel(m);
        expect(hex(new Uint8Array(asn1jsModel(m).toBER()))).toBe(hex(ours));
        const parsed = asn1js.fromBER(ours);
        expect(parsed.offset).toBe(ours.length);
        expect(parsed.result.error).toBe('');
      }),
      { numRuns: 300 },
    );
  });

  it('decode never throws anything but DerError on random bytes or mutated DER', () => {
    fc.assert(
      fc.property(model, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 64 }), (m, pos, byte, junk) => {
        const der = Buffer.from(encodeModel(m));
        der[pos % der.length] = byte;
        for (const input of [der, Buffer.from(junk)]) {
          try {
            decode(input);
          } catch (e) {
            expect(e).toBeInstanceOf(DerError);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('DER against the OpenSSL parser', () => {
  it('openssl asn1parse reads every type', () => {
    const der = seq(
      int(-129),
      intHex('00c0ffee'),
      octets(h('0102')),
      bits(h('a0'), 5),
      oid('1.2.156.10197.1.501'),
      ia5('ES'),
      utf8('电子印章'),
      printable('CN'),
      generalizedTime(new Date('2024-05-06T07:08:09.5Z')),
      utcTime(new Date('2030-01-02T03:04:05Z')),
      bool(true),
      nul(),
      set(int(3), int(1)),
      explicit(0, int(2)),
      implicit(1, octets(h('ff'))),
    );
    const r = spawnSync('openssl', ['asn1parse', '-inform', 'DER'], { input: der, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout;
    for (const want of [
      /INTEGER\s+:-81/,
      /INTEGER\s+:C0FFEE/,
      /OCTET STRING\s+\[HEX DUMP\]:0102/,
      /BIT STRING/,
      /OBJECT\s+:SM2-with-SM3/,
      /IA5STRING\s+:ES/,
      /UTF8STRING\s+:/,
      /PRINTABLESTRING\s+:CN/,
      /GENERALIZEDTIME\s+:20240506070809\.5Z/,
      /UTCTIME\s+:300102030405Z/,
      /BOOLEAN\s+:255/,
      /NULL/,
      /SET/,
      /cont \[ 0 \]/,
      /cont \[ 1 \]/,
    ]) {
      expect(out).toMatch(want);
    }
    expect(out).not.toMatch(/error/i);
  });
});
