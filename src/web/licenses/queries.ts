import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, api, apiRequest } from '../api.ts';
import type { Page } from '../api-types.ts';
import type { CaseLicense, License, LicenseUse, Presentation, UploadVerification, Verification } from './types.ts';

/** Query keys of licenses, one place. */
export const licenseKeys = {
  mine: ['licenses', 'mine'] as const,
  uses: (identifier: string) => ['licenses', 'uses', identifier] as const,
  verify: (identifier: string) => ['licenses', 'verify', identifier] as const,
  presentation: (token: string) => ['licenses', 'presentation', token] as const,
};

const path = (identifier: string) => `/licenses/${encodeURIComponent(identifier)}`;

/** A 4xx answer will not change on a retry (not found, expired, malformed). */
const retryUnlessClientError = (failureCount: number, error: unknown) =>
  !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2;

/** My licenses (证照夹). */
export function useMyLicenses(enabled = true) {
  return useQuery({ queryKey: licenseKeys.mine, queryFn: () => api.get<Page<License>>('/licenses'), enabled });
}

/** Who used one of my licenses (用证记录); read when the list is opened. */
export function useLicenseUses(identifier: string, enabled: boolean) {
  return useQuery({ queryKey: licenseKeys.uses(identifier), queryFn: () => api.get<LicenseUse[]>(`${path(identifier)}/uses`), enabled });
}

/** 亮证: asks for a new code (valid 5 minutes) for one of my licenses. */
export function useCreatePresentation(identifier: string) {
  return useMutation({ mutationFn: () => api.post<Presentation>(`${path(identifier)}/presentations`) });
}

/** Public verification by identifier; always read fresh (a license may be revoked at any time). */
export function useVerification(identifier: string, code?: string) {
  return useQuery({
    queryKey: [...licenseKeys.verify(identifier), code ?? ''],
    queryFn: () => api.get<Verification>(`${path(identifier)}/verify${code ? `?code=${encodeURIComponent(code)}` : ''}`),
    retry: retryUnlessClientError,
    staleTime: 0,
    gcTime: 0,
  });
}

/** A verifier's check of a 亮证 code; 410 LICENSE_PRESENTATION_EXPIRED once it has expired. */
export function usePresentationCheck(token: string) {
  return useQuery({
    queryKey: licenseKeys.presentation(token),
    queryFn: () => api.get<Verification>(`/license-presentations/${encodeURIComponent(token)}`),
    retry: retryUnlessClientError,
    staleTime: 0,
    gcTime: 0,
  });
}

/** Checks an uploaded license PDF and its signature file together. */
export function useUploadVerification() {
  return useMutation({
    mutationFn: ({ pdf, signature }: { pdf: File; signature: File }) => {
      const form = new FormData();
      form.append('pdf', pdf);
      form.append('signature', signature);
      return apiRequest<UploadVerification>('POST', '/license-verifications', { body: form });
    },
  });
}

/** 用证 by staff: reads a license that stood in for a material of the case (the read is recorded). */
export function useCaseLicense(caseId: string, identifier: string) {
  return useMutation({ mutationFn: () => api.get<CaseLicense>(`/cases/${caseId}${path(identifier)}`) });
}

/** Address of the seal maker's certificate (DER) for offline verification. */
export const SEAL_MAKER_CERTIFICATE_URL = '/api/v1/seal-maker/certificate';
