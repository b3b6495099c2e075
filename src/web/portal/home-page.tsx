import { Button, Col, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useChildRegions, useDepartments, useHalls } from '../queries.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { usePreferences } from '../ui/preferences.tsx';
import { DepartmentList, HallList } from './directory.tsx';
import { filterDepartments, filterHalls } from './search.ts';
import { PORTAL_REGIONS, isCityCode, readStoredRegion, storeRegion } from './regions.ts';
import type { PortalRegion } from './regions.ts';

/** The portal home: one large search box, then the halls and departments of the chosen region. */
export function HomePage() {
  const { t } = useTranslation();
  usePageTitle('');
  const { careMode } = usePreferences();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const [draft, setDraft] = useState(query);
  const [region, setRegion] = useState<PortalRegion>(readStoredRegion);
  const [district, setDistrict] = useState<string>('');
  const city = isCityCode(region);
  const districts = useChildRegions(region, city);
  const directoryCode = city && district ? district : region;

  function search(value: string) {
    const next = new URLSearchParams(params);
    if (value.trim()) next.set('q', value.trim());
    else next.delete('q');
    setParams(next, { replace: true });
  }

  function pickRegion(code: PortalRegion) {
    setRegion(code);
    setDistrict('');
    storeRegion(code);
  }

  const regionName = t(`regions.${region}`);
  const districtOptions = [
    { value: '', label: t('home.wholeCity', { name: regionName }) },
    ...(districts.data?.items ?? []).map((item) => ({ value: item.code, label: item.name })),
  ];

  return (
    <div className="tb-page">
      <section className="tb-hero" aria-labelledby="home-title">
        <Typography.Title level={1} id="home-title" className="tb-hero-title">{t('home.title')}</Typography.Title>
        <label htmlFor="home-search" className="tb-visually-hidden">{t('home.searchLabel')}</label>
        <Input.Search
          id="home-search"
          className="tb-hero-search"
          size="large"
          allowClear
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onSearch={search}
          placeholder={t('home.searchPlaceholder')}
          enterButton={t('home.searchButton')}
        />
        <p className="tb-hero-note">{t('home.searchScope')}</p>
        <div className="tb-region-row">
          <span className="tb-field">
            <label htmlFor="region-picker">{t('regions.label')}</label>
            <Select<PortalRegion>
              id="region-picker"
              className="tb-region-select"
              value={region}
              onChange={pickRegion}
              options={PORTAL_REGIONS.map((code) => ({ value: code, label: t(`regions.${code}`) }))}
            />
          </span>
          {city ? (
            <span className="tb-field">
              <label htmlFor="district-picker">{t('home.districtOf', { name: regionName })}</label>
              <Select<string>
                id="district-picker"
                className="tb-region-select"
                value={district}
                onChange={setDistrict}
                loading={districts.isPending}
                options={districtOptions}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </span>
          ) : null}
        </div>
      </section>
      {query ? (
        <p className="tb-search-summary" role="status">
          <SearchSummary regionCode={directoryCode} query={query} />{' '}
          <Button type="link" onClick={() => { setDraft(''); search(''); }}>{t('home.clearSearch')}</Button>
        </p>
      ) : null}
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={careMode ? 24 : 14}>
          <HallList regionCode={directoryCode} query={query} />
        </Col>
        <Col xs={24} lg={careMode ? 24 : 10}>
          <DepartmentList regionCode={directoryCode} query={query} />
        </Col>
      </Row>
    </div>
  );
}

function SearchSummary({ regionCode, query }: { regionCode: string; query: string }) {
  const { t } = useTranslation();
  const counts = useDirectoryCounts(regionCode, query);
  if (!counts) return null;
  return <>{t('home.searchResult', { query, ...counts })}</>;
}

function useDirectoryCounts(regionCode: string, query: string) {
  const halls = useHalls(regionCode);
  const departments = useDepartments(regionCode);
  if (!halls.data || !departments.data) return null;
  return {
    halls: filterHalls(halls.data.items, query).length,
    departments: filterDepartments(departments.data.items, query).length,
  };
}
