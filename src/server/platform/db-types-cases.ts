import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Json, NullableDate, NullableJson, NullableTimestamp, Timestamp } from './db-columns.ts';
import type { MaterialKind } from './files.ts';

/** Tables of case handling (办件): files and materials, cases and their timeline, clock, notices, commitments, warnings, notifications. */

export type CaseStatus =
  | 'draft'
  | 'waiting'
  | 'submitted'
  | 'prereview'
  | 'correction'
  | 'accepted'
  | 'review'
  | 'special'
  | 'suspended'
  | 'decided'
  | 'completed'
  | 'issued'
  | 'delivered'
  | 'rejected'
  | 'withdrawn'
  | 'revoked';

export type FilesTable = { sm3: string; size: number; media_type: string; created_at: Generated<Date> };

export type MaterialsTable = {
  id: Generated<string>;
  uploaded_by: string;
  owner_person_id: string | null;
  owner_organization_id: string | null;
  name: string;
  filename: string;
  file_sm3: string;
  kind: MaterialKind;
  media_type: string;
  size: number;
  created_at: Generated<Date>;
};

export type CaseCountersTable = { region_code: string; day: DateColumn; last: number };

export type CasesTable = {
  id: Generated<string>;
  number: string | null;
  parent_id: string | null;
  item_id: string;
  item_version_id: string;
  implementation_code: string;
  item_name: string;
  situation_key: string;
  department_id: string;
  region_code: string;
  accept_region_code: string;
  channel: 'online' | 'window' | 'agency';
  hall_id: string | null;
  applicant_kind: 'person' | 'organization';
  applicant_person_id: string | null;
  applicant_organization_id: string | null;
  applicant_account_id: string | null;
  applicant_name_masked: string;
  created_by: string;
  agent_account_id: string | null;
  mandate: NullableJson;
  form_data_enc: string;
  status: CaseStatus;
  resume_status: CaseStatus | null;
  step_index: Generated<number>;
  workflow: Json;
  handling_type: 'immediate' | 'promised';
  commitment_mode: Generated<boolean>;
  deficiency_open: Generated<boolean>;
  handler_id: string | null;
  accept_clerk_id: string | null;
  limit_unit: 'workday' | 'calendarDay';
  legal_days: number;
  promised_days: number;
  extension_days: Generated<number>;
  extension_status: Generated<'none' | 'requested' | 'approved' | 'refused'>;
  extension_reason: string | null;
  extension_requested_by: string | null;
  submitted_at: NullableTimestamp;
  accepted_at: NullableTimestamp;
  accepted_on: NullableDate;
  deemed_accepted: Generated<boolean>;
  decided_at: NullableTimestamp;
  decided_on: NullableDate;
  decision: 'approved' | 'denied' | null;
  decision_reason: string | null;
  completed_at: NullableTimestamp;
  promised_due_on: NullableDate;
  legal_due_on: NullableDate;
  clock_paused: Generated<boolean>;
  warning_level: Generated<'none' | 'yellow' | 'red'>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** The accepting window (set when a window clerk files or accepts the case). */
  window_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The bundle case (一件事) this case is a sub-case of. */
  bundle_case_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The Idempotency-Key of the request that created the case (unique per creating account). */
  idempotency_key: ColumnType<string | null, string | null | undefined, never>;
  /** Departments asked for their opinion in a 会签 step (they read the case and sign; nothing else). */
  co_department_ids: ColumnType<string[], string[] | undefined, string[]>;
};

/** One department's opinion in a 会签 step, within its own limit. */
export type CaseCountersignsTable = {
  id: Generated<string>;
  case_id: string;
  step_key: string;
  department_id: string;
  role: 'clerk' | 'reviewer' | 'approver' | 'chiefRepresentative';
  due_on: DateColumn;
  status: Generated<'pending' | 'signed' | 'closed'>;
  opinion: 'agree' | 'disagree' | null;
  comment: string | null;
  signed_by: string | null;
  signed_by_name: string | null;
  signed_at: NullableTimestamp;
  created_at: Timestamp;
  overdue_notified_at: NullableTimestamp;
};

export type CaseMaterialsTable = {
  case_id: string;
  requirement_key: string;
  material_id: string | null;
  license_id: ColumnType<string | null, string | null | undefined, string | null>;
  status: 'submitted' | 'deficient' | 'deferred' | 'supplied' | 'accepted' | 'license' | 'shared';
  note: string | null;
  updated_at: Generated<Date>;
};

export type CaseEventsTable = {
  /** bigint identity; db.ts parses int8 as a number. */
  id: Generated<number>;
  case_id: string;
  at: Timestamp;
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: string | null;
  actor_name: string;
  step_key: string | null;
  note: string | null;
  data: NullableJson;
  internal: Generated<boolean>;
};

export type CaseSuspensionsTable = {
  id: Generated<string>;
  case_id: string;
  kind: 'special' | 'deficiencyOverdue';
  /** cases/schema.ts specialKinds; the CHECK of the column holds the same list. */
  special_kind:
    | 'hearing'
    | 'inspection'
    | 'testing'
    | 'quarantine'
    | 'appraisal'
    | 'expertReview'
    | 'publicNotice'
    | 'bidding'
    | 'auction'
    | null;
  reason: string;
  started_on: DateColumn;
  ended_on: NullableDate;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
  started_by: string | null;
};

export type DeficiencyNoticesTable = {
  id: Generated<string>;
  case_id: string;
  issued_by: string;
  issued_at: Timestamp;
  items: Json;
  note: string | null;
  supplemented_at: NullableTimestamp;
};

export type CommitmentsTable = {
  id: Generated<string>;
  case_id: string;
  kind: 'deficiency' | 'condition';
  subject_key: string;
  text: string;
  due_on: NullableDate;
  status: 'awaitingSignature' | 'pending' | 'fulfilled' | 'overdue';
  signed_at: NullableTimestamp;
  signed_by: string | null;
  reminded_at: NullableTimestamp;
  fulfilled_at: NullableTimestamp;
  created_at: Generated<Date>;
};

export type PostChecksTable = {
  case_id: string;
  department_id: string;
  sampled: boolean;
  status: 'notSampled' | 'pending' | 'passed' | 'failed';
  checked_by: string | null;
  checked_at: NullableTimestamp;
  findings: string | null;
  created_at: Generated<Date>;
};

export type CaseWarningsTable = {
  case_id: string;
  level: 'yellow' | 'red' | 'deemedAccepted';
  raised_at: Generated<Date>;
  due_on: NullableDate;
};

export type NotificationsTable = {
  id: Generated<string>;
  account_id: string;
  case_id: string | null;
  kind: string;
  title: string;
  body: string;
  created_at: Generated<Date>;
  read_at: NullableTimestamp;
};

/** 委托代办: an agent's mandate from a person, confirmed by SMS code or in person (migration 20261207T0930). */
export type MandatesTable = {
  id: Generated<string>;
  agent_account_id: string;
  principal_person_id: string;
  principal_name_masked: string;
  region_code: string;
  item_codes: ColumnType<string[], string[] | undefined, string[]>;
  scope: string;
  valid_until: DateColumn;
  material_id: string;
  status: ColumnType<'pending' | 'active' | 'revoked', 'pending' | 'active' | 'revoked' | undefined, 'pending' | 'active' | 'revoked'>;
  sms_allowed: boolean;
  code_hash: string | null;
  code_expires_at: NullableTimestamp;
  code_attempts: Generated<number>;
  confirmed_via: 'sms' | 'window' | null;
  confirmed_by: string | null;
  confirmed_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  revoke_reason: string | null;
  created_at: Timestamp;
  version: Generated<number>;
};
