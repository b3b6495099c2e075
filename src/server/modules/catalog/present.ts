import type { Selectable } from 'kysely';
import type { ItemsTable, ItemVersionsTable } from '../../platform/db-types.ts';
import type { SearchHit } from './repo.ts';
import { formJsonSchema } from './form-schema.ts';
import { itemTypes, type Guide } from './guide-schema.ts';

type ItemRow = Selectable<ItemsTable> & { department_name: string };
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentItem(r: ItemRow) {
  return {
    implementationCode: r.implementation_code,
    basicCode: r.basic_code,
    name: r.name,
    department: { id: r.department_id, name: r.department_name },
    regionCode: r.region_code,
    itemType: r.item_type,
    itemTypeName: itemTypes[r.item_type as keyof typeof itemTypes] ?? r.item_type,
    // Written from the guide's handling type (a zod enum); the column has no CHECK of its own.
    handlingType: r.handling_type as Guide['handlingType'],
    maxVisits: r.max_visits,
    onlineDepth: r.online_depth,
    canBookOnline: r.can_book_online,
    themes: r.themes,
    status: r.status,
    publishedVersion: r.published_version,
    version: r.version,
  };
}

/** A hit of the residents' search: an item as `presentItem` shows it, or a bundle with its description. */
export function presentSearchHit(h: SearchHit) {
  if (h.kind === 'bundle')
    return { kind: 'bundle' as const, id: h.id, name: h.name, description: h.summary ?? '', regionCode: h.region_code, themes: h.themes };
  return {
    kind: 'item' as const,
    implementationCode: h.code ?? '',
    basicCode: h.basic_code ?? '',
    name: h.name,
    department: { id: h.department_id ?? '', name: h.department_name ?? '' },
    regionCode: h.region_code,
    itemType: h.item_type ?? '',
    itemTypeName: itemTypes[h.item_type as keyof typeof itemTypes] ?? h.item_type ?? '',
    handlingType: (h.handling_type ?? 'promised') as Guide['handlingType'],
    maxVisits: h.max_visits ?? 0,
    onlineDepth: h.online_depth ?? 0,
    canBookOnline: h.can_book_online ?? false,
    themes: h.themes,
    status: h.status as 'draft' | 'published' | 'withdrawn',
    publishedVersion: h.published_version,
    version: h.version ?? 1,
  };
}

export function presentItemDetail(r: ItemRow, v: Pick<Selectable<ItemVersionsTable>, 'number' | 'published_at'>, guide: Guide) {
  return { ...presentItem(r), guide, formSchema: formJsonSchema(guide.form), guideVersion: v.number, publishedAt: iso(v.published_at) };
}

export function presentVersion(
  v: Pick<Selectable<ItemVersionsTable>, 'number' | 'status' | 'created_at' | 'submitted_at' | 'published_at'>,
) {
  return {
    number: v.number,
    status: v.status,
    createdAt: iso(v.created_at)!,
    submittedAt: iso(v.submitted_at),
    publishedAt: iso(v.published_at),
  };
}
