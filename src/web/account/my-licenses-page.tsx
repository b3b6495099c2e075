import { DownloadOutlined, FilePdfOutlined, HistoryOutlined, QrcodeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LicenseStatusTag, useValidityText } from '../licenses/labels.tsx';
import { PresentDialog } from '../licenses/present-dialog.tsx';
import { useMyLicenses } from '../licenses/queries.ts';
import type { License } from '../licenses/types.ts';
import { UsesDialog } from '../licenses/uses-dialog.tsx';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';

/** /me/licenses — 我的证照: my electronic licenses with 查看, 下载签名, 亮证 and 用证记录. */
export function MyLicensesPage() {
  const { t } = useTranslation();
  usePageTitle(t('licenses.title'));
  return <RequireAccount>{() => <MyLicensesView />}</RequireAccount>;
}

type Open = { kind: 'present' | 'uses'; license: License } | null;

function MyLicensesView() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const licenses = useMyLicenses();
  const [open, setOpen] = useState<Open>(null);
  return (
    <div className="tb-page tb-stack">
      <div>
        <Typography.Title level={1} className="tb-page-title">
          {t('licenses.title')}
        </Typography.Title>
        <p className="tb-lead">{t('licenses.intro')}</p>
      </div>
      {licenses.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : licenses.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('errors.loadFailed')}
          description={errorText(licenses.error)}
          action={<Button onClick={() => void licenses.refetch()}>{t('errors.retry')}</Button>}
        />
      ) : licenses.data.items.length === 0 ? (
        <Card>
          <Empty
            image={<SafetyCertificateOutlined className="tb-empty-icon" aria-hidden="true" />}
            styles={{ image: { height: 56 } }}
            description={
              <>
                <p>{t('licenses.empty')}</p>
                <p className="tb-muted">{t('licenses.emptyHint')}</p>
              </>
            }
          >
            <Button type="primary" onClick={() => void navigate('/')}>
              {t('myCases.toPortal')}
            </Button>
          </Empty>
        </Card>
      ) : (
        <ul className="tb-license-grid" data-testid="my-licenses">
          {licenses.data.items.map((license) => (
            <LicenseCard key={license.identifier} license={license} onOpen={(kind) => setOpen({ kind, license })} />
          ))}
        </ul>
      )}
      {open?.kind === 'present' ? <PresentDialog license={open.license} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'uses' ? <UsesDialog license={open.license} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

/** One license: type and status, issuer, holder (masked), validity, identifier, and what can be done with it. */
function LicenseCard({ license, onOpen }: { license: License; onOpen: (kind: 'present' | 'uses') => void }) {
  const { t } = useTranslation();
  const validity = useValidityText();
  const valid = license.status === 'valid';
  const name = license.typeName;
  return (
    <li className="tb-license" data-testid="license-card" data-identifier={license.identifier}>
      <Card className={valid ? 'tb-license-card' : 'tb-license-card tb-license-inactive'}>
        <div className="tb-license-head">
          <SafetyCertificateOutlined className="tb-license-icon" aria-hidden="true" />
          <h2 className="tb-license-title">{name}</h2>
          <LicenseStatusTag status={license.status} />
        </div>
        <dl className="tb-license-facts">
          <div>
            <dt>{t('licenses.issuer')}</dt>
            <dd>{license.issuerName}</dd>
          </div>
          <div>
            <dt>{t('licenses.holder')}</dt>
            <dd>{license.holderName}</dd>
          </div>
          <div>
            <dt>{t('licenses.validity')}</dt>
            <dd>{validity(license.validFrom, license.validUntil)}</dd>
          </div>
          <div>
            <dt>{t('licenses.identifier')}</dt>
            <dd className="tb-code">{license.identifier}</dd>
          </div>
          {license.verifyCode ? (
            <div>
              <dt>{t('licenses.verifyCode')}</dt>
              <dd className="tb-code" data-testid="license-verify-code">
                {license.verifyCode}
              </dd>
            </div>
          ) : null}
        </dl>
        <div className="tb-actions tb-license-actions">
          <Button
            type="primary"
            icon={<QrcodeOutlined />}
            disabled={!valid}
            onClick={() => onOpen('present')}
            data-testid="license-present"
          >
            {t('licenses.present')}
            <span className="tb-visually-hidden">：{name}</span>
          </Button>
          <Button icon={<FilePdfOutlined />} href={license.pdfUrl} target="_blank" rel="noopener">
            {t('licenses.viewPdf')}
            <span className="tb-visually-hidden">：{t('licenses.viewPdfLabel', { name })}</span>
          </Button>
          <Button icon={<DownloadOutlined />} href={license.signatureUrl} download>
            {t('licenses.downloadSignature')}
            <span className="tb-visually-hidden">：{t('licenses.downloadSignatureLabel', { name })}</span>
          </Button>
          <Button icon={<HistoryOutlined />} onClick={() => onOpen('uses')} data-testid="license-uses-open">
            {t('licenses.uses')}
            <span className="tb-visually-hidden">：{name}</span>
          </Button>
          <Link
            to={`/verify/${encodeURIComponent(license.identifier)}${license.verifyCode ? `?code=${license.verifyCode}` : ''}`}
            className="tb-license-verify"
          >
            {t('licenses.verifyLink')}
          </Link>
        </div>
        {valid ? null : <p className="tb-muted tb-license-note">{t('licenses.presentDisabled')}</p>}
      </Card>
    </li>
  );
}
