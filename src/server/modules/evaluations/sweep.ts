import { shanghaiDate, workingDaysBetween } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { loadCalendar } from '../calendar/index.ts';
import { defaultThresholds } from '../cases/index.ts';
import { supervisorsOf } from '../identity/index.ts';
import { loadSettings, notify } from './common.ts';
import * as repo from './repo.ts';

const BATCH = 500;

export type EvaluationSweepReport = { callbackOverdue: number; yellow: number; red: number; lettersOverdue: number };

/**
 * The bad-rating sweep (a job every few minutes, on any node), warned like overdue cases: a
 * callback past its working-day deadline, a rectification close to (yellow) or past (red) its
 * deadline, and supervision letters past their reply date. Each warning is raised exactly once per
 * rectification and level (a unique row) or letter (claimed by `overdue_warned_at`).
 */
export async function sweepEvaluations(ctx: AppContext): Promise<EvaluationSweepReport> {
  const now = ctx.now();
  const today = shanghaiDate(now);
  const settings = await loadSettings(ctx.db);
  const report: EvaluationSweepReport = { callbackOverdue: 0, yellow: 0, red: 0, lettersOverdue: 0 };

  let after: string | null = null;
  for (;;) {
    const batch = await repo.listOpenRectifications(ctx.db, after, BATCH);
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    for (const r of batch) {
      const cal = await loadCalendar(ctx, r.region_code);
      const left = r.due_on < today ? -1 : workingDaysBetween(cal, today, r.due_on);
      const level =
        r.due_on < today
          ? 'red'
          : left <= Math.max(defaultThresholds.yellowDays, settings.rectificationWorkingDays * defaultThresholds.yellowShare)
            ? 'yellow'
            : 'none';
      if (level !== r.warning_level) await repo.setRectificationWarningLevel(ctx.db, r.id, level);
      const raise: ('callbackOverdue' | 'yellow' | 'red')[] = [];
      if (r.callback_at === null && r.callback_due_on < today) raise.push('callbackOverdue');
      if (level !== 'none') raise.push(level);
      for (const kind of raise) {
        await ctx.db.transaction().execute(async (trx) => {
          if (!(await repo.raiseRectificationWarning(trx, r.id, kind))) return;
          report[kind]++;
          const what = `${r.department_name}“${r.item_name ?? '窗口服务'}”${r.case_number ? `（${r.case_number}）` : ''}的差评`;
          const title = kind === 'callbackOverdue' ? '差评逾期未回访' : kind === 'red' ? '差评整改已超期' : '差评整改即将到期';
          const body =
            kind === 'callbackOverdue'
              ? `${what}应于${r.callback_due_on}前回访，至今未回访。`
              : `${what}整改期限${r.due_on}${kind === 'red' ? '，已超期' : `，剩余${left}个工作日`}。`;
          const staff = (await repo.departmentStaff(trx, r.department_id)).map((s) => s.id);
          const supervisors = (await supervisorsOf(trx, r.region_code)).map((s) => s.id);
          await notify(trx, [...staff, ...supervisors], { caseId: r.case_id, kind: `rectification.${kind}`, title, body });
        });
      }
    }
  }

  for (;;) {
    const letters = await ctx.db.transaction().execute(async (trx) => {
      const claimed = await repo.claimOverdueLetters(trx, today, now, BATCH);
      for (const l of claimed) {
        const staff = (await repo.departmentStaff(trx, l.department_id)).map((s) => s.id);
        await notify(trx, [...staff, l.sent_by], {
          caseId: l.case_id,
          kind: 'letter.overdue',
          title: `督办函逾期未回复（${l.number}）`,
          body: `“${l.subject}”应于${l.reply_due_on}前回复。`,
        });
      }
      return claimed.length;
    });
    report.lettersOverdue += letters;
    if (letters < BATCH) break;
  }
  return report;
}
