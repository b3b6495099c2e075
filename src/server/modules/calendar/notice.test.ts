import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { nationalDays } from '../../platform/calendar.ts';
import { AppError } from '../../platform/errors.ts';
import { checkNotice, type NoticeLine, noticeDays } from './notice.ts';

/** The 2026 notice (国办发明电〔2025〕7号) as an administrator types it. */
const notice2026: NoticeLine[] = [
  { holiday: 'newYear', restFrom: '2026-01-01', restTo: '2026-01-03', workdays: ['2026-01-04'] },
  { holiday: 'springFestival', restFrom: '2026-02-15', restTo: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] },
  { holiday: 'qingming', restFrom: '2026-04-04', restTo: '2026-04-06', workdays: [] },
  { holiday: 'labourDay', restFrom: '2026-05-01', restTo: '2026-05-05', workdays: ['2026-05-09'] },
  { holiday: 'dragonBoat', restFrom: '2026-06-19', restTo: '2026-06-21', workdays: [] },
  { holiday: 'midAutumn', restFrom: '2026-09-25', restTo: '2026-09-27', workdays: [] },
  { holiday: 'nationalDay', restFrom: '2026-10-01', restTo: '2026-10-07', workdays: ['2026-09-20', '2026-10-10'] },
];

/** The 2023 notice: 元旦 from 2022-12-31, 中秋 and 国庆 as one break. */
const notice2023: NoticeLine[] = [
  { holiday: 'newYear', restFrom: '2022-12-31', restTo: '2023-01-02', workdays: [] },
  { holiday: 'springFestival', restFrom: '2023-01-21', restTo: '2023-01-27', workdays: ['2023-01-28', '2023-01-29'] },
  { holiday: 'qingming', restFrom: '2023-04-05', restTo: '2023-04-05', workdays: [] },
  { holiday: 'labourDay', restFrom: '2023-04-29', restTo: '2023-05-03', workdays: ['2023-04-23', '2023-05-06'] },
  { holiday: 'dragonBoat', restFrom: '2023-06-22', restTo: '2023-06-24', workdays: ['2023-06-25'] },
  { holiday: 'midAutumn', name: '中秋节、国庆节', restFrom: '2023-09-29', restTo: '2023-10-06', workdays: ['2023-10-07', '2023-10-08'] },
];

/** The error a check throws, as code and details. */
function problem(year: number, lines: NoticeLine[]) {
  try {
    checkNotice(year, lines);
    return null;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { code: err.code, details: err.details };
  }
}
const edit = (lines: NoticeLine[], i: number, patch: Partial<NoticeLine>) => lines.map((l, k) => (k === i ? { ...l, ...patch } : l));

describe('holiday notices', () => {
  it('the 2026 and 2023 notices pass and name exactly the dates chinese-days has for them', () => {
    for (const [year, lines] of [
      [2026, notice2026],
      [2023, notice2023],
    ] as const) {
      expect(problem(year, lines)).toBeNull();
      for (const d of noticeDays(lines)) expect([d.date, chineseDays.isWorkday(d.date)]).toEqual([d.date, d.isWorkingDay]);
      // …and chinese-days has no other holiday or 调休 day in that year.
      const named = noticeDays(lines).filter((d) => d.date.startsWith(`${year}-`));
      expect(named.map((d) => d.date)).toEqual(nationalDays(year).map((d) => d.date));
    }
    expect(noticeDays(notice2023).find((d) => d.date === '2023-10-01')).toEqual({
      date: '2023-10-01',
      isWorkingDay: false,
      holiday: 'midAutumn',
      name: '中秋节、国庆节',
      nameEn: 'Mid-autumn Festival',
    });
  });

  it('refuses each kind of mistake with its own code, naming the field', () => {
    expect(problem(2026, edit(notice2026, 1, { restTo: '2026-02-30' }))).toMatchObject({
      code: 'CALENDAR_DATE_INVALID',
      details: { field: 'body.lines.1.restTo', value: '2026-02-30' },
    });
    expect(problem(2027, notice2026)).toMatchObject({
      code: 'CALENDAR_NOTICE_DATE_OUTSIDE_YEAR',
      details: { field: 'body.lines.0.restFrom', value: '2026-01-01', year: 2027 },
    });
    // Only 元旦 may begin in the previous December, and only in its last week.
    expect(problem(2026, edit(notice2026, 0, { restFrom: '2025-12-31' }))).toBeNull();
    expect(problem(2026, edit(notice2026, 0, { restFrom: '2025-12-20' }))).toMatchObject({ code: 'CALENDAR_NOTICE_DATE_OUTSIDE_YEAR' });
    expect(problem(2026, edit(notice2026, 6, { workdays: ['2027-01-02'] }))).toMatchObject({
      code: 'CALENDAR_NOTICE_DATE_OUTSIDE_YEAR',
      details: { field: 'body.lines.6.workdays.0' },
    });
    expect(problem(2026, edit(notice2026, 3, { restFrom: '2026-05-05', restTo: '2026-05-01' }))).toMatchObject({
      code: 'CALENDAR_NOTICE_RANGE_INVALID',
      details: { field: 'body.lines.3.restTo' },
    });
    expect(problem(2026, edit(notice2026, 6, { restTo: '2026-10-16' }))).toMatchObject({ code: 'CALENDAR_NOTICE_RANGE_INVALID' });
    expect(problem(2026, edit(notice2026, 5, { holiday: 'nationalDay' }))).toMatchObject({
      code: 'CALENDAR_NOTICE_HOLIDAY_REPEATED',
      details: { field: 'body.lines.6.holiday', holiday: 'nationalDay' },
    });
    // 中秋 9-25…10-01 overlaps 国庆 on 10-01, reported on the later line.
    expect(problem(2026, edit(notice2026, 5, { restTo: '2026-10-01' }))).toMatchObject({
      code: 'CALENDAR_NOTICE_DATE_REPEATED',
      details: { field: 'body.lines.6.restFrom', value: '2026-10-01' },
    });
    expect(problem(2026, edit(notice2026, 2, { restFrom: '2026-04-03', restTo: '2026-04-20' }))).toMatchObject({
      code: 'CALENDAR_NOTICE_RANGE_INVALID',
      details: { maxDays: 15 },
    });
    expect(problem(2026, edit(notice2026, 2, { restTo: '2026-05-01', restFrom: '2026-04-25' }))).toMatchObject({
      code: 'CALENDAR_NOTICE_DATE_REPEATED',
      details: { field: 'body.lines.3.restFrom', value: '2026-05-01' },
    });
    expect(problem(2026, edit(notice2026, 1, { workdays: ['2026-02-14', '2026-02-14'] }))).toMatchObject({
      code: 'CALENDAR_NOTICE_DATE_REPEATED',
      details: { field: 'body.lines.1.workdays.1' },
    });
    expect(problem(2026, edit(notice2026, 1, { workdays: ['2026-02-15'] }))).toMatchObject({ code: 'CALENDAR_NOTICE_DATE_REPEATED' });
    expect(problem(2026, edit(notice2026, 1, { workdays: ['2026-02-27'] }))).toMatchObject({
      code: 'CALENDAR_NOTICE_WORKDAY_NOT_WEEKEND',
      details: { field: 'body.lines.1.workdays.0', value: '2026-02-27' },
    });
    expect(problem(2026, notice2026.slice(0, 6))).toMatchObject({
      code: 'CALENDAR_NOTICE_STATUTORY_DAY_MISSING',
      details: { date: '2026-10-01', holiday: 'nationalDay' },
    });
    // 2026 春节 by the law is 除夕 (02-16) to 初三 (02-19): a break that starts later misses 除夕.
    expect(problem(2026, edit(notice2026, 1, { restFrom: '2026-02-17', workdays: [] }))).toMatchObject({
      code: 'CALENDAR_NOTICE_STATUTORY_DAY_MISSING',
      details: { date: '2026-02-16', holiday: 'springFestival' },
    });
  });
});
