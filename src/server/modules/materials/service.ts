import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { detectMaterialKind, materialKinds } from '../../platform/files.ts';
import * as repo from './repo.ts';

const ownerOf = (a: Actor): repo.Owner => ({ accountId: a.accountId, personId: a.personId, organizationIds: a.organizationIds });

/** Stores an upload (content-addressed by SM3) as a material of the uploader's Wallet, after checking its content matches its name. */
export async function uploadMaterial(ctx: AppContext, actor: Actor, input: { bytes: Buffer; filename: string; name?: string }) {
  if (input.bytes.length === 0 || input.bytes.length > ctx.config.uploadLimitBytes) {
    throw new AppError('FILE_INVALID', { maxBytes: ctx.config.uploadLimitBytes });
  }
  const kind = await detectMaterialKind(input.bytes, input.filename);
  const { sm3, size } = await ctx.files.put(input.bytes);
  // No path, control or bidirectional-override characters (a name shown as "report\u202Eexe.pdf" must not read as something else).
  const filename = input.filename.replace(/[\\/\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '_').slice(0, 200);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.insertFile(trx, { sm3, size, media_type: materialKinds[kind] });
    const m = await repo.insertMaterial(trx, {
      uploaded_by: actor.accountId,
      owner_person_id: actor.kind === 'applicant' ? actor.personId : null,
      owner_organization_id: null,
      name: (input.name ?? filename.replace(/\.[^.]+$/, '')).slice(0, 100),
      filename,
      file_sm3: sm3,
      kind,
      media_type: materialKinds[kind],
      size,
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'material.upload',
      entityType: 'material',
      entityId: m.id,
      after: { kind, size, sm3 },
      ip: actor.ip,
    });
    return m;
  });
}

export async function listMyMaterials(ctx: AppContext, actor: Actor, page: { page: number; pageSize: number }) {
  return repo.listOwnedMaterials(ctx.db, ownerOf(actor), page.pageSize, (page.page - 1) * page.pageSize);
}

export function ownsMaterial(
  actor: Actor,
  m: { uploaded_by: string; owner_person_id: string | null; owner_organization_id: string | null },
): boolean {
  return (
    m.uploaded_by === actor.accountId ||
    (actor.personId !== null && m.owner_person_id === actor.personId) ||
    (m.owner_organization_id !== null && actor.organizationIds.includes(m.owner_organization_id))
  );
}

/**
 * Who else may see a material besides its owner: a module that uses materials (a case that staff handle) answers
 * whether this actor may see this one through it. Wired at start (app.ts) so that this module knows no user of it.
 */
export type MaterialAccess = (actor: Actor, materialId: string) => Promise<boolean>;

/** A material the actor may view: their own, or one a user of materials (a case they may read) lets them. Otherwise MATERIAL_NOT_FOUND. */
export async function getReadableMaterial(ctx: AppContext, actor: Actor, id: string, access: MaterialAccess) {
  const m = await repo.findMaterial(ctx.db, id);
  if (!m) throw new AppError('MATERIAL_NOT_FOUND');
  if (ownsMaterial(actor, m)) return m;
  if (await access(actor, id)) return m;
  throw new AppError('MATERIAL_NOT_FOUND');
}

/** Materials the actor may attach to a case: only their own uploads or Wallet entries. */
export async function requireOwnMaterials(ctx: AppContext, actor: Actor, ids: string[]) {
  const found = await repo.findMaterials(ctx.db, [...new Set(ids)]);
  const byId = new Map(found.map((m) => [m.id, m]));
  const bad = ids.filter((id) => !byId.has(id) || !ownsMaterial(actor, byId.get(id)!));
  if (bad.length > 0) throw new AppError('MATERIAL_NOT_FOUND', { materialIds: [...new Set(bad)] });
  return byId;
}
