import { paginationItemRender } from '../ui/a11y.tsx';
import { AppstoreOutlined, BankOutlined } from '@ant-design/icons';
import { Card, Pagination, Radio, Select, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ItemBadges, useEnumLabel } from '../catalog/labels.tsx';
import { useSearch, useThemes } from '../catalog/queries.ts';
import type { BundleHit, ItemSummary } from '../catalog/types.ts';
import { useDepartments } from '../queries.ts';
import { QueryState } from './directory.tsx';
import { PORTAL_REGIONS } from './regions.ts';
import type { PortalRegion } from './regions.ts';

const PAGE_SIZE = 10;

type Props = {
  regionCode: PortalRegion;
  onRegionChange: (code: PortalRegion) => void;
  /** Filters set by the page (a theme page, a department page) and therefore not offered. */
  fixed?: { theme?: string; departmentId?: string };
  /** Called with the answer's total, e.g. for the page's summary line. */
  headline?: (total: number) => ReactNode;
};

/**
 * 事项 search results with filters (地区, 主题, 部门, 即办件/承诺件) and paging: the residents' search, so a
 * query also finds the bundles (一件事一次办) ranked with the items. The query and the filters live in
 * the address (`?q=&theme=&departmentId=&handlingType=&page=`), so results can be shared.
 */
export function ItemResults({ regionCode, onRegionChange, fixed = {}, headline }: Props) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const theme = fixed.theme ?? params.get('theme') ?? '';
  const departmentId = fixed.departmentId ?? params.get('departmentId') ?? '';
  const handlingType = params.get('handlingType') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const results = useSearch({
    q,
    regionCode: fixed.departmentId ? undefined : regionCode,
    theme,
    departmentId,
    handlingType,
    page,
    pageSize: PAGE_SIZE,
  });
  const themes = useThemes();
  const departments = useDepartments(regionCode);

  function setFilter(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'page') next.delete('page');
    setParams(next, { replace: name !== 'page' });
  }

  const total = results.data?.total;
  const items = results.data?.items ?? [];
  return (
    <section className="tb-section" aria-labelledby="item-results-title" aria-busy={results.isFetching}>
      <h2 id="item-results-title" className="tb-visually-hidden">
        {t('catalog.searchTitle')}
      </h2>
      <div className="tb-filters" role="group" aria-label={t('catalog.filters')}>
        {fixed.departmentId ? null : (
          <span className="tb-field">
            <label htmlFor="filter-region">{t('catalog.region')}</label>
            <Select<PortalRegion>
              id="filter-region"
              className="tb-filter-select tb-region-filter"
              value={regionCode}
              onChange={(code) => {
                onRegionChange(code);
                setFilter('departmentId', '');
              }}
              options={PORTAL_REGIONS.map((code) => ({ value: code, label: t(`regions.${code}`) }))}
            />
          </span>
        )}
        {fixed.theme ? null : (
          <span className="tb-field">
            <label htmlFor="filter-theme">{t('catalog.theme')}</label>
            <Select<string>
              id="filter-theme"
              className="tb-filter-select"
              value={theme}
              onChange={(value) => setFilter('theme', value)}
              loading={themes.isPending}
              options={[
                { value: '', label: t('catalog.allThemes') },
                ...(themes.data ?? []).map((item) => ({ value: item.key, label: label('theme', item.key) })),
              ]}
            />
          </span>
        )}
        {fixed.departmentId ? null : (
          <span className="tb-field">
            <label htmlFor="filter-department">{t('catalog.department')}</label>
            <Select<string>
              id="filter-department"
              className="tb-filter-select"
              value={departmentId}
              onChange={(value) => setFilter('departmentId', value)}
              loading={departments.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                { value: '', label: t('catalog.allDepartments') },
                ...(departments.data?.items ?? []).map((item) => ({ value: item.id, label: item.name })),
              ]}
            />
          </span>
        )}
        <Radio.Group
          aria-label={t('catalog.handlingType')}
          optionType="button"
          value={handlingType}
          onChange={(event) => setFilter('handlingType', event.target.value as string)}
          options={[
            { value: '', label: t('catalog.all') },
            { value: 'immediate', label: t('catalog.badges.immediate') },
            { value: 'promised', label: t('catalog.badges.promised') },
          ]}
        />
      </div>
      <p className="tb-search-summary" role="status" data-testid="item-count">
        {total === undefined
          ? null
          : headline
            ? headline(total)
            : q
              ? t('catalog.resultCount', { query: q, count: total })
              : t('catalog.allCount', { count: total })}
      </p>
      <QueryState
        query={results}
        empty={items.length === 0}
        emptyText={
          <>
            <strong>{t('catalog.noItems')}</strong>
            <br />
            {t('catalog.noItemsHint')}
          </>
        }
      >
        <ul className="tb-cards" data-testid="item-results">
          {items.map((result) =>
            result.kind === 'bundle' ? (
              <li key={result.id}>
                <BundleCard bundle={result} />
              </li>
            ) : (
              <li key={result.implementationCode}>
                <ItemCard item={result} />
              </li>
            ),
          )}
        </ul>
        <Pagination
          className="tb-pagination"
          total={total ?? 0}
          pageSize={PAGE_SIZE}
          current={page}
          onChange={(next) => {
            setFilter('page', next > 1 ? String(next) : '');
            window.scrollTo({ top: 0 });
          }}
          showSizeChanger={false}
          hideOnSinglePage
          itemRender={paginationItemRender}
        />
      </QueryState>
    </section>
  );
}

/** One result: the name (a link to the guide), the department, the badges and the item type. */
export function ItemCard({ item }: { item: ItemSummary }) {
  const label = useEnumLabel();
  return (
    <Card size="small" className="tb-item-card">
      <h3 className="tb-card-title">
        <Link to={`/items/${item.implementationCode}`}>{item.name}</Link>
      </h3>
      <p className="tb-card-meta">
        <span>
          <BankOutlined aria-hidden="true" /> {item.department.name}
        </span>
        <span aria-hidden="true">·</span>
        <span>{label('itemType', item.itemType)}</span>
      </p>
      <ItemBadges item={item} />
    </Card>
  );
}

/** A bundle among the results: its name (a link to the bundle page), what it is, its description. */
export function BundleCard({ bundle }: { bundle: BundleHit }) {
  const { t } = useTranslation();
  return (
    <Card size="small" className="tb-item-card tb-bundle-card" data-testid="bundle-result">
      <h3 className="tb-card-title">
        <Link to={`/bundles/${bundle.id}`}>{bundle.name}</Link>
      </h3>
      <p className="tb-card-meta">
        <Tag color="geekblue" icon={<AppstoreOutlined aria-hidden="true" />}>
          {t('catalog.bundleBadge')}
        </Tag>
        <span>{t('catalog.bundleHint')}</span>
      </p>
      <p className="tb-card-line">{bundle.description}</p>
    </Card>
  );
}
