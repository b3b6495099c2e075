import type { ColumnType, Generated } from 'kysely';
import type { DateColumn } from './db-columns.ts';

/**
 * Tables of supervision (效能监察) and assessment (考核): the daily rollups kept current by the
 * triggers of modules/supervision/rollup-sql.ts (never written by the application), the working-day
 * ordinals, and the targets. Dimension "none" (no window, no item) is the zero uuid.
 */

type Count = Generated<number>;

/** Working-day ordinals per calendar (region_code '' = national, else a region with overrides; migration 20261207T1310). */
export type SupervisionWorkdaysTable = { region_code: string; day: DateColumn; ordinal: number; working: boolean };

export type SupervisionCaseDailyTable = {
  day: DateColumn;
  region_code: string;
  department_id: string;
  item_id: string;
  window_id: string;
  channel: string;
  /** 0–15 from the case id (migration 20261204T1700): concurrent writers of one key update different rows; read with sum(). */
  shard: Generated<number>;
  received: Count;
  received_online: Count;
  completed: Count;
  completed_on_time: Count;
  work_days: Count;
  handling_seconds: Count;
  rated: Count;
};

export type SupervisionRatingDailyTable = {
  day: DateColumn;
  region_code: string;
  department_id: string;
  item_id: string;
  window_id: string;
  channel: string;
  ratings: Count;
  score_sum: Count;
  satisfied: Count;
  bad: Count;
  bad_called_back: Count;
  bad_rectified: Count;
};

export type SupervisionStaffDailyTable = {
  day: DateColumn;
  staff_id: string;
  region_code: string;
  department_id: string;
  accepted: Count;
  completed: Count;
  ratings: Count;
  score_sum: Count;
  bad: Count;
};

export type AssessmentTargetsTable = {
  id: Generated<string>;
  region_code: string;
  year: number;
  indicator: string;
  comparator: 'gte' | 'lte';
  /** numeric: comes back as a string from pg. */
  value: ColumnType<string, string | number, string | number>;
  note: string | null;
  version: Generated<number>;
  updated_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};
