import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';

/**
 * Codes whose client sentence says what to do next (upload again, reload, correct the marked
 * fields, ask the holder to show the license again), so it is shown instead of the server's
 * shorter statement of the fault.
 */
function clientSentenceFirst(code: string): boolean {
  return (
    code.startsWith('CASE_') ||
    code.startsWith('IDEMPOTENCY_') ||
    code.startsWith('LICENSE_') ||
    code.startsWith('SEAL_') ||
    ['MATERIAL_NOT_FOUND', 'FILE_TYPE_MISMATCH', 'FILE_INVALID', 'BODY_TOO_LARGE'].includes(code)
  );
}

/**
 * Turns any error into a sentence for the user: the server's localized `message` first (the
 * client's own sentence first for the case and material codes), else the client's sentence for
 * the code, else a generic one.
 */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        const key = `errors.${error.code}`;
        if (clientSentenceFirst(error.code) && i18n.exists(key)) return t(key);
        if (error.message) return error.message;
        if (i18n.exists(key)) return t(key);
      }
      return t('errors.generic');
    },
    [t, i18n],
  );
}

/**
 * Where an error of the case API belongs on the screen: sentences by form field (`formData`
 * keys, `applicant.idNumber`…), by material requirement key, and the sentence for the whole form.
 */
export type CaseProblems = {
  fields: Record<string, string>;
  materials: Record<string, string>;
  general: string;
  code: string;
};

type Details = {
  errors?: Array<{ field?: string; message?: string }>;
  missing?: Array<{ key?: string; name?: string }>;
  problems?: Array<{ requirementKey?: string; reason?: string; allowed?: unknown }>;
  keys?: string[];
  requirementKeys?: string[];
};

/**
 * Reads the details of CASE_FORM_INVALID, CASE_MATERIALS_MISSING, CASE_MATERIAL_NOT_ACCEPTED,
 * CASE_NOT_DEFERRABLE, CASE_NOTICE_INVALID, ID_NUMBER_INVALID, PHONE_INVALID and VALIDATION_FAILED
 * into sentences placed at the field or material they concern.
 */
export function useCaseProblems(): (error: unknown) => CaseProblems {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  return useCallback(
    (error: unknown) => {
      const result: CaseProblems = { fields: {}, materials: {}, general: errorText(error), code: '' };
      if (!(error instanceof ApiError)) return result;
      result.code = error.code;
      const details = (error.details ?? {}) as Details;
      const materialReason = (reason: string | undefined, allowed: unknown) => {
        const key = `caseErrors.material.${reason ?? 'other'}`;
        const list = Array.isArray(allowed)
          ? allowed.map((kind) => String(kind).toUpperCase()).join(t('guide.listSeparator'))
          : String(allowed ?? '');
        return i18n.exists(key) ? t(key, { allowed: list }) : t('caseErrors.material.other');
      };
      switch (error.code) {
        case 'CASE_FORM_INVALID':
          for (const entry of details.errors ?? []) {
            // The server writes each field's message in the request's language (Accept-Language): shown as is.
            if (entry.field) result.fields[entry.field] = entry.message ?? '';
          }
          break;
        case 'CASE_MATERIALS_MISSING':
          for (const entry of details.missing ?? []) if (entry.key) result.materials[entry.key] = t('caseErrors.material.missing');
          break;
        case 'CASE_MATERIAL_NOT_ACCEPTED':
          for (const entry of details.problems ?? []) {
            if (entry.requirementKey) result.materials[entry.requirementKey] = materialReason(entry.reason, entry.allowed);
          }
          break;
        case 'CASE_NOT_DEFERRABLE':
          for (const key of details.keys ?? []) result.materials[key] = t('caseErrors.material.notDeferrable');
          break;
        case 'CASE_NOTICE_INVALID':
          for (const key of details.requirementKeys ?? []) result.materials[key] = t('caseErrors.material.notInSituation');
          break;
        case 'ID_NUMBER_INVALID':
          result.fields['applicant.idNumber'] = t('errors.ID_NUMBER_INVALID');
          break;
        case 'PHONE_INVALID':
          result.fields['applicant.phone'] = t('errors.PHONE_INVALID');
          break;
        case 'VALIDATION_FAILED':
          for (const [field, message] of Object.entries(error.fieldErrors())) {
            result.fields[field.replace(/^formData\./, '')] = message;
          }
          break;
        default:
          break;
      }
      return result;
    },
    [t, i18n, errorText],
  );
}

/** True when the error is a stale version: the page must reload the record before trying again. */
export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'VERSION_CONFLICT';
}
