import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { Page } from '../api-types.ts';
import type { Change, Completeness, ItemDetail, ItemSummary, SearchResult, Theme, VersionDetail, VersionSummary } from './types.ts';

/** The filters of `GET /api/v1/items` (all optional; empty ones are left out of the URL). */
export type ItemFilters = {
  q?: string;
  regionCode?: string;
  departmentId?: string;
  theme?: string;
  handlingType?: string;
  type?: string;
  /** Editors' list only: draft, published or withdrawn. */
  status?: string;
  page?: number;
  pageSize?: number;
};

/** Query keys of the catalog, one place. */
export const catalogKeys = {
  all: ['items'] as const,
  search: (filters: ItemFilters) => ['items', 'search', filters] as const,
  residents: (filters: ItemFilters) => ['items', 'residents', filters] as const,
  editor: (filters: ItemFilters) => ['items', 'editor', filters] as const,
  item: (code: string) => ['items', 'published', code] as const,
  themes: ['item-themes'] as const,
  versions: (code: string) => ['items', 'versions', code] as const,
  version: (code: string, number: number) => ['items', 'versions', code, number] as const,
  diff: (code: string, from: number, to: number) => ['items', 'diff', code, from, to] as const,
  completeness: (regionCode: string) => ['items', 'completeness', regionCode] as const,
};

/** Items of every status the signed-in editor may edit (`GET /api/v1/catalog/items`), one page. */
export function useEditorItems(filters: ItemFilters) {
  return useQuery({
    queryKey: catalogKeys.editor(filters),
    queryFn: () => api.get<Page<ItemSummary>>('/catalog/items', filters),
    placeholderData: keepPreviousData,
  });
}

/** Published items matching the filters, one page (the previous page stays while the next loads). */
export function useItemSearch(filters: ItemFilters, enabled = true) {
  return useQuery({
    queryKey: catalogKeys.search(filters),
    queryFn: () => api.get<Page<ItemSummary>>('/items', filters),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** The residents' search (`GET /api/v1/search`): items and bundles (一件事) in one ranking, one page. */
export function useSearch(filters: ItemFilters) {
  return useQuery({
    queryKey: catalogKeys.residents(filters),
    queryFn: () => api.get<Page<SearchResult>>('/search', filters),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** The published guide of an item. */
export function useItem(code: string) {
  return useQuery({ queryKey: catalogKeys.item(code), queryFn: () => api.get<ItemDetail>(`/items/${code}`), staleTime: 60_000 });
}

/** The life themes for browsing. */
export function useThemes() {
  return useQuery({ queryKey: catalogKeys.themes, queryFn: () => api.get<Theme[]>('/item-themes'), staleTime: 60 * 60_000 });
}

/** An item's versions (editors only). */
export function useItemVersions(code: string) {
  return useQuery({
    queryKey: catalogKeys.versions(code),
    queryFn: () => api.get<{ item: ItemSummary; versions: VersionSummary[] }>(`/items/${code}/versions`),
  });
}

/** One version with its guide and missing elements (editors only). */
export function useItemVersion(code: string, number: number | undefined) {
  return useQuery({
    queryKey: catalogKeys.version(code, number ?? 0),
    queryFn: () => api.get<VersionDetail>(`/items/${code}/versions/${number}`),
    enabled: number !== undefined,
  });
}

/** Differences between two versions (editors only). */
export function useItemDiff(code: string, from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: catalogKeys.diff(code, from ?? 0, to ?? 0),
    queryFn: () => api.get<{ changes: Change[] }>(`/items/${code}/diff`, { from, to }),
    enabled: from !== undefined && to !== undefined && from !== to,
  });
}

/** 办事指南完整率 of a region (logged-in). */
export function useCompleteness(regionCode: string | undefined) {
  return useQuery({
    queryKey: catalogKeys.completeness(regionCode ?? ''),
    queryFn: () => api.get<Completeness>('/catalog/completeness', { regionCode }),
    enabled: Boolean(regionCode),
  });
}

/** The address of an item's printable guide (PDF). */
export function guidePdfUrl(code: string): string {
  return `/api/v1/items/${encodeURIComponent(code)}/guide.pdf`;
}
