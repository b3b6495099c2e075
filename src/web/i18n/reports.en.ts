import type { reportsZhCN } from './reports.zh-CN.ts';

/** English strings of the periodic reports. */
export const reportsEn: typeof reportsZhCN = {
  reports: {
    title: 'Periodic reports',
    noPermission: "Periodic reports are for the region's supervisors and system administrators.",
    intro:
      "Every night the platform writes the previous day's statistics, last week's dispatch and last month's report (PDF with charts, Excel with the indicator definitions); you can also ask for the latest finished period at any time.",
    back: '← Back to the supervision dashboard',
    ask: 'Make a report',
    kind: 'Kind',
    askButton: 'Make the latest',
    asked: 'Queued; it can be downloaded in a moment',
    list: 'Reports',
    pending: 'Being written',
    failed: 'Failed; ask again',
    kinds: { daily: 'Daily statistics', weekly: 'Weekly dispatch', monthly: 'Monthly report' },
    columns: { kind: 'Kind', period: 'Period', scope: 'Scope', files: 'Download' },
  },
};
