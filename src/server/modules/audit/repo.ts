import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.ts';

/** Reads the audit log (writes go through platform/audit.ts only). */
export async function listAuditEvents(
  db: Kysely<DB>,
  f: { entityType?: string; entityId?: string; action?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('audit_events');
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.action) q = q.where('action', '=', f.action);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('seq', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
