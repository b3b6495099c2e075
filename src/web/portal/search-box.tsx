import { CloseCircleFilled } from '@ant-design/icons';
import { Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** The portal's large search box, labelled for screen readers, on the home and search pages. */
export function SearchBox(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onSearch: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={props.id} className="tb-visually-hidden">
        {props.label}
      </label>
      <Input.Search
        id={props.id}
        className="tb-hero-search"
        size="large"
        allowClear={{
          clearIcon: (
            <>
              <CloseCircleFilled className="tb-clear-icon" aria-hidden="true" />
              <span className="tb-visually-hidden">{t('portalPlus.clearSearch')}</span>
            </>
          ),
        }}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        onSearch={props.onSearch}
        placeholder={t('home.searchPlaceholder')}
        enterButton={t('home.searchButton')}
      />
    </>
  );
}
