import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Shown when a page fails to load or render, e.g. a chunk that vanished after an update. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="tb-main">
      <Result
        status={notFound ? '404' : 'error'}
        title={<h1 className="tb-result-title">{notFound ? t('notFound.title') : t('routeError.title')}</h1>}
        subTitle={notFound ? t('notFound.text') : t('routeError.text')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('routeError.reload')}
          </Button>
        }
      />
    </div>
  );
}
