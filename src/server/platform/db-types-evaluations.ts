import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, NullableTimestamp, Timestamp } from './db-columns.ts';

/** Tables of 好差评: evaluations, rating tokens, rectifications (整改), appeals (申诉), supervision letters (督办函). */

export type EvaluationChannel = 'online' | 'window' | 'sms' | 'app' | 'hotline';
type UuidArray = ColumnType<string[], string[] | undefined, string[]>;

export type EvaluationsTable = {
  id: Generated<string>;
  case_id: string | null;
  channel: EvaluationChannel;
  score: number;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  comment: string | null;
  item_id: string | null;
  department_id: string;
  region_code: string;
  hall_id: string | null;
  window_id: string | null;
  staff_ids: UuidArray;
  rater_account_id: string | null;
  excluded: Generated<boolean>;
  created_at: Timestamp;
  token_id: string | null;
  excluded_at: NullableTimestamp;
  excluded_by: string | null;
};

export type EvaluationTokensTable = {
  id: Generated<string>;
  token_hash: string;
  channel: 'window' | 'sms';
  case_id: string | null;
  item_id: string | null;
  department_id: string;
  region_code: string;
  hall_id: string | null;
  window_id: string | null;
  staff_ids: UuidArray;
  rater_account_id: string | null;
  issued_by: string | null;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  evaluation_id: string | null;
  created_at: Generated<Date>;
};

export type RectificationStatus = 'open' | 'verifying' | 'rectifying' | 'feedback' | 'signOff' | 'closed' | 'voided';

export type RectificationsTable = {
  id: Generated<string>;
  evaluation_id: string;
  case_id: string | null;
  department_id: string;
  region_code: string;
  status: RectificationStatus;
  callback_due_on: DateColumn;
  due_on: DateColumn;
  callback_at: NullableTimestamp;
  callback_by: string | null;
  callback_method: 'phone' | 'sms' | 'visit' | 'online' | null;
  callback_reached: boolean | null;
  callback_summary: string | null;
  finding: 'substantiated' | 'partlySubstantiated' | 'unsubstantiated' | null;
  verification: string | null;
  verified_at: NullableTimestamp;
  verified_by: string | null;
  measures: string | null;
  rectified_at: NullableTimestamp;
  rectified_by: string | null;
  feedback: string | null;
  feedback_at: NullableTimestamp;
  feedback_by: string | null;
  signoff_comment: string | null;
  signed_off_at: NullableTimestamp;
  signed_off_by: string | null;
  warning_level: Generated<'none' | 'yellow' | 'red'>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type RectificationEventsTable = {
  id: Generated<number>;
  rectification_id: string;
  at: Timestamp;
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: string | null;
  actor_name: string;
  note: string | null;
};

export type RectificationWarningsTable = {
  rectification_id: string;
  level: 'callbackOverdue' | 'yellow' | 'red';
  raised_at: Generated<Date>;
};

export type AppealsTable = {
  id: Generated<string>;
  evaluation_id: string;
  department_id: string;
  region_code: string;
  appellant_id: string;
  kind: 'mistaken' | 'malicious' | 'unrelated';
  reason: string;
  status: Generated<'pending' | 'upheld' | 'rejected'>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_comment: string | null;
  version: Generated<number>;
  created_at: Timestamp;
};

export type SupervisionLetterCountersTable = { region_code: string; year: number; last: number };

export type SupervisionLettersTable = {
  id: Generated<string>;
  number: string;
  region_code: string;
  department_id: string;
  case_id: string | null;
  evaluation_id: string | null;
  subject: string;
  body: string;
  reply_due_on: DateColumn;
  status: Generated<'sent' | 'replied'>;
  sent_by: string;
  sent_at: Timestamp;
  reply: string | null;
  replied_by: string | null;
  replied_at: NullableTimestamp;
  overdue_warned_at: NullableTimestamp;
  version: Generated<number>;
};
