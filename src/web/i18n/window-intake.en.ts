import type { windowIntakeZhCN } from './window-intake.zh-CN.ts';

/** English strings of the workbench's window intake. */
export const windowIntakeEn: typeof windowIntakeZhCN = {
  windowIntake: {
    title: 'Window intake',
    intro:
      "File an application for someone at the window: find the item, enter the applicant's ID number, name and phone, scan the materials and submit; an on-the-spot item can then be completed at once.",
    search: 'Find an item',
    placeholder: 'An item\'s name or everyday words, e.g. "start a company", "ID card"',
    find: 'Find',
    none: 'No matching item',
    fileFor: 'File for the applicant',
    immediate: 'On the spot',
  },
};
