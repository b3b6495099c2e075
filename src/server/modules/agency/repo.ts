import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.ts';

/** Agency repository: mandates (委托) of agents from the persons they act for. */

export async function insertMandate(db: Kysely<DB>, m: Insertable<DB['mandates']>) {
  return db.insertInto('mandates').values(m).returningAll().executeTakeFirstOrThrow();
}

export async function findMandate(db: Kysely<DB>, id: string) {
  return db.selectFrom('mandates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Changes a mandate only if it is still at `version`. */
export async function updateMandate(db: Kysely<DB>, id: string, version: number, patch: Updateable<DB['mandates']>) {
  return db
    .updateTable('mandates')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Counts a wrong code (in its own statement, so that a refused attempt still counts). */
export async function countCodeAttempt(db: Kysely<DB>, id: string) {
  await db
    .updateTable('mandates')
    .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function listMandates(
  db: Kysely<DB>,
  f: { agentAccountId?: string; principalPersonId?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('mandates');
  if (f.agentAccountId) q = q.where('agent_account_id', '=', f.agentAccountId);
  if (f.principalPersonId) q = q.where('principal_person_id', '=', f.principalPersonId);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
