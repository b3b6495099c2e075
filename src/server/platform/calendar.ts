import chineseDays from 'chinese-days';

/**
 * The working-day calendar (工作日历). Time limits are counted in working days (行政许可法 Art. 82:
 * 不含法定节假日) by the State Council's yearly notices, 调休 working weekends included, on dates
 * in Asia/Shanghai. The national calendar comes from `chinese-days` (2004 onwards, as far as the
 * notices it knows); a year it does not cover falls back to Monday–Friday. Overrides (a local
 * holiday, next year's notice before the package has it) win over both.
 *
 * Everything here is synchronous and pure once loaded. Dates are 'YYYY-MM-DD' strings at the
 * edges and whole days since 1970-01-01 inside, so loops do integer arithmetic, not Date objects.
 */

/** 'YYYY-MM-DD' dates throughout. */
export type WorkingCalendar = { isWorkingDay(date: string): boolean; overrides: ReadonlyMap<string, boolean> };

/** A date of the national calendar that is not an ordinary weekday or weekend: a holiday or a 调休 working day. */
export type NationalDay = { date: string; isWorkingDay: boolean; name: string; nameEn: string };

/** The range of dates the platform accepts for overrides and lookups of the year list. */
export const MIN_DATE = '2000-01-01';
export const MAX_DATE = '2100-12-31';

// ------------------------------------------------------------------ day numbers

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** 'YYYY-MM-DD' of a day number (inverse of daysFromCivil). */
function civilFromDays(z: number): string {
  const zz = z + 719_468;
  const era = Math.floor(zz / 146_097);
  const doe = zz - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) throw new RangeError(`date out of range (day ${z})`);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The day number of a 'YYYY-MM-DD' date, or NaN when it is not a real calendar date. */
function tryDayNumber(date: string): number {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && isLeap(y) ? 29 : monthDays[mo - 1])) return Number.NaN;
  return daysFromCivil(y, mo, d);
}

function dayNumber(date: string): number {
  const n = tryDayNumber(date);
  if (Number.isNaN(n)) throw new RangeError(`not a date (YYYY-MM-DD): ${String(date)}`);
  return n;
}

/** True for a real calendar date written 'YYYY-MM-DD' (2026-02-30 is not). */
export function isIsoDate(date: string): boolean {
  return !Number.isNaN(tryDayNumber(date));
}

/** True for a real date between MIN_DATE and MAX_DATE, the range overrides may use. */
export function isDateInRange(date: string): boolean {
  return isIsoDate(date) && date >= MIN_DATE && date <= MAX_DATE;
}

/** 1970-01-01 was a Thursday: (day + 4) mod 7 is 0 on Sundays, 6 on Saturdays. */
const isWeekday = (day: number) => {
  const w = (((day + 4) % 7) + 7) % 7;
  return w !== 0 && w !== 6;
};

// ------------------------------------------------------------------ national calendar

type NationalEntry = { work: boolean; name: string; nameEn: string };

/** Holidays and 调休 days by day number, filled one year at a time on first use. */
const nationalEntries = new Map<number, NationalEntry>();
const loadedYears = new Set<number>();
/** Working or not by day number for the usual range, 0 = not computed, 1 = working, 2 = off. */
const BASE_FIRST = daysFromCivil(2000, 1, 1);
const BASE_LAST = daysFromCivil(2100, 12, 31);
const nationalMemo = new Int8Array(BASE_LAST - BASE_FIRST + 1);

/** Reads one year from chinese-days: the dates whose detail names a festival ('English,中文,days'). */
function loadYear(year: number): void {
  if (loadedYears.has(year)) return;
  loadedYears.add(year);
  const first = daysFromCivil(year, 1, 1);
  const last = daysFromCivil(year, 12, 31);
  for (let day = first; day <= last; day++) {
    const detail = chineseDays.getDayDetail(civilFromDays(day));
    const parts = detail.name.split(',');
    if (parts.length < 2) continue; // an ordinary weekday or weekend ('Monday', 'Saturday')
    nationalEntries.set(day, { work: detail.work, name: parts[1], nameEn: parts[0] });
  }
}

function yearOf(day: number): number {
  return Number(civilFromDays(day).slice(0, 4));
}

function nationalEntry(day: number): NationalEntry | undefined {
  loadYear(yearOf(day));
  return nationalEntries.get(day);
}

/** The national rule for a day number: chinese-days' holidays and 调休, else Monday–Friday. */
function nationalWork(day: number): boolean {
  const i = day - BASE_FIRST;
  if (i >= 0 && day <= BASE_LAST) {
    const memo = nationalMemo[i];
    if (memo !== 0) return memo === 1;
    const work = nationalEntry(day)?.work ?? isWeekday(day);
    nationalMemo[i] = work ? 1 : 2;
    return work;
  }
  return nationalEntry(day)?.work ?? isWeekday(day);
}

/** The national holidays and 调休 working days of a year, in date order (empty for a year chinese-days does not cover). */
export function nationalDays(year: number): NationalDay[] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`not a year: ${year}`);
  loadYear(year);
  const out: NationalDay[] = [];
  for (let day = daysFromCivil(year, 1, 1), last = daysFromCivil(year, 12, 31); day <= last; day++) {
    const e = nationalEntries.get(day);
    if (e) out.push({ date: civilFromDays(day), isWorkingDay: e.work, name: e.name, nameEn: e.nameEn });
  }
  return out;
}

// ------------------------------------------------------------------ calendars

const byDay = Symbol('workingByDayNumber');
type FastCalendar = WorkingCalendar & { [byDay]: (day: number) => boolean };

function makeCalendar(overrides: Map<number, boolean>, byDate: ReadonlyMap<string, boolean>): WorkingCalendar {
  const work = overrides.size === 0 ? nationalWork : (day: number) => overrides.get(day) ?? nationalWork(day);
  const cal: FastCalendar = {
    isWorkingDay: (date: string) => work(dayNumber(date)),
    overrides: byDate,
    [byDay]: work,
  };
  return cal;
}

/** Working-day test by day number; calendars made elsewhere (test doubles) go through their string method. */
function workTest(cal: WorkingCalendar): (day: number) => boolean {
  const fast = (cal as Partial<FastCalendar>)[byDay];
  return fast ?? ((day: number) => cal.isWorkingDay(civilFromDays(day)));
}

let national: WorkingCalendar | undefined;

/** The national calendar: chinese-days only (Monday–Friday for years it does not cover). */
export function nationalCalendar(): WorkingCalendar {
  national ??= makeCalendar(new Map(), new Map());
  return national;
}

/**
 * The national calendar with overrides, which win over chinese-days. When a date appears more
 * than once the later entry wins: pass national overrides first, the most specific region last.
 */
export function calendarWith(overrides: Iterable<{ date: string; isWorkingDay: boolean }>): WorkingCalendar {
  const byNumber = new Map<number, boolean>();
  const byDate = new Map<string, boolean>();
  for (const o of overrides) {
    byNumber.set(dayNumber(o.date), o.isWorkingDay);
    byDate.set(o.date, o.isWorkingDay);
  }
  return makeCalendar(byNumber, byDate);
}

// ------------------------------------------------------------------ arithmetic

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The calendar date in Asia/Shanghai (UTC+8, no daylight saving since 1991) of an instant. */
export function shanghaiDate(instant: Date): string {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid instant');
  return civilFromDays(Math.floor((t + SHANGHAI_OFFSET_MS) / 86_400_000));
}

/** The date n calendar days after (n < 0: before) `date`. */
export function addCalendarDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  return civilFromDays(dayNumber(date) + n);
}

/** The date on which a limit of n working days ends, counting from the day AFTER `start` (民法典 Art. 201); n = 0 → start. */
export function addWorkingDays(cal: WorkingCalendar, start: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  let day = dayNumber(start);
  if (n === 0) return start;
  const work = workTest(cal);
  let counted = 0;
  while (counted < n) {
    day++;
    if (work(day)) counted++;
  }
  return civilFromDays(day);
}

/** Working days d with from < d <= to (0 when to <= from). */
export function workingDaysBetween(cal: WorkingCalendar, from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b <= a) return 0;
  const work = workTest(cal);
  let n = 0;
  for (let day = a + 1; day <= b; day++) if (work(day)) n++;
  return n;
}
