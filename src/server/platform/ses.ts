/**
 * 电子印章 and 电子签章 data (GB/T 38540-2020 = GM/T 0031 v4, STANDARDS.md §5):
 *
 *   SESeal        = { eSealInfo SES_SealInfo, cert (制章者证书), signAlgID, signedValue }
 *                   signedValue = SM2-with-SM3 by the seal maker over DER(SES_SealInfo)
 *   SES_Signature = { toSign TBS_Sign, cert (签章者证书), signatureAlgID, signature, [0] timeStamp OPTIONAL }
 *   TBS_Sign      = { version 4, eseal SESeal, timeInfo, dataHash = SM3(document), propertyInfo, [0] extDatas OPTIONAL }
 *                   signature = SM2-with-SM3 by the signer over DER(TBS_Sign)
 *
 * Signatures are made and checked over the exact DER bytes (`raw` slices), never a re-encoding.
 * Times are written as GeneralizedTime in whole seconds (the form other implementations read).
 * Layout and signing inputs cross-checked with ofdrw's v4 classes and tests.
 */
import { sm2PublicKeyFromPrivate, sm2Sign, sm2Verify, sm3Hex } from './crypto.ts';
import {
  DerError,
  bits,
  decode,
  generalizedTime,
  ia5,
  int,
  octets,
  oid,
  readBitBytes,
  readExplicit,
  readOctets,
  readOid,
  readSeq,
  readSmallInt,
  readString,
  readTime,
  seq,
  utf8,
  type DerNode,
} from './der.ts';
import { OID, certificateInfo, certificatePublicKeyHex } from './sm2-cert.ts';

/** Version of the seal and signature structures (GB/T 38540-2020). */
export const SES_VERSION = 4;

export type SealPicture = {
  type: 'png' | 'svg';
  data: Buffer;
  /** Display size in millimetres (INTEGER in the standard). */
  widthMm: number;
  heightMm: number;
};

export type SealInfo = {
  /** 印章标识 (IA5String). */
  esId: string;
  /** 1 单位印章, 2 个人印章. */
  type: 1 | 2;
  /** 印章名称. */
  name: string;
  /** 1: the certificate list holds whole certificates (the only form written here). */
  certListType: 1;
  /** DER certificates of the signers allowed to use the seal. */
  certs: Buffer[];
  createDate: Date;
  validStart: Date;
  validEnd: Date;
  picture: SealPicture;
  /** 厂商标识, e.g. 'TONGBAN'. */
  vid: string;
};

/** A decoded seal: like SealInfo, but any picture type that a foreign seal may carry (lowercased). */
export type DecodedSeal = {
  info: Omit<SealInfo, 'picture' | 'type'> & { type: number; picture: Omit<SealPicture, 'type'> & { type: string } };
  /** 制章者证书 (DER). */
  makerCertDer: Buffer;
  signAlgId: string;
  /** The maker's DER-encoded SM2 signature over `sealInfoRaw`. */
  signedValue: Buffer;
  /** Exact bytes of SES_SealInfo. */
  sealInfoRaw: Buffer;
  /** Exact bytes of the whole SESeal. */
  raw: Buffer;
};

export type DecodedSignature = {
  version: number;
  seal: DecodedSeal;
  /** 签章时间 as claimed by the signer. */
  time: Date;
  /** SM3 of the signed document, as written in the signature. */
  dataHash: Buffer;
  propertyInfo: string;
  /** 签章者证书 (DER). */
  signerCertDer: Buffer;
  signatureAlgId: string;
  /** The signer's DER-encoded SM2 signature over `tbsRaw`. */
  signature: Buffer;
  /** Exact bytes of TBS_Sign. */
  tbsRaw: Buffer;
  hasTimeStamp: boolean;
};

export type SignatureCheckName = 'documentHash' | 'signature' | 'sealSignature' | 'sealValidity' | 'signerInSealCertList' | 'makerTrusted';
export type SignatureCheck = { name: SignatureCheckName; ok: boolean; detail?: string };
export type SignatureVerification = { valid: boolean; checks: SignatureCheck[] };

const CHECK_NAMES: SignatureCheckName[] = [
  'documentHash',
  'signature',
  'sealSignature',
  'sealValidity',
  'signerInSealCertList',
  'makerTrusted',
];

const wholeSeconds = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);
const time = (d: Date) => generalizedTime(wholeSeconds(d));

function assertDate(d: unknown, what: string): asserts d is Date {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new Error(`${what} must be a valid Date`);
}

function assertKeyMatchesCert(privateKeyHex: string, certDer: Buffer, what: string): void {
  if (sm2PublicKeyFromPrivate(privateKeyHex) !== certificatePublicKeyHex(certDer).toLowerCase()) {
    throw new Error(`${what}: the private key does not belong to the certificate`);
  }
}

// ---------------------------------------------------------------- SESeal

function encodeSealInfo(info: SealInfo): Buffer {
  const p = info.picture;
  if (info.type !== 1 && info.type !== 2) throw new Error('encodeSeal: type must be 1 (单位印章) or 2 (个人印章)');
  if (info.certListType !== 1) throw new Error('encodeSeal: only certListType 1 (certificate list) is written');
  if (!info.esId || !info.name || !info.vid) throw new Error('encodeSeal: esId, name and vid are required');
  if (!Array.isArray(info.certs) || info.certs.length === 0) throw new Error('encodeSeal: at least one signer certificate is required');
  for (const c of info.certs) certificatePublicKeyHex(c); // each must be an SM2 certificate
  for (const [k, d] of [
    ['createDate', info.createDate],
    ['validStart', info.validStart],
    ['validEnd', info.validEnd],
  ] as const)
    assertDate(d, `encodeSeal: ${k}`);
  if (info.validEnd < info.validStart) throw new Error('encodeSeal: validEnd is before validStart');
  if (p.type !== 'png' && p.type !== 'svg') throw new Error('encodeSeal: picture type must be png or svg');
  if (!Number.isInteger(p.widthMm) || !Number.isInteger(p.heightMm) || p.widthMm <= 0 || p.heightMm <= 0) {
    throw new Error('encodeSeal: picture size must be positive whole millimetres');
  }
  return seq(
    seq(ia5('ES'), int(SES_VERSION), ia5(info.vid)),
    ia5(info.esId),
    seq(
      int(info.type),
      utf8(info.name),
      int(info.certListType),
      seq(...info.certs.map((c) => octets(c))),
      time(info.createDate),
      time(info.validStart),
      time(info.validEnd),
    ),
    seq(ia5(p.type.toUpperCase()), octets(p.data), int(p.widthMm), int(p.heightMm)),
  );
}

/**
 * Makes an SESeal: the seal maker signs DER(SES_SealInfo) with SM2-with-SM3. The maker's private
 * key must belong to `makerCertDer`.
 */
export function encodeSeal(info: SealInfo, makerCertDer: Buffer, makerPrivateKeyHex: string): Buffer {
  assertKeyMatchesCert(makerPrivateKeyHex, makerCertDer, 'encodeSeal');
  const sealInfo = encodeSealInfo(info);
  const signedValue = Buffer.from(sm2Sign(sealInfo, makerPrivateKeyHex), 'hex');
  return seq(sealInfo, octets(makerCertDer), oid(OID.sm2WithSm3), bits(signedValue));
}

function decodeSealNode(node: DerNode): DecodedSeal {
  const [sealInfo, cert, alg, signed] = readSeq(node, 4, 4);
  const [header, esId, property, picture] = readSeq(sealInfo, 4, 5);
  const [id, version, vid] = readSeq(header, 3, 3);
  if (readString(id) !== 'ES') throw new DerError('SES_Header id is not "ES"');
  const v = readSmallInt(version);
  if (v !== SES_VERSION) throw new DerError(`unsupported seal version ${v} (expected ${SES_VERSION})`);
  const [type, name, certListType, certList, createDate, validStart, validEnd] = readSeq(property, 7, 7);
  const listType = readSmallInt(certListType);
  if (listType !== 1) throw new DerError(`certListType ${listType} (certificate digests) is not supported`);
  const [picType, picData, width, height] = readSeq(picture, 4, 4);
  return {
    info: {
      esId: readString(esId),
      type: readSmallInt(type),
      name: readString(name),
      certListType: 1,
      certs: readSeq(certList).map((c) => readOctets(c)),
      createDate: readTime(createDate),
      validStart: readTime(validStart),
      validEnd: readTime(validEnd),
      picture: {
        type: readString(picType).toLowerCase(),
        data: readOctets(picData),
        widthMm: readSmallInt(width),
        heightMm: readSmallInt(height),
      },
      vid: readString(vid),
    },
    makerCertDer: readOctets(cert),
    signAlgId: readOid(alg),
    signedValue: readBitBytes(signed),
    sealInfoRaw: sealInfo.raw,
    raw: node.raw,
  };
}

/** Decodes an SESeal (v4); throws DerError on malformed or unsupported data. Checks nothing cryptographic. */
export function decodeSeal(der: Uint8Array): DecodedSeal {
  return decodeSealNode(decode(der));
}

// ---------------------------------------------------------------- SES_Signature

export type SignDocumentInput = {
  /** SM3 of the document bytes (32 bytes). */
  documentHash: Buffer;
  sealDer: Buffer;
  /** The signer's certificate; it must be in the seal's certificate list. */
  signerCertDer: Buffer;
  signerPrivateKeyHex: string;
  /** 签章时间 (written in whole seconds). */
  time: Date;
  /** 原文数据的属性 (IA5String), e.g. the licence identifier. */
  propertyInfo: string;
};

/**
 * Makes an SES_Signature: the signer signs DER(TBS_Sign) with SM2-with-SM3. Refuses a key that does
 * not match the certificate, or a certificate the seal does not list; the seal's validity period is
 * not enforced here (verifySignature judges it).
 */
export function signDocument(input: SignDocumentInput): Buffer {
  const { documentHash, sealDer, signerCertDer, signerPrivateKeyHex, propertyInfo } = input;
  if (!Buffer.isBuffer(documentHash) || documentHash.length !== 32)
    throw new Error('signDocument: documentHash must be the 32-byte SM3 digest');
  assertDate(input.time, 'signDocument: time');
  const seal = decodeSeal(sealDer);
  if (!seal.info.certs.some((c) => c.equals(signerCertDer)))
    throw new Error('signDocument: the signer certificate is not in the seal’s certificate list');
  assertKeyMatchesCert(signerPrivateKeyHex, signerCertDer, 'signDocument');
  const tbs = seq(int(SES_VERSION), seal.raw, time(input.time), bits(documentHash), ia5(propertyInfo));
  const signature = Buffer.from(sm2Sign(tbs, signerPrivateKeyHex), 'hex');
  return seq(tbs, octets(signerCertDer), oid(OID.sm2WithSm3), bits(signature));
}

/** Decodes an SES_Signature (v4) including its seal; throws DerError on malformed data. Checks nothing cryptographic. */
export function decodeSignature(der: Uint8Array): DecodedSignature {
  const top = readSeq(decode(der), 4, 5);
  const [tbs, cert, alg, sig] = top;
  if (top[4]) readExplicit(top[4], 0); // timeStamp [0]: shape only
  const [version, eseal, timeInfo, dataHash, propertyInfo, ext] = readSeq(tbs, 5, 6);
  if (ext) readExplicit(ext, 0);
  const v = readSmallInt(version);
  if (v !== SES_VERSION) throw new DerError(`unsupported TBS_Sign version ${v} (expected ${SES_VERSION})`);
  return {
    version: v,
    seal: decodeSealNode(eseal),
    time: readTime(timeInfo),
    dataHash: readBitBytes(dataHash),
    propertyInfo: readString(propertyInfo),
    signerCertDer: readOctets(cert),
    signatureAlgId: readOid(alg),
    signature: readBitBytes(sig),
    tbsRaw: tbs.raw,
    hasTimeStamp: top.length === 5,
  };
}

// ---------------------------------------------------------------- verification

export type VerifySignatureOptions = {
  /** DER certificates of the seal makers this platform trusts; the seal's maker certificate must be one of them (byte for byte). */
  trustedMakerCertsDer: Buffer[];
  /**
   * The signing time to judge the seal's and signer certificate's validity at, when the caller has it
   * from a trusted record; by default the time written in the signature.
   */
  at?: Date;
};

/**
 * Verifies an SES_Signature against the document bytes (STANDARDS.md §5) and reports every check:
 * documentHash (SM3 of the document = dataHash), signature (signer's SM2 over TBS_Sign),
 * sealSignature (maker's SM2 over SES_SealInfo), sealValidity (signing time within the seal's
 * validStart–validEnd and the signer certificate's validity), signerInSealCertList, makerTrusted.
 * `valid` is true only when all pass. Never throws: a malformed signature fails every check.
 */
export function verifySignature(sigDer: Uint8Array, documentBytes: Uint8Array, opts: VerifySignatureOptions): SignatureVerification {
  let s: DecodedSignature;
  try {
    s = decodeSignature(sigDer);
  } catch (e) {
    const detail = `malformed SES_Signature: ${(e as Error).message}`;
    return { valid: false, checks: CHECK_NAMES.map((name) => ({ name, ok: false, detail })) };
  }
  const checks: SignatureCheck[] = [];
  const add = (name: SignatureCheckName, run: () => string | null) => {
    let problem: string | null;
    try {
      problem = run();
    } catch (e) {
      problem = (e as Error).message;
    }
    checks.push(problem === null ? { name, ok: true } : { name, ok: false, detail: problem });
  };

  add('documentHash', () =>
    sm3Hex(documentBytes) === s.dataHash.toString('hex') ? null : 'SM3 of the document differs from the signed dataHash',
  );

  add('signature', () => {
    if (s.signatureAlgId !== OID.sm2WithSm3) return `unsupported signature algorithm ${s.signatureAlgId}`;
    const ok = sm2Verify(s.tbsRaw, s.signature.toString('hex'), certificatePublicKeyHex(s.signerCertDer));
    return ok ? null : 'the SM2 signature over TBS_Sign does not verify with the signer certificate';
  });

  add('sealSignature', () => {
    if (s.seal.signAlgId !== OID.sm2WithSm3) return `unsupported seal signature algorithm ${s.seal.signAlgId}`;
    const ok = sm2Verify(s.seal.sealInfoRaw, s.seal.signedValue.toString('hex'), certificatePublicKeyHex(s.seal.makerCertDer));
    return ok ? null : 'the maker’s SM2 signature over SES_SealInfo does not verify';
  });

  add('sealValidity', () => {
    const at = opts.at ?? s.time;
    const iso = (d: Date) => d.toISOString();
    const { validStart, validEnd } = s.seal.info;
    if (at < validStart) return `signing time ${iso(at)} is before the seal's validStart ${iso(validStart)}`;
    if (at > validEnd) return `signing time ${iso(at)} is after the seal's validEnd ${iso(validEnd)}`;
    const cert = certificateInfo(s.signerCertDer);
    if (at < cert.notBefore || at > cert.notAfter) {
      return `signing time ${iso(at)} is outside the signer certificate's validity ${iso(cert.notBefore)}–${iso(cert.notAfter)}`;
    }
    return null;
  });

  add('signerInSealCertList', () =>
    s.seal.info.certs.some((c) => c.equals(s.signerCertDer)) ? null : 'the signer certificate is not in the seal’s certificate list',
  );

  add('makerTrusted', () =>
    opts.trustedMakerCertsDer.some((c) => Buffer.from(c).equals(s.seal.makerCertDer))
      ? null
      : 'the seal was made by an untrusted maker certificate',
  );

  return { valid: checks.every((c) => c.ok), checks };
}
