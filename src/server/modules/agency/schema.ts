import { z } from 'zod';
import { pageQuery } from '../../platform/http.ts';

/** Request and response schemas of the agency API (委托代办). Bodies are strict. */

const text = (max: number) => z.string().trim().max(max);
const version = z.number().int().min(1);

export const mandateBody = z.strictObject({
  /** The person the agent will act for (the name must match the name on record for the ID number). */
  principal: z.strictObject({ name: text(40).min(2), idNumber: z.string().trim().max(18), phone: z.string().trim().max(11) }),
  /** Items the mandate covers (implementation codes); empty = the matters described in `scope`, any item. */
  itemCodes: z.array(z.string().trim().min(6).max(60)).max(50).default([]),
  scope: text(200).min(2),
  validUntil: z.iso.date(),
  /** The signed 委托书, uploaded by the agent. */
  materialId: z.uuid(),
});
export type MandateBody = z.infer<typeof mandateBody>;

export const idParam = z.strictObject({ id: z.uuid() });
export const confirmBody = z.strictObject({ version, code: z.string().regex(/^\d{6}$/, 'invalidFormat') });
export const versionBody = z.strictObject({ version });
export const revokeBody = z.strictObject({ version, reason: text(500).min(2) });
export const mandatesQuery = pageQuery;

export const mandate = z.object({
  id: z.string(),
  agentAccountId: z.string(),
  principalName: z.string(),
  itemCodes: z.array(z.string()),
  scope: z.string(),
  validUntil: z.string(),
  materialId: z.string(),
  status: z.enum(['pending', 'active', 'revoked', 'expired']),
  confirmBy: z.array(z.enum(['sms', 'window'])),
  confirmedVia: z.enum(['sms', 'window']).nullable(),
  confirmedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
