import { Alert, Button, Card, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { useBundles } from './queries.ts';
import { ReductionFigures } from './reduction-figures.tsx';

/** /bundles — 一件事一次办: the county's bundles with what each saves. */
export function BundleListPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  usePageTitle(t('bundles.title'));
  const bundles = useBundles();
  return (
    <div className="tb-page tb-stack">
      <div className="tb-toolbar">
        <Typography.Title level={1} className="tb-page-title">
          {t('bundles.title')}
        </Typography.Title>
        <Link to="/me/bundles" data-testid="my-bundles-link">
          {t('bundles.mine')}
        </Link>
      </div>
      <p className="tb-muted">{t('bundles.intro')}</p>
      {bundles.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : bundles.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('errors.loadFailed')}
          description={errorText(bundles.error)}
          action={<Button onClick={() => void bundles.refetch()}>{t('errors.retry')}</Button>}
        />
      ) : (
        <ul className="tb-plain-list tb-stack" data-testid="bundle-list">
          {bundles.data.items.map((b) => (
            <li key={b.id}>
              <Card>
                <Typography.Title level={2} className="tb-sub-heading">
                  <Link to={`/bundles/${b.id}`} data-testid={`bundle-${b.key}`}>
                    {b.name}
                  </Link>
                </Typography.Title>
                <p>{b.description}</p>
                <p>
                  <Tag color="blue">{t('bundles.items', { count: b.itemCount })}</Tag>
                  <Tag>{t('bundles.lead', { name: b.leadDepartment.name })}</Tag>
                </p>
                <ReductionFigures reduction={b.reduction} compact />
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
