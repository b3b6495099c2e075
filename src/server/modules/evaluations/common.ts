import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db-types.ts';
import { isComplete } from '../cases/index.ts';
import { notifyAccounts } from '../notifications/index.ts';
import * as repo from './repo.ts';
import type { EvaluationSettings } from './schema.ts';

/** Only a complete case (办结, 制证, 送达: the cases module's definition) can be rated. */
export { isComplete };

/** Defaults of the bad-rating loop (国办发〔2019〕51号: 回访 promptly, 整改 within 15 working days). */
export const defaultSettings: EvaluationSettings = {
  callbackWorkingDays: 1,
  rectificationWorkingDays: 15,
  letterReplyWorkingDays: 5,
  windowTokenMinutes: 15,
  smsTokenDays: 30,
};
export const SETTINGS_KEY = 'evaluations.settings';

/** The settings; pass the transaction when inside one (the embedded pool has one connection). */
export async function loadSettings(db: Kysely<DB>): Promise<EvaluationSettings> {
  const stored = (await repo.readSetting(db, SETTINGS_KEY)) as Partial<EvaluationSettings> | null;
  return { ...defaultSettings, ...(stored ?? {}) };
}

/** Audit of a change by an actor (null = the system), in the caller's transaction. */
export async function audit(
  ctx: AppContext,
  trx: Kysely<DB>,
  actor: Actor | null,
  action: string,
  entityType: string,
  entityId: string | null,
  before: unknown,
  after: unknown,
) {
  await appendAuditEvent(trx, ctx.auditKey, {
    actor: actor ? { accountId: actor.accountId, kind: actor.kind } : null,
    action,
    entityType,
    entityId,
    before,
    after,
    ip: actor?.ip ?? null,
  });
}

/** In-app notices to accounts (deduplicated). */
export async function notify(
  trx: Kysely<DB>,
  accountIds: (string | null | undefined)[],
  n: { caseId: string | null; kind: string; title: string; body: string },
) {
  await notifyAccounts(trx, accountIds, n);
}

/** The rating page a link or QR code opens. */
export function ratingUrl(ctx: AppContext, token: string): string {
  return `${ctx.config.publicBaseUrl.replace(/\/$/, '')}/rate/${token}`;
}

export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
