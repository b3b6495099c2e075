import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePageTitle } from './page-title.ts';
import { StatusPage } from './status-page.tsx';

/** 404 inside the application. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('notFound.title'));
  return (
    <StatusPage
      kind="notFound"
      title={t('notFound.title')}
      text={t('notFound.text')}
      action={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('guard.backHome')}
        </Button>
      }
    />
  );
}
