import type { ColumnType, Generated } from 'kysely';

/** Table types for Kysely. Column names are snake_case in SQL and here; presenters map them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined | null, string | null>;

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export type RegionsTable = { code: string; name: string; level: RegionLevel; parent_code: string | null };

export type DepartmentsTable = {
  id: Generated<string>;
  key: string;
  name: string;
  short_name: string;
  credit_code: string;
  region_code: string;
  kind: 'government' | 'publicInstitution' | 'enterprise';
  phone: string | null;
  address: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type HallsTable = {
  id: Generated<string>;
  key: string;
  name: string;
  level: 'city' | 'county' | 'township' | 'village';
  region_code: string;
  address: Generated<string>;
  version: Generated<number>;
  created_at: Generated<Date>;
};

export type WindowsTable = {
  id: Generated<string>;
  hall_id: string;
  number: string;
  name: string;
  kind: 'department' | 'comprehensive' | 'special' | 'peak';
  department_id: string | null;
  version: Generated<number>;
};

export type AccountsTable = {
  id: Generated<string>;
  username: string;
  password_hash: string;
  kind: 'applicant' | 'staff';
  display_name: string;
  status: Generated<'active' | 'disabled'>;
  roles: ColumnType<string[], string[] | undefined, string[]>;
  department_id: string | null;
  region_code: string | null;
  hall_id: string | null;
  totp_secret_enc: string | null;
  totp_required: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type PersonsTable = {
  id: Generated<string>;
  account_id: string | null;
  name_enc: string;
  name_masked: string;
  id_number_enc: string;
  id_number_index: string;
  id_number_masked: string;
  phone_enc: string | null;
  phone_index: string | null;
  phone_masked: string | null;
  region_code: string | null;
  real_name_level: number;
  version: Generated<number>;
  created_at: Generated<Date>;
};

export type OrganizationsTable = {
  id: Generated<string>;
  name: string;
  credit_code: string;
  legal_representative_masked: string | null;
  region_code: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
};

export type AccountOrganizationsTable = {
  account_id: string;
  organization_id: string;
  role: 'legalRepresentative' | 'authorisedAgent';
  granted_at: Generated<Date>;
};

export type SessionsTable = {
  id: Generated<string>;
  token_hash: string;
  account_id: string;
  csrf_token: string;
  ip: string | null;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

export type LoginThrottleTable = {
  username_key: string;
  failures: number;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
};

export type SmsCodesTable = {
  id: Generated<string>;
  phone_index: string;
  purpose: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
};

export type SmsMessagesTable = {
  id: Generated<string>;
  job_id: string | null;
  phone_index: string;
  phone_masked: string;
  body: string;
  purpose: string;
  sent_at: Generated<Date>;
};

export type AuditHeadTable = { id: number; seq: number; hash: string };

export type AuditEventsTable = {
  seq: number;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_kind: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  outcome: string;
  ip: string | null;
  prev_hash: string;
  hash: string;
};

export type IdempotencyKeysTable = {
  principal: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: Json;
  created_at: Generated<Date>;
};

export type SettingsTable = { key: string; value: Json; updated_at: Generated<Date> };

export type ItemsTable = {
  id: Generated<string>;
  implementation_code: string;
  basic_code: string;
  region_code: string;
  department_id: string;
  status: Generated<'draft' | 'published' | 'withdrawn'>;
  published_version: number | null;
  popularity: Generated<number>;
  name: string;
  item_type: string;
  handling_type: string;
  max_visits: number;
  online_depth: number;
  can_book_online: boolean;
  themes: ColumnType<string[], string[] | undefined, string[]>;
  name_grams: ColumnType<string[], string[] | undefined, string[]>;
  search_grams: ColumnType<string[], string[] | undefined, string[]>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type ItemVersionStatus = 'draft' | 'review' | 'published' | 'superseded' | 'withdrawn';

export type ItemVersionsTable = {
  id: Generated<string>;
  item_id: string;
  number: number;
  status: ItemVersionStatus;
  guide: Json;
  created_by: string | null;
  created_at: Generated<Date>;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  published_by: string | null;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

export type SearchSynonymsTable = { term: string; expansions: string[] };

/** 工作日历 overrides; region_code '' = national. `date` comes back as 'YYYY-MM-DD' (db.ts type parser). */
export type CalendarOverridesTable = {
  region_code: string;
  date: string;
  is_working_day: boolean;
  name: string;
  created_by: string | null;
  created_at: Generated<Date>;
  version: Generated<number>;
};

/** A nullable timestamp column. */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A `date` column: 'YYYY-MM-DD' (pg's date parser is set to keep the string). */
type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export type CaseStatus =
  | 'draft' | 'submitted' | 'prereview' | 'correction' | 'accepted' | 'review' | 'special' | 'suspended'
  | 'decided' | 'completed' | 'issued' | 'delivered' | 'rejected' | 'withdrawn' | 'revoked';

export type FilesTable = { sm3: string; size: number; media_type: string; created_at: Generated<Date> };

export type MaterialsTable = {
  id: Generated<string>;
  uploaded_by: string;
  owner_person_id: string | null;
  owner_organization_id: string | null;
  name: string;
  filename: string;
  file_sm3: string;
  kind: string;
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
  mandate: Json;
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
};

export type CaseMaterialsTable = {
  case_id: string;
  requirement_key: string;
  material_id: string | null;
  license_id: ColumnType<string | null, string | null | undefined, string | null>;
  status: 'submitted' | 'deficient' | 'deferred' | 'supplied' | 'accepted' | 'license';
  note: string | null;
  updated_at: Generated<Date>;
};

export type CaseEventsTable = {
  id: Generated<string>;
  case_id: string;
  at: Timestamp;
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: string | null;
  actor_name: string;
  step_key: string | null;
  note: string | null;
  data: Json;
  internal: Generated<boolean>;
};

export type CaseSuspensionsTable = {
  id: Generated<string>;
  case_id: string;
  kind: 'special' | 'deficiencyOverdue';
  special_kind: string | null;
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

export type CaseWarningsTable = { case_id: string; level: 'yellow' | 'red' | 'deemedAccepted'; raised_at: Generated<Date>; due_on: NullableDate };

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

export type LicenseTypesTable = {
  id: Generated<string>;
  key: string;
  code: string;
  name: string;
  authority: string;
  holder_kind: 'person' | 'organization';
  validity_years: number | null;
  fields: Json;
  code_confirmed: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
};

export type PlatformKeysTable = { purpose: string; public_key_hex: string; private_key_enc: string; cert_der: string; created_at: Generated<Date> };

export type SealsTable = {
  id: Generated<string>;
  es_id: string;
  department_id: string;
  name: string;
  status: Generated<'active' | 'retired' | 'revoked'>;
  public_key_hex: string;
  private_key_enc: string;
  cert_der: string;
  seal_der: string;
  allowed_roles: ColumnType<string[], string[] | undefined, string[]>;
  valid_from: Timestamp;
  valid_until: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_reason: string | null;
  created_at: Generated<Date>;
};

export type LicenseCountersTable = { issuer_code: string; year: number; last: number };

export type LicenseStatus = 'valid' | 'suspended' | 'revoked' | 'expired' | 'superseded';

export type LicensesTable = {
  id: Generated<string>;
  identifier: string;
  type_id: string;
  case_id: string | null;
  issuer_department_id: string;
  issuer_code: string;
  serial: string;
  version_no: Generated<number>;
  holder_kind: 'person' | 'organization';
  holder_person_id: string | null;
  holder_organization_id: string | null;
  holder_name_masked: string;
  holder_code_masked: string;
  holder_code_index: string;
  data_enc: string;
  issued_at: Timestamp;
  valid_from: DateColumn;
  valid_until: NullableDate;
  status: Generated<LicenseStatus>;
  status_reason: string | null;
  previous_id: string | null;
  seal_id: string;
  pdf_sm3: string;
  signature_der: string;
  version: Generated<number>;
  created_at: Generated<Date>;
};

export type LicenseUsesTable = { id: Generated<string>; license_id: string; used_by: string; case_id: string | null; purpose: string; at: Generated<Date> };
export type LicensePresentationsTable = { token_hash: string; license_id: string; expires_at: Timestamp; created_by: string; created_at: Generated<Date> };

export type DB = {
  license_types: LicenseTypesTable;
  platform_keys: PlatformKeysTable;
  seals: SealsTable;
  license_counters: LicenseCountersTable;
  licenses: LicensesTable;
  license_uses: LicenseUsesTable;
  license_presentations: LicensePresentationsTable;
  files: FilesTable;
  materials: MaterialsTable;
  case_counters: CaseCountersTable;
  cases: CasesTable;
  case_materials: CaseMaterialsTable;
  case_events: CaseEventsTable;
  case_suspensions: CaseSuspensionsTable;
  deficiency_notices: DeficiencyNoticesTable;
  commitments: CommitmentsTable;
  post_checks: PostChecksTable;
  case_warnings: CaseWarningsTable;
  notifications: NotificationsTable;
  items: ItemsTable;
  item_versions: ItemVersionsTable;
  search_synonyms: SearchSynonymsTable;
  calendar_overrides: CalendarOverridesTable;
  regions: RegionsTable;
  departments: DepartmentsTable;
  halls: HallsTable;
  windows: WindowsTable;
  accounts: AccountsTable;
  persons: PersonsTable;
  organizations: OrganizationsTable;
  account_organizations: AccountOrganizationsTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  sms_codes: SmsCodesTable;
  sms_messages: SmsMessagesTable;
  audit_head: AuditHeadTable;
  audit_events: AuditEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  settings: SettingsTable;
};
