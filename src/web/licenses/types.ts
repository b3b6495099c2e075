/**
 * Shapes of the electronic license (电子证照) API, as src/server/modules/licenses/routes.ts
 * defines them (OpenAPI: /api/openapi.json).
 */

export type LicenseStatus = 'valid' | 'suspended' | 'revoked' | 'expired' | 'superseded';

/** A license in my 证照夹 (`GET /api/v1/licenses`); the holder's name arrives masked. */
export type License = {
  identifier: string;
  typeName: string;
  typeCode: string;
  issuerName: string;
  status: LicenseStatus;
  holderName: string;
  issuedAt: string;
  validFrom: string;
  /** null: 长期有效. */
  validUntil: string | null;
  pdfUrl: string;
  signatureUrl: string;
  /** 核验码: printed on the license; with it a verifier sees the holder (masked). */
  verifyCode?: string;
};

/** 用证 record: someone read the holder's license while handling a case. */
export type LicenseUse = { at: string; purpose: string; caseId: string | null; user: string; department: string | null };

/** 亮证: a code valid for 5 minutes; `url` is the verification page the QR code carries. */
export type Presentation = { token: string; expiresAt: string; url: string };

/**
 * One check of a verification. Names: identifier, registered, status, sealNotRevoked, documentHash,
 * signature, sealSignature, sealValidity, signerInSealCertList, makerTrusted (signatureFormat for uploads).
 */
export type VerificationCheck = { name: string; ok: boolean; detail?: string };

/** `GET /api/v1/licenses/{identifier}/verify` (and a 亮证 code's check, with `presentationExpiresAt`). */
export type Verification = {
  identifier: string;
  found: boolean;
  valid: boolean;
  checks: VerificationCheck[];
  status?: LicenseStatus;
  /** Only with the 核验码 or a 亮证 code, like the holder. */
  statusReason?: string | null;
  typeName?: string;
  issuerName?: string;
  /** Masked; only with the 核验码 or a 亮证 code (identifiers are sequential, so the public answer names no one). */
  holderName?: string;
  holderCode?: string;
  issuedAt?: string;
  validFrom?: string;
  validUntil?: string | null;
  presentationExpiresAt?: string;
};

/** `POST /api/v1/license-verifications`: an uploaded PDF and signature checked together. */
export type UploadVerification = { valid: boolean; identifier: string | null; checks: VerificationCheck[] };

/** 用证 by staff (`GET /api/v1/cases/{id}/licenses/{identifier}`): the license's fields, recorded. */
export type CaseLicense = {
  identifier: string;
  typeName: string;
  issuerName: string;
  status: string;
  validFrom: string;
  validUntil: string | null;
  fields: Array<{ label: string; value: string }>;
};
