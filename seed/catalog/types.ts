import type { GuideInput } from '../../src/server/modules/catalog/guide-schema.ts';
import type { RegionCtx } from './regions.ts';

/** One published implementation item of the seed catalog: a region's department and its guide. */
export type CatalogSeedItem = {
  regionCode: string;
  /** A key of DEPARTMENT_KEYS (seed/org-data.ts). */
  departmentKey: string;
  guide: GuideInput;
  /** 0..100: how often residents use it (ranks search results and "popular items"). */
  popularity: number;
};

/** A guide written in full from real guides; `build` fills in the region's hall, phones and names. */
export type FullGuideDef = {
  departmentKey: string;
  popularity: number;
  /** Its basis is national law only, so other regions may reuse it with their own places and phones. */
  national: boolean;
  build: (c: RegionCtx) => GuideInput;
};
