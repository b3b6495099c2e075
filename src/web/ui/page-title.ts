import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab title to "<title> - 通办". */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const name = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} - ${name}` : t('app.fullName');
  }, [title, name, t]);
}
