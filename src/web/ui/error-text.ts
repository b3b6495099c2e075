import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';

/**
 * Turns any error into a sentence for the user: the server's localized `message` first,
 * else the client's own sentence for the code, else a generic one.
 */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (error.message) return error.message;
        const key = `errors.${error.code}`;
        if (i18n.exists(key)) return t(key);
      }
      return t('errors.generic');
    },
    [t, i18n],
  );
}
