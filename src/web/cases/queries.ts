import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { Page } from '../api-types.ts';
import type { CaseAction, CaseDetail, CaseSummary, NotificationPage, QueueName, StoredMaterial } from './types.ts';

/** Query keys of cases, materials and notifications, one place. */
export const caseKeys = {
  all: ['cases'] as const,
  mine: (page: number, filter: MyCasesFilter = {}) => ['cases', 'mine', page, filter] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  queue: (queue: QueueName, page: number, q = '') => ['cases', 'queue', queue, page, q] as const,
  queueCount: (queue: QueueName) => ['cases', 'queue-count', queue] as const,
  wallet: ['materials', 'wallet'] as const,
  notifications: ['notifications'] as const,
};

/** The path segment of each case action under POST /api/v1/cases/{id}/… (signCommitment is built per commitment). */
export const actionPaths: Partial<Record<CaseAction, string>> = {
  submit: 'submit',
  withdraw: 'withdraw',
  supplement: 'supplement',
  supplyDeferred: 'supply',
  claim: 'claim',
  accept: 'accept',
  notifyDeficiency: 'deficiency-notice',
  reject: 'reject',
  handleImmediately: 'handle-immediately',
  review: 'review',
  countersign: 'countersign',
  decide: 'decide',
  complete: 'complete',
  startSpecial: 'special-procedure',
  endSpecial: 'special-procedure/end',
  requestExtension: 'extension',
  decideExtension: 'extension/decide',
  transfer: 'transfer',
  postCheck: 'post-check',
};

/** The tab (group) and search of 我的办件. */
export type MyCasesFilter = {
  group?: 'needsMe' | 'inProgress' | 'done' | 'toRate';
  status?: CaseSummary['status'];
  q?: string;
  pageSize?: number;
};

/** My cases as applicant, one page, of a tab and a search. */
export function useMyCases(page: number, enabled = true, filter: MyCasesFilter = {}) {
  return useQuery({
    queryKey: caseKeys.mine(page, filter),
    queryFn: () =>
      api.get<Page<CaseSummary>>('/cases', {
        page,
        pageSize: filter.pageSize ?? 20,
        group: filter.group,
        status: filter.status,
        q: filter.q || undefined,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One case with everything its page shows. */
export function useCase(id: string, enabled = true) {
  return useQuery({ queryKey: caseKeys.detail(id), queryFn: () => api.get<CaseDetail>(`/cases/${id}`), enabled });
}

/** One page of a staff queue, optionally searched (case number, applicant name or ID number). */
export function useStaffQueue(queue: QueueName, page: number, q = '') {
  return useQuery({
    queryKey: caseKeys.queue(queue, page, q),
    queryFn: () => api.get<Page<CaseSummary>>('/staff/cases', { queue, page, pageSize: 20, q: q || undefined }),
    placeholderData: keepPreviousData,
  });
}

/** How many cases each queue holds (one small request per queue). */
export function useQueueCounts(queues: readonly QueueName[]) {
  return useQueries({
    queries: queues.map((queue) => ({
      queryKey: caseKeys.queueCount(queue),
      queryFn: async () => (await api.get<Page<CaseSummary>>('/staff/cases', { queue, page: 1, pageSize: 1 })).total,
      staleTime: 30_000,
    })),
  });
}

/** My stored materials (个人资料库), newest first. */
export function useWallet(enabled = true) {
  return useQuery({
    queryKey: caseKeys.wallet,
    queryFn: () => api.get<Page<StoredMaterial>>('/materials', { page: 1, pageSize: 100 }),
    enabled,
    staleTime: 30_000,
  });
}

/** Uploads one file as a material of my Wallet. */
export function uploadMaterial(file: File, name?: string): Promise<StoredMaterial> {
  return api.upload<StoredMaterial>('/materials', file, name ? { name } : {});
}

/** My notifications with the unread count; polled every minute while a page shows them. */
export function useNotifications(enabled: boolean, pageSize = 20) {
  return useQuery({
    queryKey: [...caseKeys.notifications, pageSize],
    queryFn: () => api.get<NotificationPage>('/notifications', { page: 1, pageSize }),
    enabled,
    refetchInterval: 60_000,
    staleTime: 20_000,
  });
}

/** Marks a notification read and refreshes the counts. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/notifications/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.notifications }),
  });
}

/** What a case action posts: its path under the case, and its body (the version is added). */
export type ActionRequest = { path: string; body?: Record<string, unknown> };

/**
 * Runs an action on a case with the case's current version; on success the answer (the whole
 * case) replaces the cached detail and every list is refreshed.
 */
export function useCaseAction(c: Pick<CaseDetail, 'id' | 'version'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: ActionRequest) => api.post<CaseDetail>(`/cases/${c.id}/${path}`, { version: c.version, ...body }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(caseKeys.detail(updated.id), updated);
      await queryClient.invalidateQueries({ queryKey: caseKeys.all, predicate: (query) => query.queryKey[1] !== 'detail' });
      await queryClient.invalidateQueries({ queryKey: caseKeys.notifications });
    },
  });
}
