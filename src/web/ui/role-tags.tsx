import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** The account's roles as tags with their localized names. */
export function RoleTags({ roles }: { roles: string[] }) {
  const { t, i18n } = useTranslation();
  if (roles.length === 0) return <span>—</span>;
  return (
    <span className="tb-tags">
      {roles.map((role) => (
        <Tag key={role} color="geekblue">
          {i18n.exists(`roles.${role}`) ? t(`roles.${role}`) : role}
        </Tag>
      ))}
    </span>
  );
}
