import { addCalendarDays, addWorkingDays, shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadCalendar } from '../calendar/index.ts';
import { staffOfDepartment } from '../identity/index.ts';
import { clockOf, deliver, runAction } from './engine.ts';
import * as countersigns from './countersign-repo.ts';
import * as repo from './repo.ts';

/** Working days within which a one-time notice must be issued (行政许可法 Art. 32). */
export const NOTICE_DEADLINE_DAYS = 5;
const BATCH = 500;

export type SweepReport = {
  deemedAccepted: number;
  reminded: number;
  suspended: number;
  yellow: number;
  red: number;
  countersignsOverdue: number;
};

/** Runs a system action, skipping a case that another node or a person changed meanwhile. */
async function tryAction(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (err) {
    if (err instanceof AppError && (err.code === 'CASE_STATE_INVALID' || err.code === 'VERSION_CONFLICT')) return false;
    throw err;
  }
}

/**
 * The deadline sweep (a job every few minutes, on any node): deemed acceptance after 5 working
 * days without a notice, 容缺 reminders and suspensions, and yellow/red warnings. Each warning is
 * raised exactly once per case and level (a unique row), however many nodes run the sweep.
 */
export async function sweepCases(ctx: AppContext): Promise<SweepReport> {
  const now = ctx.now();
  const today = shanghaiDate(now);
  const report: SweepReport = { deemedAccepted: 0, reminded: 0, suspended: 0, yellow: 0, red: 0, countersignsOverdue: 0 };

  // 1. Deemed acceptance (Art. 32): a complete submission without a notice for 5 working days counts as accepted on the day it arrived.
  const waiting = await repo.listAwaitingAcceptance(ctx.db, new Date(now.getTime() - 5 * 86_400_000), BATCH);
  for (const c of waiting) {
    const cal = await loadCalendar(ctx, c.region_code);
    const arrived = shanghaiDate(new Date(c.submitted_at!));
    if (addWorkingDays(cal, arrived, NOTICE_DEADLINE_DAYS) >= today) continue;
    const done = await tryAction(() =>
      runAction(ctx, null, c.id, null, 'deemAccept', {
        run: async (row, { trx }) => {
          await repo.raiseWarning(trx, row.id, 'deemedAccepted', null);
          return {
            clock: true,
            data: { arrivedOn: arrived, rule: '行政许可法第三十二条' },
            note: `提交后${NOTICE_DEADLINE_DAYS}个工作日内未一次性告知补正，自收到申请之日起即为受理`,
            patch: { accepted_at: now, accepted_on: arrived, deemed_accepted: true, step_index: 1, handler_id: null },
            notify: [
              {
                to: 'supervisors',
                kind: 'deemedAccepted',
                title: '逾期未告知，视为受理',
                body: `“${row.item_name}”（${row.number}）提交后${NOTICE_DEADLINE_DAYS}个工作日内未受理或告知，已视为受理。`,
              },
              {
                to: 'applicant',
                kind: 'accepted',
                sms: true,
                title: '申请已受理',
                body: `“${row.item_name}”（${row.number}）自${arrived}起视为受理。`,
              },
            ],
          };
        },
      }),
    );
    if (done) report.deemedAccepted++;
  }

  // 2. 容缺: remind one working day before the supply deadline; suspend the case when it passes.
  const due = await repo.listDueDeficiencies(ctx.db, addCalendarDays(today, 10), BATCH);
  for (const d of due) {
    const c = await repo.findCase(ctx.db, d.case_id);
    if (!c) continue;
    const cal = await loadCalendar(ctx, c.region_code);
    if (d.due_on! < today && d.status !== 'overdue' && (c.status === 'accepted' || c.status === 'review')) {
      const done = await tryAction(() =>
        runAction(ctx, null, c.id, null, 'suspendOverdue', {
          run: async (row, { trx }) => {
            await repo.openSuspension(trx, {
              case_id: row.id,
              kind: 'deficiencyOverdue',
              special_kind: null,
              reason: `容缺材料“${d.subject_key}”逾期未补交`,
              started_on: today,
              started_at: now,
              started_by: null,
            });
            await repo.updateCommitment(trx, d.id, { status: 'overdue' });
            return {
              clock: true,
              patch: { resume_status: row.status },
              note: `容缺材料逾期未补交，办件中止`,
              data: { commitmentId: d.id, dueOn: d.due_on },
              notify: [
                {
                  to: 'applicant',
                  kind: 'suspended',
                  sms: true,
                  title: '办件已中止',
                  body: `“${row.item_name}”（${row.number}）的容缺材料已逾期未补交，办件中止办理，补交后恢复。`,
                },
                { to: 'handler', kind: 'suspended', title: '容缺逾期，办件中止', body: `“${row.item_name}”（${row.number}）` },
              ],
            };
          },
        }),
      );
      if (done) report.suspended++;
    } else if (!d.reminded_at && d.due_on! >= today && addWorkingDays(cal, today, 1) >= d.due_on!) {
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await repo.claimCommitmentReminder(trx, d.id, now))) return;
        await deliver(ctx, trx, c, [
          {
            to: 'applicant',
            kind: 'deficiencyReminder',
            sms: true,
            title: '请按承诺补交容缺材料',
            body: `“${c.item_name}”（${c.number}）的容缺材料须于${d.due_on}前补交。`,
          },
        ]);
        report.reminded++;
      });
    }
  }

  // 3. Warnings: yellow when little time is left, red when overdue; once per case and level.
  let after: string | null = null;
  for (;;) {
    const batch = await repo.listClockCases(ctx.db, after, BATCH);
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    for (const c of batch) {
      const cal = await loadCalendar(ctx, c.region_code);
      const clock = clockOf(cal, c, await repo.listSuspensions(ctx.db, c.id), today);
      if (!clock) continue;
      if (clock.level !== c.warning_level || clock.promisedDueOn !== c.promised_due_on || clock.paused !== c.clock_paused) {
        await repo.refreshClockIfUnchanged(ctx.db, c.id, c.version, {
          warning_level: clock.level,
          promised_due_on: clock.promisedDueOn,
          legal_due_on: clock.legalDueOn,
          clock_paused: clock.paused,
        });
      }
      if (clock.level === 'none' || clock.paused) continue;
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await repo.raiseWarning(trx, c.id, clock.level as 'yellow' | 'red', clock.promisedDueOn))) return;
        report[clock.level as 'yellow' | 'red']++;
        const title = clock.level === 'red' ? '办件已超期' : '办件即将超期';
        const body = `“${c.item_name}”（${c.number}）承诺办结日期${clock.promisedDueOn}，剩余${Math.max(clock.leftDays, 0)}个工作日。`;
        const handlers = c.handler_id
          ? [{ accountId: c.handler_id }]
          : (await staffOfDepartment(trx, c.department_id, ['reviewer', 'approver'])).map((s) => ({ accountId: s.id }));
        await deliver(ctx, trx, c, [
          ...handlers.map((to) => ({ to, kind: `warning.${clock.level}`, title, body })),
          { to: 'supervisors', kind: `warning.${clock.level}`, title, body },
        ]);
      });
    }
  }

  // 4. 会签 past a department's own limit: its staff of the step's role, the case's handler and the supervisors are told, once.
  for (const o of await countersigns.listOverdueCountersigns(ctx.db, today, BATCH)) {
    const c = await repo.findCase(ctx.db, o.case_id);
    if (!c) continue;
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await countersigns.claimCountersignOverdue(trx, o.id, now))) return;
      report.countersignsOverdue++;
      const title = '会签已超期';
      const body = `“${c.item_name}”（${c.number}）请${o.department_name}于${o.due_on}前提出的会签意见已超期，请尽快签署。`;
      const asked = await staffOfDepartment(trx, o.department_id, [o.role]);
      await deliver(ctx, trx, c, [
        ...asked.map((s) => ({ to: { accountId: s.id }, kind: 'countersign.overdue', title, body })),
        ...(c.handler_id ? [{ to: 'handler' as const, kind: 'countersign.overdue', title, body }] : []),
        { to: 'supervisors', kind: 'countersign.overdue', title, body },
      ]);
    });
  }
  return report;
}
