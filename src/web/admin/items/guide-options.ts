/** The enumerations of the guide (src/server/modules/catalog/guide-schema.ts), in display order. */
export const ITEM_TYPES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20'] as const;
export const SERVICE_OBJECTS = ['person', 'enterprise', 'institution', 'socialOrganization', 'government', 'otherOrganization'] as const;
export const HANDLING_FORMS = ['window', 'pc', 'mobile', 'express', 'other'] as const;
export const CROSS_REGION_SCOPES = ['none', 'county', 'city', 'province', 'national'] as const;
export const REFORM_MODES = ['cancel', 'filing', 'commitment', 'optimize'] as const;
export const THEMES = [
  'birth',
  'education',
  'employment',
  'household',
  'marriage',
  'socialSecurity',
  'medical',
  'housing',
  'realEstate',
  'transport',
  'disability',
  'elderly',
  'death',
  'publicUtilities',
  'lawyer',
  'business',
  'permits',
  'construction',
  'tax',
  'tobacco',
  'water',
  'transportBusiness',
  'socialOrganization',
  'qualification',
] as const;
export const FILE_TYPES = ['pdf', 'jpg', 'png', 'ofd', 'doc', 'docx', 'xls', 'xlsx'] as const;
export const FIELD_TYPES = ['text', 'number', 'date', 'select', 'region', 'idNumber', 'creditCode', 'address', 'phone'] as const;
export const PREFILL_SOURCES = ['person.name', 'person.idNumber', 'person.phone', 'organization.name', 'organization.creditCode'] as const;
export const RESULT_TYPES = ['license', 'document', 'none'] as const;
export const LIMIT_UNITS = ['workday', 'calendarDay'] as const;

/** camelCase keys of materials, situations, questions and form fields. */
export const KEY_PATTERN = /^[a-z][a-zA-Z0-9]{0,39}$/;
