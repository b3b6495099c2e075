import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { addWorkingDays, type WorkingCalendar } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { actorName, staffOfDepartment } from '../identity/index.ts';
import { findDepartmentByKey } from '../org/index.ts';
import { currentStep, type Notice, runAction } from './engine.ts';
import { assertAllowed } from './guards.ts';
import * as countersigns from './countersign-repo.ts';
import type { CaseRow } from './resource.ts';
import type * as s from './schema.ts';

/**
 * 并联审批/会签 inside one item (defects issue 25.12): a workflow step of kind `countersign` names departments (by key, in
 * the item's region) that give their opinions in parallel, each within its own working days; the step ends — and the
 * case moves on to its decision — when its quorum (every department, or the number the guide sets) has signed. The
 * departments asked read the case and sign; nothing else (policy `case.countersign`, `case.read` through
 * `co_department_ids`). An opinion against is recorded and shown to the decider; it does not decide for them.
 */

type StepContext = { today: string; calendar: WorkingCalendar; now: Date };

/**
 * What entering step `index` does: nothing, unless it is a 会签 — then one request per department with its due date,
 * the departments recorded on the case, and their staff of the step's role told.
 */
export async function enterStep(trx: Kysely<DB>, c: CaseRow, index: number, a: StepContext) {
  const { steps } = currentStep(c);
  const step = steps[index];
  if (!step || step.kind !== 'countersign') return { patch: {}, notify: [] as Notice[], data: {} };
  const rows = [];
  for (const part of step.participants ?? []) {
    const dept = await findDepartmentByKey(trx, c.region_code, part.departmentKey);
    if (!dept) throw new AppError('CASE_COUNTERSIGN_DEPARTMENT_UNKNOWN', { departmentKey: part.departmentKey, step: step.key });
    rows.push({
      case_id: c.id,
      step_key: step.key,
      department_id: dept.id,
      department_name: dept.name,
      role: step.role,
      due_on: addWorkingDays(a.calendar, a.today, part.days),
      created_at: a.now,
    });
  }
  await countersigns.insertCountersigns(
    trx,
    rows.map(({ department_name: _n, ...r }) => r),
  );
  const notify: Notice[] = [];
  for (const r of rows)
    for (const staff of await staffOfDepartment(trx, r.department_id, [step.role]))
      notify.push({
        to: { accountId: staff.id },
        kind: 'countersign',
        title: '会签请求',
        body: `“${c.item_name}”（${c.number}）请贵部门于${r.due_on}前提出会签意见。`,
      });
  return {
    patch: { co_department_ids: [...new Set([...c.co_department_ids, ...rows.map((r) => r.department_id)])] },
    notify,
    data: { countersign: rows.map((r) => ({ departmentId: r.department_id, departmentName: r.department_name, dueOn: r.due_on })) },
  };
}

/** One department's opinion; with the quorum reached, the case moves to its next step (the owning department is told). */
export function countersignCase(ctx: AppContext, actor: Actor, id: string, version: number, input: s.CountersignBody) {
  return runAction(ctx, actor, id, version, 'countersign', {
    authorize: (c) => assertAllowed(actor, c, 'countersign'),
    run: async (c, { trx, now, today, calendar }) => {
      const { steps, step } = currentStep(c);
      const signed = await countersigns.signCountersign(trx, c.id, step.key, actor.departmentId!, {
        opinion: input.opinion,
        comment: input.comment,
        signed_by: actor.accountId,
        signed_by_name: await actorName(trx, actor),
        signed_at: now,
      });
      if (!signed) throw new AppError('CASE_COUNTERSIGN_NOT_PENDING');
      const all = await countersigns.listCountersigns(trx, c.id, step.key);
      const done = all.filter((x) => x.status === 'signed').length;
      const quorum = typeof step.quorum === 'number' ? Math.min(step.quorum, all.length) : all.length;
      const data = { opinion: input.opinion, departmentId: actor.departmentId, signed: done, of: all.length, quorum };
      if (done < quorum) return { stepKey: step.key, note: input.comment, data };
      await countersigns.closeCountersigns(trx, c.id, step.key);
      const next = c.step_index + 1;
      const entered = await enterStep(trx, c, next, { today, calendar, now });
      const against = all.filter((x) => x.opinion === 'disagree').length;
      const owners = await staffOfDepartment(trx, c.department_id, [steps[next].role]);
      return {
        stepKey: step.key,
        note: input.comment,
        data: { ...data, completed: true, against, ...entered.data },
        patch: { step_index: next, handler_id: null, ...entered.patch },
        notify: [
          ...owners.map(
            (o): Notice => ({
              to: { accountId: o.id },
              kind: 'countersigned',
              title: '会签已完成',
              body: `“${c.item_name}”（${c.number}）会签意见已齐（${done}个部门${against ? `，其中${against}个不同意` : '，均同意'}），请${steps[next].name}。`,
            }),
          ),
          ...entered.notify,
        ],
      };
    },
  });
}
