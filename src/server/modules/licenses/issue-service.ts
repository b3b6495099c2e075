import type { Kysely } from 'kysely';
import type { Actor, Role } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { maskIdNumber, maskName, sm3Hex } from '../../platform/crypto.ts';
import type { DB } from '../../platform/db-types.ts';
import { makeLicenseId } from '../../platform/license-id.ts';
import { signDocument } from '../../platform/ses.ts';
import type { Guide } from '../catalog/guide-schema.ts';
import type { CaseRow } from '../cases/resource.ts';
import { findOrganizationById, findPersonById } from '../identity/repo.ts';
import { insertFile } from '../materials/repo.ts';
import { findDepartmentById } from '../org/repo.ts';
import { renderLicensePdf } from './license-pdf.ts';
import * as repo from './repo.ts';
import { ensureDepartmentSeal, sealPrivateKey } from './seal-service.ts';
import { licenseVerifyCode, licenseVerifyUrl } from './verify-service.ts';

const addYears = (day: string, years: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Issues the electronic license of an approved case whose result is a license type: identifier
 * (GB/T 36904, MOD 37,36), holder, validity, the PDF with the issuer's seal and a QR code to the
 * public verifier, and a GB/T 38540 SES_Signature over the SM3 of the PDF by the department's seal.
 * Runs inside the case's completion transaction; at most one license per case (unique column).
 * Returns null when the case's result is not a license or no such license type is catalogued.
 */
export async function issueLicenseForCase(
  ctx: AppContext,
  trx: Kysely<DB>,
  actor: Actor,
  c: CaseRow,
  g: Guide,
  formData: Record<string, unknown>,
) {
  if (g.result.type !== 'license' || !g.result.licenseType || c.decision !== 'approved') return null;
  const existing = await repo.findLicenseByCase(trx, c.id);
  if (existing) return existing;
  const type = await repo.findLicenseType(trx, g.result.licenseType);
  if (!type) return null;
  const dept = (await findDepartmentById(trx, c.department_id))!;
  const seal = await ensureDepartmentSeal(ctx, trx, dept.id);
  if (!seal.allowed_roles.some((r) => actor.roles.includes(r as Role)))
    throw new AppError('SEAL_USE_FORBIDDEN', { allowedRoles: seal.allowed_roles });
  const now = ctx.now();
  const today = shanghaiDate(now);
  const asOrg = type.holder_kind === 'organization' && c.applicant_organization_id;
  const org = asOrg ? await findOrganizationById(trx, c.applicant_organization_id!) : undefined;
  const person = c.applicant_person_id ? await findPersonById(trx, c.applicant_person_id) : undefined;
  const holderName = org?.name ?? (person ? ctx.cipher.decrypt(person.name_enc) : c.applicant_name_masked);
  const holderCode = org?.credit_code ?? (person ? ctx.cipher.decrypt(person.id_number_enc) : '');
  const year = Number(today.slice(0, 4));
  const serial = `${year}${String(await repo.nextLicenseSerial(trx, dept.credit_code, year)).padStart(7, '0')}`;
  const identifier = makeLicenseId({ typeCode: type.code, issuerCode: dept.credit_code, serial, version: '001' });
  const validUntil = type.validity_years ? addYears(today, type.validity_years) : null;
  const values: Record<string, string> = { holderName, holderCode };
  const fields = (type.fields as { key: string; label: string }[]).map((f) => ({
    label: f.label,
    value: values[f.key] ?? (formData[f.key] === undefined ? '—' : String(formData[f.key])),
  }));
  const pdf = await renderLicensePdf({
    typeName: type.name,
    identifier,
    issuerName: dept.name,
    issuedOn: today,
    validFrom: today,
    validUntil,
    fields,
    verifyUrl: licenseVerifyUrl(ctx, identifier),
    verifyCode: licenseVerifyCode(ctx, identifier),
  });
  const stored = await ctx.files.put(pdf);
  await insertFile(trx, { sm3: stored.sm3, size: stored.size, media_type: 'application/pdf' });
  const signature = signDocument({
    documentHash: Buffer.from(sm3Hex(pdf), 'hex'),
    sealDer: Buffer.from(seal.seal_der, 'base64'),
    signerCertDer: Buffer.from(seal.cert_der, 'base64'),
    signerPrivateKeyHex: sealPrivateKey(ctx, seal),
    time: now,
    propertyInfo: identifier,
  });
  const license = await repo.insertLicense(trx, {
    identifier,
    type_id: type.id,
    case_id: c.id,
    issuer_department_id: dept.id,
    issuer_code: dept.credit_code,
    serial,
    holder_kind: org ? 'organization' : 'person',
    holder_person_id: person?.id ?? null,
    holder_organization_id: org?.id ?? null,
    holder_name_masked: org ? org.name : maskName(holderName),
    holder_code_masked: org ? org.credit_code : maskIdNumber(holderCode),
    holder_code_index: ctx.cipher.blindIndex(`license-holder:${holderCode}`),
    data_enc: ctx.cipher.encrypt(JSON.stringify({ fields }), 'license.data'),
    issued_at: now,
    valid_from: today,
    valid_until: validUntil,
    seal_id: seal.id,
    pdf_sm3: stored.sm3,
    signature_der: signature.toString('base64'),
  });
  await appendAuditEvent(trx, ctx.auditKey, {
    actor: { accountId: actor.accountId, kind: actor.kind },
    action: 'seal.use',
    entityType: 'seal',
    entityId: seal.es_id,
    after: { license: identifier, pdfSm3: stored.sm3 },
    ip: actor.ip,
  });
  await appendAuditEvent(trx, ctx.auditKey, {
    actor: { accountId: actor.accountId, kind: actor.kind },
    action: 'license.issue',
    entityType: 'license',
    entityId: identifier,
    after: { caseId: c.id, type: type.code, sealId: seal.id, pdfSm3: stored.sm3 },
    ip: null,
  });
  return license;
}

/**
 * 变更 / 延续 / 补领: a new version of a license under the same serial, linked to the previous one,
 * which becomes superseded. An approver (seal holder) of the issuing department does it.
 */
export async function reissueLicense(
  ctx: AppContext,
  actor: Actor,
  identifier: string,
  input: { reason: 'change' | 'renewal' | 'replacement'; note: string; fields?: Record<string, string> },
) {
  const old = await repo.findLicenseByIdentifier(ctx.db, identifier);
  if (!old || actor.kind !== 'staff' || actor.departmentId !== old.issuer_department_id) throw new AppError('LICENSE_NOT_FOUND');
  if (old.status === 'revoked' || old.status === 'superseded') throw new AppError('LICENSE_STATE_INVALID', { status: old.status });
  const type = (await repo.findLicenseType(ctx.db, old.type_name))!;
  return ctx.db.transaction().execute(async (trx) => {
    const seal = await ensureDepartmentSeal(ctx, trx, old.issuer_department_id);
    if (!seal.allowed_roles.some((r) => actor.roles.includes(r as Role)))
      throw new AppError('SEAL_USE_FORBIDDEN', { allowedRoles: seal.allowed_roles });
    const now = ctx.now();
    const today = shanghaiDate(now);
    const data = JSON.parse(ctx.cipher.decrypt(old.data_enc, 'license.data')) as { fields: { label: string; value: string }[] };
    const typeFields = type.fields as { key: string; label: string }[];
    const fields = data.fields.map((f) => {
      const key = typeFields.find((t) => t.label === f.label)?.key;
      return key && input.fields?.[key] !== undefined && key !== 'holderCode' ? { ...f, value: input.fields[key] } : f;
    });
    const versionNo = old.version_no + 1;
    const newId = makeLicenseId({
      typeCode: type.code,
      issuerCode: old.issuer_code,
      serial: old.serial,
      version: String(versionNo).padStart(3, '0'),
    });
    const validFrom = input.reason === 'renewal' ? today : old.valid_from;
    const validUntil = input.reason === 'renewal' && type.validity_years ? addYears(today, type.validity_years) : old.valid_until;
    const pdf = await renderLicensePdf({
      typeName: type.name,
      identifier: newId,
      issuerName: old.issuer_name,
      issuedOn: today,
      validFrom,
      validUntil,
      fields,
      verifyUrl: licenseVerifyUrl(ctx, newId),
      verifyCode: licenseVerifyCode(ctx, newId),
    });
    const stored = await ctx.files.put(pdf);
    await insertFile(trx, { sm3: stored.sm3, size: stored.size, media_type: 'application/pdf' });
    const signature = signDocument({
      documentHash: Buffer.from(sm3Hex(pdf), 'hex'),
      sealDer: Buffer.from(seal.seal_der, 'base64'),
      signerCertDer: Buffer.from(seal.cert_der, 'base64'),
      signerPrivateKeyHex: sealPrivateKey(ctx, seal),
      time: now,
      propertyInfo: newId,
    });
    const superseded = await repo.updateLicense(trx, old.id, old.version, {
      status: 'superseded',
      status_reason: `${input.reason}: ${input.note}`,
    });
    if (!superseded) throw new AppError('VERSION_CONFLICT');
    const created = await repo.insertLicense(trx, {
      identifier: newId,
      type_id: old.type_id,
      case_id: null,
      issuer_department_id: old.issuer_department_id,
      issuer_code: old.issuer_code,
      serial: old.serial,
      version_no: versionNo,
      holder_kind: old.holder_kind,
      holder_person_id: old.holder_person_id,
      holder_organization_id: old.holder_organization_id,
      holder_name_masked: old.holder_name_masked,
      holder_code_masked: old.holder_code_masked,
      holder_code_index: old.holder_code_index,
      data_enc: ctx.cipher.encrypt(JSON.stringify({ fields }), 'license.data'),
      issued_at: now,
      valid_from: validFrom,
      valid_until: validUntil,
      seal_id: seal.id,
      pdf_sm3: stored.sm3,
      signature_der: signature.toString('base64'),
      previous_id: old.id,
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'seal.use',
      entityType: 'seal',
      entityId: seal.es_id,
      after: { license: newId, pdfSm3: stored.sm3 },
      ip: actor.ip,
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'license.reissue',
      entityType: 'license',
      entityId: newId,
      before: { identifier, status: old.status },
      after: { reason: input.reason, previous: identifier },
      ip: actor.ip,
    });
    return created;
  });
}
