/**
 * X.509 v3 certificates with SM2 keys, signed with SM2-with-SM3 (GM/T 0015 profile of RFC 5280):
 * the seal maker's certificate and the seal (signer) certificates of GB/T 38540.
 * Public key: id-ecPublicKey (1.2.840.10045.2.1) on curve SM2 (1.2.156.10197.1.301);
 * signature algorithm 1.2.156.10197.1.501 without parameters (as OpenSSL writes it), over
 * DER(TBSCertificate) with the default user ID 1234567812345678. `openssl x509` and
 * `openssl verify` accept them (sm2-cert.test.ts).
 */
import {
  DerError,
  TAG,
  bits,
  bool,
  decode,
  explicit,
  generalizedTime,
  implicit,
  int,
  intHex,
  octets,
  oid,
  printable,
  readBitBytes,
  readBool,
  readExplicit,
  readIntHex,
  readOctets,
  readOid,
  readSeq,
  readSet,
  readSmallInt,
  readString,
  readTime,
  seq,
  set,
  utcTime,
  utf8,
  type DerNode,
} from './der.ts';
import { sm2IsValidPublicKey, sm2PublicKeyFromPrivate, sm2Sign, sm2Verify, sm3Hex } from './crypto.ts';

export const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  sm2Curve: '1.2.156.10197.1.301',
  sm3: '1.2.156.10197.1.401',
  sm2WithSm3: '1.2.156.10197.1.501',
  commonName: '2.5.4.3',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

/** A distinguished name with the attributes the platform uses. */
export type CertName = { CN: string; O: string; C?: string };

export type CreateSm2CertificateInput = {
  subject: CertName;
  /** The issuer's name; when absent the certificate is self-signed (issuer = subject). */
  issuer?: CertName;
  /** Uncompressed `04‖x‖y` hex. */
  subjectPublicKeyHex: string;
  /** The issuer's private key (the subject's own for a self-signed certificate). */
  issuerPrivateKeyHex: string;
  /** Positive serial number as hex (at most 20 bytes). */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** CA: basicConstraints cA=TRUE and keyUsage keyCertSign|cRLSign|digitalSignature; otherwise digitalSignature|nonRepudiation. */
  isCa: boolean;
};

export type CertificateInfo = {
  subject: CertName;
  issuer: CertName;
  /** Lowercase hex without leading zero bytes. */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
  publicKeyHex: string;
};

const algorithm = () => seq(oid(OID.sm2WithSm3));

function encodeName(n: CertName): Buffer {
  if (!n || typeof n.CN !== 'string' || typeof n.O !== 'string' || !n.CN || !n.O) throw new Error('certificate name needs CN and O');
  const rdn = (type: string, value: Buffer) => set(seq(oid(type), value));
  const rdns: Buffer[] = [];
  if (n.C !== undefined) {
    if (!/^[A-Z]{2}$/.test(n.C)) throw new Error('certificate name: C must be a 2-letter country code');
    rdns.push(rdn(OID.country, printable(n.C)));
  }
  rdns.push(rdn(OID.organization, utf8(n.O)), rdn(OID.commonName, utf8(n.CN)));
  return seq(...rdns);
}

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds. */
function certTime(d: Date): Buffer {
  const t = new Date(Math.floor(d.getTime() / 1000) * 1000);
  const y = t.getUTCFullYear();
  return y >= 1950 && y <= 2049 ? utcTime(t) : generalizedTime(t);
}

/** SubjectPublicKeyInfo of an SM2 key. */
export function sm2SpkiDer(publicKeyHex: string): Buffer {
  return seq(seq(oid(OID.ecPublicKey), oid(OID.sm2Curve)), bits(Buffer.from(publicKeyHex, 'hex')));
}

/** Key identifier: the leftmost 160 bits of SM3 over the public key bits (the RFC 7093 method with SM3). */
function keyId(publicKeyHex: string): Buffer {
  return Buffer.from(sm3Hex(Buffer.from(publicKeyHex, 'hex')), 'hex').subarray(0, 20);
}

const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

/** Builds and signs a DER X.509 v3 certificate with an SM2 key. */
export function createSm2Certificate(input: CreateSm2CertificateInput): Buffer {
  const { subject, subjectPublicKeyHex, issuerPrivateKeyHex, serialHex, notBefore, notAfter, isCa } = input;
  const pub = subjectPublicKeyHex?.toLowerCase();
  if (!sm2IsValidPublicKey(pub))
    throw new Error('createSm2Certificate: subjectPublicKeyHex is not an SM2 public key (04‖x‖y on the curve)');
  const issuerPub = sm2PublicKeyFromPrivate(issuerPrivateKeyHex);
  if (!input.issuer && issuerPub !== pub)
    throw new Error('createSm2Certificate: a self-signed certificate needs the subject’s own private key');
  if (!/^[0-9a-fA-F]{1,40}$/.test(serialHex ?? '') || BigInt(`0x${serialHex}`) === 0n)
    throw new Error('createSm2Certificate: serialHex must be positive hex of at most 20 bytes');
  if (
    !(notBefore instanceof Date) ||
    !(notAfter instanceof Date) ||
    Number.isNaN(notBefore.getTime()) ||
    Number.isNaN(notAfter.getTime()) ||
    notAfter < notBefore
  ) {
    throw new Error('createSm2Certificate: bad validity period');
  }
  const keyUsageBits = isCa ? bits(Buffer.from([0x86]), 1) : bits(Buffer.from([0xc0]), 6);
  const extensions = seq(
    extension(OID.basicConstraints, true, isCa ? seq(bool(true)) : seq()),
    extension(OID.keyUsage, true, keyUsageBits),
    extension(OID.subjectKeyIdentifier, false, octets(keyId(pub))),
    extension(OID.authorityKeyIdentifier, false, seq(implicit(0, octets(keyId(issuerPub))))),
  );
  const tbs = seq(
    explicit(0, int(2)),
    intHex(serialHex),
    algorithm(),
    encodeName(input.issuer ?? subject),
    seq(certTime(notBefore), certTime(notAfter)),
    encodeName(subject),
    sm2SpkiDer(pub),
    explicit(3, extensions),
  );
  const signature = Buffer.from(sm2Sign(tbs, issuerPrivateKeyHex), 'hex');
  return seq(tbs, algorithm(), bits(signature));
}

type ParsedCert = { tbs: DerNode; sigAlg: DerNode; signature: Buffer; fields: DerNode[] };

function parseCert(der: Uint8Array): ParsedCert {
  const [tbs, sigAlg, sigBits] = readSeq(decode(der), 3, 3);
  const fields = readSeq(tbs, 6, 10);
  return { tbs, sigAlg, signature: readBitBytes(sigBits), fields };
}

/** TBSCertificate fields after the optional [0] version. */
function tbsFields(fields: DerNode[]): DerNode[] {
  if (fields[0].cls === 'context' && fields[0].tag === 0) {
    if (readSmallInt(readExplicit(fields[0], 0)) !== 2) throw new DerError('only X.509 v3 certificates are supported');
    return fields.slice(1);
  }
  return fields;
}

function isSm2WithSm3(alg: DerNode): boolean {
  const parts = readSeq(alg, 1, 2);
  return readOid(parts[0]) === OID.sm2WithSm3 && (parts.length === 1 || (parts[1].tag === TAG.NULL && parts[1].cls === 'universal'));
}

function decodeName(n: DerNode): CertName {
  const out: Partial<CertName> = {};
  for (const rdn of readSeq(n)) {
    for (const atv of readSet(rdn)) {
      const [type, value] = readSeq(atv, 2, 2);
      const t = readOid(type);
      if (t === OID.commonName) out.CN = readString(value);
      else if (t === OID.organization) out.O = readString(value);
      else if (t === OID.country) out.C = readString(value);
    }
  }
  return { CN: out.CN ?? '', O: out.O ?? '', ...(out.C !== undefined ? { C: out.C } : {}) };
}

function spkiPublicKeyHex(spki: DerNode): string {
  const [alg, key] = readSeq(spki, 2, 2);
  const [algOid, curve] = readSeq(alg, 2, 2);
  if (readOid(algOid) !== OID.ecPublicKey || readOid(curve) !== OID.sm2Curve) throw new DerError('not an SM2 public key');
  const pub = readBitBytes(key).toString('hex');
  if (!/^04[0-9a-f]{128}$/.test(pub)) throw new DerError('SM2 public key is not an uncompressed point');
  return pub;
}

/** The subject's SM2 public key (`04‖x‖y` hex); throws DerError if the certificate holds no SM2 key. */
export function certificatePublicKeyHex(der: Uint8Array): string {
  const f = tbsFields(parseCert(der).fields);
  return spkiPublicKeyHex(f[5]);
}

/** Names, serial, validity, CA flag and public key of a certificate; throws DerError on a malformed one. */
export function certificateInfo(der: Uint8Array): CertificateInfo {
  const f = tbsFields(parseCert(der).fields);
  const [notBefore, notAfter] = readSeq(f[3], 2, 2).map((t) => readTime(t));
  let isCa = false;
  const ext = f.find((x) => x.cls === 'context' && x.tag === 3);
  if (ext) {
    for (const e of readSeq(readExplicit(ext, 3))) {
      const parts = readSeq(e, 2, 3);
      if (readOid(parts[0]) !== OID.basicConstraints) continue;
      const bc = readSeq(decode(readOctets(parts[parts.length - 1])));
      isCa = bc.length > 0 && bc[0].tag === TAG.BOOLEAN && readBool(bc[0]);
    }
  }
  return {
    subject: decodeName(f[4]),
    issuer: decodeName(f[2]),
    serialHex: readIntHex(f[0]),
    notBefore,
    notAfter,
    isCa,
    publicKeyHex: spkiPublicKeyHex(f[5]),
  };
}

/**
 * True when the certificate is SM2-with-SM3 signed (same algorithm inside and outside the
 * TBSCertificate) and the signature over the exact TBSCertificate bytes verifies with the issuer's
 * public key. Never throws: malformed input gives false.
 */
export function verifyCertificateSignature(der: Uint8Array, issuerPublicKeyHex: string): boolean {
  try {
    const c = parseCert(der);
    const f = tbsFields(c.fields);
    if (!isSm2WithSm3(c.sigAlg) || !isSm2WithSm3(f[1]) || !c.sigAlg.raw.equals(f[1].raw)) return false;
    return sm2Verify(c.tbs.raw, c.signature.toString('hex'), issuerPublicKeyHex);
  } catch {
    return false;
  }
}
