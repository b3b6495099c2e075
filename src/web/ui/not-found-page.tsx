import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePageTitle } from './page-title.ts';

/** 404 inside the application. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('notFound.title'));
  return (
    <Result
      status="404"
      title={<h1 className="tb-result-title">{t('notFound.title')}</h1>}
      subTitle={t('notFound.text')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('guard.backHome')}</Button>}
    />
  );
}
