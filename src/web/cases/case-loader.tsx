import { Alert, Button, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api.ts';
import { isVersionConflict, useErrorText } from '../ui/error-text.ts';
import { useCase } from './queries.ts';
import type { CaseDetail } from './types.ts';

/** Loads a case and renders it; a missing (or hidden) case shows 404 with a way back. */
export function CaseLoader({
  id,
  back,
  children,
}: {
  id: string;
  back: { to: string; label: string };
  children: (c: CaseDetail, reload: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const query = useCase(id);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    if (missing) {
      return (
        <Result
          status="404"
          title={<h1 className="tb-result-title">{t('cases.notFound')}</h1>}
          extra={<Link to={back.to}>{back.label}</Link>}
        />
      );
    }
    return (
      <Alert
        type="error"
        showIcon
        title={t('errors.loadFailed')}
        description={errorText(query.error)}
        action={<Button onClick={() => void query.refetch()}>{t('errors.retry')}</Button>}
      />
    );
  }
  return <>{children(query.data, () => void query.refetch())}</>;
}

/**
 * The sentence of a failed action, shown where the action was started; a stale version says so
 * and offers to reload the case.
 */
export function ActionError({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (!error) return null;
  if (isVersionConflict(error)) {
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        className="tb-gap"
        title={t('cases.conflict')}
        action={onReload ? <Button onClick={onReload}>{t('cases.reload')}</Button> : undefined}
      />
    );
  }
  return <Alert type="error" showIcon role="alert" className="tb-gap" title={errorText(error)} data-testid="action-error" />;
}
