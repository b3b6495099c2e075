import type { CompiledQuery, Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db-types.ts';
import { personPhoneEnc } from '../identity/index.ts';
import * as repo from './repo.ts';

/** What a notice says: the in-app title and body; the SMS text is 【通办】title：body. */
export type Message = { kind: string; title: string; body: string; caseId?: string | null };

/** In-app notices (站内消息) to accounts, each once, in the caller's transaction. */
export async function notifyAccounts(trx: Kysely<DB>, accountIds: (string | null | undefined)[], m: Message): Promise<void> {
  for (const account_id of new Set(accountIds.filter((x): x is string => !!x))) {
    await repo.insertNotification(trx, { account_id, case_id: m.caseId ?? null, kind: m.kind, title: m.title, body: m.body });
  }
}

/**
 * What `notifyAccounts` and `smsPerson` write for a list of notices, as statements not sent (one
 * multi-row INSERT of the in-app notices, one job per SMS): a caller folds them into a larger statement
 * (platform/batch.ts). `phoneEnc` is the applicant's stored phone, read by the caller with its other reads.
 */
export async function compileNotices(
  ctx: AppContext,
  db: Kysely<DB>,
  notices: { accountIds: (string | null | undefined)[]; message: Message; sms?: { phoneEnc: string | null; purpose: string } }[],
): Promise<CompiledQuery[]> {
  const rows = notices.flatMap(({ accountIds, message: m }) =>
    [...new Set(accountIds.filter((x): x is string => !!x))].map((account_id) => ({
      account_id,
      case_id: m.caseId ?? null,
      kind: m.kind,
      title: m.title,
      body: m.body,
    })),
  );
  const out: CompiledQuery[] = rows.length ? [repo.compileInsertNotifications(db, rows)] : [];
  for (const n of notices) {
    if (!n.sms?.phoneEnc) continue;
    out.push(
      await ctx.jobs.compileEnqueue('sms.send', {
        phoneEnc: n.sms.phoneEnc,
        body: `【通办】${n.message.title}：${n.message.body}`,
        purpose: n.sms.purpose,
      }),
    );
  }
  return out;
}

/**
 * An SMS to a person (an applicant) at their stored phone, through the job queue in the caller's transaction (outbox:
 * it leaves only if the change commits). `text` follows the 【通办】 signature.
 * Nothing when the person has no phone.
 */
export async function smsPerson(ctx: AppContext, trx: Kysely<DB>, personId: string | null, text: string, purpose: string): Promise<void> {
  if (!personId) return;
  const phoneEnc = await personPhoneEnc(trx, personId);
  if (!phoneEnc) return;
  await ctx.jobs.enqueue(trx, 'sms.send', { phoneEnc, body: `【通办】${text}`, purpose });
}
