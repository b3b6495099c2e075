import { Col, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDepartments, useHalls } from '../queries.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { usePreferences } from '../ui/preferences.tsx';
import { DepartmentList, HallList } from './directory.tsx';
import { ItemResults } from './item-results.tsx';
import { usePortalRegion } from './regions.ts';
import { SearchBox } from './search-box.tsx';
import { filterDepartments, filterHalls } from './search.ts';

/** /search?q=: 办事事项 first (with filters and paging), then the halls and departments that match too. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = params.get('q')?.trim() ?? '';
  const [draft, setDraft] = useState(query);
  const [region, setRegion] = usePortalRegion();
  usePageTitle(query ? `${query} - ${t('catalog.searchTitle')}` : t('catalog.searchTitle'));

  useEffect(() => setDraft(query), [query]);

  function search(value: string) {
    const next = new URLSearchParams(params);
    if (value.trim()) next.set('q', value.trim());
    else next.delete('q');
    next.delete('page');
    setParams(next);
  }

  return (
    <div className="tb-page tb-stack">
      <Typography.Title level={1} className="tb-page-title">
        {t('catalog.searchTitle')}
      </Typography.Title>
      <div>
        <SearchBox id="item-search" label={t('catalog.searchLabel')} value={draft} onChange={setDraft} onSearch={search} />
      </div>
      <ItemResults regionCode={region} onRegionChange={setRegion} />
      {query ? <DirectoryMatches regionCode={region} query={query} /> : null}
    </div>
  );
}

/** The halls and departments whose names match too; left out when none do. */
function DirectoryMatches({ regionCode, query }: { regionCode: string; query: string }) {
  const { t } = useTranslation();
  const { careMode } = usePreferences();
  const halls = useHalls(regionCode);
  const departments = useDepartments(regionCode);
  if (!halls.data || !departments.data) return null;
  const hallCount = filterHalls(halls.data.items, query).length;
  const departmentCount = filterDepartments(departments.data.items, query).length;
  if (hallCount + departmentCount === 0) return null;
  return (
    <section aria-labelledby="directory-title" className="tb-directory-matches">
      <h2 id="directory-title" className="tb-section-title">
        {t('catalog.directory')}
      </h2>
      <p>{t('catalog.directoryNote', { query })}</p>
      <Row gutter={[24, 24]}>
        {hallCount > 0 ? (
          <Col xs={24} lg={careMode || departmentCount === 0 ? 24 : 14}>
            <HallList regionCode={regionCode} query={query} />
          </Col>
        ) : null}
        {departmentCount > 0 ? (
          <Col xs={24} lg={careMode || hallCount === 0 ? 24 : 10}>
            <DepartmentList regionCode={regionCode} query={query} />
          </Col>
        ) : null}
      </Row>
    </section>
  );
}
