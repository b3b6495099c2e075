import { CheckOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Empty, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Account } from '../api-types.ts';
import { useDateFormat } from '../cases/labels.tsx';
import { useMarkRead, useNotifications } from '../cases/queries.ts';
import type { Notification } from '../cases/types.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';

/** /me/notifications — my messages (applied, accepted, correction needed, decided…), newest first. */
export function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('notificationsPage.title'));
  return <RequireAccount>{(account) => <NotificationsView account={account} />}</RequireAccount>;
}

function NotificationsView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const list = useNotifications(true, 100);
  return (
    <div className="tb-page tb-stack">
      <Typography.Title level={1} className="tb-page-title">
        {t('notificationsPage.title')}
      </Typography.Title>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : list.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('errors.loadFailed')}
          description={errorText(list.error)}
          action={<Button onClick={() => void list.refetch()}>{t('errors.retry')}</Button>}
        />
      ) : list.data.items.length === 0 ? (
        <Empty description={t('notificationsPage.empty')} />
      ) : (
        <>
          <p className="tb-muted">{t('notificationsPage.total', { count: list.data.total, unread: list.data.unread })}</p>
          <ul className="tb-rows" data-testid="notifications">
            {list.data.items.map((entry) => (
              <NotificationRow key={entry.id} entry={entry} staff={account.kind === 'staff'} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function NotificationRow({ entry, staff }: { entry: Notification; staff: boolean }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const markRead = useMarkRead();
  const unread = !entry.readAt;
  const read = () => {
    if (unread) markRead.mutate(entry.id);
  };
  return (
    <li className={`tb-row tb-notification${unread ? ' tb-unread' : ''}`}>
      <div className="tb-case-row-head">
        <span className="tb-row-title">
          {unread ? <Badge status="processing" text={<span className="tb-visually-hidden">{t('notificationsPage.unread')}</span>} /> : null}
          {entry.title}
        </span>
        <time className="tb-row-meta" dateTime={entry.createdAt}>
          {dateTime(entry.createdAt)}
        </time>
      </div>
      <p className="tb-pre">{entry.body}</p>
      <div className="tb-actions">
        {entry.caseId ? (
          <Link to={staff ? `/staff/cases/${entry.caseId}` : `/me/cases/${entry.caseId}`} onClick={read}>
            {t('notificationsPage.openCase')}
          </Link>
        ) : null}
        {unread ? (
          <Button size="small" icon={<CheckOutlined />} onClick={read} loading={markRead.isPending}>
            {t('notificationsPage.markRead')}
          </Button>
        ) : null}
      </div>
    </li>
  );
}
