import type { Insertable, Kysely } from 'kysely';
import type { CaseCountersignsTable, DB } from '../../platform/db-types.ts';

/** The SQL of 会签 (countersigning): the requests to other departments, their opinions and overdue reminders. */

export async function insertCountersigns(db: Kysely<DB>, rows: Insertable<CaseCountersignsTable>[]) {
  if (rows.length) await db.insertInto('case_countersigns').values(rows).execute();
}

/** Records one department's opinion on the open request of the step; undefined when there is none (signed, or never asked). */
export async function signCountersign(
  db: Kysely<DB>,
  caseId: string,
  stepKey: string,
  departmentId: string,
  s: { opinion: 'agree' | 'disagree'; comment: string; signed_by: string; signed_by_name: string; signed_at: Date },
) {
  return db
    .updateTable('case_countersigns')
    .set({ ...s, status: 'signed' })
    .where('case_id', '=', caseId)
    .where('step_key', '=', stepKey)
    .where('department_id', '=', departmentId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function listCountersigns(db: Kysely<DB>, caseId: string, stepKey?: string) {
  return db
    .selectFrom('case_countersigns')
    .selectAll()
    .where('case_id', '=', caseId)
    .$if(stepKey !== undefined, (q) => q.where('step_key', '=', stepKey!))
    .execute();
}

/** The quorum reached, the requests of the step still open are closed. */
export async function closeCountersigns(db: Kysely<DB>, caseId: string, stepKey: string) {
  await db
    .updateTable('case_countersigns')
    .set({ status: 'closed' })
    .where('case_id', '=', caseId)
    .where('step_key', '=', stepKey)
    .where('status', '=', 'pending')
    .execute();
}

/** Pending 会签 requests past their department's limit that nobody has been told about yet. */
export async function listOverdueCountersigns(db: Kysely<DB>, today: string, limit: number) {
  return db
    .selectFrom('case_countersigns')
    .innerJoin('departments', 'departments.id', 'case_countersigns.department_id')
    .select([
      'case_countersigns.id',
      'case_countersigns.case_id',
      'case_countersigns.department_id',
      'case_countersigns.role',
      'case_countersigns.due_on',
      'departments.name as department_name',
    ])
    .where('case_countersigns.status', '=', 'pending')
    .where('case_countersigns.overdue_notified_at', 'is', null)
    .where('case_countersigns.due_on', '<', today)
    .orderBy('case_countersigns.due_on')
    .limit(limit)
    .execute();
}

/** Marks an overdue 会签 request as told; false when another node did first (or it was signed meanwhile). */
export async function claimCountersignOverdue(db: Kysely<DB>, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('case_countersigns')
    .set({ overdue_notified_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('overdue_notified_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}
