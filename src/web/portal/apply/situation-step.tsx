import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chosenSituation, matchingSituations } from '../../catalog/situations.ts';
import type { Answers } from '../../catalog/situations.ts';
import type { Guide } from '../../catalog/types.ts';

type Props = { guide: Guide; value: string | undefined; onChange: (situationKey: string | undefined) => void; error?: string };

/**
 * 选择情形: the guide's questionnaire narrows the situations (as on the guide page); when more
 * than one is left, or the item has no questionnaire, the applicant picks one.
 */
export function SituationStep({ guide, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Answers>({});
  const [asking, setAsking] = useState(value === undefined);
  const candidates = matchingSituations(guide, answers);
  const chosen = guide.situations.find((situation) => situation.key === value);

  function answer(questionKey: string, index: number) {
    const next = { ...answers, [questionKey]: index };
    setAnswers(next);
    onChange(chosenSituation(matchingSituations(guide, next), undefined)?.key);
  }

  function restart() {
    setAnswers({});
    setAsking(true);
    onChange(undefined);
  }

  const answered = guide.questionnaire.every((question) => answers[question.key] !== undefined);
  const offerPick = asking && candidates.length > 1 && (guide.questionnaire.length === 0 || answered);

  return (
    <section aria-labelledby="situation-title" className="tb-step-body">
      <h2 id="situation-title" className="tb-sub-heading">
        {t('apply.steps.situation')}
      </h2>
      {asking && guide.questionnaire.length > 0 ? (
        <div className="tb-questionnaire">
          <p>{t('apply.situation.intro')}</p>
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
      {offerPick ? (
        <fieldset className="tb-question">
          <legend>{t('apply.situation.pick')}</legend>
          <Radio.Group
            value={value}
            onChange={(event) => onChange(event.target.value as string)}
            options={candidates.map((candidate) => ({ value: candidate.key, label: candidate.name }))}
          />
        </fieldset>
      ) : null}
      <div aria-live="polite">
        {chosen ? (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleOutlined />}
            data-testid="chosen-situation"
            title={t('apply.situation.chosen', { name: chosen.name })}
            description={
              <>
                {chosen.description ? <p className="tb-pre">{chosen.description}</p> : null}
                {!asking ? (
                  <Button size="small" onClick={restart}>
                    {t('apply.situation.change')}
                  </Button>
                ) : null}
              </>
            }
          />
        ) : null}
      </div>
      {error ? (
        <p className="tb-field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
