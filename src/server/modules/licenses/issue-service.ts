import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/policies.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAuditEvent, type AuditInput } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { maskIdNumber, maskName, sm3Hex } from '../../platform/crypto.ts';
import type { DB } from '../../platform/db-types.ts';
import { makeLicenseId } from '../../platform/license-id.ts';
import { licenseResource } from './present.ts';
import { signDocument } from '../../platform/ses.ts';
import { findOrganizationById, findPersonById, findPersonByIdIndex } from '../identity/index.ts';
import { recordStoredFile as insertFile } from '../materials/index.ts';
import { findDepartmentById } from '../org/index.ts';
import { sealRuleFor } from './delegation-service.ts';
import { assignedCreditCode, assignedIdNumber, assignedUnitNumber, resolveContent } from './license-content.ts';
import { renderLicensePdf } from './license-pdf.ts';
import type { HolderRule, LicenseFieldDef } from './license-type-catalog.ts';
import * as repo from './repo.ts';
import { ensureDepartmentSeal, sealPrivateKey } from './seal-service.ts';
import { licenseVerifyCode, licenseVerifyUrl } from './verify-service.ts';

const addYears = (day: string, years: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** What issuing a case's license needs to know of the case (the cases module builds it; this module knows no case). */
export type LicenseRequest = {
  caseId: string;
  departmentId: string;
  itemId: string;
  itemName: string;
  caseNumber: string | null;
  /** The day of the decision (a license field may show it: 成立日期, 登记日期). */
  decidedOn: string | null;
  /** 即办 on the spot (at the window): staff the department authorised for the item may seal too. */
  immediate: boolean;
  /** The license type the item's result names (name or key in the 证照目录). */
  licenseType: string;
  applicant: { personId: string | null; organizationId: string | null; nameMasked: string };
  formData: Record<string, unknown>;
};

/**
 * Issues the electronic license of an approved case whose result is a license type: identifier
 * (GB/T 36904, MOD 37,36), holder, validity, the PDF with the issuer's seal and a QR code to the
 * public verifier, and a GB/T 38540 SES_Signature over the SM3 of the PDF by the department's seal.
 * Runs inside the case's completion transaction; at most one license per case (unique column).
 * Returns the license and the audit events (seal use, issuance) for the caller to append last;
 * null when no such license type is catalogued.
 */
export async function issueLicense(ctx: AppContext, trx: Kysely<DB>, actor: Actor, req: LicenseRequest) {
  const existing = await repo.findLicenseByCase(trx, req.caseId);
  if (existing) return { license: existing, audit: [] as AuditInput[] };
  const type = await repo.findLicenseType(trx, req.licenseType);
  if (!type) return null;
  const dept = (await findDepartmentById(trx, req.departmentId))!;
  const seal = await ensureDepartmentSeal(ctx, trx, dept.id);
  const rule = await sealRuleFor(trx, dept.id, req.itemId, req.immediate);
  if (!can(actor, 'seal.use', rule)) throw new AppError('SEAL_USE_FORBIDDEN', { allowedRoles: rule.allowedRoles });
  const now = ctx.now();
  const today = shanghaiDate(now);
  // The applicant as the license's sources see them (申请人): the person, or the organisation applied for.
  const org = req.applicant.organizationId ? await findOrganizationById(trx, req.applicant.organizationId) : undefined;
  const person = req.applicant.personId ? await findPersonById(trx, req.applicant.personId) : undefined;
  const personName = person ? ctx.cipher.decrypt(person.name_enc) : undefined;
  const personCode = person ? ctx.cipher.decrypt(person.id_number_enc) : undefined;
  const applicant = {
    'applicant.name': type.holder_kind === 'organization' ? (org?.name ?? personName) : personName,
    'applicant.code': type.holder_kind === 'organization' ? (org?.credit_code ?? personCode) : personCode,
    'applicant.orgName': org?.name,
    'applicant.orgCode': org?.credit_code,
  };
  const year = Number(today.slice(0, 4));
  const region = dept.region_code;
  const { content, missing } = await resolveContent(
    type.holder as HolderRule,
    type.fields as LicenseFieldDef[],
    { form: req.formData, applicant, decisionDate: req.decidedOn, issueDate: today, itemName: req.itemName, caseNumber: req.caseNumber },
    {
      creditCode: async () => assignedCreditCode(region, await repo.nextLicenseSerial(trx, `assign:creditCode:${region.slice(0, 6)}`, 0)),
      unitNumber: async () => assignedUnitNumber(region, await repo.nextLicenseSerial(trx, `assign:unitNumber:${region.slice(0, 6)}`, 0)),
      idNumber: async (birth, male) =>
        assignedIdNumber(
          region,
          birth,
          await repo.nextLicenseSerial(trx, `assign:idNumber:${region.slice(0, 6)}:${birth}:${male ? 'm' : 'f'}`, 0),
          male,
        ),
    },
  );
  // Never seal an empty or guessed field: staff are told which ones the case lacks.
  if (missing.length) throw new AppError('LICENSE_FIELD_MISSING', { licenseType: type.name, fields: missing });
  const holderName = content.holderName;
  const holderCode = content.holderCode;
  const serial = `${year}${String(await repo.nextLicenseSerial(trx, dept.credit_code, year)).padStart(7, '0')}`;
  const identifier = makeLicenseId({ typeCode: type.code, issuerCode: dept.credit_code, serial, version: '001' });
  const validUntil = type.validity_years ? addYears(today, type.validity_years) : null;
  const fields = content.fields.map(({ label, value }) => ({ label, value }));
  // Who holds it in the platform: the applicant when the holder is them; another person found by their ID number; else
  // nobody yet (a newborn, an enterprise being registered) — the applicant still sees it through the case.
  const holderIsOrg = type.holder_kind === 'organization';
  const holderOrgId = holderIsOrg && org && org.credit_code === holderCode ? org.id : null;
  const holderPersonId = holderIsOrg
    ? null
    : person && personCode === holderCode
      ? person.id
      : holderCode
        ? ((await findPersonByIdIndex(trx, ctx.cipher.blindIndex(`id:${holderCode}`)))?.id ?? null)
        : null;
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
    case_id: req.caseId,
    issuer_department_id: dept.id,
    issuer_code: dept.credit_code,
    serial,
    holder_kind: type.holder_kind,
    holder_person_id: holderPersonId,
    holder_organization_id: holderOrgId,
    custodian_person_id: holderPersonId === person?.id || holderOrgId ? null : (person?.id ?? null),
    holder_name_masked: holderIsOrg ? holderName : maskName(holderName),
    holder_code_masked: holderIsOrg ? holderCode : holderCode ? maskIdNumber(holderCode) : '',
    holder_code_index: ctx.cipher.blindIndex(`license-holder:${holderCode}`),
    // The holder in full beside the printed fields: another sub-case of a bundle may take it (一件事 sequencing).
    data_enc: ctx.cipher.encrypt(JSON.stringify({ fields, holder: { name: holderName, code: holderCode } }), 'license.data'),
    issued_at: now,
    valid_from: today,
    valid_until: validUntil,
    seal_id: seal.id,
    pdf_sm3: stored.sm3,
    signature_der: signature.toString('base64'),
  });
  const audit: AuditInput[] = [
    {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'seal.use',
      entityType: 'seal',
      entityId: seal.es_id,
      after: { license: identifier, pdfSm3: stored.sm3 },
      ip: actor.ip,
    },
    {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'license.issue',
      entityType: 'license',
      entityId: identifier,
      after: { caseId: req.caseId, type: type.code, sealId: seal.id, pdfSm3: stored.sm3 },
      ip: null,
    },
  ];
  return { license, audit };
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
  if (!old || !can(actor, 'license.read', licenseResource(old)) || actor.kind !== 'staff') throw new AppError('LICENSE_NOT_FOUND');
  if (old.status === 'revoked' || old.status === 'superseded') throw new AppError('LICENSE_STATE_INVALID', { status: old.status });
  const type = (await repo.findLicenseType(ctx.db, old.type_name))!;
  return ctx.db.transaction().execute(async (trx) => {
    const seal = await ensureDepartmentSeal(ctx, trx, old.issuer_department_id);
    const rule = await sealRuleFor(trx, old.issuer_department_id, '', false);
    if (!can(actor, 'seal.use', rule)) throw new AppError('SEAL_USE_FORBIDDEN', { allowedRoles: rule.allowedRoles });
    const now = ctx.now();
    const today = shanghaiDate(now);
    const data = JSON.parse(ctx.cipher.decrypt(old.data_enc, 'license.data')) as {
      fields: { label: string; value: string }[];
      holder?: { name: string; code: string };
    };
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
      custodian_person_id: old.custodian_person_id,
      holder_name_masked: old.holder_name_masked,
      holder_code_masked: old.holder_code_masked,
      holder_code_index: old.holder_code_index,
      data_enc: ctx.cipher.encrypt(JSON.stringify({ ...data, fields }), 'license.data'),
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
