import { AppstoreOutlined } from '@ant-design/icons';
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useEnumLabel } from '../catalog/labels.tsx';
import { useThemes } from '../catalog/queries.ts';

/** Themes of 法人 (enterprises); the others are 自然人 themes. */
const BUSINESS_THEMES = new Set([
  'business',
  'permits',
  'construction',
  'tax',
  'tobacco',
  'water',
  'transportBusiness',
  'socialOrganization',
  'qualification',
]);

/** 按主题办事: the life themes as links to /themes/:key, residents' first, then businesses'. */
export function ThemeLinks() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const themes = useThemes();
  const groups = [
    {
      key: 'person',
      title: t('catalog.browseThemesPerson'),
      themes: (themes.data ?? []).filter((theme) => !BUSINESS_THEMES.has(theme.key)),
    },
    {
      key: 'business',
      title: t('catalog.browseThemesBusiness'),
      themes: (themes.data ?? []).filter((theme) => BUSINESS_THEMES.has(theme.key)),
    },
  ];
  if (themes.isError) return null;
  return (
    <section className="tb-section tb-themes" aria-labelledby="themes-title">
      <h2 id="themes-title" className="tb-section-title">
        <span aria-hidden="true">
          <AppstoreOutlined />
        </span>{' '}
        {t('catalog.browseThemes')}
      </h2>
      {themes.isPending ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {groups.map((group) =>
        group.themes.length === 0 ? null : (
          <div key={group.key} className="tb-theme-group">
            <h3 className="tb-theme-group-title">{group.title}</h3>
            <ul className="tb-theme-list">
              {group.themes.map((theme) => (
                <li key={theme.key}>
                  <Link to={`/themes/${theme.key}`} className="tb-theme-link">
                    {label('theme', theme.key) || theme.name}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ),
      )}
    </section>
  );
}
