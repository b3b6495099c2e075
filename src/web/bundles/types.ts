/**
 * API shapes of bundles (一件事), bundle cases and windows (一窗受理): aliases of the types generated
 * from the server's OpenAPI document (`npm run gen:api-types`).
 */
import type { Schemas } from '../api-types.ts';

export type Reduction = Schemas['Reduction'];
export type Figures = Reduction['bundle'];
export type Dept = BundleSummary['leadDepartment'];

export type BundleSummary = Schemas['BundleSummary'];

export type BundleQuestion = BundleDetail['questionnaire'][number];

/** The questionnaire answered: items, the merged form and materials, the reduction. */
export type Selection = Schemas['BundleSelection'];
export type MergedField = Selection['form'][number];
export type MergedMaterial = Selection['materials'][number];

export type BundleDetail = Schemas['BundleDetail'];

export type BundleStatus = BundleCaseSummary['status'];

export type BundleCaseSummary = Schemas['BundleCaseSummary'];

export type BundleCaseDetail = Schemas['BundleCaseDetail'];

export type ServiceWindow = Schemas['ServiceWindow'];
export type WindowDetail = Schemas['WindowDetail'];
