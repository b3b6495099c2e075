import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Modal, Skeleton } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorText } from '../ui/error-text.ts';
import { useDescriptionsLayout } from '../ui/responsive.ts';
import { LicenseStatusTag, useValidityText } from './labels.tsx';
import { useCaseLicense } from './queries.ts';

/**
 * 查看证照（用证）: staff read the license that stood in for a material. Each opening calls the
 * 用证 endpoint, which records and audits the reading, so the dialog says so.
 */
export function CaseLicenseButton({ caseId, license }: { caseId: string; license: { identifier: string; typeName: string } }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const read = useCaseLicense(caseId, license.identifier);
  function show() {
    setOpen(true);
    read.mutate();
  }
  return (
    <>
      <Button size="small" icon={<SafetyCertificateOutlined />} onClick={show} data-testid="view-license">
        {t('cases.materials.viewLicense')}
        <span className="tb-visually-hidden">：{t('cases.materials.viewLicenseLabel', { name: license.typeName })}</span>
      </Button>
      {open ? <CaseLicenseDialog name={license.typeName} read={read} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function CaseLicenseDialog({ name, read, onClose }: { name: string; read: ReturnType<typeof useCaseLicense>; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const layout = useDescriptionsLayout();
  const validity = useValidityText();
  const data = read.data;
  const items: DescriptionsProps['items'] = data
    ? [
        { key: 'status', label: t('cases.licenseUse.status'), children: <LicenseStatusTag status={data.status} /> },
        { key: 'issuer', label: t('cases.licenseUse.issuer'), children: data.issuerName },
        { key: 'validity', label: t('cases.licenseUse.validity'), children: validity(data.validFrom, data.validUntil) },
        ...data.fields.map((field, index) => ({
          key: `field-${index}`,
          label: field.label,
          children: <span className="tb-pre">{field.value}</span>,
        })),
        { key: 'identifier', label: t('cases.licenseUse.identifier'), children: <span className="tb-code">{data.identifier}</span> },
      ]
    : [];
  return (
    <Modal
      open
      title={t('cases.licenseUse.title', { name })}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={<Button onClick={onClose}>{t('cases.licenseUse.close')}</Button>}
    >
      <div data-testid="case-license-dialog">
        <Alert type="info" showIcon className="tb-gap" title={t('cases.licenseUse.recorded')} />
        {read.isPending ? (
          <Skeleton active paragraph={{ rows: 5 }} />
        ) : read.isError ? (
          <Alert type="error" showIcon role="alert" title={errorText(read.error)} />
        ) : data ? (
          <>
            <Descriptions {...layout} bordered={false} column={1} items={items} />
            <p className="tb-note">
              <Link to={`/verify/${encodeURIComponent(data.identifier)}`} target="_blank" rel="noopener">
                {t('cases.licenseUse.verify')}
              </Link>
            </p>
          </>
        ) : null}
      </div>
    </Modal>
  );
}
