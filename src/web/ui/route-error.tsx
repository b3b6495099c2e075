import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { StatusPage } from './status-page.tsx';

/** Shown when a page fails to load or render, e.g. a chunk that vanished after an update. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="tb-main">
      <StatusPage
        kind={notFound ? 'notFound' : 'error'}
        title={notFound ? t('notFound.title') : t('routeError.title')}
        text={notFound ? t('notFound.text') : t('routeError.text')}
        action={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('routeError.reload')}
          </Button>
        }
      />
    </div>
  );
}
