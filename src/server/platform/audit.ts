import type { Kysely } from 'kysely';
import { hmacSm3Hex } from './crypto.ts';
import type { DB } from './db-types.ts';

/** Who did something; null for the system itself (jobs, seeds). */
export type AuditActor = { accountId: string; kind: string } | null;

export type AuditInput = {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  outcome?: 'success' | 'failure';
  ip?: string | null;
};

export type AuditProblem = { seq: number; kind: 'edited' | 'missing' | 'head' };
export type AuditVerification = { ok: boolean; checked: number; problems: AuditProblem[] };

/** JSON with object keys sorted at every depth: stable across a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

type ChainRow = {
  seq: number;
  occurred_at: Date;
  actor_id: string | null;
  actor_kind: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
  ip: string | null;
  prev_hash: string;
};

function rowHash(key: Uint8Array, row: ChainRow): string {
  return hmacSm3Hex(
    key,
    canonicalJson([
      row.seq,
      new Date(row.occurred_at).toISOString(),
      row.actor_id,
      row.actor_kind,
      row.action,
      row.entity_type,
      row.entity_id,
      row.before ?? null,
      row.after ?? null,
      row.outcome,
      row.ip,
      row.prev_hash,
    ]),
  );
}

/**
 * Appends one event to the append-only audit log, chained by HMAC-SM3 to the previous one.
 * Call it inside the transaction that makes the change, so both commit or neither does, and as
 * its last write: the head row is locked for the rest of the transaction (audit appends are
 * serialized), so everything done after it lengthens every other writer's wait.
 */
export async function appendAuditEvent(trx: Kysely<DB>, chainKey: Uint8Array, input: AuditInput): Promise<number> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const row: ChainRow = {
    seq: Number(head.seq),
    occurred_at: new Date(),
    actor_id: input.actor?.accountId ?? null,
    actor_kind: input.actor?.kind ?? 'system',
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    outcome: input.outcome ?? 'success',
    ip: input.ip ?? null,
    prev_hash: head.hash,
  };
  const hash = rowHash(chainKey, row);
  // The event and the new head hash in one statement: the head stays locked until commit, so a
  // caller appends as the last write of its transaction and every round trip saved here counts.
  await trx
    .with('event', (db) =>
      db
        .insertInto('audit_events')
        .values({
          ...row,
          before: row.before === null ? null : JSON.stringify(row.before),
          after: row.after === null ? null : JSON.stringify(row.after),
          hash,
        })
        .returning('seq'),
    )
    .updateTable('audit_head')
    .set({ hash })
    .where('id', '=', 1)
    .execute();
  return row.seq;
}

/** Appends an event in its own transaction (for events not tied to a change, such as a failed login). */
export async function recordAuditEvent(db: Kysely<DB>, chainKey: Uint8Array, input: AuditInput): Promise<number> {
  return db.transaction().execute((trx) => appendAuditEvent(trx, chainKey, input));
}

/**
 * Walks the whole chain: recomputes each event's HMAC, checks that sequence numbers are
 * contiguous and that each event names its predecessor's hash, and that the head matches the
 * last event. An edited row shows as 'edited', a deleted one as 'missing' (or 'head' at the end).
 */
export async function verifyAuditChain(db: Kysely<DB>, chainKey: Uint8Array): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const anchor = await db.selectFrom('settings').select('value').where('key', '=', 'audit.anchor').executeTakeFirst();
  const anchorValue = (anchor?.value ?? null) as { seq: number; hash: string } | null;
  let expectSeq = anchorValue ? anchorValue.seq + 1 : 1;
  let prevHash = anchorValue ? anchorValue.hash : '0'.repeat(64);
  let checked = 0;
  let after = 0;
  for (;;) {
    const batch = await db.selectFrom('audit_events').selectAll().where('seq', '>', after).orderBy('seq').limit(1000).execute();
    if (batch.length === 0) break;
    for (const row of batch) {
      if (row.seq !== expectSeq || row.prev_hash !== prevHash) problems.push({ seq: expectSeq, kind: 'missing' });
      if (rowHash(chainKey, row as ChainRow) !== row.hash) problems.push({ seq: row.seq, kind: 'edited' });
      expectSeq = row.seq + 1;
      prevHash = row.hash;
      checked++;
    }
    after = batch[batch.length - 1].seq;
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  if (Number(head.seq) !== expectSeq - 1 || head.hash !== prevHash) problems.push({ seq: Number(head.seq), kind: 'head' });
  return { ok: problems.length === 0, checked, problems };
}

/**
 * Deletes events older than the retention period, keeping the chain verifiable: the last
 * deleted event's seq and hash become the anchor the verification starts from.
 */
export async function pruneAuditEvents(db: Kysely<DB>, retentionDays: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const cutoff = new Date(Date.now() - retentionDays * 86_400_000);
    const last = await trx
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .where('occurred_at', '<', cutoff)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last) return 0;
    await trx
      .insertInto('settings')
      .values({ key: 'audit.anchor', value: JSON.stringify({ seq: last.seq, hash: last.hash }) })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: JSON.stringify({ seq: last.seq, hash: last.hash }), updated_at: new Date() }),
      )
      .execute();
    const res = await trx.deleteFrom('audit_events').where('seq', '<=', last.seq).executeTakeFirst();
    return Number(res.numDeletedRows);
  });
}
