import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.ts';

/** Notifications repository: in-app notifications (站内消息) of an account, and the SMS sink's messages. */

export async function insertNotification(
  db: Kysely<DB>,
  n: { account_id: string; case_id: string | null; kind: string; title: string; body: string },
) {
  await db.insertInto('notifications').values(n).execute();
}

/** The in-app notices as one INSERT, compiled, not sent (the caller folds it into a larger statement). */
export function compileInsertNotifications(
  db: Kysely<DB>,
  rows: { account_id: string; case_id: string | null; kind: string; title: string; body: string }[],
) {
  return db.insertInto('notifications').values(rows).compile();
}

export async function listNotifications(db: Kysely<DB>, accountId: string, limit: number, offset: number) {
  const q = db.selectFrom('notifications').where('account_id', '=', accountId);
  const [items, total, unread] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .where('read_at', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), unread: Number(unread.n) };
}

export async function markNotificationRead(db: Kysely<DB>, accountId: string, id: string, at: Date) {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Idempotent per job: a retried delivery job does not write a second message. */
export async function insertSmsMessage(
  db: Kysely<DB>,
  m: { job_id: string; phone_index: string; phone_masked: string; body: string; purpose: string },
) {
  await db
    .insertInto('sms_messages')
    .values(m)
    .onConflict((oc) => oc.column('job_id').doNothing())
    .execute();
}

export async function listSmsMessages(db: Kysely<DB>, phoneIndex: string) {
  return db.selectFrom('sms_messages').selectAll().where('phone_index', '=', phoneIndex).orderBy('sent_at', 'desc').execute();
}
