import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The government footer's details, from the server's configuration (SITE_* settings; inlined in every page as #tb-site). */
export type SiteInfo = { sponsor: string; contact: string; icp: string; siteCode: string; hotline: string };

let cached: SiteInfo | undefined;

/** The site details the server put into the page (empty values when it did not, as under the Vite dev server). */
export function siteInfo(): SiteInfo {
  if (cached) return cached;
  const empty: SiteInfo = { sponsor: '', contact: '', icp: '', siteCode: '', hotline: '12345' };
  try {
    const text = typeof document === 'undefined' ? null : document.getElementById('tb-site')?.textContent;
    cached = text ? { ...empty, ...(JSON.parse(text) as Partial<SiteInfo>) } : empty;
  } catch {
    cached = empty;
  }
  return cached;
}

/** 主办单位, contact, 12345, ICP 备案号 and 网站标识码, as a Chinese government site carries them (issue 28.4). */
export function SiteFooter() {
  const { t } = useTranslation();
  const site = siteInfo();
  const parts = [
    site.sponsor ? t('site.sponsor', { value: site.sponsor }) : '',
    site.contact ? t('site.contact', { value: site.contact }) : '',
    site.hotline ? t('site.hotline', { value: site.hotline }) : '',
    site.icp,
    site.siteCode ? t('site.siteCode', { value: site.siteCode }) : '',
  ].filter(Boolean);
  return (
    <footer className="tb-footer" data-testid="site-footer">
      <nav className="tb-footer-links" aria-label={t('app.footerLinks')}>
        <Link to="/verify">{t('nav.verify')}</Link>
        <Link to="/bundles">{t('site.bundles')}</Link>
      </nav>
      <p className="tb-footer-site">
        {parts.map((part) => (
          <span key={part}>{part}</span>
        ))}
      </p>
      <div>{t('app.footer')}</div>
    </footer>
  );
}
