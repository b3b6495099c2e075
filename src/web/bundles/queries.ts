import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { Page } from '../api-types.ts';
import type { BundleCaseDetail, BundleCaseSummary, BundleDetail, BundleSummary } from './types.ts';

/** Query keys of bundles and bundle cases. */
export const bundleKeys = {
  list: (region: string) => ['bundles', 'list', region] as const,
  detail: (id: string) => ['bundles', 'detail', id] as const,
  cases: ['bundle-cases'] as const,
  mine: ['bundle-cases', 'mine'] as const,
  staff: (queue: string) => ['bundle-cases', 'staff', queue] as const,
  caseDetail: (id: string) => ['bundle-cases', 'detail', id] as const,
};

export function useBundles(regionCode = '610922') {
  return useQuery({ queryKey: bundleKeys.list(regionCode), queryFn: () => api.get<Page<BundleSummary>>('/bundles', { regionCode }) });
}

export function useBundle(id: string) {
  return useQuery({ queryKey: bundleKeys.detail(id), queryFn: () => api.get<BundleDetail>(`/bundles/${id}`) });
}

export function useMyBundleCases(enabled = true) {
  return useQuery({
    queryKey: bundleKeys.mine,
    queryFn: () => api.get<Page<BundleCaseSummary>>('/bundle-cases', { pageSize: 50 }),
    enabled,
  });
}

export function useStaffBundleCases(queue: 'open' | 'toHandOver' | 'all') {
  return useQuery({
    queryKey: bundleKeys.staff(queue),
    queryFn: () => api.get<Page<BundleCaseSummary>>('/staff/bundle-cases', { queue, pageSize: 50 }),
  });
}

export function useBundleCase(id: string) {
  return useQuery({ queryKey: bundleKeys.caseDetail(id), queryFn: () => api.get<BundleCaseDetail>(`/bundle-cases/${id}`) });
}
