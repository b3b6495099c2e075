import { ArrowLeftOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useEnumLabel } from '../catalog/labels.tsx';
import { useItemSearch, useThemes } from '../catalog/queries.ts';
import { useDepartments } from '../queries.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { ItemResults } from './item-results.tsx';
import { usePortalRegion } from './regions.ts';

/** /themes/:key — the items of one life theme (生活主题), with the other filters. */
export function ThemePage() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const { key = '' } = useParams();
  const themes = useThemes();
  const [region, setRegion] = usePortalRegion();
  const apiName = themes.data?.find((theme) => theme.key === key)?.name;
  const name = label('theme', key) === key ? (apiName ?? key) : label('theme', key);
  const title = t('catalog.themePage', { name });
  usePageTitle(title);
  return (
    <div className="tb-page tb-stack">
      <BackLink />
      <Typography.Title level={1} className="tb-page-title">
        {title}
      </Typography.Title>
      <ItemResults regionCode={region} onRegionChange={setRegion} fixed={{ theme: key }} />
    </div>
  );
}

/** /departments/:id/items — the items of one department (部门事项). */
export function DepartmentItemsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [region, setRegion] = usePortalRegion();
  const departments = useDepartments(region);
  const first = useItemSearch({ departmentId: id, pageSize: 1 });
  const name = departments.data?.items.find((department) => department.id === id)?.name ?? first.data?.items[0]?.department.name;
  const title = name ? t('catalog.departmentPage', { name }) : t('catalog.unknownDepartment');
  usePageTitle(title);
  return (
    <div className="tb-page tb-stack">
      <BackLink />
      <Typography.Title level={1} className="tb-page-title">
        {title}
      </Typography.Title>
      <ItemResults regionCode={region} onRegionChange={setRegion} fixed={{ departmentId: id }} />
    </div>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/" className="tb-back-link">
      <ArrowLeftOutlined aria-hidden="true" /> {t('nav.portal')}
    </Link>
  );
}
