import { Alert, Button } from 'antd';
import { StatusPage } from './status-page.tsx';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { Account } from '../api-types.ts';
import { useMe } from '../queries.ts';
import { PageLoading } from './app-layout.tsx';
import { useErrorText } from './error-text.ts';

type Props = {
  /** Renders the page for the logged-in account. */
  children: (account: Account) => ReactNode;
  /** Who may see the page; everyone logged in when left out. */
  allow?: (account: Account) => boolean;
  /** The sentence shown to a logged-in account that is not allowed. */
  deniedText?: string;
};

/** Sends anonymous visitors to /login (and back afterwards) and shows "no permission" to the wrong account. */
export function RequireAccount({ children, allow, deniedText }: Props) {
  const { t } = useTranslation();
  const location = useLocation();
  const errorText = useErrorText();
  const me = useMe();
  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('errors.loadFailed')}
        description={errorText(me.error)}
        action={<Button onClick={() => void me.refetch()}>{t('errors.retry')}</Button>}
      />
    );
  }
  const account = me.data;
  if (!account) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (allow && !allow(account)) return <NoPermission text={deniedText} />;
  return <>{children(account)}</>;
}

/** The 403 page. */
export function NoPermission({ text }: { text?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <StatusPage
      kind="forbidden"
      title={t('guard.noPermission')}
      text={text}
      action={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('guard.backHome')}
        </Button>
      }
    />
  );
}
