import { Card, Descriptions, Empty, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account } from '../api-types.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { useDescriptionsLayout } from '../ui/responsive.ts';
import { RoleTags } from '../ui/role-tags.tsx';
import { NeedsCard } from './needs-card.tsx';

/** 我的: the account, its masked real-name data and linked organizations. */
export function MePage() {
  const { t } = useTranslation();
  usePageTitle(t('me.title'));
  return <RequireAccount>{(account) => <MeView account={account} />}</RequireAccount>;
}

function MeView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const descriptionsLayout = useDescriptionsLayout();
  const accountItems: DescriptionsProps['items'] = [
    { key: 'username', label: t('me.username'), children: account.username },
    { key: 'displayName', label: t('me.displayName'), children: account.displayName },
    { key: 'kind', label: t('me.kind'), children: t(`kind.${account.kind}`) },
  ];
  if (account.kind === 'staff') {
    accountItems.push(
      { key: 'department', label: t('me.department'), children: account.department?.name ?? '—' },
      { key: 'region', label: t('me.region'), children: account.region?.name ?? '—' },
      { key: 'roles', label: t('me.roles'), children: <RoleTags roles={account.roles} /> },
    );
  }
  const person = account.person;
  const personItems: DescriptionsProps['items'] = person
    ? [
        { key: 'name', label: t('me.name'), children: <span data-testid="person-name">{person.name}</span> },
        { key: 'idNumber', label: t('me.idNumber'), children: <span className="tb-code">{person.idNumber}</span> },
        { key: 'phone', label: t('me.phone'), children: <span className="tb-code">{person.phone}</span> },
        {
          key: 'level',
          label: t('me.realNameLevel'),
          children: <Tag color="green">{t('me.level', { level: person.realNameLevel })}</Tag>,
        },
      ]
    : [];

  return (
    <div className="tb-page tb-stack">
      <Typography.Title level={1} className="tb-page-title">
        {t('me.title')}
      </Typography.Title>
      {account.kind === 'applicant' ? <NeedsCard /> : null}
      <Card title={<h2 className="tb-card-heading">{t('me.account')}</h2>}>
        <Descriptions {...descriptionsLayout} column={{ xs: 1, sm: 1, md: 2 }} items={accountItems} />
      </Card>
      <Card title={<h2 className="tb-card-heading">{t('me.person')}</h2>}>
        {person ? (
          <>
            <Descriptions {...descriptionsLayout} column={{ xs: 1, sm: 1, md: 2 }} items={personItems} />
            <Typography.Paragraph type="secondary" className="tb-note">
              {t('me.masked')}
            </Typography.Paragraph>
          </>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('me.personNone')} />
        )}
      </Card>
      {account.kind === 'applicant' ? (
        <Card title={<h2 className="tb-card-heading">{t('me.organizations')}</h2>}>
          {account.organizations.length > 0 ? (
            <ul className="tb-rows">
              {account.organizations.map((organization) => (
                <li key={organization.id} className="tb-row">
                  <span className="tb-row-title">{organization.name}</span>
                  <span className="tb-row-meta">
                    {t('me.creditCode')}: <span className="tb-code">{organization.creditCode}</span>
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('me.organizationsNone')} />
          )}
        </Card>
      ) : null}
    </div>
  );
}
