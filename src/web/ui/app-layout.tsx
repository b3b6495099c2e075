import { Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigation } from 'react-router';
import { AppHeader } from './app-header.tsx';
import { SiteFooter } from './site-footer.tsx';

/** Frame of every page: skip link, header, main area, footer (with 证照核验 for everyone). */
export function AppLayout() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  return (
    <div className="tb-app">
      <a className="tb-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <main id="main" className="tb-main" tabIndex={-1} aria-busy={navigation.state === 'loading'}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <SiteFooter />
    </div>
  );
}

/** A centred spinner with a spoken label. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="tb-loading" role="status">
      <Spin />
      <span>{t('app.loading')}</span>
    </div>
  );
}
