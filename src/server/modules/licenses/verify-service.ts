import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { parseLicenseId } from '../../platform/license-id.ts';
import { decodeSignature, verifySignature } from '../../platform/ses.ts';
import * as repo from './repo.ts';
import { trustedMakerCerts } from './seal-service.ts';

export type Check = { name: string; ok: boolean; detail?: string };

/**
 * Public verification of a license by its identifier: the identifier's check character, the
 * license's status and validity, the seal's status, and the GB/T 38540 signature over the stored
 * PDF (document hash, SM2 signature, seal signature, seal validity, signer in the seal's list, a
 * trusted seal maker). `valid` only when every check passes; each failed check is named. The holder
 * appears masked.
 */
export async function verifyLicense(ctx: AppContext, identifier: string) {
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
    statusReason: l.status_reason,
    supersededBy: next?.identifier ?? null,
    typeName: l.type_name,
    issuerName: l.issuer_name,
    holderName: l.holder_name_masked,
    holderCode: l.holder_code_masked,
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
