import { InboxOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account } from '../api-types.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { useDescriptionsLayout } from '../ui/responsive.ts';
import { RoleTags } from '../ui/role-tags.tsx';

/** 工作台: the staff member's department, region and roles, and (for now empty) case queue. */
export function WorkbenchPage() {
  const { t } = useTranslation();
  usePageTitle(t('staff.title'));
  return (
    <RequireAccount allow={(account) => account.kind === 'staff'} deniedText={t('guard.noPermissionStaff')}>
      {(account) => <WorkbenchView account={account} />}
    </RequireAccount>
  );
}

function WorkbenchView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const descriptionsLayout = useDescriptionsLayout();
  return (
    <div className="tb-page tb-stack">
      <Typography.Title level={1} className="tb-page-title">
        {t('staff.title')} · {account.displayName}
      </Typography.Title>
      <Card>
        <Descriptions
          {...descriptionsLayout}
          column={{ xs: 1, sm: 1, md: 3 }}
          items={[
            {
              key: 'department',
              label: t('staff.department'),
              children: <span data-testid="staff-department">{account.department?.name ?? t('staff.none')}</span>,
            },
            { key: 'region', label: t('staff.region'), children: account.region?.name ?? t('staff.none') },
            { key: 'roles', label: t('staff.roles'), children: <RoleTags roles={account.roles} /> },
          ]}
        />
      </Card>
      <Card title={<h2 className="tb-card-heading">{t('staff.queue')}</h2>}>
        <Alert type="info" showIcon title={t('staff.queueNote')} className="tb-gap" />
        <Empty image={<InboxOutlined className="tb-empty-icon" aria-hidden="true" />} styles={{ image: { height: 56 } }} description={t('staff.queueEmpty')} />
      </Card>
    </div>
  );
}
