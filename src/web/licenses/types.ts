/**
 * Shapes of the electronic license (电子证照) API: aliases of the types generated from the server's
 * OpenAPI document (`npm run gen:api-types`).
 */
import type { Answer, Schemas } from '../api-types.ts';

export type LicenseStatus = License['status'];

/** A license in my 证照夹 (`GET /api/v1/licenses`); the holder's name arrives masked; `validUntil` null: 长期有效. */
export type License = Schemas['License'];

/** 用证 record: someone read the holder's license while handling a case. */
export type LicenseUse = Answer<'/api/v1/licenses/{identifier}/uses', 'get'>[number];

/** 亮证: a code valid for 5 minutes; `url` is the verification page the QR code carries. */
export type Presentation = Answer<'/api/v1/licenses/{identifier}/presentations', 'post', 201>;

/**
 * One check of a verification. Names: identifier, registered, status, sealNotRevoked, documentHash,
 * signature, sealSignature, sealValidity, signerInSealCertList, makerTrusted (signatureFormat for uploads).
 */
export type VerificationCheck = Verification['checks'][number];

/** `GET /api/v1/licenses/{identifier}/verify` (and a 亮证 code's check, with `presentationExpiresAt`). */
export type Verification = Schemas['Verification'];

/** `POST /api/v1/license-verifications`: an uploaded PDF and signature checked together. */
export type UploadVerification = Schemas['UploadVerification'];

/** 用证 by staff (`GET /api/v1/cases/{id}/licenses/{identifier}`): the license's fields, recorded. */
export type CaseLicense = Answer<'/api/v1/cases/{id}/licenses/{identifier}', 'get'>;
