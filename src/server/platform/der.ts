/**
 * A small, strict DER (X.690) encoder and decoder for the structures the platform signs:
 * X.509 certificates with SM2 keys and GB/T 38540 electronic seals and signatures.
 *
 * Encoders return the encoded TLV as a Buffer, so structures are built by nesting calls:
 * `seq(int(4n), ia5('ES'))`. The decoder accepts DER only (definite, minimal lengths; minimal
 * integers; canonical booleans, bit strings and times) and keeps every element's exact bytes
 * (`raw`), which is what a verifier must hash: never a re-encoding.
 *
 * Why not a library: asn1js (the maintained option) is a BER parser; it accepts and re-emits
 * non-minimal lengths, indefinite lengths and non-canonical booleans, so a strict layer and a
 * tree walk for the raw slices would be needed anyway. asn1js is used in der.test.ts as an
 * independent oracle instead, alongside `openssl asn1parse`.
 */

export type TagClass = 'universal' | 'application' | 'context' | 'private';

/** Universal tag numbers used here. */
export const TAG = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  UTF8_STRING: 12,
  SEQUENCE: 16,
  SET: 17,
  PRINTABLE_STRING: 19,
  IA5_STRING: 22,
  UTC_TIME: 23,
  GENERALIZED_TIME: 24,
} as const;

/** One decoded element. `raw` is the whole TLV, `value` its contents octets (both views of the input). */
export type DerNode = {
  cls: TagClass;
  tag: number;
  constructed: boolean;
  raw: Buffer;
  value: Buffer;
  /** Child elements of a constructed element (empty for primitives). */
  children: DerNode[];
};

/** Thrown for any input that is not valid DER or not the expected shape. */
export class DerError extends Error {
  override name = 'DerError';
}

const CLASS_BITS: Record<TagClass, number> = { universal: 0x00, application: 0x40, context: 0x80, private: 0xc0 };
const CLASS_OF = ['universal', 'application', 'context', 'private'] as const;
const MAX_DEPTH = 64;

// ---------------------------------------------------------------- encoding

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function encodeIdentifier(cls: TagClass, tag: number, constructed: boolean): Buffer {
  if (!Number.isSafeInteger(tag) || tag < 0) throw new DerError(`bad tag number ${tag}`);
  const first = CLASS_BITS[cls] | (constructed ? 0x20 : 0);
  if (tag < 31) return Buffer.from([first | tag]);
  const parts: number[] = [tag & 0x7f];
  for (let v = Math.floor(tag / 128); v > 0; v = Math.floor(v / 128)) parts.unshift(0x80 | (v & 0x7f));
  return Buffer.from([first | 0x1f, ...parts]);
}

/** Encodes one element from its class, tag, form and contents octets. */
export function tlv(cls: TagClass, tag: number, constructed: boolean, content: Uint8Array): Buffer {
  return Buffer.concat([encodeIdentifier(cls, tag, constructed), encodeLength(content.length), content]);
}

const universal = (tag: number, content: Uint8Array, constructed = false) => tlv('universal', tag, constructed, content);

/** SEQUENCE of already-encoded elements, in the given order. */
export function seq(...items: Buffer[]): Buffer {
  return universal(TAG.SEQUENCE, Buffer.concat(items), true);
}

/** SET OF: DER orders the encoded elements as octet strings (X.690 11.6). */
export function set(...items: Buffer[]): Buffer {
  return universal(TAG.SET, Buffer.concat([...items].sort(Buffer.compare)), true);
}

/** INTEGER from a bigint or safe integer (two's complement, minimal). */
export function int(v: bigint | number): Buffer {
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new DerError(`int: not a safe integer: ${v}`);
  return universal(TAG.INTEGER, bigintToTwos(BigInt(v)));
}

/** INTEGER from unsigned big-endian hex (serial numbers, SM2 r and s): a 00 is prefixed when the top bit is set. */
export function intHex(hex: string): Buffer {
  if (!/^(?:[0-9a-fA-F]{2})*[0-9a-fA-F]?$/.test(hex) || hex.length === 0) throw new DerError(`intHex: bad hex "${hex}"`);
  return int(BigInt(`0x${hex}`));
}

function bigintToTwos(v: bigint): Buffer {
  if (v === 0n) return Buffer.from([0]);
  const bytes: number[] = [];
  let x = v;
  // emit bytes until the remaining value is pure sign extension of the last byte's top bit
  for (;;) {
    bytes.unshift(Number(x & 0xffn));
    x >>= 8n;
    const top = bytes[0] & 0x80;
    if ((x === 0n && !top) || (x === -1n && top)) break;
  }
  return Buffer.from(bytes);
}

/** OCTET STRING. */
export function octets(data: Uint8Array): Buffer {
  return universal(TAG.OCTET_STRING, data);
}

/** BIT STRING of whole bytes (unusedBits 0), or with 1–7 unused trailing bits which are cleared as DER requires. */
export function bits(data: Uint8Array, unusedBits = 0): Buffer {
  if (!Number.isInteger(unusedBits) || unusedBits < 0 || unusedBits > 7 || (data.length === 0 && unusedBits !== 0)) {
    throw new DerError(`bits: bad unusedBits ${unusedBits}`);
  }
  const body = Buffer.from(data);
  if (body.length > 0) body[body.length - 1] &= (0xff << unusedBits) & 0xff;
  return universal(TAG.BIT_STRING, Buffer.concat([Buffer.from([unusedBits]), body]));
}

/** OBJECT IDENTIFIER from dotted text ("1.2.156.10197.1.501"). */
export function oid(dotted: string): Buffer {
  if (!/^[0-2](?:\.(?:0|[1-9][0-9]*))+$/.test(dotted)) throw new DerError(`oid: bad identifier "${dotted}"`);
  const arcs = dotted.split('.').map((a) => BigInt(a));
  if (arcs[0] < 2n && arcs[1] > 39n) throw new DerError(`oid: second arc out of range in "${dotted}"`);
  const out: number[] = [];
  for (const arc of [arcs[0] * 40n + arcs[1], ...arcs.slice(2)]) {
    const group: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) group.unshift(0x80 | Number(v & 0x7fn));
    out.push(...group);
  }
  return universal(TAG.OID, Buffer.from(out));
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
// eslint-disable-next-line no-control-regex
const IA5 = /^[\x00-\x7f]*$/;

/** IA5String (ASCII). */
export function ia5(s: string): Buffer {
  if (!IA5.test(s)) throw new DerError('ia5: non-ASCII text');
  return universal(TAG.IA5_STRING, Buffer.from(s, 'latin1'));
}

/** UTF8String. */
export function utf8(s: string): Buffer {
  if (Buffer.from(s, 'utf8').toString('utf8') !== s) throw new DerError('utf8: lone surrogate');
  return universal(TAG.UTF8_STRING, Buffer.from(s, 'utf8'));
}

/** PrintableString (A–Z a–z 0–9 space and '()+,-./:=?). */
export function printable(s: string): Buffer {
  if (!PRINTABLE.test(s)) throw new DerError(`printable: character outside PrintableString in "${s}"`);
  return universal(TAG.PRINTABLE_STRING, Buffer.from(s, 'latin1'));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function checkDate(d: Date, what: string): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new DerError(`${what}: invalid date`);
}

/** GeneralizedTime in UTC: YYYYMMDDHHMMSS[.fff]Z, fraction without trailing zeros (X.690 11.7). */
export function generalizedTime(d: Date): Buffer {
  checkDate(d, 'generalizedTime');
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new DerError('generalizedTime: year out of range');
  const ms = d.getUTCMilliseconds();
  const frac = ms ? `.${pad(ms, 3).replace(/0+$/, '')}` : '';
  const s = `${pad(y, 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}${frac}Z`;
  return universal(TAG.GENERALIZED_TIME, Buffer.from(s, 'latin1'));
}

/** UTCTime (YYMMDDHHMMSSZ) for years 1950–2049; milliseconds are dropped. */
export function utcTime(d: Date): Buffer {
  checkDate(d, 'utcTime');
  const y = d.getUTCFullYear();
  if (y < 1950 || y > 2049) throw new DerError('utcTime: year outside 1950–2049');
  const s = `${pad(y % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  return universal(TAG.UTC_TIME, Buffer.from(s, 'latin1'));
}

/** BOOLEAN (DER: FF for true). */
export function bool(b: boolean): Buffer {
  return universal(TAG.BOOLEAN, Buffer.from([b ? 0xff : 0x00]));
}

/** NULL. */
export function nul(): Buffer {
  return universal(TAG.NULL, Buffer.alloc(0));
}

/** [n] EXPLICIT: a constructed context-specific element wrapping one encoded element. */
export function explicit(n: number, inner: Buffer): Buffer {
  return tlv('context', n, true, inner);
}

/** [n] IMPLICIT: the encoded element re-tagged as context-specific n, keeping its form and contents. */
export function implicit(n: number, inner: Buffer): Buffer {
  const node = decode(inner);
  return tlv('context', n, node.constructed, node.value);
}

// ---------------------------------------------------------------- decoding

/** Decodes exactly one DER element filling the whole input; throws DerError on anything else. */
export function decode(input: Uint8Array): DerNode {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const [node, end] = parseAt(buf, 0, 0);
  if (end !== buf.length) throw new DerError(`trailing data after the element (${buf.length - end} bytes)`);
  return node;
}

function parseAt(buf: Buffer, start: number, depth: number): [DerNode, number] {
  if (depth > MAX_DEPTH) throw new DerError('nesting too deep');
  let i = start;
  const need = (n: number) => {
    if (i + n > buf.length) throw new DerError(`truncated element at offset ${start}`);
  };
  need(1);
  const id = buf[i++];
  const cls = CLASS_OF[id >> 6];
  const constructed = (id & 0x20) !== 0;
  let tag = id & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    need(1);
    if (buf[i] === 0x80) throw new DerError('non-minimal tag number');
    for (;;) {
      need(1);
      const b = buf[i++];
      tag = tag * 128 + (b & 0x7f);
      if (tag > Number.MAX_SAFE_INTEGER / 256) throw new DerError('tag number too large');
      if (!(b & 0x80)) break;
    }
    if (tag < 31) throw new DerError('high-tag form used for a low tag number');
  }
  need(1);
  let len = buf[i++];
  if (len === 0x80) throw new DerError('indefinite length is not DER');
  if (len > 0x80) {
    const n = len & 0x7f;
    if (n > 4) throw new DerError('length too large');
    need(n);
    if (buf[i] === 0) throw new DerError('non-minimal length');
    len = 0;
    for (let k = 0; k < n; k++) len = len * 256 + buf[i++];
    if (len < 0x80) throw new DerError('long-form length for a short length');
  }
  need(len);
  const value = buf.subarray(i, i + len);
  const end = i + len;
  const children: DerNode[] = [];
  if (constructed) {
    let p = i;
    while (p < end) {
      const [child, next] = parseAt(buf.subarray(0, end), p, depth + 1);
      children.push(child);
      p = next;
    }
  }
  const node: DerNode = { cls, tag, constructed, raw: buf.subarray(start, end), value, children };
  if (cls === 'universal') checkUniversal(node);
  return [node, end];
}

const PRIMITIVE_ONLY = new Set<number>([
  TAG.BOOLEAN,
  TAG.INTEGER,
  TAG.BIT_STRING,
  TAG.OCTET_STRING,
  TAG.NULL,
  TAG.OID,
  TAG.UTF8_STRING,
  TAG.PRINTABLE_STRING,
  TAG.IA5_STRING,
  TAG.UTC_TIME,
  TAG.GENERALIZED_TIME,
]);

/** DER form and content rules for the universal types this module knows. */
function checkUniversal(n: DerNode): void {
  if ((n.tag === TAG.SEQUENCE || n.tag === TAG.SET) && !n.constructed) throw new DerError('SEQUENCE/SET must be constructed');
  if (PRIMITIVE_ONLY.has(n.tag) && n.constructed) throw new DerError(`universal tag ${n.tag} must be primitive in DER`);
  if (n.constructed) return;
  switch (n.tag) {
    case TAG.BOOLEAN:
      readBool(n);
      break;
    case TAG.INTEGER:
      readInt(n);
      break;
    case TAG.BIT_STRING:
      readBits(n);
      break;
    case TAG.NULL:
      readNull(n);
      break;
    case TAG.OID:
      readOid(n);
      break;
    case TAG.UTF8_STRING:
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
      readString(n);
      break;
    case TAG.UTC_TIME:
    case TAG.GENERALIZED_TIME:
      readTime(n);
      break;
  }
}

// ---------------------------------------------------------------- typed readers

function expectUniversal(n: DerNode, tag: number, what: string): void {
  if (n.cls !== 'universal' || n.tag !== tag) throw new DerError(`expected ${what}, found ${describe(n)}`);
}

/** Short description of an element for error messages: "universal 16", "[0]". */
export function describe(n: DerNode): string {
  return n.cls === 'context' ? `[${n.tag}]` : `${n.cls} ${n.tag}`;
}

/** Checks an element's class and tag (universal unless given) and returns it. */
export function expectTag(n: DerNode | undefined, tag: number, cls: TagClass = 'universal'): DerNode {
  if (!n) throw new DerError(`expected ${cls} ${tag}, found nothing`);
  if (n.cls !== cls || n.tag !== tag) throw new DerError(`expected ${cls} ${tag}, found ${describe(n)}`);
  return n;
}

/** The children of a SEQUENCE, checking that there are between min and max of them. */
export function readSeq(n: DerNode | undefined, min = 0, max = Infinity): DerNode[] {
  const s = expectTag(n, TAG.SEQUENCE);
  if (s.children.length < min || s.children.length > max) {
    throw new DerError(`SEQUENCE has ${s.children.length} elements, expected ${min}${max === Infinity ? '+' : `–${max}`}`);
  }
  return s.children;
}

/** The children of a SET. */
export function readSet(n: DerNode | undefined): DerNode[] {
  return expectTag(n, TAG.SET).children;
}

/** INTEGER as bigint (minimal two's complement enforced). */
export function readInt(n: DerNode | undefined): bigint {
  if (!n) throw new DerError('expected INTEGER, found nothing');
  expectUniversal(n, TAG.INTEGER, 'INTEGER');
  const v = n.value;
  if (v.length === 0) throw new DerError('empty INTEGER');
  if (v.length > 1 && ((v[0] === 0x00 && !(v[1] & 0x80)) || (v[0] === 0xff && v[1] & 0x80))) throw new DerError('non-minimal INTEGER');
  let x = 0n;
  for (const b of v) x = (x << 8n) | BigInt(b);
  return v[0] & 0x80 ? x - (1n << BigInt(v.length * 8)) : x;
}

/** A non-negative INTEGER as lowercase hex without leading zero bytes (at least "00"). */
export function readIntHex(n: DerNode | undefined): string {
  const x = readInt(n);
  if (x < 0n) throw new DerError('expected a non-negative INTEGER');
  const h = x.toString(16);
  return h.length % 2 ? `0${h}` : h;
}

/** A small INTEGER as a number. */
export function readSmallInt(n: DerNode | undefined): number {
  const x = readInt(n);
  if (x > BigInt(Number.MAX_SAFE_INTEGER) || x < BigInt(Number.MIN_SAFE_INTEGER)) throw new DerError('INTEGER too large');
  return Number(x);
}

/** OCTET STRING contents. */
export function readOctets(n: DerNode | undefined): Buffer {
  if (!n) throw new DerError('expected OCTET STRING, found nothing');
  expectUniversal(n, TAG.OCTET_STRING, 'OCTET STRING');
  return n.value;
}

/** BIT STRING: its bytes and number of unused trailing bits (which DER requires to be zero). */
export function readBits(n: DerNode | undefined): { bytes: Buffer; unusedBits: number } {
  if (!n) throw new DerError('expected BIT STRING, found nothing');
  expectUniversal(n, TAG.BIT_STRING, 'BIT STRING');
  const v = n.value;
  if (v.length === 0) throw new DerError('empty BIT STRING');
  const unusedBits = v[0];
  if (unusedBits > 7 || (v.length === 1 && unusedBits !== 0)) throw new DerError('bad BIT STRING unused-bits count');
  if (unusedBits && v[v.length - 1] & ((1 << unusedBits) - 1)) throw new DerError('BIT STRING padding bits are not zero');
  return { bytes: v.subarray(1), unusedBits };
}

/** BIT STRING that must hold whole bytes (signatures, hashes, keys). */
export function readBitBytes(n: DerNode | undefined): Buffer {
  const { bytes, unusedBits } = readBits(n);
  if (unusedBits !== 0) throw new DerError('BIT STRING is not a whole number of bytes');
  return bytes;
}

/** OBJECT IDENTIFIER as dotted text. */
export function readOid(n: DerNode | undefined): string {
  if (!n) throw new DerError('expected OBJECT IDENTIFIER, found nothing');
  expectUniversal(n, TAG.OID, 'OBJECT IDENTIFIER');
  const v = n.value;
  if (v.length === 0 || v[v.length - 1] & 0x80) throw new DerError('truncated OBJECT IDENTIFIER');
  const arcs: bigint[] = [];
  let cur = 0n;
  let fresh = true;
  for (const b of v) {
    if (fresh && b === 0x80) throw new DerError('non-minimal OBJECT IDENTIFIER arc');
    cur = (cur << 7n) | BigInt(b & 0x7f);
    fresh = !(b & 0x80);
    if (fresh) {
      arcs.push(cur);
      cur = 0n;
    }
  }
  const first = arcs[0];
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

/** IA5String, UTF8String or PrintableString as text (the character set of each is enforced). */
export function readString(n: DerNode | undefined): string {
  if (!n) throw new DerError('expected a string, found nothing');
  if (n.cls !== 'universal') throw new DerError(`expected a string, found ${describe(n)}`);
  if (n.tag === TAG.UTF8_STRING) {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(n.value);
    } catch {
      throw new DerError('invalid UTF-8 in UTF8String');
    }
  }
  const s = n.value.toString('latin1');
  if (n.tag === TAG.IA5_STRING && IA5.test(s)) return s;
  if (n.tag === TAG.PRINTABLE_STRING && PRINTABLE.test(s)) return s;
  if (n.tag === TAG.IA5_STRING || n.tag === TAG.PRINTABLE_STRING) throw new DerError('character outside the string type');
  throw new DerError(`expected a string, found ${describe(n)}`);
}

/** UTCTime or GeneralizedTime (DER forms: UTC "Z", seconds present, no trailing fraction zeros) as a Date. */
export function readTime(n: DerNode | undefined): Date {
  if (!n) throw new DerError('expected a time, found nothing');
  const s = n.value.toString('latin1');
  let y: number;
  let rest: string;
  let ms = 0;
  if (n.cls === 'universal' && n.tag === TAG.UTC_TIME) {
    const m = /^([0-9]{2})([0-9]{10})Z$/.exec(s);
    if (!m) throw new DerError(`bad UTCTime "${s}"`);
    const yy = Number(m[1]);
    y = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = m[2];
  } else if (n.cls === 'universal' && n.tag === TAG.GENERALIZED_TIME) {
    const m = /^([0-9]{4})([0-9]{10})(?:\.([0-9]*[1-9]))?Z$/.exec(s);
    if (!m) throw new DerError(`bad GeneralizedTime "${s}"`);
    y = Number(m[1]);
    rest = m[2];
    if (m[3] && m[3].length > 3) throw new DerError('GeneralizedTime fraction finer than milliseconds is not supported');
    if (m[3]) ms = Number(m[3].padEnd(3, '0'));
  } else {
    throw new DerError(`expected a time, found ${describe(n)}`);
  }
  const [mo, d, h, mi, sec] = [0, 2, 4, 6, 8].map((k) => Number(rest.slice(k, k + 2)));
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, sec, ms));
  t.setUTCFullYear(y);
  if (
    t.getUTCFullYear() !== y ||
    t.getUTCMonth() !== mo - 1 ||
    t.getUTCDate() !== d ||
    t.getUTCHours() !== h ||
    t.getUTCMinutes() !== mi ||
    t.getUTCSeconds() !== sec
  ) {
    throw new DerError(`time out of range "${s}"`);
  }
  return t;
}

/** BOOLEAN (only 00 and FF are DER). */
export function readBool(n: DerNode | undefined): boolean {
  if (!n) throw new DerError('expected BOOLEAN, found nothing');
  expectUniversal(n, TAG.BOOLEAN, 'BOOLEAN');
  if (n.value.length !== 1 || (n.value[0] !== 0x00 && n.value[0] !== 0xff)) throw new DerError('non-canonical BOOLEAN');
  return n.value[0] === 0xff;
}

/** NULL. */
export function readNull(n: DerNode | undefined): null {
  if (!n) throw new DerError('expected NULL, found nothing');
  expectUniversal(n, TAG.NULL, 'NULL');
  if (n.value.length !== 0) throw new DerError('NULL with contents');
  return null;
}

/** The one element inside a context-specific [n] EXPLICIT wrapper. */
export function readExplicit(n: DerNode | undefined, tagNumber: number): DerNode {
  const w = expectTag(n, tagNumber, 'context');
  if (!w.constructed || w.children.length !== 1) throw new DerError(`[${tagNumber}] EXPLICIT must hold exactly one element`);
  return w.children[0];
}

/**
 * Reads an IMPLICIT [n] element as if it carried the universal tag `asTag`, returning a node
 * that the typed readers accept (e.g. `readOctets(readImplicit(node, 1, TAG.OCTET_STRING))`).
 */
export function readImplicit(n: DerNode | undefined, tagNumber: number, asTag: number): DerNode {
  const w = expectTag(n, tagNumber, 'context');
  const node: DerNode = { ...w, cls: 'universal', tag: asTag };
  checkUniversal(node);
  return node;
}
