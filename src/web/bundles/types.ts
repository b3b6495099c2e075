import type { SimpleFormField } from '../catalog/types.ts';

/** API shapes of bundles (一件事), bundle cases and windows (一窗受理). */

export type Figures = { materials: number; fields: number; steps: number; visits: number };
export type Reduction = { itemByItem: Figures; bundle: Figures; percent: Figures };
export type Dept = { id: string; name: string };

export type BundleSummary = {
  id: string;
  key: string;
  name: string;
  theme: string;
  regionCode: string;
  description: string;
  leadDepartment: Dept;
  coDepartments: Dept[];
  itemCount: number;
  promisedDays: number;
  reduction: Reduction;
  version: number;
};

export type BundleQuestion = { key: string; text: string; multiple: boolean; options: { key: string; label: string }[] };

export type MergedField = SimpleFormField & { items: string[] };
export type MergedMaterial = {
  key: string;
  name: string;
  note: string | null;
  required: boolean;
  deferrable: boolean;
  fileTypes: string[];
  maxSizeMb: number;
  items: string[];
  sharedFrom: string | null;
};

export type Selection = {
  items: {
    key: string;
    itemCode: string;
    name: string;
    departmentName: string;
    situationName: string;
    handlingType: string;
    promisedDays: number;
    maxVisits: number;
  }[];
  form: MergedField[];
  materials: MergedMaterial[];
  reduction: Reduction;
};

export type BundleDetail = BundleSummary & { questionnaire: BundleQuestion[]; full: Selection };

export type BundleStatus = 'submitted' | 'inProgress' | 'correction' | 'completed' | 'closed' | 'delivered';

export type BundleCaseSummary = {
  id: string;
  number: string;
  bundleId: string;
  bundleName: string;
  status: BundleStatus;
  applicantName: string;
  subCaseCount: number;
  doneCount: number;
  promisedDueOn: string;
  submittedAt: string;
  version: number;
};

export type BundleCaseDetail = {
  id: string;
  number: string;
  bundleId: string;
  bundleName: string;
  status: BundleStatus;
  version: number;
  submittedAt: string;
  applicantName: string;
  channel: string;
  clock: { promisedDays: number; startedOn: string; promisedDueOn: string; latestSubCaseDueOn: string | null; overdue: boolean };
  subCases: {
    id: string;
    number: string | null;
    itemName: string;
    departmentName: string;
    status: string;
    decision: string | null;
    decisionReason: string | null;
    step: string;
    promisedDueOn: string | null;
    readable: boolean;
    version: number;
  }[];
  materials: {
    key: string;
    label: string;
    materialId: string;
    name: string;
    filename: string;
    kind: string;
    size: number;
    contentUrl: string;
  }[];
  corrections: {
    caseId: string;
    number: string | null;
    itemName: string;
    issuedAt: string | null;
    note: string | null;
    items: { key: string; name: string; problem: string; note: string | null }[];
  }[];
  toSupplement: { key: string; name: string }[];
  attention: { caseId: string; itemName: string; status: string; decision: string | null; reason: string | null }[];
  package: {
    ready: boolean;
    entries: {
      caseId: string;
      number: string | null;
      itemName: string;
      status: string;
      decision: string | null;
      license: { identifier: string; typeName: string; status: string } | null;
      documents: { kind: string; url: string }[];
    }[];
  };
  delivery: { at: string; windowId: string | null } | null;
  timeline: { at: string; action: string; itemName: string | null; actorName: string; toStatus: string | null; note: string | null }[];
  allowedActions: string[];
};

export type ServiceWindow = {
  id: string;
  number: string;
  name: string;
  kind: 'department' | 'comprehensive' | 'special' | 'peak';
  departmentId: string | null;
  acceptsAll: boolean;
  departmentIds: string[];
  itemIds: string[];
  pickup: boolean;
  peakOpen: boolean;
  version: number;
};
export type WindowDetail = ServiceWindow & {
  hallId: string;
  hallName: string;
  regionCode: string;
  departments: Dept[];
  items: { id: string; implementationCode: string; name: string; departmentId: string }[];
  clerks: { id: string; displayName: string; username: string }[];
};
