import { describe, expect, it } from 'vitest';
import { calendarWith, nationalCalendar } from '../../platform/calendar.ts';
import { computeClock, type ClockInput } from './clock.ts';
import { canStart, legalMoves, workflowOf } from './workflow.ts';

const cal = nationalCalendar();
const base: ClockInput = {
  unit: 'workday',
  acceptedOn: '2026-09-28',
  promisedDays: 5,
  legalDays: 20,
  extensionDays: 0,
  suspensions: [],
  stoppedOn: null,
  today: '2026-09-28',
};

describe('case clock', () => {
  it('counts from the day after acceptance, skipping the National Day break and counting the 调休 Saturday', () => {
    expect(computeClock(cal, base)).toMatchObject({
      promisedDueOn: '2026-10-10',
      legalDueOn: '2026-10-30',
      usedDays: 0,
      leftDays: 5,
      level: 'none',
    });
    // On Fri 10-09: 9-29, 9-30, 10-8, 10-9 used → 1 left → yellow.
    expect(computeClock(cal, { ...base, today: '2026-10-09' })).toMatchObject({ usedDays: 4, leftDays: 1, level: 'yellow' });
    expect(computeClock(cal, { ...base, today: '2026-10-12' })).toMatchObject({ usedDays: 6, overdue: true, level: 'red' });
  });

  it('does not count suspended days and stops on the decision day', () => {
    const s = { ...base, suspensions: [{ from: '2026-09-29', to: '2026-10-09' }], today: '2026-10-12' };
    // Suspended 9-30, 10-8, 10-9 (working); counted 9-29, 10-10, 10-12 → due 10-14.
    expect(computeClock(cal, s)).toMatchObject({ usedDays: 3, suspendedDays: 3, promisedDueOn: '2026-10-14', paused: false });
    expect(computeClock(cal, { ...s, stoppedOn: '2026-10-12', today: '2026-11-30' })).toMatchObject({
      usedDays: 3,
      stopped: true,
      overdue: false,
      level: 'none',
    });
    expect(computeClock(cal, { ...base, suspensions: [{ from: '2026-09-29', to: null }], today: '2026-10-09' })).toMatchObject({
      paused: true,
      usedDays: 1,
    });
  });

  it('uses region overrides and calendar-day limits', () => {
    const local = calendarWith([{ date: '2026-09-29', isWorkingDay: false }]);
    expect(computeClock(local, base)!.promisedDueOn).toBe('2026-10-12');
    expect(computeClock(cal, { ...base, unit: 'calendarDay', promisedDays: 5 })!.promisedDueOn).toBe('2026-10-03');
    expect(computeClock(cal, { ...base, acceptedOn: null })).toBeNull();
  });

  it('names the provisional years its due dates reach (holidays computed from the law, no notice yet)', () => {
    expect(computeClock(cal, base)!.provisionalYears).toEqual([]);
    // Accepted 2026-12-21, 20 working days: the legal due date lies in 2027, which has no notice.
    const late = { ...base, acceptedOn: '2026-12-21', today: '2026-12-21' };
    expect(computeClock(cal, { ...late, promisedDays: 3 })!.provisionalYears).toEqual([2027]);
    expect(computeClock(cal, { ...late, promisedDays: 3, legalDays: 0 })!.provisionalYears).toEqual([]);
    expect(computeClock(cal, { ...late, unit: 'calendarDay' })!.provisionalYears).toEqual([]);
    // 2027-01-01 is 元旦 by the law: 12-22…12-31 are 8 working days, then 01-04 (9) and 01-05 (10).
    expect(computeClock(cal, { ...late, promisedDays: 10 })!.promisedDueOn).toBe('2027-01-05');
    const entered = calendarWith([], [{ year: 2027, days: [{ date: '2027-01-01', isWorkingDay: false }] }]);
    expect(computeClock(entered, { ...late, promisedDays: 10 })!.provisionalYears).toEqual([]);
  });
});

describe('case state table', () => {
  it('never leaves a final state except a post-check revoking a completed case, or its hand-over at the pickup window', () => {
    const moves = [...legalMoves()];
    for (const final of ['rejected', 'withdrawn', 'revoked']) expect(moves.filter((m) => m.startsWith(`${final}>`))).toEqual([]);
    expect(moves.filter((m) => m.startsWith('completed>')).sort()).toEqual([
      'completed>completed',
      'completed>delivered',
      'completed>revoked',
    ]);
    expect(canStart('decide', 'special')).toBe(false);
    expect(canStart('withdraw', 'decided')).toBe(false);
  });

  it('gives items without steps the default workflow for their handling type', () => {
    expect(workflowOf({ workflow: [], handlingType: 'promised' }).map((s) => `${s.kind}:${s.role}`)).toEqual([
      'accept:clerk',
      'review:reviewer',
      'decide:approver',
    ]);
    expect(workflowOf({ workflow: [], handlingType: 'immediate' }).map((s) => s.kind)).toEqual(['accept', 'decide']);
  });
});
