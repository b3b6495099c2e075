/**
 * Shapes of the service catalog (事项库) API: aliases of the types generated from the server's
 * OpenAPI document (`npm run gen:api-types`; the guide is `guideSchema` in catalog/guide-schema.ts).
 */
import type { Answer, Schemas } from '../api-types.ts';

/** 办事指南: one version's whole guide. */
export type Guide = Schemas['Guide'];

/** A guide as an editor sends it: elements with a default may be left out. */
export type GuideInput = Schemas['GuideInput'];

export type HandlingType = Guide['handlingType'];
export type TimeLimit = Guide['legalLimit'];

/** 申请材料 of a guide. */
export type MaterialRequirement = Guide['materials'][number];

/** 办理项 / 情形. */
export type Situation = Guide['situations'][number];

/** A question of the situation questionnaire; each answer keeps a subset of the situations. */
export type Question = Guide['questionnaire'][number];

export type FormField = Guide['form'][number];
export type SimpleFormField = Exclude<FormField, { type: 'table' }>;

/** 收费 (收费清单 entry). */
export type Fee = Guide['fees'][number];

/** A condition the applicant may promise instead of proving (告知承诺制); it may replace one material. */
export type CommitmentCondition = Guide['commitmentConditions'][number];

/** An item in lists and search results. */
export type ItemSummary = Schemas['ItemSummary'];

/** A bundle (一件事一次办) among the residents' search results; its page is /bundles/:id. */
export type BundleHit = { kind: 'bundle'; id: string; name: string; description: string; regionCode: string; themes: string[] };

/** One result of `GET /api/v1/search`: an item or a bundle, in one ranking. */
export type SearchResult = (ItemSummary & { kind: 'item' }) | BundleHit;

/** `GET /api/v1/items/:code`: the published guide. */
export type ItemDetail = Schemas['ItemDetail'];

/** 生活主题. */
export type Theme = Answer<'/api/v1/item-themes', 'get'>[number];

export type VersionSummary = Schemas['VersionSummary'];

/** A guide problem: a required element missing, or an inconsistency. */
export type GuideProblem = VersionDetail['missing'][number];

export type VersionDetail = Schemas['VersionDetail'];

/** One difference between two versions, at a path such as `materials[idCard].copies`. */
export type Change = Schemas['GuideChange'];

/** 办事指南完整率 of a region. */
export type Completeness = Schemas['Completeness'];
