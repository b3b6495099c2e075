import { z } from 'zod';
import { regionCode } from '../../platform/region-code.ts';
import { roles } from '../../platform/actor.ts';
import { pageQuery } from '../../platform/http.ts';

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.@-]{3,64}$/, 'usernameInvalid');
/** A person's name as on the ID card: Chinese (with ·) or Latin letters, 2–40 characters. */
export const personNameSchema = z
  .string()
  .trim()
  .normalize('NFKC')
  .regex(/^[\p{Script=Han}·A-Za-z ]{2,40}$/u, 'personNameInvalid');

export const loginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(128),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const loginResponse = z
  .object({ token: z.string(), csrfToken: z.string(), account: z.lazy(() => meResponse) })
  .meta({ id: 'LoginResult' });

export const smsCodeBody = z.strictObject({ phone: z.string().max(20), purpose: z.enum(['register', 'login']) });

export const registerBody = z.strictObject({
  username: usernameSchema,
  password: z.string().min(1).max(128),
  name: personNameSchema,
  idNumber: z.string().max(32),
  phone: z.string().max(20),
  smsCode: z.string().regex(/^\d{6}$/),
});

export const registerResponse = z
  .object({ id: z.uuid(), username: z.string(), personId: z.uuid(), realNameLevel: z.number() })
  .meta({ id: 'RegisterResult' });

/** What the web needs to know of the installation before anyone logs in. */
export const platformInfo = z
  .object({
    /** The demo (TONGBAN_DEMO=1 or the embedded default): its accounts share a published password; the login page names them. */
    demo: z.boolean(),
  })
  .meta({ id: 'PlatformInfo' });

export const organizationSummary = z
  .object({ id: z.uuid(), name: z.string(), creditCode: z.string(), role: z.string().optional() })
  .meta({ id: 'OrganizationSummary' });

export const meResponse = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    kind: z.enum(['applicant', 'staff']),
    roles: z.array(z.string()),
    department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    region: z.object({ code: regionCode, name: z.string() }).nullable(),
    person: z
      .object({ id: z.uuid(), name: z.string(), idNumber: z.string(), phone: z.string().nullable(), realNameLevel: z.number() })
      .nullable(),
    organizations: z.array(organizationSummary),
    csrfToken: z.string().optional(),
  })
  .meta({ id: 'Account' });

export const personResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    idNumber: z.string(),
    phone: z.string().nullable(),
    regionCode: regionCode.nullable(),
    realNameLevel: z.number(),
  })
  .meta({ id: 'Person' });

/** A claim to represent an organisation: verified online (电子营业执照) or by a reviewer who sees the two documents. */
export const claimBody = z.strictObject({
  name: z.string().trim().min(2).max(100),
  creditCode: z.string().max(32),
  method: z.enum(['enterpriseIdentity', 'staffReview']).default('enterpriseIdentity'),
  /** staffReview: the business license (营业执照) and the legal representative's ID card, uploaded as materials. */
  licenseMaterialId: z.uuid().optional(),
  idCardMaterialId: z.uuid().optional(),
});

export const claimResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  regionCode,
  method: z.enum(['enterpriseIdentity', 'staffReview']),
  status: z.enum(['pending', 'verified', 'rejected']),
  verifiedBy: z.string().nullable(),
  reason: z.string().nullable(),
  organizationId: z.uuid().nullable(),
  hasDocuments: z.boolean(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  version: z.number(),
});

export const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(500).optional(),
  version: z.number().int().min(1).optional(),
});

export const claimsQuery = pageQuery.extend({ status: z.enum(['pending', 'verified', 'rejected']).optional() });

export const documentParam = z.strictObject({ id: z.uuid(), document: z.enum(['license', 'idCard']) });

const phoneField = z.string().max(20);

export const staffCreateBody = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(40),
  /** The department; separated administrators may name a region instead. */
  departmentId: z.uuid().optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  hallId: z.uuid().optional(),
  roles: z.array(z.enum(roles)).min(1).max(12),
  /** The holder's mobile: the activation code goes there by SMS instead of being shown to the creator. */
  phone: phoneField.optional(),
});

/** A one-time activation code: shown once (code) or sent by SMS (sentTo, masked). */
export const activationIssued = z.object({ code: z.string().optional(), sentTo: z.string().optional(), expiresAt: z.string() });

export const staffCreateResponse = z.object({ id: z.uuid(), username: z.string(), status: z.string(), activation: activationIssued });

export const reissueBody = z.strictObject({ phone: phoneField.optional() });

const activationCode = z.string().trim().min(16).max(24);

export const activationStartBody = z.strictObject({ username: z.string().min(1).max(64), code: activationCode });
export const activationStartResponse = z.object({ username: z.string(), otpauthUri: z.string(), secret: z.string() });
export const activationCompleteBody = z.strictObject({
  username: z.string().min(1).max(64),
  code: activationCode,
  password: z.string().min(1).max(256),
  totp: z.string().regex(/^\d{6}$/),
});

export const staffRequestBody = z.discriminatedUnion('kind', [
  staffCreateBody.extend({ kind: z.literal('create') }),
  z.strictObject({
    kind: z.literal('roles'),
    accountId: z.uuid(),
    roles: z.array(z.enum(roles)).max(12),
    version: z.number().int().min(1),
  }),
  z.strictObject({ kind: z.literal('reissue'), accountId: z.uuid(), phone: phoneField.optional() }),
]);

export const staffRequestItem = z.object({
  id: z.uuid(),
  kind: z.enum(['create', 'roles', 'reissue']),
  regionCode,
  targetAccountId: z.uuid().nullable(),
  username: z.string().nullable(),
  roles: z.array(z.string()),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: z.uuid(),
  requesterRole: z.string(),
  decidedBy: z.uuid().nullable(),
  reason: z.string().nullable(),
  resultAccountId: z.uuid().nullable(),
  mayDecide: z.boolean(),
  createdAt: z.string(),
  version: z.number(),
});

export const staffRequestDecision = z.object({ request: staffRequestItem, activation: activationIssued.nullable() });

export const staffRequestsQuery = pageQuery.extend({ status: z.enum(['pending', 'approved', 'rejected']).optional() });

export const staffRolesBody = z.strictObject({ roles: z.array(z.enum(roles)).max(12), version: z.number().int().min(1).optional() });

export const staffItem = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    /** active, disabled, or pending (waiting for its holder's activation). */
    status: z.string(),
    regionCode: regionCode.nullable(),
    department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    version: z.number(),
  })
  .meta({ id: 'StaffMember' });

export const idParam = z.strictObject({ id: z.uuid() });
