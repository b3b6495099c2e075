import { FireOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useBundles } from '../bundles/queries.ts';
import { siteInfo } from '../ui/site-footer.tsx';

/** 热门服务: what residents ask for most, as searches (the search understands everyday words). */
export const POPULAR_SEARCHES = ['营业执照', '社保卡', '出生登记', '结婚登记', '医保参保', '不动产登记', '公积金提取', '居住证'];

/** Everyday names of the life events (一件事), so that 开公司 leads to 企业开办一件事. */
export const LIFE_EVENT_NAMES: Record<string, { zh: string; en: string }> = {
  businessStartup: { zh: '开公司', en: 'Start a company' },
  newborn: { zh: '生孩子', en: 'Have a baby' },
  marriageMove: { zh: '结婚落户', en: 'Marry and move' },
  homeTransfer: { zh: '买二手房', en: 'Buy a used home' },
  afterDeath: { zh: '身后事', en: 'After a death' },
};
/** The life events in the order residents look for them. */
const LIFE_EVENT_ORDER = Object.keys(LIFE_EVENT_NAMES);

export function PopularServices() {
  const { t } = useTranslation();
  return (
    <section className="tb-section" aria-labelledby="popular-title">
      <h2 id="popular-title" className="tb-section-title">
        <span aria-hidden="true">
          <FireOutlined />
        </span>{' '}
        {t('portalPlus.popular')}
      </h2>
      <ul className="tb-popular">
        {POPULAR_SEARCHES.map((words) => (
          <li key={words}>
            <Link to={`/search?q=${encodeURIComponent(words)}`}>{words}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 一件事一次办: the life events with their everyday name first (开公司 → 企业开办一件事). */
export function LifeEvents() {
  const { t, i18n } = useTranslation();
  const bundles = useBundles();
  const items = [...(bundles.data?.items ?? [])].sort(
    (a, b) => (LIFE_EVENT_ORDER.indexOf(a.key) + 1 || 99) - (LIFE_EVENT_ORDER.indexOf(b.key) + 1 || 99),
  );
  if (bundles.isError || (bundles.data && items.length === 0)) return null;
  const english = i18n.language === 'en';
  return (
    <section className="tb-section" aria-labelledby="life-events-title">
      <h2 id="life-events-title" className="tb-section-title">
        <span aria-hidden="true">
          <NodeIndexOutlined />
        </span>{' '}
        {t('portalPlus.lifeEvents')}
      </h2>
      <ul className="tb-entries" data-testid="life-events">
        {bundles.data
          ? items.map((bundle) => {
              const everyday = LIFE_EVENT_NAMES[bundle.key];
              return (
                <li key={bundle.key}>
                  <Link className="tb-entry" to={`/bundles/${bundle.id}`}>
                    <span className="tb-entry-title">{everyday ? (english ? everyday.en : everyday.zh) : bundle.name}</span>
                    <span className="tb-entry-text">{bundle.name}</span>
                  </Link>
                </li>
              );
            })
          : // While the list loads: the same boxes, not yet links (no layout shift when they arrive).
            LIFE_EVENT_ORDER.map((key) => (
              <li key={key}>
                <span className="tb-entry">
                  <span className="tb-entry-title">{english ? LIFE_EVENT_NAMES[key].en : LIFE_EVENT_NAMES[key].zh}</span>
                  <span className="tb-entry-text">{'\u00a0'}</span>
                </span>
              </li>
            ))}
      </ul>
    </section>
  );
}

/** 12345, 好差评 and 证照核验: the services every government portal offers beside the items. */
export function ServiceEntries() {
  const { t } = useTranslation();
  const hotline = siteInfo().hotline || '12345';
  return (
    <section className="tb-section" aria-labelledby="services-title">
      <h2 id="services-title" className="tb-visually-hidden">
        {t('portalPlus.services')}
      </h2>
      <ul className="tb-entries">
        <li>
          <a className="tb-entry" href={`tel:${hotline.replace(/[^\d+-]/g, '')}`} data-testid="entry-12345">
            <span className="tb-entry-title">{t('portalPlus.hotline')}</span>
            <span className="tb-entry-text">{t('portalPlus.hotlineText')}</span>
          </a>
        </li>
        <li>
          <Link className="tb-entry" to="/me/cases" data-testid="entry-rating">
            <span className="tb-entry-title">{t('portalPlus.rating')}</span>
            <span className="tb-entry-text">{t('portalPlus.ratingText')}</span>
          </Link>
        </li>
        <li>
          <Link className="tb-entry" to="/verify">
            <span className="tb-entry-title">{t('portalPlus.verify')}</span>
            <span className="tb-entry-text">{t('portalPlus.verifyText')}</span>
          </Link>
        </li>
      </ul>
    </section>
  );
}
