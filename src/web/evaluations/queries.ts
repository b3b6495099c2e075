import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { Page } from '../api-types.ts';
import type {
  Appeal,
  CaseEvaluationStatus,
  Evaluation,
  HallWindow,
  IssuedToken,
  Letter,
  RatingInput,
  Rectification,
  RectificationDetail,
  TokenInfo,
} from './types.ts';

/** Query keys of the evaluation screens. */
export const evaluationKeys = {
  all: ['evaluations'] as const,
  caseStatus: (caseId: string) => ['evaluations', 'case', caseId] as const,
  token: (token: string) => ['evaluations', 'token', token] as const,
  staff: (bad: string, page: number) => ['evaluations', 'staff', bad, page] as const,
  rectifications: (status: string, overdue: boolean, page: number) => ['evaluations', 'rectifications', status, overdue, page] as const,
  rectification: (id: string) => ['evaluations', 'rectification', id] as const,
  appeals: (status: string, page: number) => ['evaluations', 'appeals', status, page] as const,
  letters: (overdue: boolean, page: number) => ['evaluations', 'letters', overdue, page] as const,
  windows: ['evaluations', 'windows'] as const,
};

export function useCaseEvaluation(caseId: string, enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.caseStatus(caseId),
    queryFn: () => api.get<CaseEvaluationStatus>(`/cases/${caseId}/evaluation`),
    enabled,
  });
}

/** Rates a case online (一事一评). */
export function useRateCase(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RatingInput) => api.post<Evaluation>('/evaluations', { caseId, ...input }),
    onSuccess: () => client.invalidateQueries({ queryKey: evaluationKeys.caseStatus(caseId) }),
  });
}

export function useTokenInfo(token: string) {
  return useQuery({ queryKey: evaluationKeys.token(token), queryFn: () => api.get<TokenInfo>(`/rate/${token}`), retry: false });
}

export function useRateWithToken(token: string) {
  return useMutation({
    mutationFn: (input: RatingInput) => api.post<{ id: string; score: number; scoreName: string; bad: boolean }>(`/rate/${token}`, input),
  });
}

export function useStaffEvaluations(bad: 'all' | 'true', page: number) {
  return useQuery({
    queryKey: evaluationKeys.staff(bad, page),
    queryFn: () => api.get<Page<Evaluation>>('/staff/evaluations', { bad: bad === 'all' ? undefined : bad, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function useRectifications(status: string, overdue: boolean, page: number) {
  return useQuery({
    queryKey: evaluationKeys.rectifications(status, overdue, page),
    queryFn: () =>
      api.get<Page<Rectification>>('/rectifications', {
        status: status || undefined,
        overdue: overdue ? 'true' : undefined,
        page,
        pageSize: 20,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useRectification(id: string | null) {
  return useQuery({
    queryKey: evaluationKeys.rectification(id ?? ''),
    queryFn: () => api.get<RectificationDetail>(`/rectifications/${id}`),
    enabled: Boolean(id),
  });
}

export function useAppeals(status: string, page: number) {
  return useQuery({
    queryKey: evaluationKeys.appeals(status, page),
    queryFn: () => api.get<Page<Appeal>>('/appeals', { status: status || undefined, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function useLetters(overdue: boolean, page: number) {
  return useQuery({
    queryKey: evaluationKeys.letters(overdue, page),
    queryFn: () => api.get<Page<Letter>>('/supervision-letters', { overdue: overdue ? 'true' : undefined, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function useMyWindows() {
  return useQuery({
    queryKey: evaluationKeys.windows,
    queryFn: () => api.get<Page<HallWindow>>('/evaluations/windows'),
    staleTime: 10 * 60_000,
  });
}

/** Any change on these screens: refresh every evaluation list afterwards. */
export function useEvaluationMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: evaluationKeys.all }) });
}

export const evaluationApi = {
  step: (id: string, path: string, body: Record<string, unknown>) => api.post<RectificationDetail>(`/rectifications/${id}/${path}`, body),
  appeal: (evaluationId: string, body: { kind: string; reason: string }) => api.post<Appeal>(`/evaluations/${evaluationId}/appeal`, body),
  decideAppeal: (id: string, body: { version: number; upheld: boolean; comment: string }) =>
    api.post<Appeal>(`/appeals/${id}/decide`, body),
  sendLetter: (body: Record<string, unknown>) => api.post<Letter>('/supervision-letters', body),
  replyLetter: (id: string, body: { version: number; text: string }) => api.post<Letter>(`/supervision-letters/${id}/reply`, body),
  issueWindowToken: (body: { windowId: string; caseId?: string }) => api.post<IssuedToken>('/evaluations/window-tokens', body),
};
