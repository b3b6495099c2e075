import { afterAll, describe, expect, it } from 'vitest';
import { openssl, opensslSm2Problem, scratchDir } from '../../../test/support/openssl.ts';
import { sm2GenerateKeyPair, sm2PublicKeyPem, sm2Sign, sm2Verify, sm3Hex, type Sm2KeyPair } from './crypto.ts';
import { bits, decode, generalizedTime, ia5, int, octets, oid, readSeq, seq } from './der.ts';
import { createSm2Certificate, type CertName } from './sm2-cert.ts';
import { decodeSeal, decodeSignature, encodeSeal, signDocument, verifySignature, type SealInfo, type SignatureCheckName } from './ses.ts';

const SM2_WITH_SM3 = '1.2.156.10197.1.501';
const makerName: CertName = { CN: '通办平台电子印章制章者', O: '通办 Tongban', C: 'CN' };

function makeMaker(name = makerName) {
  const key = sm2GenerateKeyPair();
  const cert = createSm2Certificate({
    subject: name,
    subjectPublicKeyHex: key.publicKey,
    issuerPrivateKeyHex: key.privateKey,
    serialHex: '0a0b0c',
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2045-01-01T00:00:00Z'),
    isCa: true,
  });
  return { key, cert };
}

function makeSigner(maker: { key: Sm2KeyPair }, dept = '石泉县市场监督管理局') {
  const key = sm2GenerateKeyPair();
  const cert = createSm2Certificate({
    subject: { CN: `${dept}电子印章`, O: dept, C: 'CN' },
    issuer: makerName,
    subjectPublicKeyHex: key.publicKey,
    issuerPrivateKeyHex: maker.key.privateKey,
    serialHex: '1234',
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2031-01-01T00:00:00Z'),
    isCa: false,
  });
  return { key, cert };
}

const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 42 42"><circle cx="21" cy="21" r="20"/></svg>');

function sealInfo(certs: Buffer[], over: Partial<SealInfo> = {}): SealInfo {
  return {
    esId: '11610922MB2955880X2026A1B2C3',
    type: 1,
    name: '石泉县市场监督管理局',
    certListType: 1,
    certs,
    createDate: new Date('2026-01-01T00:00:00Z'),
    validStart: new Date('2026-01-01T00:00:00Z'),
    validEnd: new Date('2031-01-01T00:00:00Z'),
    picture: { type: 'svg', data: svg, widthMm: 42, heightMm: 42 },
    vid: 'TONGBAN',
    ...over,
  };
}

const pdfA = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% 营业执照 A\n%%EOF\n');
const pdfB = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% 营业执照 B\n%%EOF\n');
const signedAt = new Date('2026-06-01T02:03:04Z');
const identifier = '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U';

const maker = makeMaker();
const signer = makeSigner(maker);
const sealDer = encodeSeal(sealInfo([signer.cert]), maker.cert, maker.key.privateKey);

function sign(doc: Buffer, over: { seal?: Buffer; time?: Date } = {}) {
  return signDocument({
    documentHash: Buffer.from(sm3Hex(doc), 'hex'),
    sealDer: over.seal ?? sealDer,
    signerCertDer: signer.cert,
    signerPrivateKeyHex: signer.key.privateKey,
    time: over.time ?? signedAt,
    propertyInfo: identifier,
  });
}

const ALL: SignatureCheckName[] = ['documentHash', 'signature', 'sealSignature', 'sealValidity', 'signerInSealCertList', 'makerTrusted'];
const trusted = { trustedMakerCertsDer: [maker.cert] };
/** The names of the failing checks. */
const failing = (r: ReturnType<typeof verifySignature>) => r.checks.filter((c) => !c.ok).map((c) => c.name);

describe('SESeal (GB/T 38540 v4)', () => {
  it('round-trips every field and keeps the maker’s signature over the exact SES_SealInfo', () => {
    const s = decodeSeal(sealDer);
    expect(s.info).toEqual({ ...sealInfo([signer.cert]), type: 1 });
    expect(s.makerCertDer.equals(maker.cert)).toBe(true);
    expect(s.signAlgId).toBe(SM2_WITH_SM3);
    expect(sm2Verify(s.sealInfoRaw, s.signedValue.toString('hex'), maker.key.publicKey)).toBe(true);
    expect(s.raw.equals(sealDer)).toBe(true);
  });

  it('has the v4 layout: header ES/4/vid, esID, property, picture, then cert, algorithm, signature', () => {
    const [info, cert, alg, sig] = readSeq(decode(sealDer), 4, 4);
    const [header, esId, property, picture] = readSeq(info, 4, 4);
    expect(readSeq(header).map((n) => n.value.toString('latin1'))).toEqual(['ES', '\x04', 'TONGBAN']);
    expect(esId.tag).toBe(22);
    expect(readSeq(property, 7, 7).map((n) => n.tag)).toEqual([2, 12, 2, 16, 24, 24, 24]);
    expect(readSeq(picture, 4, 4).map((n) => n.tag)).toEqual([22, 4, 2, 2]);
    expect(readSeq(picture)[0].value.toString()).toBe('SVG');
    expect([cert.tag, alg.tag, sig.tag]).toEqual([4, 6, 3]);
  });

  it('refuses inconsistent input', () => {
    const other = sm2GenerateKeyPair();
    expect(() => encodeSeal(sealInfo([signer.cert]), maker.cert, other.privateKey)).toThrow(/private key does not belong/);
    expect(() => encodeSeal(sealInfo([]), maker.cert, maker.key.privateKey)).toThrow(/at least one/);
    expect(() => encodeSeal(sealInfo([signer.cert], { validEnd: new Date('2025-01-01') }), maker.cert, maker.key.privateKey)).toThrow(
      /validEnd/,
    );
    expect(() =>
      encodeSeal(
        sealInfo([signer.cert], { picture: { type: 'svg', data: svg, widthMm: 41.5, heightMm: 42 } }),
        maker.cert,
        maker.key.privateKey,
      ),
    ).toThrow(/millimetres/);
    expect(() => encodeSeal(sealInfo([Buffer.from('3000', 'hex')]), maker.cert, maker.key.privateKey)).toThrow();
    expect(() => decodeSeal(Buffer.from('3000', 'hex'))).toThrow();
  });
});

describe('SES_Signature (GB/T 38540 v4)', () => {
  it('round-trips and embeds the seal byte for byte', () => {
    const d = decodeSignature(sign(pdfA));
    expect(d.version).toBe(4);
    expect(d.seal.raw.equals(sealDer)).toBe(true);
    expect(d.time).toEqual(signedAt);
    expect(d.dataHash.toString('hex')).toBe(sm3Hex(pdfA));
    expect(d.propertyInfo).toBe(identifier);
    expect(d.signerCertDer.equals(signer.cert)).toBe(true);
    expect(d.signatureAlgId).toBe(SM2_WITH_SM3);
    expect(d.hasTimeStamp).toBe(false);
    expect(sm2Verify(d.tbsRaw, d.signature.toString('hex'), signer.key.publicKey)).toBe(true);
  });

  it('writes the signing time in whole seconds', () => {
    expect(decodeSignature(sign(pdfA, { time: new Date('2026-06-01T02:03:04.567Z') })).time).toEqual(signedAt);
  });

  it('refuses a signer outside the seal’s list, a wrong key, or a bad hash', () => {
    const stranger = makeSigner(maker, '石泉县税务局');
    const base = { documentHash: Buffer.from(sm3Hex(pdfA), 'hex'), sealDer, time: signedAt, propertyInfo: identifier };
    expect(() => signDocument({ ...base, signerCertDer: stranger.cert, signerPrivateKeyHex: stranger.key.privateKey })).toThrow(
      /not in the seal/,
    );
    expect(() => signDocument({ ...base, signerCertDer: signer.cert, signerPrivateKeyHex: stranger.key.privateKey })).toThrow(
      /does not belong/,
    );
    expect(() =>
      signDocument({ ...base, documentHash: Buffer.alloc(31), signerCertDer: signer.cert, signerPrivateKeyHex: signer.key.privateKey }),
    ).toThrow(/32-byte/);
  });
});

describe('verifySignature', () => {
  it('passes every check for a good signature, in a fixed order', () => {
    const r = verifySignature(sign(pdfA), pdfA, trusted);
    expect(r.checks.map((c) => c.name)).toEqual(ALL);
    expect(r.checks.every((c) => c.ok && c.detail === undefined)).toBe(true);
    expect(r.valid).toBe(true);
  });

  it('a tampered PDF fails documentHash only', () => {
    const tampered = Buffer.from(pdfA);
    tampered[20] ^= 0x20;
    const r = verifySignature(sign(pdfA), tampered, trusted);
    expect(r.valid).toBe(false);
    expect(failing(r)).toEqual(['documentHash']);
    expect(r.checks[0].detail).toMatch(/SM3/);
  });

  it('a signature taken from another document fails documentHash only', () => {
    const r = verifySignature(sign(pdfB), pdfA, trusted);
    expect(failing(r)).toEqual(['documentHash']);
  });

  it('a seal expired at signing time fails sealValidity only', () => {
    const shortSeal = encodeSeal(sealInfo([signer.cert], { validEnd: new Date('2026-03-01T00:00:00Z') }), maker.cert, maker.key.privateKey);
    const r = verifySignature(sign(pdfA, { seal: shortSeal }), pdfA, trusted);
    expect(failing(r)).toEqual(['sealValidity']);
    expect(r.checks.find((c) => c.name === 'sealValidity')!.detail).toMatch(/after the seal's validEnd 2026-03-01/);
    // a seal not yet valid
    const early = verifySignature(sign(pdfA, { time: new Date('2025-12-31T23:59:59Z') }), pdfA, trusted);
    expect(failing(early)).toEqual(['sealValidity']);
  });

  it('judges validity at the trusted time `at` when given', () => {
    const sig = sign(pdfA);
    expect(
      verifySignature(sig, pdfA, { ...trusted, at: new Date('2031-06-01T00:00:00Z') }).checks.find((c) => c.name === 'sealValidity')!.ok,
    ).toBe(false);
    expect(verifySignature(sig, pdfA, { ...trusted, at: new Date('2030-06-01T00:00:00Z') }).valid).toBe(true);
  });

  it('a signer certificate expired at signing time fails sealValidity', () => {
    const longSeal = encodeSeal(sealInfo([signer.cert], { validEnd: new Date('2040-01-01T00:00:00Z') }), maker.cert, maker.key.privateKey);
    const r = verifySignature(sign(pdfA, { seal: longSeal, time: new Date('2032-01-01T00:00:00Z') }), pdfA, trusted);
    expect(failing(r)).toEqual(['sealValidity']);
    expect(r.checks.find((c) => c.name === 'sealValidity')!.detail).toMatch(/signer certificate/);
  });

  it('a seal made by an untrusted maker fails makerTrusted only', () => {
    const rogue = makeMaker({ CN: '通办平台电子印章制章者', O: '通办 Tongban', C: 'CN' }); // same name, other key
    const rogueSeal = encodeSeal(sealInfo([signer.cert]), rogue.cert, rogue.key.privateKey);
    const r = verifySignature(sign(pdfA, { seal: rogueSeal }), pdfA, trusted);
    expect(failing(r)).toEqual(['makerTrusted']);
    expect(verifySignature(sign(pdfA, { seal: rogueSeal }), pdfA, { trustedMakerCertsDer: [maker.cert, rogue.cert] }).valid).toBe(true);
    expect(failing(verifySignature(sign(pdfA), pdfA, { trustedMakerCertsDer: [] }))).toEqual(['makerTrusted']);
  });

  it('a changed TBS_Sign fails signature only', () => {
    const sig = sign(pdfA);
    const at = sig.indexOf(Buffer.from('.001.U'));
    const forged = Buffer.from(sig);
    forged[at + 5] = 'V'.charCodeAt(0);
    const r = verifySignature(forged, pdfA, trusted);
    expect(failing(r)).toEqual(['signature']);
    expect(decodeSignature(forged).propertyInfo.endsWith('.001.V')).toBe(true);
  });

  it('a seal whose content was changed after the maker signed it fails sealSignature only', () => {
    // the signer stretches the seal's validity and signs with it: the maker's signature no longer matches
    const s = decodeSeal(sealDer);
    const stretchedDer = encodeSeal(
      sealInfo([signer.cert], { validEnd: new Date('2099-01-01T00:00:00Z') }),
      maker.cert,
      maker.key.privateKey,
    );
    const stretched = decodeSeal(stretchedDer);
    const forgedSeal = seq(stretched.sealInfoRaw, octets(s.makerCertDer), oid(SM2_WITH_SM3), bits(s.signedValue));
    const r = verifySignature(sign(pdfA, { seal: forgedSeal }), pdfA, trusted);
    expect(failing(r)).toEqual(['sealSignature']);
  });

  it('a signer outside the seal’s certificate list fails signerInSealCertList only', () => {
    const stranger = makeSigner(maker, '石泉县税务局');
    const tbs = seq(int(4), sealDer, generalizedTime(signedAt), bits(Buffer.from(sm3Hex(pdfA), 'hex')), ia5(identifier));
    const forged = seq(tbs, octets(stranger.cert), oid(SM2_WITH_SM3), bits(Buffer.from(sm2Sign(tbs, stranger.key.privateKey), 'hex')));
    const r = verifySignature(forged, pdfA, trusted);
    expect(failing(r)).toEqual(['signerInSealCertList']);
  });

  it('malformed input fails every check and never throws', () => {
    for (const junk of [Buffer.alloc(0), Buffer.from('3000', 'hex'), sign(pdfA).subarray(0, 200), sealDer]) {
      const r = verifySignature(junk, pdfA, trusted);
      expect(r.valid).toBe(false);
      expect(r.checks.map((c) => c.name)).toEqual(ALL);
      expect(r.checks.every((c) => !c.ok && /malformed/.test(c.detail ?? ''))).toBe(true);
    }
  });
});

// ---------------------------------------------------------------- OpenSSL interop

describe('SES signatures with the OpenSSL CLI', () => {
  it('has an SM2-capable OpenSSL to check against', () => {
    expect(opensslSm2Problem()).toBeNull();
  });
  const scratch = scratchDir('ses-');
  afterAll(() => scratch.remove());
  const file = scratch.file;
  const pkeyVerify = (pubHex: string, msg: Buffer, sig: Buffer, tag: string) =>
    openssl([
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      file(`${tag}.pub.pem`, sm2PublicKeyPem(pubHex)),
      '-rawin',
      '-in',
      file(`${tag}.msg`, msg),
      '-sigfile',
      file(`${tag}.sig`, sig),
      '-digest',
      'sm3',
      '-pkeyopt',
      'distid:1234567812345678',
    ]);

  it('openssl verifies the signer’s SM2 signature over DER(TBS_Sign) made by signDocument', () => {
    const d = decodeSignature(sign(pdfA));
    const r = pkeyVerify(signer.key.publicKey, d.tbsRaw, d.signature, 'tbs');
    expect(r.stdout, r.stderr).toMatch(/Signature Verified Successfully/);
    const changed = Buffer.from(d.tbsRaw);
    changed[changed.length - 1] ^= 1;
    expect(pkeyVerify(signer.key.publicKey, changed, d.signature, 'tbs-bad').stdout).not.toMatch(/Verified Successfully/);
  });

  it('openssl verifies the maker’s SM2 signature over DER(SES_SealInfo)', () => {
    const s = decodeSeal(sealDer);
    const r = pkeyVerify(maker.key.publicKey, s.sealInfoRaw, s.signedValue, 'seal');
    expect(r.stdout, r.stderr).toMatch(/Signature Verified Successfully/);
  });

  it('openssl asn1parse reads the whole SES_Signature with the §5 layout', () => {
    const r = openssl(['asn1parse', '-inform', 'DER', '-i'], sign(pdfA));
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout
      .split('\n')
      .map((l) => l.replace(/^\s*\d+:d=\d+\s+hl=\d\s+l=\s*\d+\s+/, '').trim())
      .filter(Boolean);
    expect(lines.slice(0, 9)).toEqual([
      'cons: SEQUENCE', // SES_Signature
      'cons:  SEQUENCE', // TBS_Sign
      'prim:   INTEGER           :04',
      'cons:   SEQUENCE', // SESeal
      'cons:    SEQUENCE', // SES_SealInfo
      'cons:     SEQUENCE', // SES_Header
      'prim:      IA5STRING         :ES',
      'prim:      INTEGER           :04',
      'prim:      IA5STRING         :TONGBAN',
    ]);
    expect(r.stdout).toMatch(/IA5STRING\s+:1\.2\.156\.3005\.2\./);
    expect(r.stdout.match(/OBJECT\s+:SM2-with-SM3/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
