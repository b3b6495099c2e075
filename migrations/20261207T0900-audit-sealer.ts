import { sql, type Kysely } from 'kysely';

/**
 * The audit chain sealed off the request path (issue 24.1) and signed checkpoints (issue 26.7).
 * A request now inserts its event as a plain row: `seq` comes from a sequence (the event's number, in
 * insertion order, gaps where a transaction rolled back) and `chain_seq`, `prev_hash`, `hash` stay null
 * until the sealer chains the row (platform/audit.ts sealAuditEvents). Existing rows were chained at
 * append, so their chain position is their seq and their MAC is of the first form (`mac_version` 1,
 * which does not cover `region_code`: the region filled in here for them is not MAC-protected).
 * `audit_head` is kept: only the sealer writes it now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`ALTER TABLE audit_events ADD COLUMN chain_seq bigint`,
    sql`ALTER TABLE audit_events ADD COLUMN region_code text`,
    sql`ALTER TABLE audit_events ADD COLUMN mac_version smallint NOT NULL DEFAULT 2`,
    sql`UPDATE audit_events SET chain_seq = seq, mac_version = 1`,
    sql`UPDATE audit_events e SET region_code = a.region_code FROM accounts a WHERE a.id = e.actor_id`,
    sql`ALTER TABLE audit_events ALTER COLUMN prev_hash DROP NOT NULL`,
    sql`ALTER TABLE audit_events ALTER COLUMN hash DROP NOT NULL`,
    sql`ALTER TABLE audit_events ADD CONSTRAINT audit_events_sealed CHECK (chain_seq IS NULL OR (prev_hash IS NOT NULL AND hash IS NOT NULL))`,
    sql`CREATE UNIQUE INDEX audit_events_chain ON audit_events(chain_seq)`,
    sql`CREATE INDEX audit_events_pending ON audit_events(seq) WHERE chain_seq IS NULL`,
    sql`CREATE SEQUENCE audit_events_seq_seq OWNED BY audit_events.seq`,
    sql`SELECT setval('audit_events_seq_seq', (SELECT coalesce(max(seq), 0) + 1 FROM audit_events), false)`,
    sql`ALTER TABLE audit_events ALTER COLUMN seq SET DEFAULT nextval('audit_events_seq_seq')`,
    sql`CREATE TABLE audit_checkpoints (
      id bigserial PRIMARY KEY,
      chain_seq bigint NOT NULL,
      hash text NOT NULL,
      count bigint NOT NULL,
      made_at timestamptz NOT NULL,
      signed text NOT NULL,
      signature text NOT NULL
    )`,
    sql`CREATE INDEX audit_checkpoints_chain ON audit_checkpoints(chain_seq DESC)`,
  ];
  for (const s of statements) await s.execute(db);
}

/** Back to the head-row design: pending events are dropped, and events sealed since (MAC version 2) no longer verify. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`DROP TABLE audit_checkpoints`,
    sql`DELETE FROM audit_events WHERE chain_seq IS NULL`,
    sql`ALTER TABLE audit_events ALTER COLUMN seq DROP DEFAULT`,
    sql`DROP SEQUENCE audit_events_seq_seq`,
    sql`DROP INDEX audit_events_pending`,
    sql`DROP INDEX audit_events_chain`,
    sql`ALTER TABLE audit_events DROP CONSTRAINT audit_events_sealed`,
    sql`ALTER TABLE audit_events ALTER COLUMN hash SET NOT NULL`,
    sql`ALTER TABLE audit_events ALTER COLUMN prev_hash SET NOT NULL`,
    sql`ALTER TABLE audit_events DROP COLUMN mac_version`,
    sql`ALTER TABLE audit_events DROP COLUMN region_code`,
    sql`ALTER TABLE audit_events DROP COLUMN chain_seq`,
  ];
  for (const s of statements) await s.execute(db);
}
