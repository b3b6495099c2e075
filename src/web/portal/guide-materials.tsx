import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Radio, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLimit } from '../catalog/labels.tsx';
import { allAnswered, chosenSituation, matchingSituations, materialsFor } from '../catalog/situations.ts';
import type { Answers } from '../catalog/situations.ts';
import type { Guide, MaterialRequirement } from '../catalog/types.ts';

/**
 * 申请材料 with the situation questionnaire: each answer narrows the situations, and once one is
 * left the list shows exactly its materials (originals and copies, 容缺, 免提交 by an electronic license).
 */
export function GuideMaterials({ guide }: { guide: Guide }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Answers>({});
  const [picked, setPicked] = useState<string>();
  const candidates = matchingSituations(guide, answers);
  const situation = chosenSituation(candidates, picked);
  const materials = materialsFor(guide, situation);
  const answered = allAnswered(guide, answers);
  const asking = guide.situations.length > 1;
  const offerPick = asking && !situation && candidates.length > 1 && answered;

  function answer(questionKey: string, index: number) {
    setAnswers((current) => ({ ...current, [questionKey]: index }));
    setPicked(undefined);
  }

  function reset() {
    setAnswers({});
    setPicked(undefined);
  }

  return (
    <Card
      id="guide-materials"
      title={
        <h2 className="tb-card-heading" id="materials-title">
          {t('guide.materials')}
        </h2>
      }
      className="tb-guide-card"
    >
      {asking && !situation ? (
        <Alert
          type="info"
          showIcon
          className="tb-gap"
          title={
            Object.keys(answers).length > 0 && candidates.length > 1
              ? t('guide.narrowing', { count: candidates.length })
              : t('guide.questionnaireHint')
          }
        />
      ) : null}
      {asking && guide.questionnaire.length > 0 ? (
        <div className="tb-questionnaire" role="group" aria-labelledby="questionnaire-title">
          <h3 id="questionnaire-title" className="tb-sub-heading">
            {t('guide.questionnaire')}
          </h3>
          {guide.questionnaire.map((question) => (
            <fieldset key={question.key} className="tb-question">
              <legend>{question.text}</legend>
              <Radio.Group
                value={answers[question.key]}
                onChange={(event) => answer(question.key, event.target.value as number)}
                options={question.options.map((option, index) => ({ value: index, label: option.label }))}
              />
            </fieldset>
          ))}
        </div>
      ) : null}
      {offerPick || (asking && guide.questionnaire.length === 0) ? (
        <fieldset className="tb-question">
          <legend>{t('guide.pickSituation')}</legend>
          <Radio.Group
            value={situation?.key}
            onChange={(event) => setPicked(event.target.value as string)}
            options={candidates.map((candidate) => ({ value: candidate.key, label: candidate.name }))}
          />
        </fieldset>
      ) : null}
      <div aria-live="polite" data-testid="materials">
        {situation && asking ? (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleOutlined />}
            className="tb-gap"
            title={t('guide.chosen', { name: situation.name })}
            description={
              <>
                {situation.description ? <p className="tb-pre">{situation.description}</p> : null}
                {situation.promisedLimit ? (
                  <p>{t('guide.situationLimit', { limit: formatLimit(t, situation.promisedLimit, guide.handlingType === 'immediate') })}</p>
                ) : null}
                <Button size="small" onClick={reset} className="tb-reset-answers">
                  {t('guide.reset')}
                </Button>
              </>
            }
          />
        ) : null}
        <h3 className="tb-sub-heading" data-testid="materials-heading">
          {situation && asking
            ? t('guide.materialsOf', { name: situation.name, count: materials.length })
            : t('guide.allMaterials', { count: materials.length })}
        </h3>
        {materials.length === 0 ? (
          <p>{t('guide.noMaterials')}</p>
        ) : (
          <ol className="tb-materials">
            {materials.map((material) => (
              <MaterialRow
                key={material.key}
                material={material}
                situational={asking && !situation && !guide.situations.every((s) => s.materialKeys.includes(material.key))}
              />
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}

/** `situational`: needed in some situations only, and the resident has not said yet which is theirs (视情形, not 必要). */
function MaterialRow({ material, situational }: { material: MaterialRequirement; situational: boolean }) {
  const { t } = useTranslation();
  const paper = [
    material.originals > 0 ? t('guide.originals', { count: material.originals }) : null,
    material.copies > 0 ? t('guide.copies', { count: material.copies }) : null,
  ].filter(Boolean);
  return (
    <li className="tb-material" data-testid="material">
      <div className="tb-material-head">
        <span className="tb-material-name">{material.name}</span>
        <span className="tb-tags">
          {situational && material.required ? (
            <Tag color="gold" title={t('portalPlus.situationalHelp')}>
              {t('portalPlus.situational')}
            </Tag>
          ) : (
            <Tag color={material.required ? 'red' : 'default'}>{t(material.required ? 'guide.required' : 'guide.optional')}</Tag>
          )}
          {material.deferrable ? (
            <Tag color="orange" title={t('guide.deferrableHelp')}>
              {t('guide.deferrable')}
            </Tag>
          ) : null}
        </span>
      </div>
      {material.replacedByLicenseType ? (
        <p className="tb-material-reuse">
          <CheckCircleOutlined aria-hidden="true" /> {t('guide.reuse', { license: material.replacedByLicenseType })}
        </p>
      ) : null}
      <p className="tb-material-meta">
        {paper.length > 0 ? paper.join(' · ') : t('guide.electronicOnly')}
        <span aria-hidden="true"> · </span>
        {t('guide.source', { source: material.source })}
      </p>
      <p className="tb-material-meta">
        {t('guide.fileTypes', {
          types: material.fileTypes.map((type) => type.toUpperCase()).join(t('guide.listSeparator')),
          size: material.maxSizeMb,
        })}
      </p>
      {material.deferrable ? <p className="tb-material-meta">{t('guide.deferrableHelp')}</p> : null}
      {material.notes ? <p className="tb-material-meta">{t('guide.notes', { notes: material.notes })}</p> : null}
    </li>
  );
}
