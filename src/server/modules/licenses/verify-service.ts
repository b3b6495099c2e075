import { createHmac, timingSafeEqual } from 'node:crypto';
import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { deriveKey } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { parseLicenseId } from '../../platform/license-id.ts';
import { decodeSignature, verifySignature } from '../../platform/ses.ts';
import * as repo from './repo.ts';
import { trustedMakerCerts } from './seal-service.ts';

export type Check = { name: string; ok: boolean; detail?: string };

/** Crockford's base32: no I, L, O, U, so a code read aloud or typed is unambiguous. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const codeKeys = new WeakMap<object, Buffer>();

/**
 * The license's 核验码: 10 characters (50 bits) of HMAC-SM3 over the identifier under a key derived
 * from the master key, printed on the license and carried by its QR code. Computed, never stored, so
 * every license has one; whoever holds the license (or its printout) can show the holder's masked name.
 */
export function licenseVerifyCode(ctx: AppContext, identifier: string): string {
  let key = codeKeys.get(ctx.config.masterKey);
  if (!key) {
    key = deriveKey(ctx.config.masterKey, 'license-verify-code');
    codeKeys.set(ctx.config.masterKey, key);
  }
  const mac = createHmac('sm3', key).update(identifier, 'utf8').digest();
  let bits = mac.readBigUInt64BE(0) >> 14n;
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = CODE_ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/** The address the license's QR code carries: the public verification page with the 核验码. */
export function licenseVerifyUrl(ctx: AppContext, identifier: string): string {
  return `${ctx.config.publicBaseUrl}/verify/${encodeURIComponent(identifier)}?code=${licenseVerifyCode(ctx, identifier)}`;
}

/** A typed code as the printed form: upper case, no spaces or dashes, O read as 0 and I/L as 1. */
function normaliseCode(code: string): string {
  const c = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return c.length === 10 ? `${c.slice(0, 5)}-${c.slice(5)}` : c;
}

/** Who may see the holder (masked): the bearer of the license's 核验码, or of a live 亮证 code (already checked). */
export type VerifyProof = { code?: string } | { presentation: true };

/**
 * Public verification of a license by its identifier: the identifier's check character, the
 * license's status and validity, the seal's status, and the GB/T 38540 signature over the stored
 * PDF (document hash, SM2 signature, seal signature, seal validity, signer in the seal's list, a
 * trusted seal maker). `valid` only when every check passes; each failed check is named.
 * Identifiers are sequential (a serial per issuer and year), so anyone can walk them: without proof
 * the answer is the status, type, issuer and validity only — no holder, not even masked, and no
 * revocation reason (free text). With the 核验码 (or a 亮证 code) it adds the masked holder and the reason;
 * a wrong code is LICENSE_VERIFY_CODE_INVALID.
 */
export async function verifyLicense(ctx: AppContext, identifier: string, proof: VerifyProof = {}) {
  const parsed = parseLicenseId(identifier);
  if (!parsed.ok)
    return { identifier, found: false, valid: false, checks: [{ name: 'identifier', ok: false, detail: parsed.reason }] as Check[] };
  const l = await repo.findLicenseByIdentifier(ctx.db, identifier);
  if (!l)
    return {
      identifier,
      found: false,
      valid: false,
      checks: [
        { name: 'identifier', ok: true },
        { name: 'registered', ok: false, detail: 'notFound' },
      ] as Check[],
    };
  let holderShown = 'presentation' in proof;
  if ('code' in proof && proof.code !== undefined) {
    const given = Buffer.from(normaliseCode(proof.code));
    const expected = Buffer.from(licenseVerifyCode(ctx, l.identifier));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('LICENSE_VERIFY_CODE_INVALID');
    holderShown = true;
  }
  const today = shanghaiDate(ctx.now());
  const seal = (await repo.findSeal(ctx.db, l.seal_id))!;
  const expired = l.valid_until !== null && l.valid_until < today;
  const status = l.status === 'valid' && expired ? 'expired' : l.status;
  const pdf = await ctx.files.get(l.pdf_sm3);
  const sig = verifySignature(Buffer.from(l.signature_der, 'base64'), pdf, {
    trustedMakerCertsDer: await trustedMakerCerts(ctx),
    at: new Date(l.issued_at),
  });
  const checks: Check[] = [
    { name: 'identifier', ok: true },
    { name: 'status', ok: status === 'valid', ...(status === 'valid' ? {} : { detail: status }) },
    {
      name: 'sealNotRevoked',
      ok: seal.status !== 'revoked',
      ...(seal.status === 'revoked' ? { detail: `revoked ${new Date(seal.revoked_at!).toISOString()}` } : {}),
    },
    ...sig.checks,
  ];
  const next = status === 'superseded' ? await repo.findSuccessor(ctx.db, l.id) : undefined;
  return {
    identifier,
    found: true,
    valid: checks.every((c) => c.ok),
    checks,
    status,
    supersededBy: next?.identifier ?? null,
    typeName: l.type_name,
    issuerName: l.issuer_name,
    ...(holderShown ? { statusReason: l.status_reason, holderName: l.holder_name_masked, holderCode: l.holder_code_masked } : {}),
    issuedAt: new Date(l.issued_at).toISOString(),
    validFrom: l.valid_from,
    validUntil: l.valid_until,
  };
}

/** Checks that an uploaded PDF and signature belong together (and to a license of the platform). */
export async function verifyUploaded(ctx: AppContext, pdf: Buffer, signature: Buffer) {
  let identifier: string | null = null;
  try {
    identifier = decodeSignature(signature).propertyInfo;
  } catch {
    return {
      valid: false,
      identifier: null,
      checks: [{ name: 'signatureFormat', ok: false, detail: 'not a GB/T 38540 SES_Signature' }] as Check[],
    };
  }
  const sig = verifySignature(signature, pdf, { trustedMakerCertsDer: await trustedMakerCerts(ctx) });
  const l = identifier ? await repo.findLicenseByIdentifier(ctx.db, identifier) : undefined;
  const checks: Check[] = [...sig.checks, { name: 'registered', ok: !!l, ...(l ? {} : { detail: 'notFound' }) }];
  if (l) checks.push({ name: 'status', ok: l.status === 'valid', ...(l.status === 'valid' ? {} : { detail: l.status }) });
  return { valid: checks.every((c) => c.ok), identifier, checks };
}
