import { Button, Card, Empty, Input, List, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Account } from '../api-types.ts';
import { useItemSearch } from '../catalog/queries.ts';

/**
 * 窗口收件: a clerk at the window finds the item a walk-in applicant asks for and files it for them
 * (the apply form in window mode: the applicant's ID number, name and phone, scanned materials; a
 * 即办件 is then completed on the spot from the case page).
 */
export function WindowIntake({ account }: { account: Account }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const results = useItemSearch({ q, regionCode: account.region?.code, pageSize: 6 }, q.trim().length > 0);
  return (
    <Card title={<h2 className="tb-card-heading">{t('windowIntake.title')}</h2>} data-testid="window-intake">
      <p className="tb-card-line">{t('windowIntake.intro')}</p>
      <Input.Search
        aria-label={t('windowIntake.search')}
        placeholder={t('windowIntake.placeholder')}
        enterButton={t('windowIntake.find')}
        allowClear
        onSearch={(value) => setQ(value.trim())}
        className="tb-intake-search"
      />
      {q ? (
        <List
          className="tb-gap"
          loading={results.isFetching}
          dataSource={results.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('windowIntake.none')} /> }}
          renderItem={(item) => (
            <List.Item
              actions={[
                <Link key="apply" to={`/apply/${item.implementationCode}`}>
                  <Button type="primary" data-testid="intake-apply">
                    {t('windowIntake.fileFor')}
                  </Button>
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={item.name}
                description={
                  <span className="tb-tags">
                    <span>{item.department.name}</span>
                    {item.handlingType === 'immediate' ? <Tag color="green">{t('windowIntake.immediate')}</Tag> : null}
                  </span>
                }
              />
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
