import { sql, type Kysely } from 'kysely';
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
  /**
   * The region the event concerns (who may read it: a county's auditor reads its county's events).
   * When absent the sealer fills it: the case's or department's region for those entities, else the
   * acting account's region; events with none are platform-level.
   */
  regionCode?: string | null;
};

/**
 * What verification found, each at a chain position (`chainSeq`):
 * - `edited`: the event's HMAC does not match its content;
 * - `missing`: the chain jumps or an event does not name its predecessor's hash (an event deleted or reordered);
 * - `head`: the head row does not match the last sealed event;
 * - `truncated`: a signed checkpoint names a later event than the chain's last (the tail was deleted);
 * - `checkpoint`: the event at a checkpoint's position is not the one it signed, or a checkpoint's signature is bad;
 * - `anchor`: the retention anchor is unsigned, forged, or younger than the retention period;
 * - `key`: the checkpoint key in the database is not the platform's (its private key does not match).
 */
export type AuditProblemKind = 'edited' | 'missing' | 'head' | 'truncated' | 'checkpoint' | 'anchor' | 'key';
export type AuditProblem = { chainSeq: number; kind: AuditProblemKind; seq?: number; detail?: string };

/** A signed checkpoint's claim (its signature already checked): the chain had `chainSeq` events ending in `hash`. */
export type CheckpointClaim = { chainSeq: number; hash: string; count: number; at: string; source: string };

/** The retention anchor's signed content: the last pruned event and when. */
export type AnchorClaim = { chainSeq: number; hash: string; newestPrunedAt: string; prunedAt: string; retentionDays: number };

export type AuditVerification = {
  ok: boolean;
  /** Sealed events whose MAC and links were checked. */
  checked: number;
  /** Events committed but not sealed yet (the sealer chains them within about a second). */
  pending: number;
  /** The last sealed event, as the head row names it. */
  head: { chainSeq: number; hash: string };
  anchor: (AnchorClaim & { signed: boolean }) | null;
  /** The latest signed checkpoint the chain was checked against. */
  checkpoint: CheckpointClaim | null;
  problems: AuditProblem[];
};

/** A text and its SM2 signature (base64 DER) by the platform's audit checkpoint key. */
export type SignedDocument = { signed: string; signature: string };

export type VerifyOptions = {
  /** Verification time (the anchor must be older than the retention period then). */
  now?: Date;
  retentionDays?: number;
  /** Opens a signed document with the trusted key: its parsed content, or null when the signature fails. */
  openSigned?: (doc: SignedDocument) => unknown;
  /** Checkpoints whose signatures were checked; the chain is checked against the latest. */
  checkpoints?: CheckpointClaim[];
};

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
  chain_seq: number | null;
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
  region_code: string | null;
  prev_hash: string | null;
  mac_version: number;
};

/**
 * HMAC-SM3 of an event over the canonical JSON of its fields and its predecessor's hash. Version 1
 * (events chained at append, before the sealer): seq was the chain position and there was no region.
 */
export function rowHash(key: Uint8Array, row: ChainRow): string {
  const common = [
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
  ];
  const fields =
    row.mac_version === 1
      ? [row.chain_seq, ...common, row.prev_hash]
      : ['tongban.audit.v2', row.chain_seq, row.seq, ...common, row.region_code, row.prev_hash];
  return hmacSm3Hex(key, canonicalJson(fields));
}

/**
 * Appends one event to the audit log as a pending row: one INSERT, no shared row, no lock held to
 * commit. Call it inside the transaction that makes the change, so both commit or neither does. The
 * sealer (sealAuditEvents, run by platform/audit-sealer.ts) chains committed events by HMAC-SM3 within
 * about a second. Returns the event's number (`seq`); `chainKey` is the sealer's and kept for callers.
 */
export async function appendAuditEvent(trx: Kysely<DB>, _chainKey: Uint8Array, input: AuditInput): Promise<number> {
  const row = await trx.insertInto('audit_events').values(auditRow(input)).returning('seq').executeTakeFirstOrThrow();
  return row.seq;
}

/** The pending row of an audit event, as appendAuditEvent writes it. */
function auditRow(input: AuditInput) {
  return {
    occurred_at: new Date(),
    actor_id: input.actor?.accountId ?? null,
    actor_kind: input.actor?.kind ?? 'system',
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId ?? null,
    before: input.before === undefined || input.before === null ? null : JSON.stringify(input.before),
    after: input.after === undefined || input.after === null ? null : JSON.stringify(input.after),
    outcome: input.outcome ?? ('success' as const),
    ip: input.ip ?? null,
    region_code: input.regionCode ?? null,
  };
}

/**
 * The statement appending `inputs` in order (one multi-row INSERT: sequence numbers in the order of
 * the rows), not sent: a caller folds it into a larger statement (platform/batch.ts).
 */
export function compileAuditEvents(db: Kysely<DB>, inputs: AuditInput[]) {
  return db.insertInto('audit_events').values(inputs.map(auditRow)).compile();
}

/** Appends an event in its own transaction (for events not tied to a change, such as a failed login). */
export async function recordAuditEvent(db: Kysely<DB>, chainKey: Uint8Array, input: AuditInput): Promise<number> {
  return db.transaction().execute((trx) => appendAuditEvent(trx, chainKey, input));
}

/** The advisory lock (transaction-scoped) that keeps one sealer at a time across nodes. */
export const AUDIT_SEALER_LOCK = 7_305_911_024;

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * The region an event concerns, over `audit_events` aliased `e`: the one given at append, else the
 * case's or department's region for those entities, else the acting account's (null: platform-level).
 * The sealer stores it (under the MAC); the log shows pending events by it.
 */
export const auditEventRegionSql = sql<string | null>`coalesce(
  e.region_code,
  CASE WHEN e.entity_type = 'case' AND e.entity_id ~ ${UUID} THEN (SELECT c.region_code FROM cases c WHERE c.id = e.entity_id::uuid) END,
  CASE WHEN e.entity_type = 'department' AND e.entity_id ~ ${UUID}
    THEN (SELECT d.region_code FROM departments d WHERE d.id = e.entity_id::uuid) END,
  (SELECT a.region_code FROM accounts a WHERE a.id = e.actor_id)
)`;

/** True when some committed event waits to be sealed (one index probe; the sealer's idle check). */
export async function hasPendingAuditEvents(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('audit_events').select('seq').where('chain_seq', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Seals one batch: chains up to `limit` committed pending events, oldest number first, after the last
 * sealed one. Returns how many it sealed, or null when another sealer holds the lock.
 *
 * Commit order: a row is visible here only once its transaction committed, and the sealer marks exactly
 * the rows it read, so an event whose transaction commits later (even with an earlier number) is simply
 * sealed by a later batch — never skipped, never placed before an event already sealed. An event whose
 * transaction committed before another's began is always chained first (a batch holds every event
 * committed before it; within a batch the number orders them).
 */
export async function sealAuditEvents(db: Kysely<DB>, chainKey: Uint8Array, limit = 1000): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const head = await sql<{ locked: boolean; seq: number; hash: string }>`
      SELECT pg_try_advisory_xact_lock(${AUDIT_SEALER_LOCK}::bigint) AS locked, seq, hash FROM audit_head WHERE id = 1`.execute(trx);
    const h = head.rows[0];
    if (!h?.locked) return null;
    const rows = await sql<ChainRow & { derived_region: string | null }>`
      SELECT e.*, ${auditEventRegionSql} AS derived_region
      FROM audit_events e WHERE e.chain_seq IS NULL ORDER BY e.seq LIMIT ${limit}`.execute(trx);
    if (rows.rows.length === 0) return 0;
    let chainSeq = Number(h.seq);
    let prev = h.hash;
    const sealed = rows.rows.map((r) => {
      chainSeq++;
      const row: ChainRow = { ...r, chain_seq: chainSeq, region_code: r.derived_region, prev_hash: prev, mac_version: 2 };
      const hash = rowHash(chainKey, row);
      prev = hash;
      return sql`(${r.seq}::bigint, ${chainSeq}::bigint, ${r.derived_region}::text, ${row.prev_hash}::text, ${hash}::text)`;
    });
    // The events and the head in one statement; the head moves only if every event was still pending.
    const done = await sql<{ id: number }>`
      WITH sealed AS (
        UPDATE audit_events e SET chain_seq = v.chain_seq, region_code = v.region_code, prev_hash = v.prev_hash, hash = v.hash, mac_version = 2
        FROM (VALUES ${sql.join(sealed)}) AS v(seq, chain_seq, region_code, prev_hash, hash)
        WHERE e.seq = v.seq AND e.chain_seq IS NULL
        RETURNING 1
      )
      UPDATE audit_head SET seq = ${chainSeq}, hash = ${prev}
      WHERE id = 1 AND seq = ${h.seq} AND (SELECT count(*) FROM sealed) = ${rows.rows.length}
      RETURNING id`.execute(trx);
    if (done.rows.length !== 1) throw new Error('audit sealer: the head or a pending event changed under the lock');
    return rows.rows.length;
  });
}

/** Seals until nothing committed is pending (a batch at a time); returns how many it sealed. */
export async function sealAllAuditEvents(db: Kysely<DB>, chainKey: Uint8Array, limit = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await sealAuditEvents(db, chainKey, limit);
    if (n === null) return total;
    total += n;
    if (n < limit) return total;
  }
}

function parseAnchor(value: unknown, openSigned?: VerifyOptions['openSigned']): { claim: AnchorClaim | null; signed: boolean } {
  const v = value as Partial<SignedDocument> & { seq?: number; hash?: string };
  if (typeof v?.signed === 'string' && typeof v.signature === 'string') {
    const opened = openSigned?.({ signed: v.signed, signature: v.signature }) as (AnchorClaim & { kind?: string }) | null | undefined;
    if (opened && opened.kind === 'tongban.audit.anchor') return { claim: opened, signed: true };
    try {
      return { claim: JSON.parse(v.signed) as AnchorClaim, signed: false };
    } catch {
      return { claim: null, signed: false };
    }
  }
  if (typeof v?.seq === 'number' && typeof v.hash === 'string')
    return { claim: { chainSeq: v.seq, hash: v.hash, newestPrunedAt: '', prunedAt: '', retentionDays: 0 }, signed: false };
  return { claim: null, signed: false };
}

/**
 * Walks the sealed chain: recomputes each event's HMAC, checks that chain positions are contiguous from
 * the retention anchor and that each event names its predecessor's hash, and that the head matches the
 * last event; then checks the anchor's signature and age and the chain against the latest signed
 * checkpoint (a deleted tail with the head rolled back, or a deleted prefix, shows there). Pending
 * events are counted, not checked (they are not chained yet).
 */
export async function verifyAuditChain(db: Kysely<DB>, chainKey: Uint8Array, opts: VerifyOptions = {}): Promise<AuditVerification> {
  // One snapshot: the sealer and the pruning go on meanwhile, and a head read after the walk would be ahead of it.
  // (In the embedded mode this holds the one connection for the walk: seconds for a small office's log.)
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => verifyInSnapshot(trx, chainKey, opts));
}

async function verifyInSnapshot(db: Kysely<DB>, chainKey: Uint8Array, opts: VerifyOptions): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const anchorRow = await db.selectFrom('settings').select('value').where('key', '=', 'audit.anchor').executeTakeFirst();
  const { claim: anchor, signed } = anchorRow ? parseAnchor(anchorRow.value, opts.openSigned) : { claim: null, signed: false };
  if (anchorRow) {
    const at = anchor?.chainSeq ?? 0;
    if (!anchor) problems.push({ chainSeq: 0, kind: 'anchor', detail: 'unreadable' });
    else if (!signed)
      problems.push({ chainSeq: at, kind: 'anchor', detail: opts.openSigned ? 'not signed by the platform' : 'signature not checked' });
    else if (opts.retentionDays !== undefined) {
      const limit = (opts.now ?? new Date()).getTime() - opts.retentionDays * 86_400_000;
      if (!(new Date(anchor.newestPrunedAt).getTime() < limit))
        problems.push({ chainSeq: at, kind: 'anchor', detail: `younger than the retention period of ${opts.retentionDays} days` });
    }
  }
  const checkpoint = (opts.checkpoints ?? []).reduce<CheckpointClaim | null>((a, c) => (!a || c.chainSeq > a.chainSeq ? c : a), null);
  const anchorSeq = anchor?.chainSeq ?? 0;
  let expect = anchorSeq + 1;
  let prevHash = anchor?.hash ?? '0'.repeat(64);
  let checked = 0;
  let after = anchorSeq;
  let atCheckpoint: string | null = null;
  for (;;) {
    const batch = await db.selectFrom('audit_events').selectAll().where('chain_seq', '>', after).orderBy('chain_seq').limit(1000).execute();
    if (batch.length === 0) break;
    for (const row of batch) {
      const pos = Number(row.chain_seq);
      if (pos !== expect || row.prev_hash !== prevHash) problems.push({ chainSeq: expect, kind: 'missing' });
      if (rowHash(chainKey, row as ChainRow) !== row.hash) problems.push({ chainSeq: pos, seq: row.seq, kind: 'edited' });
      if (checkpoint && pos === checkpoint.chainSeq) atCheckpoint = row.hash;
      expect = pos + 1;
      prevHash = row.hash as string;
      checked++;
    }
    after = Number(batch[batch.length - 1].chain_seq);
  }
  const last = expect - 1;
  // Events chained before the anchor cannot be behind it: a row at or below the anchor is an anomaly too.
  const early = await db.selectFrom('audit_events').select('chain_seq').where('chain_seq', '<=', anchorSeq).limit(1).executeTakeFirst();
  if (early) problems.push({ chainSeq: Number(early.chain_seq), kind: 'missing', detail: 'an event at or before the retention anchor' });
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  if (Number(head.seq) !== last || head.hash !== prevHash) problems.push({ chainSeq: Number(head.seq), kind: 'head' });
  if (checkpoint) {
    if (checkpoint.chainSeq > last)
      problems.push({
        chainSeq: last + 1,
        kind: 'truncated',
        detail: `the checkpoint of ${checkpoint.at} (${checkpoint.source}) names event ${checkpoint.chainSeq}; the chain ends at ${last}`,
      });
    else if (checkpoint.chainSeq > anchorSeq && atCheckpoint !== checkpoint.hash)
      problems.push({
        chainSeq: checkpoint.chainSeq,
        kind: 'checkpoint',
        detail: `not the event the checkpoint of ${checkpoint.at} (${checkpoint.source}) signed`,
      });
  }
  const pending = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('chain_seq', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    ok: problems.length === 0,
    checked,
    pending: Number(pending.n),
    head: { chainSeq: Number(head.seq), hash: head.hash },
    anchor: anchor ? { ...anchor, signed } : null,
    checkpoint,
    problems,
  };
}
