import { Button, Card, Empty, Input, List, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { QrcodeOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import type { Page } from '../api-types.ts';
import type { CaseSummary } from '../cases/types.ts';
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
      <QrEntry />
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

const CASE_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * 扫码调取: the applicant shows the QR code of their case (its number, or its page's address); a scanner types it into
 * this field and presses Enter (as scanners do), or the clerk types the number. A case number is looked up in the
 * acceptance queue, then in all open cases; the case page opens.
 */
function QrEntry() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);
  async function open(raw: string) {
    const text = raw.trim();
    if (!text) return;
    setError(false);
    const id = text.match(CASE_ID)?.[0];
    if (id) {
      void navigate(`/staff/cases/${id}`);
      return;
    }
    const number = text.replace(/\s+/g, '').toUpperCase();
    setBusy(true);
    try {
      for (const queue of ['toAccept', 'mine', 'open']) {
        const page = await api.get<Page<CaseSummary>>('/staff/cases', { queue, q: number, page: 1, pageSize: 2 });
        const found = page.items.find((c) => c.number === number);
        if (found) {
          void navigate(`/staff/cases/${found.id}`);
          return;
        }
      }
      setError(true);
    } catch {
      setError(true);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="tb-qr-entry tb-gap">
      <p className="tb-card-line">
        <QrcodeOutlined aria-hidden="true" /> {t('flows.intake.qrHint')}
      </p>
      <Input.Search
        aria-label={t('flows.intake.qrNumber')}
        placeholder={t('flows.intake.qrNumber')}
        enterButton={t('flows.intake.qrOpen')}
        loading={busy}
        onSearch={(value) => void open(value)}
        className="tb-intake-search"
        data-testid="qr-entry"
      />
      {error ? (
        <p className="tb-field-error" role="alert">
          {t('flows.intake.qrNotFound')}
        </p>
      ) : null}
    </div>
  );
}
