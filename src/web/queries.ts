import { useQuery } from '@tanstack/react-query';
import { api, isAuthRequired, hasSessionHint, rememberCsrfToken } from './api.ts';
import type { Account, Department, Hall, Page, PlatformInfo, Region } from './api-types.ts';

/** Query keys, one place. */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  platform: ['platform'] as const,
  regions: (parentCode: string) => ['regions', parentCode] as const,
  departments: (regionCode: string) => ['departments', regionCode] as const,
  halls: (regionCode: string) => ['halls', regionCode] as const,
};

/** Reads the current account; `null` when nobody is logged in. */
export async function fetchMe(): Promise<Account | null> {
  // The session cookie is HttpOnly; its CSRF twin is readable and set and cleared with it. Without
  // either, nobody is logged in: no request (an anonymous 401 shows as a console error, issue 28.5).
  if (!hasSessionHint()) return null;
  try {
    const account = await api.get<Account>('/auth/me');
    rememberCsrfToken(account.csrfToken);
    return account;
  } catch (error) {
    if (isAuthRequired(error)) return null;
    throw error;
  }
}

/** The logged-in account (`null` = anonymous). */
export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 60_000 });
}

/** Facts about the installation (is it the demo?); they do not change while it runs. */
export function usePlatform() {
  return useQuery({ queryKey: queryKeys.platform, queryFn: () => api.get<PlatformInfo>('/platform'), staleTime: Number.POSITIVE_INFINITY });
}

/** Child regions of a region (e.g. the districts of a city). */
export function useChildRegions(parentCode: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.regions(parentCode),
    queryFn: () => api.get<Page<Region>>('/regions', { parentCode, pageSize: 100 }),
    enabled,
    staleTime: 10 * 60_000,
  });
}

const MAX_PAGE_SIZE = 100;
const MAX_PAGES = 10;

/**
 * Reads every page of a list (100 per request, at most 1,000 items) so that the client can
 * filter and group it; the lists read this way (halls, departments of a region) are small.
 */
export async function fetchAllPages<T>(path: string, query: Record<string, string | undefined>): Promise<Page<T>> {
  const first = await api.get<Page<T>>(path, { ...query, page: 1, pageSize: MAX_PAGE_SIZE });
  const items = [...first.items];
  const pages = Math.min(Math.ceil(first.total / MAX_PAGE_SIZE), MAX_PAGES);
  for (let page = 2; page <= pages; page += 1) {
    const next = await api.get<Page<T>>(path, { ...query, page, pageSize: MAX_PAGE_SIZE });
    items.push(...next.items);
  }
  return { items, total: first.total };
}

/** Departments of a region and the regions below it. */
export function useDepartments(regionCode: string | undefined) {
  return useQuery({
    queryKey: queryKeys.departments(regionCode ?? ''),
    queryFn: () => fetchAllPages<Department>('/departments', { regionCode }),
    enabled: Boolean(regionCode),
    staleTime: 5 * 60_000,
  });
}

/** Halls (with their windows) of a region and the regions below it. */
export function useHalls(regionCode: string | undefined) {
  return useQuery({
    queryKey: queryKeys.halls(regionCode ?? ''),
    queryFn: () => fetchAllPages<Hall>('/halls', { regionCode }),
    enabled: Boolean(regionCode),
    staleTime: 5 * 60_000,
  });
}
