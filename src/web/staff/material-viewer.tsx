import { ExportOutlined, LeftOutlined, RightOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MaterialStatusTag, RequirementTags } from '../cases/case-materials.tsx';
import type { CaseMaterial } from '../cases/types.ts';
import { CaseLicenseButton } from '../licenses/case-license.tsx';

/** True when a key press comes from a field where ←/→/J/K are typing, not navigation. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="dialog"]') !== null;
}

/**
 * 材料审阅: the materials of the case beside its form, one at a time in a wide viewer — a list to pick one (one click
 * per material), and ← → or J K to move between them from anywhere on the page (not while typing or in a dialog).
 * The first material shows at once, so checking a case needs no click to open the viewer.
 */
export function MaterialViewer({ materials, replaced, caseId }: { materials: CaseMaterial[]; replaced: Set<string>; caseId: string }) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  const total = materials.length;
  const move = useCallback((step: number) => setIndex((i) => Math.min(total - 1, Math.max(0, i + step))), [total]);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'arrowright' || key === 'j') move(1);
      else if (key === 'arrowleft' || key === 'k') move(-1);
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move]);
  const current = materials[Math.min(index, total - 1)];
  return (
    <Card
      title={<h2 className="tb-card-heading">{t('flows.viewer.title')}</h2>}
      extra={<span className="tb-muted tb-viewer-hint">{t('flows.viewer.hint')}</span>}
      className="tb-viewer-card"
      data-testid="material-viewer"
    >
      <div className="tb-viewer">
        <ol className="tb-viewer-list" aria-label={t('cases.materials.title')}>
          {materials.map((material, i) => (
            <li key={material.requirementKey}>
              <button
                type="button"
                className={i === index ? 'tb-viewer-item tb-viewer-item-current' : 'tb-viewer-item'}
                aria-current={i === index ? 'true' : undefined}
                onClick={() => setIndex(i)}
                data-testid={`viewer-item-${material.requirementKey}`}
              >
                <span className="tb-viewer-item-name">
                  {i + 1}. {material.name}
                </span>
                <span className="tb-tags">
                  <RequirementTags required={material.required} deferrable={material.deferrable} />
                  {material.material || material.status ? <MaterialStatusTag status={material.status} /> : null}
                </span>
              </button>
            </li>
          ))}
        </ol>
        {current ? <MaterialPane material={current} replaced={replaced.has(current.requirementKey)} caseId={caseId} /> : null}
      </div>
      <div className="tb-viewer-nav">
        <Button icon={<LeftOutlined />} onClick={() => move(-1)} disabled={index === 0} aria-keyshortcuts="ArrowLeft K">
          {t('flows.viewer.previous')}
        </Button>
        <span aria-live="polite" data-testid="viewer-position">
          {t('flows.viewer.of', { index: index + 1, total })}
        </span>
        <Button onClick={() => move(1)} disabled={index >= total - 1} aria-keyshortcuts="ArrowRight J">
          {t('flows.viewer.next')} <RightOutlined aria-hidden="true" />
        </Button>
      </div>
    </Card>
  );
}

function MaterialPane({ material, replaced, caseId }: { material: CaseMaterial; replaced: boolean; caseId: string }) {
  const { t } = useTranslation();
  const file = material.material;
  const name = file?.filename ?? file?.name ?? material.name;
  const title = t('cases.materials.previewTitle', { name });
  return (
    <section className="tb-viewer-pane" data-testid="viewer-pane" data-material={material.requirementKey} aria-label={material.name}>
      <header className="tb-viewer-pane-head">
        <strong>{material.name}</strong>
        {file ? (
          <a href={file.contentUrl} target="_blank" rel="noopener">
            <ExportOutlined aria-hidden="true" /> {t('flows.viewer.open')}
          </a>
        ) : null}
      </header>
      {material.note ? <p className="tb-material-meta">{material.note}</p> : null}
      {material.license && !file ? (
        <div className="tb-viewer-empty" data-testid={`material-license-${material.requirementKey}`}>
          <p>
            <SafetyCertificateOutlined aria-hidden="true" /> {t('cases.materials.byLicense', { name: material.license.typeName })}
          </p>
          <CaseLicenseButton caseId={caseId} license={material.license} />
        </div>
      ) : !file ? (
        <p className="tb-viewer-empty">{replaced ? t('apply.review.byCommitment') : t('flows.viewer.none')}</p>
      ) : file.kind === 'jpg' || file.kind === 'png' ? (
        <img key={file.contentUrl} className="tb-viewer-frame tb-viewer-image" src={file.contentUrl} alt={title} />
      ) : file.kind === 'pdf' ? (
        <iframe key={file.contentUrl} className="tb-viewer-frame" src={file.contentUrl} title={title} />
      ) : (
        <p className="tb-viewer-empty">
          <a href={file.contentUrl} target="_blank" rel="noopener">
            {name}
          </a>{' '}
          · {t('cases.materials.noPreview')}
        </p>
      )}
    </section>
  );
}
