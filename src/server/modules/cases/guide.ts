import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.ts';
import { type Guide, guideOfVersion } from '../catalog/index.ts';
import type { CaseRow } from './resource.ts';

/** The case's guide: the version it was filed under (kept in memory by the catalog once that version is immutable). */
export function guideOf(db: Kysely<DB>, c: Pick<CaseRow, 'item_version_id'>): Promise<Guide> {
  return guideOfVersion(db, c.item_version_id);
}
