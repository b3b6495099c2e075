import type { Kysely } from 'kysely';
import type { DB, ItemVersionStatus } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import type { Guide } from './guide-schema.ts';
import { publishedGuide } from './query-service.ts';
import * as catalogRepo from './repo.ts';

/** Version statuses whose guide never changes again: only 'draft' and 'review' versions are edited. */
const immutable: ReadonlySet<ItemVersionStatus> = new Set(['published', 'superseded', 'withdrawn']);
const maxEntries = 500;
/** Guides by item version id, least recently used first. */
const guides = new Map<string, Guide>();

/**
 * The guide of one item version (the one a case was filed under), kept in memory once that version is immutable:
 * a published version is never edited, only superseded or withdrawn. Other versions are read every time. Each node
 * keeps its own copy; nothing is ever invalidated.
 */
export async function guideOfVersion(db: Kysely<DB>, versionId: string): Promise<Guide> {
  const hit = guides.get(versionId);
  if (hit) {
    guides.delete(versionId);
    guides.set(versionId, hit);
    return hit;
  }
  const v = await catalogRepo.findVersionById(db, versionId);
  if (!v) throw new AppError('ITEM_VERSION_NOT_FOUND');
  const g = publishedGuide(v.id, v.guide);
  if (immutable.has(v.status)) {
    if (guides.size >= maxEntries) guides.delete(guides.keys().next().value!);
    guides.set(v.id, g);
  }
  return g;
}
