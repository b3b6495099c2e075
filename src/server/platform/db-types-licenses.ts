import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Json, NullableDate, NullableTimestamp, Timestamp } from './db-columns.ts';

/** Tables of electronic licenses (电子证照) and seals (电子印章). */

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

export type PlatformKeysTable = {
  purpose: string;
  public_key_hex: string;
  private_key_enc: string;
  cert_der: string;
  created_at: Generated<Date>;
};

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

/** 授权: window staff a department lets seal chosen 即办 items (migration 20261207T0900). */
export type SealDelegationsTable = {
  id: Generated<string>;
  department_id: string;
  account_id: string;
  item_ids: ColumnType<string[], string[], string[]>;
  granted_by: string;
  granted_at: Timestamp;
  note: string | null;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  revoke_reason: string | null;
  version: Generated<number>;
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

export type LicenseUsesTable = {
  id: Generated<string>;
  license_id: string;
  used_by: string;
  case_id: string | null;
  purpose: string;
  at: Generated<Date>;
};
export type LicensePresentationsTable = {
  token_hash: string;
  license_id: string;
  expires_at: Timestamp;
  created_by: string;
  created_at: Generated<Date>;
};
