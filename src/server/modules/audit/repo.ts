import { sql, type Kysely } from 'kysely';
import { auditEventRegionSql } from '../../platform/audit.ts';
import type { DB } from '../../platform/db-types.ts';

/** Which events a reader may see: a region subtree, and the platform-level ones (no region) or not. */
export type AuditScope = { regionPrefix: string; platformEvents: boolean };

/**
 * Reads the audit log, sealed and pending events alike, newest first (writes go through
 * platform/audit.ts only). A pending event's region is derived as the sealer will store it.
 */
export async function listAuditEvents(
  db: Kysely<DB>,
  f: { entityType?: string; entityId?: string; action?: string; scope: AuditScope; limit: number; offset: number },
) {
  const region = sql<string | null>`CASE WHEN e.chain_seq IS NULL THEN ${auditEventRegionSql} ELSE e.region_code END`;
  let q = db.selectFrom('audit_events as e');
  if (f.entityType) q = q.where('e.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('e.entity_id', '=', f.entityId);
  if (f.action) q = q.where('e.action', '=', f.action);
  const prefix = `${f.scope.regionPrefix.replace(/[^0-9]/g, '')}%`;
  q = q.where((eb) => (f.scope.platformEvents ? eb.or([eb(region, 'like', prefix), eb(region, 'is', null)]) : eb(region, 'like', prefix)));
  const [items, total] = await Promise.all([
    q.selectAll('e').select(region.as('region')).orderBy('e.seq', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Stored checkpoints, newest first. */
export async function listCheckpoints(db: Kysely<DB>, f: { limit: number; offset: number }) {
  const [items, total] = await Promise.all([
    db.selectFrom('audit_checkpoints').selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    db
      .selectFrom('audit_checkpoints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
