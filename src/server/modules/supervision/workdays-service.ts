import { addCalendarDays } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { calendarRegions, loadCalendarUncached } from '../calendar/index.ts';
import * as repo from './repo.ts';

/**
 * The working-day table the rollups count 平均办理工作日 with (supervision_workdays), kept equal to
 * the calendar service: one calendar per region that has overrides, plus the national one ('').
 * Refilled at start and by the calendar.changed job after an override or a notice changes; the
 * completed cases whose count changes move to the new calendar in the same transaction, so the
 * indicator agrees with the case clock.
 */

/** The days the table covers. */
export const WORKDAYS_RANGE = { first: '2015-01-01', last: '2035-12-31' };
const DAYS = 7670; // WORKDAYS_RANGE inclusive

const isWeekday = (date: string) => {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return w !== 0 && w !== 6;
};

/** A calendar as the table stores it: the days that are not Monday–Friday's rule, by date. */
type Exceptions = Map<string, boolean>;

/** The longest of `keys` that prefixes `code` ('' is always among them). */
const servingKey = (keys: Iterable<string>, code: string) =>
  [...keys].filter((k) => code.startsWith(k)).reduce((a, b) => (b.length > a.length ? b : a), '');

/** The dates on which two calendars differ; all of them when one is missing or incomplete. */
function differences(a: Exceptions | null, b: Exceptions | null): string[] {
  if (!a || !b) return [WORKDAYS_RANGE.first, WORKDAYS_RANGE.last];
  const out: string[] = [];
  for (const [d, w] of a) if (b.get(d) !== w) out.push(d);
  for (const [d, w] of b) if (a.get(d) !== w) out.push(d);
  return out;
}

export type RefillReport = { calendars: number; rewritten: string[]; cases: { from: string; to: string; regions: string[] } | null };

/**
 * Makes supervision_workdays equal to the calendar service and moves the affected completed cases'
 * working days to it. Idempotent: nothing is written when the table already agrees.
 */
export async function refillWorkdays(ctx: AppContext): Promise<RefillReport> {
  // Read the calendars before the transaction: the embedded database has one connection.
  const keys = ['', ...(await calendarRegions(ctx))];
  const wanted = new Map<string, Exceptions>();
  for (const key of keys) {
    const cal = await loadCalendarUncached(ctx, key);
    const ex: Exceptions = new Map();
    for (let d = WORKDAYS_RANGE.first; d <= WORKDAYS_RANGE.last; d = addCalendarDays(d, 1)) {
      const working = cal.isWorkingDay(d);
      if (working !== isWeekday(d)) ex.set(d, working);
    }
    wanted.set(key, ex);
  }
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockWorkdays(trx);
    const stored = new Map<string, Exceptions | null>();
    for (const c of await repo.workdayCalendars(trx)) {
      const complete = c.days === DAYS && c.first === WORKDAYS_RANGE.first && c.last === WORKDAYS_RANGE.last;
      stored.set(c.region_code, complete ? new Map() : null);
    }
    for (const e of await repo.workdayExceptions(trx)) stored.get(e.region_code)?.set(e.day, e.working);

    const rewritten = [...new Set([...wanted.keys(), ...stored.keys()])].filter(
      (k) => !wanted.has(k) || !stored.has(k) || differences(stored.get(k) ?? null, wanted.get(k)!).length > 0,
    );
    if (rewritten.length === 0) return { calendars: keys.length, rewritten, cases: null };

    // The cases of a region R count with the calendar of the longest key prefixing R, before and after.
    let from = '';
    let to = '';
    const regions: string[] = [];
    for (const k of new Set([...wanted.keys(), ...stored.keys()])) {
      const before = stored.get(servingKey(stored.keys(), k)) ?? null;
      const after = wanted.get(servingKey(wanted.keys(), k))!;
      const days = differences(before, after).sort();
      if (days.length === 0) continue;
      regions.push(k);
      if (!from || days[0] < from) from = days[0];
      if (!to || days.at(-1)! > to) to = days.at(-1)!;
    }
    const cases = regions.length > 0 ? { from, to, prefixes: regions } : null;
    if (cases) await repo.addCaseWorkDays(trx, -1, cases);
    await repo.deleteWorkdays(trx, rewritten);
    for (const k of rewritten) {
      const ex = wanted.get(k);
      if (ex)
        await repo.fillWorkdays(
          trx,
          k,
          WORKDAYS_RANGE,
          [...ex].map(([day, working]) => ({ day, working })),
        );
    }
    if (cases) await repo.addCaseWorkDays(trx, 1, cases);
    return { calendars: keys.length, rewritten, cases: cases ? { from, to, regions } : null };
  });
}
