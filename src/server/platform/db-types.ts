import type { ColumnType, Generated } from 'kysely';

/** Table types for Kysely. Column names are snake_case in SQL and here; presenters map them. */
import type { Json, NullableDate, NullableJson, Timestamp } from './db-columns.ts';
import type {
  CaseCountersTable,
  CaseEventsTable,
  CaseCountersignsTable,
  CaseMaterialsTable,
  CasesTable,
  CaseSuspensionsTable,
  CaseWarningsTable,
  CommitmentsTable,
  DeficiencyNoticesTable,
  FilesTable,
  MaterialsTable,
  NotificationsTable,
  MandatesTable,
  PostChecksTable,
} from './db-types-cases.ts';
import type {
  AppointmentsTable,
  HallBusinessTypesTable,
  HallCallsTable,
  HallClosuresTable,
  HallSettingsTable,
  HallSlotsTable,
  HallSlotTemplatesTable,
  HallWindowStatesTable,
  QueueCountersTable,
  QueueTicketsTable,
} from './db-types-hall.ts';
import type { BundleCaseMaterialsTable, BundleCasesTable, BundleEventsTable, BundlesTable } from './db-types-bundles.ts';
import type {
  LicenseCountersTable,
  LicensePresentationsTable,
  LicensesTable,
  LicenseTypesTable,
  LicenseUsesTable,
  PlatformKeysTable,
  SealDelegationsTable,
  SealsTable,
} from './db-types-licenses.ts';
import type {
  AppealsTable,
  EvaluationsTable,
  EvaluationTokensTable,
  RectificationEventsTable,
  RectificationsTable,
  RectificationWarningsTable,
  SupervisionLetterCountersTable,
  SupervisionLettersTable,
} from './db-types-evaluations.ts';
import type {
  AssessmentTargetsTable,
  SupervisionCaseDailyTable,
  SupervisionRatingDailyTable,
  SupervisionStaffDailyTable,
  SupervisionWorkdaysTable,
} from './db-types-supervision.ts';
import type { SupervisionReportsTable } from './db-types-reports.ts';

export type * from './db-types-reports.ts';
export type * from './db-types-cases.ts';
export type * from './db-types-licenses.ts';
export type * from './db-types-bundles.ts';
export type * from './db-types-evaluations.ts';
export type * from './db-types-supervision.ts';

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
  /** 一窗受理 scope (bundles/windows): everything of the region, or the listed departments and items. */
  accepts_all: Generated<boolean>;
  accepted_department_ids: ColumnType<string[], string[] | undefined, string[]>;
  accepted_item_ids: ColumnType<string[], string[] | undefined, string[]>;
  /** 统一出件: results are handed over here. */
  pickup: Generated<boolean>;
  /** 调峰: a peak window accepts its listed items only while open. */
  peak_open: Generated<boolean>;
  updated_at: Generated<Date>;
};

export type AccountsTable = {
  id: Generated<string>;
  username: string;
  password_hash: string;
  kind: 'applicant' | 'staff';
  display_name: string;
  /** pending: created, waiting for its holder to set the password and enrol TOTP (activation). */
  status: Generated<'active' | 'disabled' | 'pending'>;
  roles: ColumnType<string[], string[] | undefined, string[]>;
  department_id: string | null;
  region_code: string | null;
  hall_id: string | null;
  /** The window a clerk works at (一窗受理 scope); null = any front desk of the hall. */
  window_id: ColumnType<string | null, string | null | undefined, string | null>;
  totp_secret_enc: string | null;
  totp_required: Generated<boolean>;
  /** The last TOTP time step accepted: a code is accepted once only. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

/** A browser where the account logged in successfully (SM3 of the device cookie): exempt from the account-wide lock. */
export type AccountDevicesTable = {
  token_hash: string;
  account_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
};

/** A one-time activation code (SM3-keyed hash) with which an account's holder sets the password and enrols TOTP. */
export type AccountActivationsTable = {
  id: Generated<string>;
  account_id: string;
  code_hash: string;
  attempts: Generated<number>;
  pending_totp_enc: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
};

/** 三员分立: a change to a separated administrator account, requested by one administrator and decided by another. */
export type StaffRequestsTable = {
  id: Generated<string>;
  kind: 'create' | 'roles' | 'reissue';
  region_code: string;
  target_account_id: string | null;
  payload: Json;
  phone_enc: string | null;
  requested_by: string;
  requester_role: string;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reason: string | null;
  result_account_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
};

/** A claim to represent an organisation: grants nothing until verified (enterprise identity service or staff review). */
export type OrganizationClaimsTable = {
  id: Generated<string>;
  account_id: string;
  person_id: string;
  name: string;
  credit_code: string;
  region_code: string;
  method: 'enterpriseIdentity' | 'staffReview';
  status: 'pending' | 'verified' | 'rejected';
  license_material_id: string | null;
  id_material_id: string | null;
  verified_by: string | null;
  reviewer_id: string | null;
  reason: string | null;
  organization_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
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

/** An audit event: appended as a plain row (`seq` from a sequence); `chain_seq`, `prev_hash`, `hash` set when sealed. */
export type AuditEventsTable = {
  seq: Generated<number>;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_kind: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: NullableJson;
  after: NullableJson;
  outcome: string;
  ip: string | null;
  region_code: string | null;
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
  mac_version: Generated<number>;
};

/** A signed checkpoint of the audit chain (also exported outside the database). */
export type AuditCheckpointsTable = {
  id: Generated<number>;
  chain_seq: number;
  hash: string;
  count: number;
  made_at: Timestamp;
  signed: string;
  signature: string;
};

export type IdempotencyKeysTable = {
  principal: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: NullableJson;
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

/** Entries other modules publish for the catalog search (kind 'bundle': a 一件事, ref_id its id). */
export type SearchDocumentKind = 'bundle';
export type SearchDocumentsTable = {
  kind: SearchDocumentKind;
  ref_id: string;
  region_code: string;
  name: string;
  summary: Generated<string>;
  themes: Generated<string[]>;
  department_ids: Generated<string[]>;
  popularity: Generated<number>;
  name_grams: Generated<string[]>;
  search_grams: Generated<string[]>;
  updated_at: Generated<Date>;
};

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

/** An entered State Council holiday notice (migration 20261207T1300); `lines` is `NoticeLine[]` of modules/calendar/notice.ts. */
export type CalendarNoticesTable = {
  year: number;
  title: string;
  document_number: string | null;
  published_on: NullableDate;
  lines: ColumnType<unknown, string, string>;
  entered_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};

/** One December reminder per year and region that next year is still provisional. */
export type CalendarNoticeRemindersTable = { year: number; region_code: string; sent_at: Timestamp; recipients: number };

export type DB = {
  hall_settings: HallSettingsTable;
  hall_business_types: HallBusinessTypesTable;
  hall_slot_templates: HallSlotTemplatesTable;
  hall_closures: HallClosuresTable;
  hall_slots: HallSlotsTable;
  appointments: AppointmentsTable;
  hall_window_states: HallWindowStatesTable;
  queue_counters: QueueCountersTable;
  queue_tickets: QueueTicketsTable;
  hall_calls: HallCallsTable;
  supervision_reports: SupervisionReportsTable;
  supervision_workdays: SupervisionWorkdaysTable;
  supervision_case_daily: SupervisionCaseDailyTable;
  supervision_rating_daily: SupervisionRatingDailyTable;
  supervision_staff_daily: SupervisionStaffDailyTable;
  assessment_targets: AssessmentTargetsTable;
  bundles: BundlesTable;
  bundle_cases: BundleCasesTable;
  bundle_case_materials: BundleCaseMaterialsTable;
  bundle_events: BundleEventsTable;
  evaluations: EvaluationsTable;
  evaluation_tokens: EvaluationTokensTable;
  rectifications: RectificationsTable;
  rectification_events: RectificationEventsTable;
  rectification_warnings: RectificationWarningsTable;
  appeals: AppealsTable;
  supervision_letter_counters: SupervisionLetterCountersTable;
  supervision_letters: SupervisionLettersTable;
  license_types: LicenseTypesTable;
  platform_keys: PlatformKeysTable;
  seals: SealsTable;
  seal_delegations: SealDelegationsTable;
  license_counters: LicenseCountersTable;
  licenses: LicensesTable;
  license_uses: LicenseUsesTable;
  license_presentations: LicensePresentationsTable;
  files: FilesTable;
  materials: MaterialsTable;
  case_counters: CaseCountersTable;
  cases: CasesTable;
  case_countersigns: CaseCountersignsTable;
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
  search_documents: SearchDocumentsTable;
  calendar_overrides: CalendarOverridesTable;
  calendar_notices: CalendarNoticesTable;
  calendar_notice_reminders: CalendarNoticeRemindersTable;
  regions: RegionsTable;
  departments: DepartmentsTable;
  halls: HallsTable;
  windows: WindowsTable;
  accounts: AccountsTable;
  mandates: MandatesTable;
  persons: PersonsTable;
  organizations: OrganizationsTable;
  account_organizations: AccountOrganizationsTable;
  sessions: SessionsTable;
  account_devices: AccountDevicesTable;
  account_activations: AccountActivationsTable;
  staff_requests: StaffRequestsTable;
  organization_claims: OrganizationClaimsTable;
  login_throttle: LoginThrottleTable;
  sms_codes: SmsCodesTable;
  sms_messages: SmsMessagesTable;
  audit_head: AuditHeadTable;
  audit_events: AuditEventsTable;
  audit_checkpoints: AuditCheckpointsTable;
  idempotency_keys: IdempotencyKeysTable;
  settings: SettingsTable;
};
