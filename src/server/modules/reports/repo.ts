import type { Insertable, Kysely } from 'kysely';
import type { DB, SupervisionReportsTable } from '../../platform/db-types.ts';

/** Reports repository: the periodic reports (考核通报) and the stored files they point at. */

/** Inserts a report unless one exists for the same kind, region, department and period; returns it either way. */
export async function insertOrFindReport(db: Kysely<DB>, r: Insertable<SupervisionReportsTable>) {
  const inserted = await db
    .insertInto('supervision_reports')
    .values(r)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { report: inserted, created: true };
  let q = db
    .selectFrom('supervision_reports')
    .selectAll()
    .where('kind', '=', r.kind)
    .where('region_code', '=', r.region_code)
    .where('period_from', '=', r.period_from);
  q = r.department_id ? q.where('department_id', '=', r.department_id) : q.where('department_id', 'is', null);
  return { report: await q.executeTakeFirstOrThrow(), created: false };
}

export function findReport(db: Kysely<DB>, id: string) {
  return db.selectFrom('supervision_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listReports(db: Kysely<DB>, regionCode: string, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    db
      .selectFrom('supervision_reports')
      .leftJoin('departments', 'departments.id', 'supervision_reports.department_id')
      .where('supervision_reports.region_code', '=', regionCode)
      .selectAll('supervision_reports')
      .select('departments.name as department_name')
      .orderBy('supervision_reports.period_from', 'desc')
      .orderBy('supervision_reports.kind')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('supervision_reports')
      .where('region_code', '=', regionCode)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function markReady(db: Kysely<DB>, id: string, files: { pdf_sm3: string; xlsx_sm3: string }, at: Date) {
  await db
    .updateTable('supervision_reports')
    .set({ ...files, status: 'ready', error: null, generated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Kysely<DB>, id: string, error: string) {
  await db
    .updateTable('supervision_reports')
    .set({ status: 'failed', error: error.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}

export async function insertFile(db: Kysely<DB>, f: { sm3: string; size: number; media_type: string }) {
  await db
    .insertInto('files')
    .values(f)
    .onConflict((oc) => oc.column('sm3').doNothing())
    .execute();
}

/** Regions that have a supervisor: those that get the scheduled reports. */
export async function supervisedRegions(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('accounts')
    .select('region_code')
    .distinct()
    .where('status', '=', 'active')
    .where('region_code', 'is not', null)
    .where((eb) => eb(eb.val('supervisor'), '=', eb.fn.any('roles')))
    .execute();
  return rows.map((r) => r.region_code!).sort();
}

export function findDepartmentName(db: Kysely<DB>, id: string) {
  return db.selectFrom('departments').select(['name', 'region_code']).where('id', '=', id).executeTakeFirst();
}
