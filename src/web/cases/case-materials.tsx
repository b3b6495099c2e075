import { EyeInvisibleOutlined, EyeOutlined, FileOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Guide } from '../catalog/types.ts';
import { CaseLicenseButton } from '../licenses/case-license.tsx';
import type { CaseDetail, CaseMaterial } from './types.ts';

const materialStatusColors: Record<string, string> = {
  submitted: 'blue',
  accepted: 'green',
  deficient: 'orange',
  deferred: 'gold',
  supplied: 'green',
  license: 'green',
};

/** Materials the case's signed 告知承诺 replace (known from the item's guide). */
export function replacedMaterials(c: CaseDetail, guide: Guide | undefined): Set<string> {
  const signed = new Set(c.commitments.filter((commitment) => commitment.kind === 'condition').map((commitment) => commitment.subjectKey));
  return new Set(
    (guide?.commitmentConditions ?? [])
      .filter((condition) => signed.has(condition.key) && condition.replacesMaterialKey)
      .map((condition) => condition.replacesMaterialKey as string),
  );
}

type CardProps = {
  materials: CaseMaterial[];
  preview?: boolean;
  replaced?: Set<string>;
  /** For staff: the case whose 用证 endpoint opens a license that stood in for a material. */
  licenseCaseId?: string;
};

/**
 * The materials of the case's situation with what was filed: a link to view each file (PDFs in
 * the browser's viewer), and for staff an inline preview of images. A material met by the
 * applicant's electronic license (免提交) says so; staff can open the license (用证).
 */
export function CaseMaterialsCard({ materials, preview = false, replaced, licenseCaseId }: CardProps) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="tb-card-heading">{t('cases.materials.title')}</h2>} data-testid="case-materials">
      <ol className="tb-materials">
        {materials.map((material) => (
          <CaseMaterialRow
            key={material.requirementKey}
            material={material}
            preview={preview}
            replaced={replaced?.has(material.requirementKey) ?? false}
            licenseCaseId={licenseCaseId}
          />
        ))}
      </ol>
    </Card>
  );
}

/** The status of a filed material as a tag. */
export function MaterialStatusTag({ status }: { status: string | null }) {
  const { t } = useTranslation();
  const key = status ?? 'none';
  return <Tag color={materialStatusColors[key] ?? 'default'}>{t(`cases.materialStatus.${key}`, { defaultValue: key })}</Tag>;
}

/** 必要 / 非必要 and 可容缺 marks of a requirement. */
export function RequirementTags({ required, deferrable }: { required: boolean; deferrable: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={required ? 'red' : 'default'}>{t(required ? 'cases.materials.required' : 'cases.materials.optional')}</Tag>
      {deferrable ? <Tag color="orange">{t('cases.materials.deferrable')}</Tag> : null}
    </>
  );
}

function CaseMaterialRow({
  material,
  preview,
  replaced,
  licenseCaseId,
}: {
  material: CaseMaterial;
  preview: boolean;
  replaced: boolean;
  licenseCaseId?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const file = material.material;
  const fileName = file?.filename ?? file?.name ?? material.name;
  // Images and PDFs preview inside the page (the content route allows same-origin framing); other kinds download.
  const previewable = file && ['jpg', 'png', 'pdf'].includes(file.kind ?? '');
  return (
    <li className="tb-material" data-testid={`case-material-${material.requirementKey}`}>
      <div className="tb-material-head">
        <span className="tb-material-name">{material.name}</span>
        <span className="tb-tags">
          <RequirementTags required={material.required} deferrable={material.deferrable} />
          {file || material.status ? <MaterialStatusTag status={material.status} /> : null}
        </span>
      </div>
      {material.license && !file ? (
        <div className="tb-actions tb-material-file tb-material-license" data-testid={`material-license-${material.requirementKey}`}>
          <span className="tb-material-reuse">
            <SafetyCertificateOutlined aria-hidden="true" />{' '}
            {licenseCaseId
              ? t('cases.materials.byLicense', { name: material.license.typeName })
              : t('cases.materials.byLicenseApplicant', { name: material.license.typeName })}
          </span>
          {licenseCaseId ? <CaseLicenseButton caseId={licenseCaseId} license={material.license} /> : null}
        </div>
      ) : file ? (
        <div className="tb-actions tb-material-file">
          <a href={file.contentUrl} target="_blank" rel="noopener" className="tb-file-link">
            <FileOutlined aria-hidden="true" /> {fileName}
            <span className="tb-visually-hidden">{t('cases.documents.opens')}</span>
          </a>
          {preview && previewable ? (
            <Button
              size="small"
              icon={open ? <EyeInvisibleOutlined /> : <EyeOutlined />}
              aria-expanded={open}
              onClick={() => setOpen((value) => !value)}
            >
              {open ? t('cases.materials.hidePreview') : t('cases.materials.preview')}
            </Button>
          ) : null}
        </div>
      ) : (
        <p className="tb-material-meta">{replaced ? t('apply.review.byCommitment') : t('cases.materials.none')}</p>
      )}
      {material.note ? <p className="tb-material-meta">{material.note}</p> : null}
      {open && file ? <MaterialPreview url={file.contentUrl} kind={file.kind ?? ''} name={fileName} /> : null}
    </li>
  );
}

/** An image or PDF material inside the page (other kinds open through their link). */
export function MaterialPreview({ url, kind, name }: { url: string; kind: string; name: string }) {
  const { t } = useTranslation();
  const title = t('cases.materials.previewTitle', { name });
  if (kind === 'jpg' || kind === 'png') return <img className="tb-preview tb-preview-image" src={url} alt={title} />;
  if (kind === 'pdf')
    return (
      <iframe
        className="tb-preview tb-preview-pdf"
        src={url}
        title={title}
        style={{ width: '100%', height: 480, border: '1px solid #d9d9d9', borderRadius: 6 }}
      />
    );
  return <p className="tb-material-meta">{t('cases.materials.noPreview')}</p>;
}
