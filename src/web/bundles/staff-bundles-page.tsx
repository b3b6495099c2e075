import { Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { BundleStatusTag } from './bundle-case-page.tsx';
import { useStaffBundleCases } from './queries.ts';

/** /staff/bundles — bundle cases of my region or department; 待出件 for the pickup window. */
export function StaffBundlesPage() {
  const { t } = useTranslation();
  usePageTitle(t('bundles.staffTitle'));
  return <RequireAccount allow={(a) => a.kind === 'staff'}>{() => <StaffBundlesView />}</RequireAccount>;
}

function StaffBundlesView() {
  const { t } = useTranslation();
  const [queue, setQueue] = useState<'open' | 'toHandOver' | 'all'>('open');
  const list = useStaffBundleCases(queue);
  return (
    <div className="tb-page tb-stack">
      <Typography.Title level={1} className="tb-page-title">
        {t('bundles.staffTitle')}
      </Typography.Title>
      <Segmented
        value={queue}
        onChange={(v) => setQueue(v as typeof queue)}
        options={(['open', 'toHandOver', 'all'] as const).map((q) => ({ value: q, label: t(`bundles.queues.${q}`) }))}
      />
      {list.isPending ? (
        <Skeleton active />
      ) : (
        <ul className="tb-rows" data-testid="staff-bundle-cases">
          {(list.data?.items ?? []).map((b) => (
            <li key={b.id} className="tb-row">
              <Link to={`/staff/bundles/${b.id}`} className="tb-row-title">
                {b.bundleName}
              </Link>{' '}
              <BundleStatusTag status={b.status} />
              <p className="tb-muted">
                {b.number} · {b.applicantName} · {t('bundles.progress', { done: b.doneCount, total: b.subCaseCount })}
              </p>
            </li>
          ))}
          {list.data?.items.length === 0 ? <li className="tb-muted">{t('bundles.noCases')}</li> : null}
        </ul>
      )}
    </div>
  );
}
