import type { Kysely } from 'kysely';
import type { DB, ItemVersionStatus } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import type { Guide } from '../catalog/guide-schema.ts';
import { publishedGuide } from '../catalog/query-service.ts';
import * as catalogRepo from '../catalog/repo.ts';
import type { CaseRow } from './resource.ts';

/** Version statuses whose guide never changes again: only 'draft' and 'review' versions are edited. */
const immutable: ReadonlySet<ItemVersionStatus> = new Set(['published', 'superseded', 'withdrawn']);
const maxEntries = 500;
/** Guides by item version id, least recently used first. */
const guides = new Map<string, Guide>();

/**
 * The guide of the version a case was filed under, kept in memory
 * once that version is immutable: a published version is never edited, only superseded or withdrawn.
 * Other versions are read every time. Each node keeps its own copy; nothing is ever invalidated.
 */
export async function guideOf(db: Kysely<DB>, c: Pick<CaseRow, 'item_version_id'>): Promise<Guide> {
  const hit = guides.get(c.item_version_id);
  if (hit) {
    guides.delete(c.item_version_id);
    guides.set(c.item_version_id, hit);
    return hit;
  }
  const v = await catalogRepo.findVersionById(db, c.item_version_id);
  if (!v) throw new AppError('ITEM_VERSION_NOT_FOUND');
  const g = publishedGuide(v.id, v.guide);
  if (immutable.has(v.status)) {
    if (guides.size >= maxEntries) guides.delete(guides.keys().next().value!);
    guides.set(v.id, g);
  }
  return g;
}
