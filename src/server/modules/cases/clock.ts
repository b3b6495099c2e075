import { addCalendarDays, provisionalYears, type WorkingCalendar } from '../../platform/calendar.ts';

/**
 * The case clock (办理时限), STANDARDS.md §8. Counting starts the day after acceptance
 * (民法典 Art. 201). A day counts when it is a working day (or any day, for limits in 自然日) and
 * lies in no suspension. A suspension started on day S and ended on day E covers the days
 * S < d ≤ E (the start day was worked; counting resumes the day after the end); an open
 * suspension covers the days after S up to today. The clock stops on the day of the decision.
 */
export type Suspension = { from: string; to: string | null };

export type ClockInput = {
  unit: 'workday' | 'calendarDay';
  acceptedOn: string | null;
  promisedDays: number;
  legalDays: number;
  extensionDays: number;
  suspensions: Suspension[];
  /** The decision day, when decided. */
  stoppedOn: string | null;
  today: string;
};

export type WarningThresholds = { yellowDays: number; yellowShare: number };
export const defaultThresholds: WarningThresholds = { yellowDays: 1, yellowShare: 0.2 };

export type Clock = {
  startedOn: string;
  promisedDueOn: string;
  legalDueOn: string;
  /** Days counted so far (working days unless the limit is in calendar days). */
  usedDays: number;
  /** Promised limit (with extension) minus used; negative when overdue. */
  leftDays: number;
  /** Days that did not count because the clock was suspended. */
  suspendedDays: number;
  paused: boolean;
  stopped: boolean;
  overdue: boolean;
  level: 'none' | 'yellow' | 'red';
  /**
   * Years from the start to the later due date whose holidays are computed from the law, their
   * notice not yet entered: the due dates may move when it is (empty for limits in calendar days).
   */
  provisionalYears: number[];
};

const MAX_WALK = 3660;

export function isSuspended(d: string, suspensions: Suspension[], today: string): boolean {
  return suspensions.some((s) => s.from < d && d <= (s.to ?? today));
}

function counter(cal: WorkingCalendar, input: ClockInput) {
  const working = (d: string) => input.unit === 'calendarDay' || cal.isWorkingDay(d);
  return {
    counts: (d: string) => working(d) && !isSuspended(d, input.suspensions, input.today),
    working,
  };
}

/** The day on which `n` counted days after `start` have passed (n = 0 → start). */
export function dueDate(cal: WorkingCalendar, input: ClockInput, start: string, n: number): string {
  const { counts } = counter(cal, input);
  let d = start;
  for (let counted = 0, i = 0; counted < n; i++) {
    if (i > MAX_WALK) throw new Error('time limit walk did not end');
    d = addCalendarDays(d, 1);
    if (counts(d)) counted++;
  }
  return d;
}

/** The clock of an accepted case as of `today`; null before acceptance. */
export function computeClock(cal: WorkingCalendar, input: ClockInput, thresholds = defaultThresholds): Clock | null {
  if (!input.acceptedOn) return null;
  const start = input.acceptedOn;
  const { counts, working } = counter(cal, input);
  const limit = input.promisedDays + input.extensionDays;
  const promisedDueOn = dueDate(cal, input, start, limit);
  const legalDueOn = dueDate(cal, input, start, input.legalDays > 0 ? input.legalDays + input.extensionDays : limit);
  const end = input.stoppedOn && input.stoppedOn < input.today ? input.stoppedOn : input.today;
  let used = 0;
  let suspended = 0;
  for (let d = addCalendarDays(start, 1), i = 0; d <= end; d = addCalendarDays(d, 1), i++) {
    if (i > MAX_WALK) break;
    if (counts(d)) used++;
    else if (working(d)) suspended++;
  }
  const paused = input.stoppedOn === null && input.suspensions.some((s) => s.to === null);
  const stopped = input.stoppedOn !== null;
  const left = limit - used;
  const overdue = stopped ? input.stoppedOn! > promisedDueOn : input.today > promisedDueOn;
  const level = stopped
    ? 'none'
    : overdue
      ? 'red'
      : left <= Math.max(thresholds.yellowDays, limit * thresholds.yellowShare)
        ? 'yellow'
        : 'none';
  return {
    startedOn: start,
    promisedDueOn,
    legalDueOn,
    usedDays: used,
    leftDays: left,
    suspendedDays: suspended,
    paused,
    stopped,
    overdue,
    level,
    provisionalYears: input.unit === 'calendarDay' ? [] : provisionalYears(cal, start, [promisedDueOn, legalDueOn].sort()[1]),
  };
}
