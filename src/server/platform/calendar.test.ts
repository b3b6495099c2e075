import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  calendarWith,
  isDateInRange,
  isIsoDate,
  isPackageYear,
  nationalCalendar,
  nationalDays,
  provisionalYears,
  shanghaiDate,
  statutoryDays,
  workingDaysBetween,
} from './calendar.ts';

const cal = nationalCalendar();
const due = (start: string, n: number) => addWorkingDays(cal, start, n);

/*
 * Expected dates are worked out by hand from the State Council's notices (国务院办公厅关于
 * 2025年 / 2026年部分节假日安排的通知). Counting starts on the day AFTER acceptance; a day
 * numbered "k" below is the k-th working day.
 */
describe('national calendar agrees with the State Council notices', () => {
  it('2025 春节: 1月28日–2月4日 off, 1月26日 (Sun) and 2月8日 (Sat) worked', () => {
    expect(['2025-01-28', '2025-01-31', '2025-02-04'].map(cal.isWorkingDay)).toEqual([false, false, false]);
    expect(['2025-01-26', '2025-02-08'].map(cal.isWorkingDay)).toEqual([true, true]);
    // accepted Fri 01-24: 01-25 Sat off, 01-26 Sun 调休 1, 01-27 Mon 2, 01-28…02-04 off, 02-05 Wed 3
    expect(due('2025-01-24', 3)).toBe('2025-02-05');
    // accepted Mon 01-27, n = 20 across 春节: 01-28…02-04 off; 02-05 W 1, 02-06 2, 02-07 3, 02-08 Sat 调休 4,
    // 02-10…02-14 5–9, 02-17…02-21 10–14, 02-24…02-28 15–19, 03-03 Mon 20
    expect(due('2025-01-27', 20)).toBe('2025-03-03');
  });

  it('acceptance on a holiday counts from the next day: accepted 2025-01-30 (初二), 1 day → 02-05', () => {
    // 01-31…02-04 off, 02-05 Wed 1
    expect(due('2025-01-30', 1)).toBe('2025-02-05');
    // accepted on 2026-10-03 (Sat, 国庆): 10-04…10-07 off, 10-08 Thu 1, 10-09 Fri 2
    expect(due('2026-10-03', 2)).toBe('2026-10-09');
  });

  it('2025 国庆/中秋: 10月1–8日 off, 9月28日 (Sun) and 10月11日 (Sat) worked', () => {
    expect(cal.isWorkingDay('2025-10-06')).toBe(false); // 中秋 on a Monday inside the break
    expect(cal.isWorkingDay('2025-10-08')).toBe(false);
    // accepted Fri 09-26: 09-27 Sat off, 09-28 Sun 调休 1, 09-29 Mon 2
    expect(due('2025-09-26', 2)).toBe('2025-09-29');
    // accepted Tue 09-30: 10-01…10-08 off, 10-09 Thu 1, 10-10 Fri 2, 10-11 Sat 调休 3
    expect(due('2025-09-30', 3)).toBe('2025-10-11');
    // one more: 10-12 Sun off, 10-13 Mon 4
    expect(due('2025-09-30', 4)).toBe('2025-10-13');
  });

  it('across the year end into 2026 元旦: 1月1–3日 off, 1月4日 (Sun) worked', () => {
    // accepted Tue 2025-12-30: 12-31 Wed 1, 01-01…01-03 off, 01-04 Sun 调休 2, 01-05 Mon 3
    expect(due('2025-12-30', 3)).toBe('2026-01-05');
    // accepted Wed 12-31: 01-01…01-03 off, 01-04 Sun 调休 1
    expect(due('2025-12-31', 1)).toBe('2026-01-04');
    expect(workingDaysBetween(cal, '2025-12-30', '2026-01-05')).toBe(3);
  });

  it('2026 春节: 2月15–23日 off, 2月14日 and 2月28日 (Sat) worked; n = 20 across it', () => {
    expect(['2026-02-14', '2026-02-28'].map(cal.isWorkingDay)).toEqual([true, true]);
    expect(['2026-02-15', '2026-02-16', '2026-02-23'].map(cal.isWorkingDay)).toEqual([false, false, false]);
    // accepted Thu 02-12: 02-13 Fri 1, 02-14 Sat 调休 2, 02-15…02-23 off, 02-24 Tue 3, 02-25 4, 02-26 5, 02-27 6,
    // 02-28 Sat 调休 7, 03-02…03-06 8–12, 03-09…03-13 13–17, 03-16 18, 03-17 19, 03-18 Wed 20
    expect(due('2026-02-12', 20)).toBe('2026-03-18');
  });

  it('2026 中秋 9月25–27日 and 国庆 10月1–7日 off, 9月20日 (Sun) and 10月10日 (Sat) worked', () => {
    // accepted Wed 09-30 with 5 days: 10-01…10-07 off, 10-08 Thu 1, 10-09 Fri 2, 10-10 Sat 调休 3, 10-11 Sun off, 10-12 Mon 4, 10-13 Tue 5
    expect(due('2026-09-30', 5)).toBe('2026-10-13');
    // accepted Fri 09-18: 09-19 Sat off, 09-20 Sun 调休 1, 09-21 Mon 2, 09-22 3, 09-23 4, 09-24 Thu 5
    expect(due('2026-09-18', 5)).toBe('2026-09-24');
    // the 6th: 09-25 Fri 中秋, 09-26, 09-27 off, 09-28 Mon 6
    expect(due('2026-09-18', 6)).toBe('2026-09-28');
  });

  it('n = 0 is the start itself, even on a holiday', () => {
    expect(due('2026-10-01', 0)).toBe('2026-10-01');
    expect(due('2026-10-12', 0)).toBe('2026-10-12');
  });

  it('matches chinese-days on every day it covers (2004–2026)', () => {
    for (let d = '2004-01-01'; d <= '2026-12-31'; d = addCalendarDays(d, 1)) {
      if (cal.isWorkingDay(d) !== chineseDays.isWorkday(d)) throw new Error(`disagrees on ${d}`);
    }
  });

  it("lists a year's holidays and 调休 days with their names", () => {
    const y2026 = nationalDays(2026);
    expect(y2026.find((d) => d.date === '2026-10-10')).toEqual({
      date: '2026-10-10',
      isWorkingDay: true,
      name: '国庆节',
      nameEn: 'National Day',
    });
    expect(y2026.filter((d) => d.isWorkingDay).map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    // 2027 has no notice in chinese-days: the law's days off, no 调休 working days.
    const y2027 = nationalDays(2027);
    expect(y2027.map((d) => d.date)).toEqual(statutoryDays(2027).map((d) => d.date));
    expect(y2027.every((d) => !d.isWorkingDay)).toBe(true);
  });
});

describe('overrides', () => {
  it('win over chinese-days, and the later of two entries for a date wins', () => {
    const local = calendarWith([{ date: '2026-10-12', isWorkingDay: false }]);
    // 10-08 1, 10-09 2, 10-10 Sat 调休 3, 10-12 local holiday, 10-13 Tue 4, 10-14 Wed 5
    expect(addWorkingDays(local, '2026-09-30', 5)).toBe('2026-10-14');
    expect(local.overrides.get('2026-10-12')).toBe(false);
    const noMakeUp = calendarWith([{ date: '2026-10-10', isWorkingDay: false }]);
    // 10-08 1, 10-09 2, 10-10 now off, 10-12 3, 10-13 4, 10-14 5
    expect(addWorkingDays(noMakeUp, '2026-09-30', 5)).toBe('2026-10-14');
    const layered = calendarWith([
      { date: '2026-10-12', isWorkingDay: false },
      { date: '2026-10-12', isWorkingDay: true },
    ]);
    expect(layered.isWorkingDay('2026-10-12')).toBe(true);
    expect(cal.isWorkingDay('2026-10-12')).toBe(true); // the national calendar is untouched
  });

  it('2027 (not in chinese-days) follows the law until its notice is entered; an entered notice replaces the law for its year', () => {
    // accepted Thu 2027-09-30, by the law: 10-01 Fri 国庆, 10-02/03 weekend, 10-04/05 补假, 10-06 Wed 1, 10-07 2, 10-08 3
    expect(due('2027-09-30', 3)).toBe('2027-10-08');
    const days = [
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2027-10-${d}`, isWorkingDay: false })),
      { date: '2027-10-09', isWorkingDay: true },
    ];
    const notice = calendarWith([], [{ year: 2027, days }]);
    // 10-01…10-07 off, 10-08 Fri 1, 10-09 Sat (调休: worked) 2, 10-10 Sun off, 10-11 Mon 3
    expect(addWorkingDays(notice, '2027-09-30', 3)).toBe('2027-10-11');
    expect(workingDaysBetween(notice, '2027-09-30', '2027-10-11')).toBe(3);
    // Dates of 2027 the notice does not name are ordinary: the law's 春节 补假 (02-09) is not applied.
    expect([cal.isWorkingDay('2027-02-09'), notice.isWorkingDay('2027-02-09')]).toEqual([false, true]);
    expect([cal.isProvisionalYear(2027), notice.isProvisionalYear(2027), notice.isProvisionalYear(2028)]).toEqual([true, false, true]);
    // An override still wins over the notice.
    const local = calendarWith([{ date: '2027-10-08', isWorkingDay: false }], [{ year: 2027, days }]);
    expect(addWorkingDays(local, '2027-09-30', 3)).toBe('2027-10-12');
  });

  it('reject a malformed date', () => {
    expect(() => calendarWith([{ date: '2026-02-30', isWorkingDay: false }])).toThrow(RangeError);
  });
});

describe('the law: statutory holidays of a year without a notice (全国年节及纪念日放假办法)', () => {
  const official = (date: string) => !chineseDays.isWorkday(date);

  it('2027: 元旦, 春节 from 除夕 (2027-02-05), 清明, 劳动节 1–2 May, 端午, 中秋, 国庆 1–3 Oct, and 补假 for weekend ones', () => {
    // 除夕 is the last day of the twelfth lunar month: 腊月廿九 this year (the month has 29 days).
    expect(chineseDays.getLunarDate('2027-02-05')).toMatchObject({ lunarMon: 12, lunarDay: 29 });
    expect(chineseDays.getLunarDate('2027-02-06')).toMatchObject({ lunarMon: 1, lunarDay: 1, lunarYear: 2027 });
    expect(statutoryDays(2027).map((d) => `${d.date} ${d.name}`)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-02-09 春节（补假）',
      '2027-02-10 春节（补假）',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-05-03 劳动节（补假）',
      '2027-05-04 劳动节（补假）',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
      '2027-10-04 国庆节（补假）',
      '2027-10-05 国庆节（补假）',
    ]);
    // 13 statutory days, each either on a weekday or made up on one: 13 weekdays off.
    const weekdaysOff = statutoryDays(2027).filter((d) => ![0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay()));
    expect(weekdaysOff).toHaveLength(13);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
    expect(cal.isWorkingDay('2027-01-04')).toBe(true);
    expect([isPackageYear(2026), isPackageYear(2027), cal.isProvisionalYear(2026), cal.isProvisionalYear(2027)]).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(provisionalYears(cal, '2026-12-01', '2028-01-10')).toEqual([2027, 2028]);
  });

  it('follows the version of the law in force: 春节 with 除夕 2008–2013 and from 2025, 劳动节 2 days from 2025', () => {
    const of = (year: number, holiday: string) =>
      statutoryDays(year)
        .filter((d) => d.holiday === holiday && !d.inLieu)
        .map((d) => d.date);
    expect(of(2024, 'springFestival')).toEqual(['2024-02-10', '2024-02-11', '2024-02-12']); // 初一–初三 (第644号)
    expect(of(2025, 'springFestival')).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']); // 除夕–初三 (第795号)
    expect(of(2013, 'springFestival')).toEqual(['2013-02-09', '2013-02-10', '2013-02-11']); // 除夕–初二 (第513号)
    expect(of(2024, 'labourDay')).toEqual(['2024-05-01']);
    expect(of(2025, 'labourDay')).toEqual(['2025-05-01', '2025-05-02']);
    expect(of(2007, 'qingming')).toEqual([]); // 清明, 端午, 中秋 from 2008
    expect(of(2007, 'labourDay')).toEqual(['2007-05-01', '2007-05-02', '2007-05-03']);
    expect(statutoryDays(1999)).toEqual([]);
  });

  it('every statutory holiday of 2004–2026 is a rest day of that year’s notice (chinese-days)', () => {
    const missing: string[] = [];
    for (let year = 2004; year <= 2026; year++) {
      expect(isPackageYear(year)).toBe(true);
      for (const d of statutoryDays(year)) if (!d.inLieu && !official(d.date)) missing.push(d.date);
    }
    expect(missing).toEqual([]);
  });

  it('the days in lieu (补假, "the next weekday") are rest days of the notices 2004–2026 but two', () => {
    const differences: string[] = [];
    let count = 0;
    for (let year = 2004; year <= 2026; year++) {
      for (const d of statutoryDays(year).filter((x) => x.inLieu)) {
        count++;
        if (!official(d.date)) differences.push(`${d.date} ${d.name}`);
      }
    }
    expect(count).toBeGreaterThan(50);
    // 2012: 端午 on Sat 6-23, the notice gave Fri 6-22 instead; 2015: 中秋 on Sun 9-27, the notice gave no day.
    expect(differences).toEqual(['2012-06-25 端午节（补假）', '2015-09-28 中秋节（补假）']);
  });
});

describe('date arithmetic', () => {
  it('shanghaiDate is UTC+8', () => {
    expect(shanghaiDate(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(shanghaiDate(new Date('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
    expect(shanghaiDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });

  it('addCalendarDays handles months, leap years and negative steps', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addCalendarDays('2000-01-01', 36_524)).toBe('2099-12-31');
  });

  it('validates dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isDateInRange('1999-12-31')).toBe(false);
    expect(isDateInRange('2101-01-01')).toBe(false);
    expect(() => addWorkingDays(cal, 'yesterday', 1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, '2026-01-01', -1)).toThrow(RangeError);
  });

  it('workingDaysBetween counts from < d <= to and is 0 when to <= from', () => {
    expect(workingDaysBetween(cal, '2026-09-30', '2026-10-13')).toBe(5);
    expect(workingDaysBetween(cal, '2026-10-13', '2026-09-30')).toBe(0);
    expect(workingDaysBetween(cal, '2026-10-13', '2026-10-13')).toBe(0);
    expect(workingDaysBetween(cal, '2026-09-30', '2026-10-07')).toBe(0);
  });
});

describe('properties', () => {
  const startDate = fc.integer({ min: 0, max: 729 }).map((k) => addCalendarDays('2025-01-01', k)); // 2025-01-01 … 2026-12-31
  const days = fc.integer({ min: 0, max: 60 });

  it('workingDaysBetween inverts addWorkingDays; a due date after the start is a working day and the first with n', () => {
    fc.assert(
      fc.property(startDate, days, (start, n) => {
        const end = addWorkingDays(cal, start, n);
        expect(workingDaysBetween(cal, start, end)).toBe(n);
        if (n > 0) {
          expect(end > start).toBe(true);
          expect(cal.isWorkingDay(end)).toBe(true);
          expect(workingDaysBetween(cal, start, addCalendarDays(end, -1))).toBe(n - 1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with a naive count over chinese-days itself (and the law after its last year)', () => {
    const lawOff = new Set(statutoryDays(2027).map((x) => x.date));
    const isWorkday = (d: string) =>
      d < '2027-01-01' ? chineseDays.isWorkday(d) : !lawOff.has(d) && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    fc.assert(
      fc.property(startDate, days, (start, n) => {
        let d = start;
        for (let left = n; left > 0; ) {
          d = addCalendarDays(d, 1);
          if (isWorkday(d)) left--;
        }
        expect(addWorkingDays(cal, start, n)).toBe(d);
      }),
      { numRuns: 200 },
    );
  });
});
