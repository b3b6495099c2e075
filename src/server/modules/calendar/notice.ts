import { addCalendarDays, HOLIDAYS, type HolidayKey, isDateInRange, MAX_DATE, MIN_DATE, statutoryDays } from '../../platform/calendar.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * A State Council holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) as entered, line by
 * line: each holiday's rest days (放假调休, first to last) and its 调休 workdays (weekend days worked).
 * A line may carry its own name for a combined break ("国庆节、中秋节").
 */
export type NoticeLine = { holiday: HolidayKey; name?: string; restFrom: string; restTo: string; workdays: string[] };

/** A date the notice names: off (a rest day) or worked (a 调休 workday). */
export type NoticeDay = { date: string; isWorkingDay: boolean; holiday: HolidayKey; name: string; nameEn: string };

/** The longest break a line may give (the longest so far: 8 days, 春节 2025 and 国庆 2020). */
export const MAX_REST_DAYS = 15;

const dayOfWeek = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Every date from `from` to `to` inclusive (both valid, from ≤ to). */
function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

/**
 * Checks a notice of `year` and throws the first problem as a catalog error naming the field
 * (`body.lines.2.restTo`): an invalid date; a date outside the year (the 元旦 line may begin in the
 * previous December's last week, as the notices for 2019 and 2023 did); rest days that end before
 * they begin or exceed MAX_REST_DAYS; a holiday given twice; a date given twice; a 调休 workday that
 * is not a Saturday or Sunday; a statutory holiday of the law that no line gives off.
 */
export function checkNotice(year: number, lines: NoticeLine[]): void {
  const seenHoliday = new Set<HolidayKey>();
  const seenDate = new Set<string>();
  const earliest = (holiday: HolidayKey) => (holiday === 'newYear' ? `${year - 1}-12-25` : `${year}-01-01`);
  lines.forEach((line, i) => {
    const field = (name: string) => `body.lines.${i}.${name}`;
    const checkDate = (date: string, name: string) => {
      if (!isDateInRange(date))
        throw new AppError('CALENDAR_DATE_INVALID', { field: field(name), value: date, min: MIN_DATE, max: MAX_DATE });
      if (date < earliest(line.holiday) || date > `${year}-12-31`)
        throw new AppError('CALENDAR_NOTICE_DATE_OUTSIDE_YEAR', { field: field(name), value: date, year });
    };
    checkDate(line.restFrom, 'restFrom');
    checkDate(line.restTo, 'restTo');
    for (const [k, d] of line.workdays.entries()) checkDate(d, `workdays.${k}`);
    if (line.restTo < line.restFrom || addCalendarDays(line.restFrom, MAX_REST_DAYS - 1) < line.restTo)
      throw new AppError('CALENDAR_NOTICE_RANGE_INVALID', {
        field: field('restTo'),
        from: line.restFrom,
        to: line.restTo,
        maxDays: MAX_REST_DAYS,
      });
    if (seenHoliday.has(line.holiday))
      throw new AppError('CALENDAR_NOTICE_HOLIDAY_REPEATED', { field: field('holiday'), holiday: line.holiday });
    seenHoliday.add(line.holiday);
    for (const d of datesBetween(line.restFrom, line.restTo)) {
      if (seenDate.has(d)) throw new AppError('CALENDAR_NOTICE_DATE_REPEATED', { field: field('restFrom'), value: d });
      seenDate.add(d);
    }
    line.workdays.forEach((d, k) => {
      if (seenDate.has(d)) throw new AppError('CALENDAR_NOTICE_DATE_REPEATED', { field: field(`workdays.${k}`), value: d });
      seenDate.add(d);
      if (dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6)
        throw new AppError('CALENDAR_NOTICE_WORKDAY_NOT_WEEKEND', { field: field(`workdays.${k}`), value: d });
    });
  });
  const off = new Set(lines.flatMap((l) => datesBetween(l.restFrom, l.restTo)));
  const missing = statutoryDays(year).find((d) => !d.inLieu && !off.has(d.date));
  if (missing)
    throw new AppError('CALENDAR_NOTICE_STATUTORY_DAY_MISSING', { field: 'body.lines', date: missing.date, holiday: missing.holiday });
}

/** The dates a (checked) notice names, in date order. */
export function noticeDays(lines: NoticeLine[]): NoticeDay[] {
  const out: NoticeDay[] = [];
  for (const line of lines) {
    const name = line.name ?? HOLIDAYS[line.holiday].zh;
    const nameEn = HOLIDAYS[line.holiday].en;
    for (const date of datesBetween(line.restFrom, line.restTo))
      out.push({ date, isWorkingDay: false, holiday: line.holiday, name, nameEn });
    for (const date of line.workdays) out.push({ date, isWorkingDay: true, holiday: line.holiday, name, nameEn });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
