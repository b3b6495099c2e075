import { Col, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useChildRegions } from '../queries.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { usePreferences } from '../ui/preferences.tsx';
import { DepartmentList, HallList } from './directory.tsx';
import { PORTAL_REGIONS, isCityCode, usePortalRegion } from './regions.ts';
import type { PortalRegion } from './regions.ts';
import { SearchBox } from './search-box.tsx';
import { LifeEvents, PopularServices, ServiceEntries } from './home-sections.tsx';
import { ThemeLinks } from './theme-links.tsx';

/**
 * The portal home: one large search box for 办事事项 (answered on /search), the popular services,
 * the life events (一件事), 12345 / 好差评 / 证照核验, the life themes, then the halls and departments
 * of the chosen region folded away.
 */
export function HomePage() {
  const { t } = useTranslation();
  usePageTitle('');
  const { careMode } = usePreferences();
  const navigate = useNavigate();
  const [draft, setDraft] = useState('');
  const [region, setRegion] = usePortalRegion();
  const [district, setDistrict] = useState<string>('');
  const [directoryOpen, setDirectoryOpen] = useState(false);
  const city = isCityCode(region);
  const districts = useChildRegions(region, city);
  const directoryCode = city && district ? district : region;

  function search(value: string) {
    const query = value.trim();
    navigate(query ? `/search?q=${encodeURIComponent(query)}` : '/search');
  }

  function pickRegion(code: PortalRegion) {
    setRegion(code);
    setDistrict('');
  }
  const regionName = t(`regions.${region}`);
  const districtOptions = [
    { value: '', label: t('home.wholeCity', { name: regionName }) },
    ...(districts.data?.items ?? []).map((item) => ({ value: item.code, label: item.name })),
  ];

  return (
    <div className="tb-page">
      <section className="tb-hero" aria-labelledby="home-title">
        <Typography.Title level={1} id="home-title" className="tb-hero-title">
          {t('home.title')}
        </Typography.Title>
        <SearchBox id="home-search" label={t('home.searchLabel')} value={draft} onChange={setDraft} onSearch={search} />
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
      <PopularServices />
      <LifeEvents />
      <ServiceEntries />
      <ThemeLinks />
      {/* The halls and departments are looked up now and then: folded, and loaded only when opened. */}
      <details className="tb-directory" onToggle={(event) => setDirectoryOpen((event.target as HTMLDetailsElement).open)}>
        <summary>{t('portalPlus.directory')}</summary>
        {directoryOpen ? (
          <Row gutter={[24, 24]}>
            <Col xs={24} lg={careMode ? 24 : 14}>
              <HallList regionCode={directoryCode} query="" />
            </Col>
            <Col xs={24} lg={careMode ? 24 : 10}>
              <DepartmentList regionCode={directoryCode} query="" />
            </Col>
          </Row>
        ) : null}
      </details>
    </div>
  );
}
