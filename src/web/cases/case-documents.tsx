import { FilePdfOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

/** The address of a case document (PDF). */
export function caseDocumentUrl(caseId: string, kind: string): string {
  return `/api/v1/cases/${caseId}/documents/${kind}`;
}

/** Links to the case's written documents (receipt, acceptance, one-time notice, rejection, decision), each a PDF. */
export function CaseDocumentsCard({ caseId, documents }: { caseId: string; documents: string[] }) {
  const { t } = useTranslation();
  if (documents.length === 0) return null;
  return (
    <Card title={<h2 className="tb-card-heading">{t('cases.documents.title')}</h2>} data-testid="case-documents">
      <ul className="tb-link-list tb-doc-list">
        {documents.map((kind) => (
          <li key={kind}>
            <a href={caseDocumentUrl(caseId, kind)} target="_blank" rel="noopener">
              <FilePdfOutlined aria-hidden="true" /> {t(`cases.documents.${kind}`, { defaultValue: kind })}
              <span className="tb-visually-hidden">{t('cases.documents.opens')}</span>
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}
