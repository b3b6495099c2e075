/**
 * Signed checkpoints of the audit chain and the signed retention anchor (issue 26.7). The platform's
 * audit checkpoint key is an SM2 key (its private key SM4-encrypted under the master key, as the seal
 * keys are; its self-signed certificate public); a checkpoint — the chain head's position and hash, the
 * count of events kept and the time — is signed with it, stored in `audit_checkpoints` and appended to
 * DATA_DIR/audit-checkpoints/ as JSON lines, outside the database's trust. Verification checks the
 * chain against the latest checkpoint it is given, so a deleted tail (head rolled back) or a deleted
 * prefix (anchor forged) shows.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import {
  AUDIT_SEALER_LOCK,
  canonicalJson,
  verifyAuditChain,
  type AuditProblem,
  type AuditVerification,
  type CheckpointClaim,
  type SignedDocument,
} from './audit.ts';
import type { AppContext } from './context.ts';
import { sm2GenerateKeyPair, sm2PublicKeyFromPrivate, sm2Sign, sm2Verify, sm3Hex } from './crypto.ts';
import type { DB } from './db-types.ts';
import { createSm2Certificate } from './sm2-cert.ts';

const PURPOSE = 'auditCheckpoint';
const KEY_CONTEXT = `platform-key:${PURPOSE}`;
const CHECKPOINT_KIND = 'tongban.audit.checkpoint';
const ANCHOR_KIND = 'tongban.audit.anchor';

/** One line of a checkpoint file: the signed text, its signature (base64 DER) and the signer's public key. */
export type CheckpointLine = SignedDocument & { publicKey: string };

/** The content a checkpoint signs. */
export type CheckpointContent = {
  kind: typeof CHECKPOINT_KIND;
  v: 1;
  /** The chain's last position and its hash. */
  chainSeq: number;
  hash: string;
  /** Sealed events kept (from `first` to `chainSeq`; earlier ones were pruned behind the anchor). */
  count: number;
  first: number;
  at: string;
  /** SM3 of the signing public key, first 16 hex characters. */
  keyId: string;
};

/** The directory of the checkpoint file sink. */
export const checkpointDir = (ctx: AppContext) => join(ctx.config.dataDir, 'audit-checkpoints');

const keyIdOf = (publicKey: string) => sm3Hex(Buffer.from(publicKey, 'hex')).slice(0, 16);

/** Signs `content` (as canonical JSON) with SM2-with-SM3 (user ID 1234567812345678). */
export function signDocument(content: object, privateKeyHex: string): SignedDocument {
  const signed = canonicalJson(content);
  return { signed, signature: Buffer.from(sm2Sign(signed, privateKeyHex), 'hex').toString('base64') };
}

/** The signed content, or null when the signature does not verify with `publicKeyHex`. */
export function openDocument(doc: SignedDocument, publicKeyHex: string): unknown {
  if (typeof doc?.signed !== 'string' || typeof doc.signature !== 'string') return null;
  if (!sm2Verify(doc.signed, Buffer.from(doc.signature, 'base64').toString('hex'), publicKeyHex)) return null;
  try {
    return JSON.parse(doc.signed);
  } catch {
    return null;
  }
}

/** The platform's audit checkpoint key, made on first use (concurrent first uses keep one). */
export async function ensureCheckpointKey(ctx: AppContext, db: Kysely<DB> = ctx.db) {
  let row = await db.selectFrom('platform_keys').selectAll().where('purpose', '=', PURPOSE).executeTakeFirst();
  if (!row) {
    const kp = sm2GenerateKeyPair();
    const now = new Date();
    const cert = createSm2Certificate({
      subject: { CN: '通办平台审计检查点签名', O: '通办 Tongban', C: 'CN' },
      subjectPublicKeyHex: kp.publicKey,
      issuerPrivateKeyHex: kp.privateKey,
      serialHex: randomBytes(8).toString('hex'),
      notBefore: now,
      notAfter: new Date(now.getTime() + 20 * 365 * 86_400_000),
      isCa: false,
    });
    await db
      .insertInto('platform_keys')
      .values({
        purpose: PURPOSE,
        public_key_hex: kp.publicKey,
        private_key_enc: ctx.cipher.encrypt(kp.privateKey, KEY_CONTEXT),
        cert_der: cert.toString('base64'),
      })
      .onConflict((oc) => oc.column('purpose').doNothing())
      .execute();
    row = await db.selectFrom('platform_keys').selectAll().where('purpose', '=', PURPOSE).executeTakeFirstOrThrow();
  }
  return { publicKey: row.public_key_hex, privateKey: ctx.cipher.decrypt(row.private_key_enc, KEY_CONTEXT), certDer: row.cert_der };
}

/** The checkpoint certificate (DER) verifiers download: `GET /api/v1/audit-checkpoints/certificate`. */
export async function checkpointCertificate(ctx: AppContext): Promise<Buffer> {
  return Buffer.from((await ensureCheckpointKey(ctx)).certDer, 'base64');
}

/**
 * The public key verification trusts: the database's, but only when its private key — SM4-encrypted and
 * authenticated under the master key, which the database never holds — decrypts and matches it. A
 * replaced key row therefore cannot vouch for forged checkpoints or anchors.
 */
export async function trustedCheckpointKey(ctx: AppContext): Promise<{ publicKey: string | null; problem?: string }> {
  const row = await ctx.db.selectFrom('platform_keys').selectAll().where('purpose', '=', PURPOSE).executeTakeFirst();
  if (!row) return { publicKey: null };
  try {
    const priv = ctx.cipher.decrypt(row.private_key_enc, KEY_CONTEXT);
    if (sm2PublicKeyFromPrivate(priv) === row.public_key_hex.toLowerCase()) return { publicKey: row.public_key_hex };
  } catch {
    /* reported below */
  }
  return { publicKey: null, problem: 'the audit checkpoint key in the database is not the platform’s (its private key does not match)' };
}

async function appendLine(dir: string, line: CheckpointLine, at: Date): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `checkpoints-${at.toISOString().slice(0, 7)}.jsonl`);
  const fh = await open(file, 'a', 0o640);
  try {
    await fh.write(`${JSON.stringify(line)}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function anchorSeqOf(value: unknown): number {
  const v = value as { signed?: string; seq?: number } | undefined;
  if (typeof v?.signed === 'string') {
    try {
      return Number((JSON.parse(v.signed) as { chainSeq?: number }).chainSeq ?? 0);
    } catch {
      return 0;
    }
  }
  return typeof v?.seq === 'number' ? v.seq : 0;
}

/**
 * Writes a signed checkpoint of the sealed chain: to the file sink first (outside the database), then
 * to `audit_checkpoints`. With `minIntervalMs` it writes only when the latest checkpoint is at least
 * that old and the chain has grown since. Returns the checkpoint, or null when none was due (or another
 * node held the sealer lock).
 */
export async function writeAuditCheckpoint(ctx: AppContext, opts: { minIntervalMs?: number } = {}): Promise<CheckpointLine | null> {
  const key = await ensureCheckpointKey(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const head = await sql<{ locked: boolean; seq: number; hash: string }>`
      SELECT pg_try_advisory_xact_lock(${AUDIT_SEALER_LOCK}::bigint) AS locked, seq, hash FROM audit_head WHERE id = 1`.execute(trx);
    const h = head.rows[0];
    if (!h?.locked || Number(h.seq) === 0) return null;
    const now = new Date();
    if (opts.minIntervalMs !== undefined) {
      const latest = await trx
        .selectFrom('audit_checkpoints')
        .select(['chain_seq', 'made_at'])
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (latest && (Number(latest.chain_seq) === Number(h.seq) || now.getTime() - new Date(latest.made_at).getTime() < opts.minIntervalMs))
        return null;
    }
    const anchor = await trx.selectFrom('settings').select('value').where('key', '=', 'audit.anchor').executeTakeFirst();
    const anchorSeq = anchorSeqOf(anchor?.value);
    const content: CheckpointContent = {
      kind: CHECKPOINT_KIND,
      v: 1,
      chainSeq: Number(h.seq),
      hash: h.hash,
      count: Number(h.seq) - anchorSeq,
      first: anchorSeq + 1,
      at: now.toISOString(),
      keyId: keyIdOf(key.publicKey),
    };
    const line: CheckpointLine = { ...signDocument(content, key.privateKey), publicKey: key.publicKey };
    await appendLine(checkpointDir(ctx), line, now);
    await trx
      .insertInto('audit_checkpoints')
      .values({
        chain_seq: content.chainSeq,
        hash: content.hash,
        count: content.count,
        made_at: now,
        signed: line.signed,
        signature: line.signature,
      })
      .execute();
    return line;
  });
}

/** Parses checkpoint JSON lines (a file sink file, a download); lines that are not checkpoints are skipped. */
export function parseCheckpointLines(text: string): CheckpointLine[] {
  const out: CheckpointLine[] = [];
  for (const raw of text.split('\n')) {
    const t = raw.trim();
    if (!t) continue;
    try {
      const v = JSON.parse(t) as Partial<CheckpointLine>;
      if (typeof v.signed === 'string' && typeof v.signature === 'string')
        out.push({ signed: v.signed, signature: v.signature, publicKey: String(v.publicKey ?? '') });
    } catch {
      /* not a checkpoint line */
    }
  }
  return out;
}

/** The checkpoint lines of the file sink, oldest file first. */
export function readCheckpointSink(ctx: AppContext): CheckpointLine[] {
  const dir = checkpointDir(ctx);
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return [];
  }
  return files.sort().flatMap((f) => parseCheckpointLines(readFileSync(join(dir, f), 'utf8')));
}

/** The stored checkpoints, newest first, as lines (the audit admin's download). */
export async function listCheckpointLines(ctx: AppContext, limit = 10_000): Promise<CheckpointLine[]> {
  const key = await ctx.db.selectFrom('platform_keys').select('public_key_hex').where('purpose', '=', PURPOSE).executeTakeFirst();
  const rows = await ctx.db.selectFrom('audit_checkpoints').select(['signed', 'signature']).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ signed: r.signed, signature: r.signature, publicKey: key?.public_key_hex ?? '' }));
}

/**
 * The latest checkpoint of each source whose signature holds (checked newest first; each bad one met
 * on the way is a problem: someone wrote a checkpoint the platform did not sign).
 */
function latestValid(lines: CheckpointLine[], source: string, publicKey: string | null) {
  const problems: AuditProblem[] = [];
  const claimed = lines
    .map((line) => {
      try {
        return { line, content: JSON.parse(line.signed) as CheckpointContent };
      } catch {
        return null;
      }
    })
    .filter((x): x is { line: CheckpointLine; content: CheckpointContent } => x !== null && x.content.kind === CHECKPOINT_KIND)
    .sort((a, b) => b.content.chainSeq - a.content.chainSeq);
  for (const { line, content } of claimed) {
    const opened = publicKey ? (openDocument(line, publicKey) as CheckpointContent | null) : null;
    if (opened && opened.kind === CHECKPOINT_KIND) {
      const claim: CheckpointClaim = { chainSeq: opened.chainSeq, hash: opened.hash, count: opened.count, at: opened.at, source };
      return { claim, problems };
    }
    problems.push({
      chainSeq: content.chainSeq,
      kind: 'checkpoint',
      detail: `a checkpoint in ${source} is not signed by the platform's key`,
    });
  }
  return { claim: null, problems };
}

/**
 * Verifies the audit log: the chain, the signed anchor (signature and age) and the chain against the
 * latest signed checkpoint among those in the database, the file sink and any `extra` lines (a file
 * the audit admin kept). `pending` counts committed events not sealed yet.
 */
export async function verifyAuditLog(
  ctx: AppContext,
  opts: { extra?: { lines: CheckpointLine[]; source: string }[]; now?: Date } = {},
): Promise<AuditVerification> {
  const trust = await trustedCheckpointKey(ctx);
  const problems: AuditProblem[] = trust.problem ? [{ chainSeq: 0, kind: 'key', detail: trust.problem }] : [];
  const dbLines = await ctx.db
    .selectFrom('audit_checkpoints')
    .select(['signed', 'signature'])
    .orderBy('chain_seq', 'desc')
    .limit(20)
    .execute();
  const sources = [
    { lines: dbLines.map((r) => ({ ...r, publicKey: '' })), source: 'database' },
    { lines: readCheckpointSink(ctx), source: 'file sink' },
    ...(opts.extra ?? []),
  ];
  const claims: CheckpointClaim[] = [];
  for (const s of sources) {
    const { claim, problems: p } = latestValid(s.lines, s.source, trust.publicKey);
    if (claim) claims.push(claim);
    problems.push(...p);
  }
  const result = await verifyAuditChain(ctx.db, ctx.auditKey, {
    now: opts.now ?? ctx.now(),
    retentionDays: ctx.config.auditRetentionDays,
    openSigned: trust.publicKey ? (doc) => openDocument(doc, trust.publicKey as string) : () => null,
    checkpoints: claims,
  });
  const all = [...problems, ...result.problems];
  return { ...result, ok: all.length === 0, problems: all };
}

/**
 * Deletes sealed events older than the retention period, keeping the chain verifiable: the last deleted
 * event's position and hash, the newest deleted event's time and the retention become the anchor the
 * verification starts from — signed with the checkpoint key, so a forged anchor (a deleted prefix) or
 * one younger than the retention period is reported.
 */
export async function pruneAuditEvents(ctx: AppContext, retentionDays: number): Promise<number> {
  const key = await ensureCheckpointKey(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${AUDIT_SEALER_LOCK}::bigint)`.execute(trx);
    const now = ctx.now();
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    const anchor = await trx.selectFrom('settings').select('value').where('key', '=', 'audit.anchor').executeTakeFirst();
    const from = anchorSeqOf(anchor?.value);
    const old = await trx
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('chain_seq').as('p'))
      .where('occurred_at', '<', cutoff)
      .where('chain_seq', 'is not', null)
      .executeTakeFirst();
    let upTo = Number(old?.p ?? 0);
    // Sealing follows commits, so an event with a later time can sit before an old one: stop before it.
    const young = await trx
      .selectFrom('audit_events')
      .select((eb) => eb.fn.min('chain_seq').as('p'))
      .where('chain_seq', '>', from)
      .where('chain_seq', '<=', upTo)
      .where('occurred_at', '>=', cutoff)
      .executeTakeFirst();
    if (young?.p !== null && young?.p !== undefined) upTo = Number(young.p) - 1;
    if (upTo <= from) return 0;
    const last = await trx.selectFrom('audit_events').select(['hash']).where('chain_seq', '=', upTo).executeTakeFirst();
    if (!last?.hash) throw new Error(`audit prune: the event at chain position ${upTo} is missing; verify the chain first`);
    const newest = await trx
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('occurred_at').as('t'))
      .where('chain_seq', '<=', upTo)
      .executeTakeFirstOrThrow();
    const doc = signDocument(
      {
        kind: ANCHOR_KIND,
        v: 1,
        chainSeq: upTo,
        hash: last.hash,
        newestPrunedAt: new Date(newest.t as Date).toISOString(),
        prunedAt: now.toISOString(),
        retentionDays,
      },
      key.privateKey,
    );
    const value = JSON.stringify(doc);
    await trx
      .insertInto('settings')
      .values({ key: 'audit.anchor', value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() }))
      .execute();
    const res = await trx.deleteFrom('audit_events').where('chain_seq', '<=', upTo).executeTakeFirst();
    return Number(res.numDeletedRows);
  });
}
