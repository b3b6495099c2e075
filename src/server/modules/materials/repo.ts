import type { Kysely } from 'kysely';
import type { DB, MaterialsTable } from '../../platform/db-types.ts';

/** Materials repository: stored files (by SM3) and the materials that point at them (the Wallet). */

export async function insertFile(db: Kysely<DB>, f: { sm3: string; size: number; media_type: string }) {
  await db
    .insertInto('files')
    .values(f)
    .onConflict((oc) => oc.column('sm3').doNothing())
    .execute();
}

export type NewMaterial = {
  uploaded_by: string;
  owner_person_id: string | null;
  owner_organization_id: string | null;
  name: string;
  filename: string;
  file_sm3: string;
  kind: MaterialsTable['kind'];
  media_type: string;
  size: number;
};

export async function insertMaterial(db: Kysely<DB>, m: NewMaterial) {
  return db.insertInto('materials').values(m).returningAll().executeTakeFirstOrThrow();
}

export async function findMaterial(db: Kysely<DB>, id: string) {
  return db.selectFrom('materials').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMaterials(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('materials').selectAll().where('id', 'in', ids).execute();
}

export type Owner = { accountId: string; personId: string | null; organizationIds: string[] };

/** The Wallet: materials the account uploaded, or that belong to its person or organisations. */
export async function listOwnedMaterials(db: Kysely<DB>, o: Owner, limit: number, offset: number) {
  const q = db
    .selectFrom('materials')
    .where((eb) =>
      eb.or([
        eb('uploaded_by', '=', o.accountId),
        ...(o.personId ? [eb('owner_person_id', '=', o.personId)] : []),
        ...(o.organizationIds.length ? [eb('owner_organization_id', 'in', o.organizationIds)] : []),
      ]),
    );
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Gives materials filed by staff for a walk-in applicant to that applicant. */
export async function assignOwner(db: Kysely<DB>, ids: string[], owner: { personId: string | null; organizationId: string | null }) {
  if (ids.length === 0) return;
  await db
    .updateTable('materials')
    .set({ owner_person_id: owner.personId, owner_organization_id: owner.organizationId })
    .where('id', 'in', ids)
    .where('owner_person_id', 'is', null)
    .where('owner_organization_id', 'is', null)
    .execute();
}
