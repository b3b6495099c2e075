import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotifications } from '../cases/queries.ts';

/** The header's bell: a link to /me/notifications with the unread count (polled every minute). */
export function NotificationBell() {
  const { t } = useTranslation();
  const { data } = useNotifications(true);
  const unread = data?.unread ?? 0;
  return (
    <Link
      to="/me/notifications"
      className="tb-bell"
      aria-label={unread > 0 ? t('notificationsPage.bellUnread', { count: unread }) : t('notificationsPage.bell')}
      data-testid="notification-bell"
    >
      <Badge count={unread} size="small" overflowCount={99} offset={[4, -2]}>
        <BellOutlined className="tb-bell-icon" aria-hidden="true" />
      </Badge>
    </Link>
  );
}
