import type { calendarAdminZhCN } from './calendar.zh-CN.ts';

/** English strings of the working-day calendar in the admin console. */
export const calendarAdminEn: typeof calendarAdminZhCN = {
  calendarAdmin: {
    nav: 'Working calendar',
    title: 'Working-day calendar',
    intro:
      "Time limits are counted in working days (public holidays excluded). National holidays and make-up working days follow the State Council's yearly notice; local holidays, or a year not yet known, are set here.",
    noPermission: 'The working calendar is managed by system administrators.',
    noRegion: 'Your account has no region, so the calendar cannot be managed.',
    scope: 'Region: {{region}}',
    year: 'Year',
    yearList: 'Holidays and make-up working days, {{year}}',
    overrides: 'Overrides, {{year}}',
    empty: 'No holidays are known for this year (the State Council notice may not be included yet); add them as overrides.',
    columns: { date: 'Date', kind: 'Kind', name: 'Name', source: 'Source', region: 'Region', actions: 'Actions' },
    kind: { off: 'Day off', work: 'Working day' },
    source: { national: 'State Council notice', override: 'Override' },
    national: 'National',
    weekdays: { w0: 'Sun', w1: 'Mon', w2: 'Tue', w3: 'Wed', w4: 'Thu', w5: 'Fri', w6: 'Sat' },
    remove: 'Delete',
    removeConfirm: 'Delete the override of {{date}}? The national calendar applies again.',
    removed: 'Override deleted',
    form: {
      title: 'Add or change an override',
      date: 'Date',
      dateHelp: '2000-01-01 to 2100-12-31',
      isWorkingDay: 'The day is',
      off: 'a day off (holiday)',
      work: 'a working day (make-up day)',
      name: 'Name',
      namePlaceholder: 'e.g. county festival',
      nameRule: 'Enter a name of 1–40 characters',
      dateRule: 'Choose a date',
      region: 'Applies to',
      submit: 'Save override',
      saved: 'Override saved',
    },
  },
};
