import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/policies.ts';
import type { AppContext } from '../../platform/context.ts';
import { sm2GenerateKeyPair } from '../../platform/crypto.ts';
import type { DB } from '../../platform/db-types.ts';
import { drawSealSvg } from '../../platform/seal-image.ts';
import { encodeSeal } from '../../platform/ses.ts';
import { createSm2Certificate } from '../../platform/sm2-cert.ts';
import { findDepartmentById } from '../org/index.ts';
import * as repo from './repo.ts';

/**
 * Seals (电子印章). The platform holds one seal-making key (制章者) whose self-signed certificate is
 * what verifiers trust; each department gets a seal: its own SM2 key (private key SM4-encrypted under
 * the master key, never exported), a certificate issued by the seal maker, the seal image, and the
 * GB/T 38540 SESeal signed by the seal maker.
 */
const SEAL_MAKER = 'sealMaker';
const YEARS = 10;

const keyContext = (purpose: string) => `seal-key:${purpose}`;

export async function ensureSealMaker(ctx: AppContext, db: Kysely<DB> = ctx.db) {
  const found = await repo.findPlatformKey(db, SEAL_MAKER);
  if (found) return found;
  const kp = sm2GenerateKeyPair();
  const now = ctx.now();
  const cert = createSm2Certificate({
    subject: { CN: '通办平台电子印章制章者', O: '通办 Tongban', C: 'CN' },
    subjectPublicKeyHex: kp.publicKey,
    issuerPrivateKeyHex: kp.privateKey,
    serialHex: randomBytes(8).toString('hex'),
    notBefore: now,
    notAfter: new Date(now.getTime() + 20 * 365 * 86_400_000),
    isCa: true,
  });
  await repo.insertPlatformKey(db, {
    purpose: SEAL_MAKER,
    public_key_hex: kp.publicKey,
    private_key_enc: ctx.cipher.encrypt(kp.privateKey, keyContext(SEAL_MAKER)),
    cert_der: cert.toString('base64'),
  });
  return (await repo.findPlatformKey(db, SEAL_MAKER))!;
}

/** The certificates verifiers trust (the seal maker's), as DER. */
export async function trustedMakerCerts(ctx: AppContext): Promise<Buffer[]> {
  const maker = await ensureSealMaker(ctx);
  return [Buffer.from(maker.cert_der, 'base64')];
}

/** The department's active seal, made on first use. */
export async function ensureDepartmentSeal(ctx: AppContext, trx: Kysely<DB>, departmentId: string) {
  const active = await repo.findActiveSeal(trx, departmentId);
  if (active) return active;
  const dept = await findDepartmentById(trx, departmentId);
  if (!dept) throw new Error(`department ${departmentId} missing`);
  const maker = await ensureSealMaker(ctx, trx);
  const makerPriv = ctx.cipher.decrypt(maker.private_key_enc, keyContext(SEAL_MAKER));
  const makerCert = Buffer.from(maker.cert_der, 'base64');
  const kp = sm2GenerateKeyPair();
  const now = ctx.now();
  const until = new Date(now.getTime() + YEARS * 365 * 86_400_000);
  const cert = createSm2Certificate({
    subject: { CN: `${dept.name}电子印章`, O: dept.name, C: 'CN' },
    issuer: { CN: '通办平台电子印章制章者', O: '通办 Tongban', C: 'CN' },
    subjectPublicKeyHex: kp.publicKey,
    issuerPrivateKeyHex: makerPriv,
    serialHex: randomBytes(8).toString('hex'),
    notBefore: now,
    notAfter: until,
    isCa: false,
  });
  const esId = `${dept.credit_code}${now.getUTCFullYear()}${randomBytes(3).toString('hex').toUpperCase()}`;
  const sealDer = encodeSeal(
    {
      esId,
      type: 1,
      name: dept.name,
      certListType: 1,
      certs: [cert],
      createDate: now,
      validStart: now,
      validEnd: until,
      picture: { type: 'svg', data: Buffer.from(drawSealSvg(dept.name)), widthMm: 42, heightMm: 42 },
      vid: 'TONGBAN',
    },
    makerCert,
    makerPriv,
  );
  const seal = await repo.insertSeal(trx, {
    es_id: esId,
    department_id: dept.id,
    name: `${dept.name}（电子印章）`,
    public_key_hex: kp.publicKey,
    private_key_enc: ctx.cipher.encrypt(kp.privateKey, keyContext(esId)),
    cert_der: cert.toString('base64'),
    seal_der: sealDer.toString('base64'),
    valid_from: now,
    valid_until: until,
  });
  await appendAuditEvent(trx, ctx.auditKey, {
    actor: null,
    action: 'seal.create',
    entityType: 'seal',
    entityId: seal.id,
    after: { esId, departmentId: dept.id },
    ip: null,
  });
  return seal;
}

/** The seal's private key, only for signing inside the platform. */
export function sealPrivateKey(ctx: AppContext, seal: { es_id: string; private_key_enc: string }): string {
  return ctx.cipher.decrypt(seal.private_key_enc, keyContext(seal.es_id));
}

/** A department's seals for its admins. */
export async function listDepartmentSeals(ctx: AppContext, actor: Actor, departmentId: string) {
  const dept = await findDepartmentById(ctx.db, departmentId);
  if (!dept) throw new AppError('DEPARTMENT_NOT_FOUND');
  authorize(actor, 'seal.manage', { type: 'department', id: dept.id, regionCode: dept.region_code }, 'DEPARTMENT_NOT_FOUND');
  return repo.listSeals(ctx.db, dept.id);
}

/**
 * Rotation: the active seal retires (signatures made with it stay valid: the seal travels inside
 * each signature and its maker is still trusted) and a new one is made.
 */
export async function rotateSeal(ctx: AppContext, actor: Actor, departmentId: string) {
  const dept = await findDepartmentById(ctx.db, departmentId);
  if (!dept) throw new AppError('DEPARTMENT_NOT_FOUND');
  authorize(actor, 'seal.manage', { type: 'department', id: dept.id, regionCode: dept.region_code }, 'DEPARTMENT_NOT_FOUND');
  return ctx.db.transaction().execute(async (trx) => {
    const old = await repo.findActiveSeal(trx, dept.id);
    if (old) await repo.retireSeal(trx, old.id);
    const seal = await ensureDepartmentSeal(ctx, trx, dept.id);
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'seal.rotate',
      entityType: 'seal',
      entityId: seal.es_id,
      before: old ? { esId: old.es_id } : null,
      after: { esId: seal.es_id },
      ip: actor.ip,
    });
    return seal;
  });
}

/** Revocation (a compromised key): every license signed with the seal fails verification from now on, by name. */
export async function revokeSeal(ctx: AppContext, actor: Actor, sealId: string, reason: string) {
  const seal = await repo.findSeal(ctx.db, sealId);
  const dept = seal ? await findDepartmentById(ctx.db, seal.department_id) : undefined;
  if (!seal || !dept) throw new AppError('NOT_FOUND');
  authorize(actor, 'seal.manage', { type: 'department', id: dept.id, regionCode: dept.region_code }, 'NOT_FOUND');
  if (seal.status === 'revoked') throw new AppError('LICENSE_STATE_INVALID', { sealStatus: seal.status });
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.markSealRevoked(trx, seal.id, ctx.now(), reason);
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'seal.revoke',
      entityType: 'seal',
      entityId: seal.es_id,
      before: { status: seal.status },
      after: { status: 'revoked', reason },
      ip: actor.ip,
    });
    return updated;
  });
}
