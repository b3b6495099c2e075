import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Json, NullableJson, NullableTimestamp, Timestamp } from './db-columns.ts';

/** Tables of 一件事一次办: bundles (their definition document), bundle cases (parents of sub-cases), merged materials, bundle timeline. */

export type BundlesTable = {
  id: Generated<string>;
  key: string;
  region_code: string;
  name: string;
  theme: string;
  lead_department_id: string;
  co_department_ids: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<'draft' | 'published' | 'withdrawn'>;
  definition: Json;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type BundleCasesTable = {
  id: Generated<string>;
  number: string;
  bundle_id: string;
  bundle_version: number;
  bundle_name: string;
  region_code: string;
  channel: 'online' | 'window' | 'agency';
  hall_id: string | null;
  window_id: string | null;
  applicant_kind: 'person' | 'organization';
  applicant_person_id: string | null;
  applicant_organization_id: string | null;
  applicant_account_id: string | null;
  applicant_name_masked: string;
  created_by: string;
  answers: Json;
  selection: Json;
  form_data_enc: string;
  promised_days: number;
  limit_unit: 'workday' | 'calendarDay';
  submitted_at: Timestamp;
  submitted_on: DateColumn;
  promised_due_on: DateColumn;
  delivered_at: NullableTimestamp;
  delivered_by: string | null;
  delivered_window_id: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type BundleCaseMaterialsTable = { bundle_case_id: string; material_key: string; material_id: string; updated_at: Generated<Date> };

export type BundleEventsTable = {
  /** bigint identity; db.ts parses int8 as a number. */
  id: Generated<number>;
  bundle_case_id: string;
  at: Timestamp;
  action: string;
  actor_id: string | null;
  actor_name: string;
  note: string | null;
  data: NullableJson;
};
