import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, recordAuditEvent, verifyAuditChain } from '../../src/server/platform/audit.ts';
import {
  checkpointDir,
  parseCheckpointLines,
  pruneAuditEvents,
  verifyAuditLog,
  writeAuditCheckpoint,
} from '../../src/server/platform/audit-checkpoints.ts';
import { sm2GenerateKeyPair, sm2Sign } from '../../src/server/platform/crypto.ts';
import { openssl, opensslSm2Problem, scratchDir } from '../support/openssl.ts';
import { login } from './client.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Signed checkpoints and the signed retention anchor (issue 26.7): the attacks an attack run found
 * verifying as intact — the newest events deleted with the head rolled back, a prefix deleted with a
 * forged anchor — are found; each tamper is undone afterwards and the chain verifies again.
 */
let p: TestPlatform;
beforeAll(async () => {
  // Checkpoints are written when the tests say (the loop would write one on its own every few minutes).
  p = await startTestPlatform({ env: { AUDIT_CHECKPOINT_MINUTES: '0' } });
  for (let i = 0; i < 6; i++)
    await recordAuditEvent(p.ctx.db, p.ctx.auditKey, { actor: null, action: 'test.event', entityType: 'test', entityId: String(i) });
  await settle();
});
afterAll(async () => {
  await p?.close();
});

/** Waits until nothing is pending, then stops the sealer so that a tamper is not sealed over. */
async function settle() {
  await eventually(
    async () => (await p.ctx.db.selectFrom('audit_events').select('seq').where('chain_seq', 'is', null).executeTakeFirst()) === undefined,
  );
}
const rowsByChain = () => p.ctx.db.selectFrom('audit_events').selectAll().where('chain_seq', 'is not', null).orderBy('chain_seq').execute();
type Row = Awaited<ReturnType<typeof rowsByChain>>[number];
async function restore(rows: Row[]) {
  await p.ctx.db
    .insertInto('audit_events')
    .values(
      rows.map((r) => ({
        ...r,
        before: r.before === null ? null : JSON.stringify(r.before),
        after: r.after === null ? null : JSON.stringify(r.after),
      })),
    )
    .execute();
}
const head = () => p.ctx.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();

describe(`audit checkpoints and the signed anchor (${testDb})`, () => {
  it('a checkpoint is signed with SM2, stored, written to the file sink and downloadable; it verifies without OpenSSL and with openssl', async () => {
    const line = await writeAuditCheckpoint(p.ctx);
    expect(line).not.toBeNull();
    const content = JSON.parse(line!.signed);
    const h = await head();
    expect(content).toMatchObject({ kind: 'tongban.audit.checkpoint', chainSeq: h.seq, hash: h.hash, count: h.seq, first: 1 });
    expect(Date.now() - Date.parse(content.at)).toBeLessThan(60_000);
    // Stored, in the file sink, and in the audit admin's download.
    expect(await p.ctx.db.selectFrom('audit_checkpoints').select('signed').execute()).toEqual([{ signed: line!.signed }]);
    const sink = readdirSync(checkpointDir(p.ctx)).flatMap((f) =>
      parseCheckpointLines(readFileSync(join(checkpointDir(p.ctx), f), 'utf8')),
    );
    expect(sink).toEqual([line]);
    const auditor = await login(p.app, 'auditor1');
    const download = await auditor.get('/api/v1/audit-checkpoints/download');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('application/x-ndjson');
    expect(parseCheckpointLines(download.body)).toEqual([line]);
    expect((await auditor.get('/api/v1/audit-checkpoints')).json()).toMatchObject({ total: 1, items: [{ chainSeq: h.seq, hash: h.hash }] });
    const admin = await login(p.app, 'admin1');
    expect((await admin.get('/api/v1/audit-checkpoints/download')).statusCode).toBe(403);

    // The public certificate is all a verifier needs.
    const cert = (await p.app.inject({ url: '/api/v1/audit-checkpoints/certificate' })).rawPayload;
    const signature = Buffer.from(line!.signature, 'base64');
    // 1. sm-crypto-v2 (JavaScript, no OpenSSL): the public key straight from the certificate's SPKI bit string.
    const spkiAt = cert.indexOf(Buffer.from('2a811ccf5501822d034200', 'hex'));
    expect(spkiAt).toBeGreaterThan(0);
    const publicKey = cert.subarray(spkiAt + 11, spkiAt + 11 + 65).toString('hex');
    expect(publicKey).toBe(line!.publicKey);
    const opts = { hash: true, der: true, userId: '1234567812345678' } as const;
    expect(sm2.doVerifySignature(line!.signed, signature.toString('hex'), publicKey, opts)).toBe(true);
    expect(sm2.doVerifySignature(line!.signed.replace(`"count":${h.seq}`, '"count":1'), signature.toString('hex'), publicKey, opts)).toBe(
      false,
    );
    // 2. openssl: the key from the certificate, the signature over the exact signed text.
    expect(opensslSm2Problem()).toBeNull();
    const dir = scratchDir('tongban-checkpoint-');
    try {
      const certFile = dir.file('checkpoint.cer', cert);
      const pub = openssl(['x509', '-inform', 'DER', '-in', certFile, '-pubkey', '-noout']);
      expect(pub.status, pub.stderr).toBe(0);
      const verify = (text: string) =>
        openssl([
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          dir.file('pub.pem', pub.stdout),
          '-rawin',
          '-in',
          dir.file('checkpoint.txt', text),
          '-sigfile',
          dir.file('checkpoint.sig', signature),
          '-digest',
          'sm3',
          '-pkeyopt',
          'distid:1234567812345678',
        ]);
      expect(verify(line!.signed).stdout).toContain('Signature Verified Successfully');
      expect(verify(line!.signed.replace(h.hash, '0'.repeat(64))).status).not.toBe(0);
    } finally {
      dir.remove();
    }
    const v = await verifyAuditLog(p.ctx);
    expect(v).toMatchObject({ ok: true, problems: [], checkpoint: { chainSeq: h.seq, hash: h.hash } });
  });

  it('a deleted tail with the head rolled back is found against the latest checkpoint: in the database, the file sink, or a kept download', async () => {
    await p.sealer.stop();
    const auditor = await login(p.app, 'auditor1');
    await p.sealer.tick();
    await writeAuditCheckpoint(p.ctx);
    const kept = (await auditor.get('/api/v1/audit-checkpoints/download')).body;
    const rows = await rowsByChain();
    const before = await head();
    const tail = rows.slice(-2);
    const newLast = rows[rows.length - 3];
    await p.ctx.db.deleteFrom('audit_events').where('chain_seq', '>=', tail[0].chain_seq).execute();
    await p.ctx.db
      .updateTable('audit_head')
      .set({ seq: newLast.chain_seq as number, hash: newLast.hash as string })
      .execute();
    try {
      // The chain alone still verifies: this is the attack.
      expect(await verifyAuditChain(p.ctx.db, p.ctx.auditKey)).toMatchObject({ ok: true });
      const truncated = expect.objectContaining({ kind: 'truncated', chainSeq: Number(tail[0].chain_seq) });
      const inDb = await verifyAuditLog(p.ctx);
      expect(inDb.ok).toBe(false);
      expect(inDb.problems).toEqual([truncated]);
      // The attacker deletes the stored checkpoints too: the file sink still has them.
      const stored = await p.ctx.db.selectFrom('audit_checkpoints').selectAll().execute();
      await p.ctx.db.deleteFrom('audit_checkpoints').execute();
      expect((await verifyAuditLog(p.ctx)).problems).toEqual([truncated]);
      expect((await verifyAuditLog(p.ctx)).checkpoint?.source).toBe('file sink');
      // And the server's disk: only the copy the audit admin downloaded tells now.
      const sinkFiles = readdirSync(checkpointDir(p.ctx)).map((f) => [f, readFileSync(join(checkpointDir(p.ctx), f))] as const);
      rmSync(checkpointDir(p.ctx), { recursive: true, force: true });
      expect(await verifyAuditLog(p.ctx)).toMatchObject({ ok: true, checkpoint: null });
      const withKept = await verifyAuditLog(p.ctx, { extra: [{ lines: parseCheckpointLines(kept), source: 'kept.jsonl' }] });
      expect(withKept.problems).toEqual([truncated]);
      // New events sealed over the rolled-back head take the deleted positions: the checkpoint's event differs.
      p.sealer.start();
      for (let i = 0; i < 3; i++)
        await recordAuditEvent(p.ctx.db, p.ctx.auditKey, { actor: null, action: 'test.after', entityType: 'test' });
      await settle();
      await p.sealer.stop();
      const over = await verifyAuditLog(p.ctx, { extra: [{ lines: parseCheckpointLines(kept), source: 'kept.jsonl' }] });
      expect(over.problems).toEqual([expect.objectContaining({ kind: 'checkpoint', chainSeq: before.seq })]);
      // Undo: the deleted rows back, the new ones gone, the head, the checkpoints and the sink as they were.
      await p.ctx.db.deleteFrom('audit_events').where('chain_seq', '>=', tail[0].chain_seq).execute();
      await p.ctx.db.insertInto('audit_checkpoints').values(stored).execute();
      for (const [f, data] of sinkFiles) scratchWrite(join(checkpointDir(p.ctx), f), data);
    } finally {
      await restoreTail(tail, before);
    }
    expect(await verifyAuditLog(p.ctx)).toMatchObject({ ok: true, problems: [] });
    p.sealer.start();
  });

  it('a deleted prefix is found: with no anchor, with an unsigned or foreign-signed anchor, or with the key row replaced', async () => {
    await settle();
    await p.sealer.stop();
    const rows = await rowsByChain();
    const prefix = rows.slice(0, 3);
    const last = prefix[prefix.length - 1];
    await p.ctx.db.deleteFrom('audit_events').where('chain_seq', '<=', last.chain_seq).execute();
    const setAnchor = (value: unknown) =>
      p.ctx.db
        .insertInto('settings')
        .values({ key: 'audit.anchor', value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
        .execute();
    const attacker = sm2GenerateKeyPair();
    const forged = (content: object) => {
      const signed = canonicalJson(content);
      return { signed, signature: Buffer.from(sm2Sign(signed, attacker.privateKey), 'hex').toString('base64') };
    };
    const claim = {
      kind: 'tongban.audit.anchor',
      v: 1,
      chainSeq: Number(last.chain_seq),
      hash: last.hash,
      newestPrunedAt: '2020-01-01T00:00:00.000Z',
      prunedAt: '2020-07-01T00:00:00.000Z',
      retentionDays: 184,
    };
    const key = await p.ctx.db.selectFrom('platform_keys').selectAll().where('purpose', '=', 'auditCheckpoint').executeTakeFirstOrThrow();
    try {
      expect((await verifyAuditLog(p.ctx)).problems).toEqual([{ chainSeq: 1, kind: 'missing' }]);
      // The old, unsigned anchor form.
      await setAnchor({ seq: last.chain_seq, hash: last.hash });
      expect((await verifyAuditLog(p.ctx)).problems).toEqual([
        { chainSeq: last.chain_seq, kind: 'anchor', detail: 'not signed by the platform' },
      ]);
      // Signed, but by another key.
      await setAnchor(forged(claim));
      expect((await verifyAuditLog(p.ctx)).problems).toEqual([
        { chainSeq: last.chain_seq, kind: 'anchor', detail: 'not signed by the platform' },
      ]);
      // The key row replaced by the attacker's public key: its encrypted private key (authenticated under
      // the master key, which the database never holds) no longer matches, so nothing it signed is trusted.
      await p.ctx.db
        .updateTable('platform_keys')
        .set({ public_key_hex: attacker.publicKey })
        .where('purpose', '=', 'auditCheckpoint')
        .execute();
      const replaced = await verifyAuditLog(p.ctx);
      expect(replaced.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'key' }),
          { chainSeq: last.chain_seq, kind: 'anchor', detail: 'not signed by the platform' },
        ]),
      );
    } finally {
      await p.ctx.db
        .updateTable('platform_keys')
        .set({ public_key_hex: key.public_key_hex })
        .where('purpose', '=', 'auditCheckpoint')
        .execute();
      await p.ctx.db.deleteFrom('settings').where('key', '=', 'audit.anchor').execute();
      await restore(prefix);
    }
    expect(await verifyAuditLog(p.ctx)).toMatchObject({ ok: true, problems: [] });
    p.sealer.start();
  });

  it('pruning writes a signed, dated anchor: accepted once older than the retention period, refused while younger', async () => {
    await settle();
    await p.sealer.stop();
    const before = await head();
    // 200 days on, everything is past the 184-day retention.
    p.clock.advanceDays(200);
    try {
      const n = await pruneAuditEvents(p.ctx, p.ctx.config.auditRetentionDays);
      expect(n).toBe(before.seq);
      const anchor = (await p.ctx.db.selectFrom('settings').select('value').where('key', '=', 'audit.anchor').executeTakeFirstOrThrow())
        .value as { signed: string; signature: string };
      expect(JSON.parse(anchor.signed)).toMatchObject({
        kind: 'tongban.audit.anchor',
        chainSeq: before.seq,
        hash: before.hash,
        retentionDays: 184,
      });
      const v = await verifyAuditLog(p.ctx);
      expect(v).toMatchObject({ ok: true, checked: 0, anchor: { chainSeq: before.seq, signed: true } });
      // The chain goes on from the anchor.
      p.sealer.start();
      await recordAuditEvent(p.ctx.db, p.ctx.auditKey, { actor: null, action: 'test.after-prune', entityType: 'test' });
      await settle();
      expect(await verifyAuditLog(p.ctx)).toMatchObject({ ok: true, checked: 1 });
    } finally {
      p.clock.reset();
    }
    // Today the same anchor covers events younger than 184 days: someone pruned too early.
    const young = await verifyAuditLog(p.ctx);
    expect(young.ok).toBe(false);
    expect(young.problems).toEqual([{ chainSeq: before.seq, kind: 'anchor', detail: 'younger than the retention period of 184 days' }]);
    // A retention of 0 days (a misconfigured or hostile prune) makes a young anchor at once.
    expect(await pruneAuditEvents(p.ctx, 0)).toBeGreaterThan(0);
    expect((await verifyAuditLog(p.ctx)).problems).toEqual([
      expect.objectContaining({ kind: 'anchor', detail: 'younger than the retention period of 184 days' }),
    ]);
  });
});

function scratchWrite(file: string, data: Buffer) {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, data);
}

async function restoreTail(tail: Row[], before: { seq: number; hash: string }) {
  const present = await p.ctx.db.selectFrom('audit_events').select('chain_seq').where('chain_seq', '>=', tail[0].chain_seq).execute();
  if (present.length === 0) await restore(tail);
  await p.ctx.db.updateTable('audit_head').set({ seq: before.seq, hash: before.hash }).execute();
}
