import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, NullableTimestamp, Timestamp } from './db-columns.ts';

/** Tables of the service hall (modules/hall): 网上预约 and 排队叫号. */

type UuidArray = ColumnType<string[], string[] | undefined, string[]>;

export type HallSettingsTable = {
  hall_id: string;
  days_ahead: Generated<number>;
  cancel_hours: Generated<number>;
  hold_minutes: Generated<number>;
  no_show_limit: Generated<number>;
  no_show_period_days: Generated<number>;
  suspension_days: Generated<number>;
  max_recalls: Generated<number>;
  skip_action: ColumnType<'void' | 'requeue', 'void' | 'requeue' | undefined, 'void' | 'requeue'>;
  version: Generated<number>;
  updated_at: Generated<Date>;
};

export type HallBusinessTypesTable = {
  id: Generated<string>;
  hall_id: string;
  prefix: string;
  name: string;
  item_ids: UuidArray;
  window_ids: UuidArray;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type HallSlotTemplatesTable = {
  id: Generated<string>;
  business_type_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  capacity: number;
};

export type HallClosuresTable = { hall_id: string; date: DateColumn; reason: string; created_at: Generated<Date> };

export type HallSlotsTable = {
  id: Generated<string>;
  business_type_id: string;
  date: DateColumn;
  start_time: string;
  end_time: string;
  capacity: number;
  booked: Generated<number>;
};

export type AppointmentStatus = 'held' | 'confirmed' | 'cancelled' | 'expired' | 'checkedIn' | 'noShow';

export type AppointmentsTable = {
  id: Generated<string>;
  hall_id: string;
  business_type_id: string;
  slot_id: string;
  item_id: string;
  person_id: string;
  account_id: string | null;
  booked_by: string;
  status: AppointmentStatus;
  date: DateColumn;
  start_time: string;
  end_time: string;
  held_until: NullableTimestamp;
  code: string;
  no_show_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  checked_in_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type WindowQueueStatus = 'open' | 'paused' | 'closed';

export type HallWindowStatesTable = {
  window_id: string;
  hall_id: string;
  status: WindowQueueStatus;
  clerk_id: string | null;
  version: Generated<number>;
  updated_at: Generated<Date>;
};

export type QueueCountersTable = { business_type_id: string; day: DateColumn; last: number };

export type QueueTicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'void';
export type PriorityReason = 'appointment' | 'elderly' | 'disabled' | 'military' | 'pregnant';

export type QueueTicketsTable = {
  id: Generated<string>;
  hall_id: string;
  business_type_id: string;
  day: DateColumn;
  number: string;
  priority: Generated<number>;
  priority_reason: PriorityReason | null;
  source: 'idNumber' | 'appointment' | 'clerk' | 'remote';
  person_id: string | null;
  id_number_index: string | null;
  account_id: string | null;
  appointment_id: string | null;
  issued_by: string | null;
  status: QueueTicketStatus;
  target_window_id: string | null;
  window_id: string | null;
  clerk_id: string | null;
  recalls: Generated<number>;
  taken_at: Timestamp;
  queued_at: Timestamp;
  called_at: NullableTimestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  wait_seconds: number | null;
  service_seconds: number | null;
  case_id: string | null;
  version: Generated<number>;
};

export type HallCallsTable = {
  id: Generated<number>;
  hall_id: string;
  ticket_id: string;
  window_id: string;
  number: string;
  window_number: string;
  kind: 'call' | 'recall';
  created_at: Timestamp;
};
