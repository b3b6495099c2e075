import { Alert, Button, Empty, Modal, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateFormat } from '../cases/labels.tsx';
import { useErrorText } from '../ui/error-text.ts';
import { useLicenseUses } from './queries.ts';
import type { License } from './types.ts';

/** 用证记录: who read the holder's license, when, from which department and for what; rendered while open. */
export function UsesDialog({ license, onClose }: { license: License; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { dateTime } = useDateFormat();
  const uses = useLicenseUses(license.identifier, true);
  return (
    <Modal
      open
      title={t('licenses.usesDialog.title', { name: license.typeName })}
      onCancel={onClose}
      width={560}
      destroyOnHidden
      footer={<Button onClick={onClose}>{t('licenses.usesDialog.close')}</Button>}
    >
      <p>{t('licenses.usesDialog.intro')}</p>
      {uses.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : uses.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorText(uses.error)}
          action={<Button onClick={() => void uses.refetch()}>{t('errors.retry')}</Button>}
        />
      ) : uses.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('licenses.usesDialog.empty')} />
      ) : (
        <ul className="tb-rows" data-testid="license-uses">
          {uses.data.map((use) => (
            <li key={`${use.at}-${use.user}`} className="tb-row">
              <span className="tb-row-title">{use.purpose}</span>
              <dl className="tb-inline-facts">
                <div>
                  <dt>{t('licenses.usesDialog.at')}</dt>
                  <dd>
                    <time dateTime={use.at}>{dateTime(use.at)}</time>
                  </dd>
                </div>
                <div>
                  <dt>{t('licenses.usesDialog.user')}</dt>
                  <dd>{use.user}</dd>
                </div>
                {use.department ? (
                  <div>
                    <dt>{t('licenses.usesDialog.department')}</dt>
                    <dd>{use.department}</dd>
                  </div>
                ) : null}
              </dl>
              {use.caseId ? (
                <Link to={`/me/cases/${use.caseId}`} onClick={onClose}>
                  {t('licenses.usesDialog.openCase')}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
