import { EditOutlined, SearchOutlined, StarOutlined } from '@ant-design/icons';
import { Button, Card, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMyCases } from '../cases/queries.ts';
import type { CaseSummary } from '../cases/types.ts';

/** The latest complete cases nobody has rated yet (待评价: the server's list, `GET /api/v1/cases?group=toRate`), and how many. */
export function useCasesToRate(enabled = true): { items: CaseSummary[]; total: number; pending: boolean } {
  const toRate = useMyCases(1, enabled, { group: 'toRate', pageSize: 10 });
  return { items: toRate.data?.items ?? [], total: toRate.data?.total ?? 0, pending: toRate.isPending };
}

/**
 * 需要您处理: the resident's home leads with what waits for them — cases waiting for 补正 and cases to rate — each with
 * its call to action, then the ways on (我的办件, 办件进度查询).
 */
export function NeedsCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const corrections = useMyCases(1, true, { status: 'correction', pageSize: 5 });
  const toRate = useCasesToRate();
  const correctionItems = corrections.data?.items ?? [];
  const nothing = !corrections.isPending && !toRate.pending && correctionItems.length === 0 && toRate.items.length === 0;
  return (
    <Card title={<h2 className="tb-card-heading">{t('flows.home.needs')}</h2>} data-testid="needs-card" className="tb-needs-card">
      {corrections.isPending ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {correctionItems.length > 0 ? (
        <section className="tb-needs" data-testid="needs-correction">
          <p className="tb-needs-title">{t('flows.home.correction', { count: corrections.data?.total ?? correctionItems.length })}</p>
          <ul className="tb-rows">
            {correctionItems.map((c) => (
              <li key={c.id} className="tb-row tb-needs-row">
                <span className="tb-row-title">{c.itemName}</span>
                <span className="tb-code tb-muted">{c.number}</span>
                <Button
                  type="primary"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => void navigate(`/me/cases/${c.id}`)}
                  data-testid="cta-correct"
                >
                  {t('flows.home.correctionAction')}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {toRate.items.length > 0 ? (
        <section className="tb-needs" data-testid="needs-rate">
          <p className="tb-needs-title">{t('flows.home.rate', { count: toRate.total })}</p>
          <ul className="tb-rows">
            {toRate.items.map((c) => (
              <li key={c.id} className="tb-row tb-needs-row">
                <span className="tb-row-title">{c.itemName}</span>
                <span className="tb-code tb-muted">{c.number}</span>
                <Button size="small" icon={<StarOutlined />} onClick={() => void navigate(`/me/cases/${c.id}`)} data-testid="cta-rate">
                  {t('flows.home.rateAction')}
                </Button>
              </li>
            ))}
          </ul>
          {toRate.total > toRate.items.length ? (
            <Link to="/me/cases?tab=toRate" data-testid="needs-rate-all">
              {t('flows.myCases.tabs.toRate')}（{toRate.total}）
            </Link>
          ) : null}
        </section>
      ) : null}
      {nothing ? <p data-testid="needs-nothing">{t('flows.home.nothing')}</p> : null}
      <div className="tb-actions">
        <Link to="/me/cases">{t('flows.home.myCases')}</Link>
        <Link to="/progress">
          <SearchOutlined aria-hidden="true" /> {t('flows.home.progress')}
        </Link>
      </div>
    </Card>
  );
}
