import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openssl, opensslSm2Problem, scratchDir } from '../../../test/support/openssl.ts';
import { sm2GenerateKeyPair, sm2PublicKeyPem } from './crypto.ts';
import { TAG, decode, readSeq } from './der.ts';
import { certificateInfo, certificatePublicKeyHex, createSm2Certificate, verifyCertificateSignature, type CertName } from './sm2-cert.ts';

const makerName: CertName = { CN: '通办平台电子印章制章者', O: '通办 Tongban', C: 'CN' };
const deptName: CertName = { CN: '石泉县市场监督管理局电子印章', O: '石泉县市场监督管理局', C: 'CN' };

function makePki() {
  const maker = sm2GenerateKeyPair();
  const signer = sm2GenerateKeyPair();
  const caDer = createSm2Certificate({
    subject: makerName,
    subjectPublicKeyHex: maker.publicKey,
    issuerPrivateKeyHex: maker.privateKey,
    serialHex: 'f1e2d3c4b5a69788',
    notBefore: new Date('2026-01-01T00:00:00.789Z'),
    notAfter: new Date('2056-01-01T00:00:00Z'),
    isCa: true,
  });
  const eeDer = createSm2Certificate({
    subject: deptName,
    issuer: makerName,
    subjectPublicKeyHex: signer.publicKey,
    issuerPrivateKeyHex: maker.privateKey,
    serialHex: '0001',
    notBefore: new Date('2026-03-01T08:00:00Z'),
    notAfter: new Date('2031-03-01T08:00:00Z'),
    isCa: false,
  });
  return { maker, signer, caDer, eeDer };
}

describe('SM2 certificates', () => {
  const { maker, signer, caDer, eeDer } = makePki();

  it('round-trips names, serial, validity, CA flag and key', () => {
    expect(certificateInfo(caDer)).toEqual({
      subject: makerName,
      issuer: makerName,
      serialHex: 'f1e2d3c4b5a69788',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2056-01-01T00:00:00Z'),
      isCa: true,
      publicKeyHex: maker.publicKey,
    });
    expect(certificateInfo(eeDer)).toEqual({
      subject: deptName,
      issuer: makerName,
      serialHex: '01',
      notBefore: new Date('2026-03-01T08:00:00Z'),
      notAfter: new Date('2031-03-01T08:00:00Z'),
      isCa: false,
      publicKeyHex: signer.publicKey,
    });
    expect(certificatePublicKeyHex(eeDer)).toBe(signer.publicKey);
  });

  it('uses UTCTime through 2049 and GeneralizedTime after (RFC 5280)', () => {
    const tbs = readSeq(decode(caDer))[0];
    const validity = readSeq(tbs)[4];
    expect(validity.children.map((c) => c.tag)).toEqual([TAG.UTC_TIME, TAG.GENERALIZED_TIME]);
  });

  it('verifies the signature with the issuer key only, and rejects any change', () => {
    expect(verifyCertificateSignature(eeDer, maker.publicKey)).toBe(true);
    expect(verifyCertificateSignature(caDer, maker.publicKey)).toBe(true);
    expect(verifyCertificateSignature(eeDer, signer.publicKey)).toBe(false);
    const tampered = Buffer.from(eeDer);
    const at = tampered.indexOf(Buffer.from('石泉县', 'utf8'));
    tampered[at + 2] ^= 0x01;
    expect(verifyCertificateSignature(tampered, maker.publicKey)).toBe(false);
    expect(verifyCertificateSignature(Buffer.from('3000', 'hex'), maker.publicKey)).toBe(false);
    expect(verifyCertificateSignature(eeDer, 'not a key')).toBe(false);
  });

  it('refuses bad input', () => {
    const kp = sm2GenerateKeyPair();
    const base = {
      subject: deptName,
      subjectPublicKeyHex: kp.publicKey,
      issuerPrivateKeyHex: kp.privateKey,
      serialHex: '01',
      notBefore: new Date('2026-01-01'),
      notAfter: new Date('2027-01-01'),
      isCa: false,
    };
    expect(() => createSm2Certificate({ ...base, subjectPublicKeyHex: `04${'11'.repeat(64)}` })).toThrow(/not an SM2 public key/);
    expect(() => createSm2Certificate({ ...base, issuerPrivateKeyHex: maker.privateKey })).toThrow(/self-signed/);
    expect(() => createSm2Certificate({ ...base, serialHex: '00' })).toThrow(/serial/);
    expect(() => createSm2Certificate({ ...base, serialHex: 'ab'.repeat(21) })).toThrow(/serial/);
    expect(() => createSm2Certificate({ ...base, notAfter: new Date('2025-01-01') })).toThrow(/validity/);
    expect(() => createSm2Certificate({ ...base, subject: { ...deptName, C: 'China' } })).toThrow(/country/);
    expect(() => certificatePublicKeyHex(Buffer.from('300a', 'hex'))).toThrow();
  });
});

// ---------------------------------------------------------------- OpenSSL interop

describe('SM2 certificates with the OpenSSL CLI', () => {
  it('has an SM2-capable OpenSSL to check against', () => {
    expect(opensslSm2Problem()).toBeNull();
  });
  const scratch = scratchDir('sm2cert-');
  afterAll(() => scratch.remove());
  const file = scratch.file;
  const { maker, caDer, eeDer } = makePki();
  const toPem = (der: Buffer) =>
    `-----BEGIN CERTIFICATE-----\n${der
      .toString('base64')
      .match(/.{1,64}/g)!
      .join('\n')}\n-----END CERTIFICATE-----\n`;
  const caPem = file('ca.pem', toPem(caDer));
  const eePem = file('ee.pem', toPem(eeDer));

  it('openssl x509 parses both certificates', () => {
    const ca = openssl(['x509', '-inform', 'DER', '-in', file('ca.der', caDer), '-noout', '-text']);
    expect(ca.status, ca.stderr).toBe(0);
    expect(ca.stdout).toMatch(/Version: 3 \(0x2\)/);
    expect(ca.stdout).toMatch(/Signature Algorithm: SM2-with-SM3/);
    expect(ca.stdout).toMatch(/ASN1 OID: SM2/);
    expect(ca.stdout).toMatch(/CA:TRUE/);
    expect(ca.stdout).toMatch(/Certificate Sign/);
    expect(ca.stdout).toMatch(/f1:e2:d3:c4:b5:a6:97:88/);
    expect(ca.stdout).toMatch(/Not After : Jan {2}1 00:00:00 2056 GMT/);
    const ee = openssl(['x509', '-inform', 'DER', '-in', file('ee.der', eeDer), '-noout', '-text', '-nameopt', 'oneline,-esc_msb']);
    expect(ee.status, ee.stderr).toBe(0);
    expect(ee.stdout).toMatch(/Subject: C = CN, O = 石泉县市场监督管理局, CN = 石泉县市场监督管理局电子印章/);
    expect(ee.stdout).toMatch(/Non Repudiation/);
  });

  it('openssl verify accepts the chain with the default SM2 distid, and rejects another CA', () => {
    // OpenSSL 3.0 verifies SM2 certificate signatures with the distid given by -vfyopt (it has no default)
    const ok = openssl(['verify', '-vfyopt', 'distid:1234567812345678', '-CAfile', caPem, eePem]);
    expect(ok.stdout + ok.stderr).toMatch(/ee\.pem: OK/);
    const other = makePki();
    const wrong = openssl(['verify', '-vfyopt', 'distid:1234567812345678', '-CAfile', file('other.pem', toPem(other.caDer)), eePem]);
    expect(wrong.status).not.toBe(0);
  });

  it('openssl pkeyutl verifies the self-signed certificate’s signature over the exact TBSCertificate', () => {
    const [tbs, , sig] = readSeq(decode(caDer), 3, 3);
    const pub = file('maker.pub.pem', sm2PublicKeyPem(maker.publicKey));
    const args = (t: string) => [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      pub,
      '-rawin',
      '-in',
      t,
      '-sigfile',
      file('sig.der', sig.value.subarray(1)),
      '-digest',
      'sm3',
      '-pkeyopt',
      'distid:1234567812345678',
    ];
    const r = openssl(args(file('tbs.der', tbs.raw)));
    expect(r.stdout, r.stderr).toMatch(/Signature Verified Successfully/);
    const bad = Buffer.from(tbs.raw);
    bad[bad.length - 1] ^= 1;
    expect(openssl(args(file('tbs-bad.der', bad))).stdout).not.toMatch(/Verified Successfully/);
  });

  it('reads and verifies a certificate that OpenSSL made', () => {
    const key = scratch.path('o.key');
    expect(openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', key]).status).toBe(0);
    const pem = scratch.path('o.pem');
    const req = openssl([
      'req',
      '-new',
      '-x509',
      '-key',
      key,
      '-sm3',
      '-sigopt',
      'distid:1234567812345678',
      '-subj',
      '/C=CN/O=OpenSSL Org/CN=OpenSSL CA',
      '-days',
      '30',
      '-out',
      pem,
    ]);
    expect(req.status, req.stderr).toBe(0);
    const der = spawnSync('openssl', ['x509', '-in', pem, '-outform', 'DER']).stdout as Buffer;
    const info = certificateInfo(der);
    expect(info.subject).toEqual({ CN: 'OpenSSL CA', O: 'OpenSSL Org', C: 'CN' });
    expect(info.isCa).toBe(true);
    expect(verifyCertificateSignature(der, info.publicKeyHex)).toBe(true);
    expect(verifyCertificateSignature(der, maker.publicKey)).toBe(false);
    expect(readFileSync(pem, 'utf8')).toMatch(/BEGIN CERTIFICATE/);
  });
});
