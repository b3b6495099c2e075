import chineseDays from 'chinese-days';

/**
 * The working-day calendar (工作日历). Time limits are counted in working days (行政许可法 Art. 82:
 * 不含法定节假日) by the State Council's yearly notices, 调休 working weekends included, on dates
 * in Asia/Shanghai. The national calendar of a year comes from, in this order:
 *   1. a notice an administrator entered (`calendarWith(…, notices)`; official);
 *   2. `chinese-days` (2004 onwards, as far as the notices it knows; official);
 *   3. the law, 《全国年节及纪念日放假办法》 (`statutoryDays`): the statutory holidays and the days in
 *      lieu of those on a weekend, with no 调休 swaps or bridging. Such a year is *provisional* until
 *      its notice is entered.
 * Overrides (a local holiday) win over all three.
 *
 * Everything here is synchronous and pure once loaded. Dates are 'YYYY-MM-DD' strings at the
 * edges and whole days since 1970-01-01 inside, so loops do integer arithmetic, not Date objects.
 */

/** 'YYYY-MM-DD' dates throughout. */
export type WorkingCalendar = {
  isWorkingDay(date: string): boolean;
  overrides: ReadonlyMap<string, boolean>;
  /** True for a year whose notice is neither entered nor in chinese-days: its holidays are computed from the law. */
  isProvisionalYear(year: number): boolean;
};

/** A date of the national calendar that is not an ordinary weekday or weekend: a holiday or a 调休 working day. */
export type NationalDay = { date: string; isWorkingDay: boolean; name: string; nameEn: string };

/** An entered State Council notice: its year and the dates it names (rest days and 调休 working days). */
export type EnteredNotice = { year: number; days: { date: string; isWorkingDay: boolean }[] };

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

// ------------------------------------------------------------------ the law

/** The holidays of 《全国年节及纪念日放假办法》 Art. 2 (全体公民放假的节日). */
export const HOLIDAYS = {
  newYear: { zh: '元旦', en: "New Year's Day" },
  springFestival: { zh: '春节', en: 'Spring Festival' },
  qingming: { zh: '清明节', en: 'Tomb-sweeping Day' },
  labourDay: { zh: '劳动节', en: 'Labour Day' },
  dragonBoat: { zh: '端午节', en: 'Dragon Boat Festival' },
  midAutumn: { zh: '中秋节', en: 'Mid-autumn Festival' },
  nationalDay: { zh: '国庆节', en: 'National Day' },
} as const;
export type HolidayKey = keyof typeof HOLIDAYS;
export const holidayKeys = Object.keys(HOLIDAYS) as HolidayKey[];

type Law = { from: number; ref: string; springFestival: number[]; labourDay: number[]; lunarHolidays: boolean };

/**
 * Art. 2 of 《全国年节及纪念日放假办法》 as in force on 1 January of a year (the first that applies).
 * - 国务院令第795号 (2024-11-10, in force 2025-01-01), current: 元旦 1天 (1月1日); 春节 4天 (农历除夕、
 *   正月初一至初三); 清明节 1天 (农历清明当日); 劳动节 2天 (5月1日、2日); 端午节 1天 (农历端午当日);
 *   中秋节 1天 (农历中秋当日); 国庆节 3天 (10月1日至3日). Its new Art. 7 allows 调休 to form longer
 *   breaks — decided by each year's notice, so not computed here.
 * - 国务院令第644号 (2013-12-11, 2014): 春节 农历正月初一、初二、初三; 劳动节 5月1日.
 * - 国务院令第513号 (2007-12-14, 2008): 春节 农历除夕、正月初一、初二; 清明、端午、中秋 added; 劳动节 5月1日.
 * - 国务院令第270号 (1999-09-18): 元旦; 春节 正月初一至初三; 劳动节 5月1日至3日; 国庆节 10月1日至3日.
 * Art. 6 (all versions): 全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假.
 */
const LAWS: Law[] = [
  { from: 2025, ref: '国务院令第795号', springFestival: [-1, 0, 1, 2], labourDay: [1, 2], lunarHolidays: true },
  { from: 2014, ref: '国务院令第644号', springFestival: [0, 1, 2], labourDay: [1], lunarHolidays: true },
  { from: 2008, ref: '国务院令第513号', springFestival: [-1, 0, 1], labourDay: [1], lunarHolidays: true },
  { from: 2000, ref: '国务院令第270号', springFestival: [0, 1, 2], labourDay: [1, 2, 3], lunarHolidays: false },
];

/** A day off under the law: a statutory holiday, or a day in lieu (补假) of one on a weekend. */
export type StatutoryDay = { date: string; holiday: HolidayKey; name: string; nameEn: string; inLieu: boolean };

const FIRST_LAW_YEAR = 2000;
const LAST_LUNAR_YEAR = 2100;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
/** The solar date of a lunar month and day of lunar year `year` (not a leap month), by chinese-days' tables. */
const lunarDay = (year: number, month: number, day: number) =>
  dayNumber(chineseDays.getSolarDateFromLunar(`${year}-${pad2(month)}-${pad2(day)}`).date);

/**
 * The days off the law gives in a year (2000–2100; none outside): the statutory holidays of the
 * version in force (LAWS) and, per Art. 6, a day in lieu for each one on a Saturday or Sunday — and
 * for each day two holidays share (中秋 on 1 October: the notices of 2001 and 2020 gave it, the 2025
 * notice's principles say so) — on the first Monday–Friday after it that is not itself off. The notice
 * decides where a day in lieu falls; "the next weekday" is what the notices of 2004–2026 did in all
 * but 2012 (端午 on Sat 6-23: Fri 6-22 off) and 2015 (中秋 on Sun 9-27: none given).
 */
export function statutoryDays(year: number): StatutoryDay[] {
  if (!Number.isInteger(year) || year < FIRST_LAW_YEAR || year > LAST_LUNAR_YEAR) return [];
  const law = LAWS.find((l) => year >= l.from)!;
  const days: { day: number; holiday: HolidayKey }[] = [];
  const add = (day: number, holiday: HolidayKey) => days.push({ day, holiday });
  add(daysFromCivil(year, 1, 1), 'newYear');
  const newYear = lunarDay(year, 1, 1);
  for (const k of law.springFestival) add(newYear + k, 'springFestival');
  if (law.lunarHolidays) {
    const qingming = chineseDays.getSolarTerms(`${year}-04-01`, `${year}-04-10`).find((t) => t.term === 'pure_brightness');
    if (!qingming) throw new Error(`no 清明 solar term found in April ${year}`);
    add(dayNumber(qingming.date), 'qingming');
  }
  for (const d of law.labourDay) add(daysFromCivil(year, 5, d), 'labourDay');
  if (law.lunarHolidays) {
    add(lunarDay(year, 5, 5), 'dragonBoat');
    add(lunarDay(year, 8, 15), 'midAutumn');
  }
  for (const d of [1, 2, 3]) add(daysFromCivil(year, 10, d), 'nationalDay');
  days.sort((a, b) => a.day - b.day);

  const off = new Set(days.map((d) => d.day));
  const out: StatutoryDay[] = days.map((d) => ({ ...named(d.holiday, false), date: civilFromDays(d.day) }));
  const seen = new Set<number>();
  for (const d of days) {
    const owed = !isWeekday(d.day) || seen.has(d.day);
    seen.add(d.day);
    if (!owed) continue;
    let lieu = d.day + 1;
    while (!isWeekday(lieu) || off.has(lieu)) lieu++;
    off.add(lieu);
    out.push({ ...named(d.holiday, true), date: civilFromDays(lieu) });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function named(holiday: HolidayKey, inLieu: boolean): Omit<StatutoryDay, 'date'> {
  const h = HOLIDAYS[holiday];
  return inLieu
    ? { holiday, name: `${h.zh}（补假）`, nameEn: `${h.en} (day in lieu)`, inLieu }
    : { holiday, name: h.zh, nameEn: h.en, inLieu };
}

/** The reference of the law whose Art. 2 applies in a year (for the year list). */
export function lawOf(year: number): string | null {
  return year >= FIRST_LAW_YEAR && year <= LAST_LUNAR_YEAR ? LAWS.find((l) => year >= l.from)!.ref : null;
}

// ------------------------------------------------------------------ national calendar

type NationalEntry = { work: boolean; name: string; nameEn: string };

/** Holidays and 调休 days by day number, filled one year at a time on first use. */
const nationalEntries = new Map<number, NationalEntry>();
/** Per loaded year: true when chinese-days carries its notice, false when it was computed from the law. */
const packageYears = new Map<number, boolean>();
/** Working or not by day number for the usual range, 0 = not computed, 1 = working, 2 = off. */
const BASE_FIRST = daysFromCivil(2000, 1, 1);
const BASE_LAST = daysFromCivil(2100, 12, 31);
const nationalMemo = new Int8Array(BASE_LAST - BASE_FIRST + 1);

/**
 * Reads one year from chinese-days: the dates whose detail names a festival ('English,中文,days').
 * A year it does not know gets the law's days off instead.
 */
function loadYear(year: number): void {
  if (packageYears.has(year)) return;
  const first = daysFromCivil(year, 1, 1);
  const last = daysFromCivil(year, 12, 31);
  let found = false;
  for (let day = first; day <= last; day++) {
    const detail = chineseDays.getDayDetail(civilFromDays(day));
    const parts = detail.name.split(',');
    if (parts.length < 2) continue; // an ordinary weekday or weekend ('Monday', 'Saturday')
    nationalEntries.set(day, { work: detail.work, name: parts[1], nameEn: parts[0] });
    found = true;
  }
  if (!found) for (const d of statutoryDays(year)) nationalEntries.set(dayNumber(d.date), { work: false, name: d.name, nameEn: d.nameEn });
  packageYears.set(year, found);
}

/** True when chinese-days carries the year's notice (an official year without any entry by an administrator). */
export function isPackageYear(year: number): boolean {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return false;
  loadYear(year);
  return packageYears.get(year) === true;
}

function yearOf(day: number): number {
  return Number(civilFromDays(day).slice(0, 4));
}

function nationalEntry(day: number): NationalEntry | undefined {
  loadYear(yearOf(day));
  return nationalEntries.get(day);
}

/** The national rule for a day number: chinese-days' holidays and 调休, else the law's days off, else Monday–Friday. */
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

/**
 * The national holidays and 调休 working days of a year, in date order: chinese-days' for a year it
 * covers (`isPackageYear`), else the law's days off (`statutoryDays`; no 调休).
 */
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

/** Entered notices by day number: the dates they name, and the years they cover (other dates of those years: Monday–Friday). */
type NoticeLayer = { days: Map<number, boolean>; years: Set<number>; ranges: [number, number][] };

function noticeLayer(notices: Iterable<EnteredNotice>): NoticeLayer | null {
  const layer: NoticeLayer = { days: new Map(), years: new Set(), ranges: [] };
  for (const n of notices) {
    layer.years.add(n.year);
    layer.ranges.push([daysFromCivil(n.year, 1, 1), daysFromCivil(n.year, 12, 31)]);
    for (const d of n.days) layer.days.set(dayNumber(d.date), d.isWorkingDay);
  }
  return layer.years.size === 0 ? null : layer;
}

function makeCalendar(overrides: Map<number, boolean>, byDate: ReadonlyMap<string, boolean>, notices: NoticeLayer | null): WorkingCalendar {
  const base = notices
    ? (day: number) => {
        const named = notices.days.get(day);
        if (named !== undefined) return named;
        return notices.ranges.some(([a, b]) => day >= a && day <= b) ? isWeekday(day) : nationalWork(day);
      }
    : nationalWork;
  const work = overrides.size === 0 ? base : (day: number) => overrides.get(day) ?? base(day);
  const cal: FastCalendar = {
    isWorkingDay: (date: string) => work(dayNumber(date)),
    overrides: byDate,
    isProvisionalYear: (year: number) => !(notices?.years.has(year) || isPackageYear(year)),
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

/** The national calendar without entered notices: chinese-days, else the law's days off. */
export function nationalCalendar(): WorkingCalendar {
  national ??= makeCalendar(new Map(), new Map(), null);
  return national;
}

/**
 * The national calendar with entered notices (each replaces chinese-days and the law for the dates of
 * its year, and names its own dates) and overrides, which win over everything. When a date appears
 * more than once the later entry wins: pass national overrides first, the most specific region last.
 */
export function calendarWith(
  overrides: Iterable<{ date: string; isWorkingDay: boolean }>,
  notices: Iterable<EnteredNotice> = [],
): WorkingCalendar {
  const byNumber = new Map<number, boolean>();
  const byDate = new Map<string, boolean>();
  for (const o of overrides) {
    byNumber.set(dayNumber(o.date), o.isWorkingDay);
    byDate.set(o.date, o.isWorkingDay);
  }
  return makeCalendar(byNumber, byDate, noticeLayer(notices));
}

/** The provisional years among those from `from`'s to `to`'s (inclusive), in order. */
export function provisionalYears(cal: WorkingCalendar, from: string, to: string): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)), last = Number(to.slice(0, 4)); y <= last; y++) if (cal.isProvisionalYear(y)) out.push(y);
  return out;
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
