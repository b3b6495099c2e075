import { Alert, Checkbox } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Guide } from '../../catalog/types.ts';
import { MaterialSlot } from '../../cases/material-slot.tsx';
import type { ChosenMaterial, StoredMaterial } from '../../cases/types.ts';
import type { ApplyValues } from './apply-state.ts';
import { replacedByCommitments, requirementsOf } from './apply-state.ts';

type Props = {
  guide: Guide;
  values: ApplyValues;
  onMaterial: (key: string, material: ChosenMaterial | undefined) => void;
  onCommitments: (keys: string[]) => void;
  /** Sentences by requirement key (from the server or the page's own check). */
  errors: Record<string, string>;
  wallet: StoredMaterial[];
  /** Types of the applicant's valid licenses: a requirement naming one needs no file (免提交). */
  heldLicenseTypes?: Set<string>;
};

/** 上传材料: 告知承诺 choices first (they may replace a material), then one upload slot per material of the situation. */
export function MaterialsStep({ guide, values, onMaterial, onCommitments, errors, wallet, heldLicenseTypes = new Set() }: Props) {
  const { t } = useTranslation();
  const requirements = requirementsOf(guide, values.situationKey);
  const replaced = replacedByCommitments(guide, values.commitments);
  return (
    <section aria-labelledby="materials-title" className="tb-step-body">
      <h2 id="materials-title" className="tb-sub-heading">
        {t('apply.steps.materials')}
      </h2>
      <CommitmentChoices guide={guide} value={values.commitments} onChange={onCommitments} />
      <p>{t('apply.materials.intro')}</p>
      <ol className="tb-materials tb-slots">
        {requirements.map((requirement) => {
          const byLicense =
            !!requirement.replacedByLicenseType &&
            heldLicenseTypes.has(requirement.replacedByLicenseType) &&
            !values.materials[requirement.key];
          const byCommitment = replaced.has(requirement.key);
          return (
            <MaterialSlot
              key={requirement.key}
              requirement={requirement}
              value={byCommitment ? undefined : values.materials[requirement.key]}
              onChange={(material) => onMaterial(requirement.key, material)}
              error={errors[requirement.key]}
              wallet={wallet}
              disabled={byCommitment || byLicense}
              hint={
                byLicense
                  ? t('apply.materials.replacedByLicense', { type: requirement.replacedByLicenseType })
                  : byCommitment
                    ? t('apply.materials.replacedByCommitment')
                    : requirement.deferrable
                      ? t('apply.materials.deferrableHint')
                      : requirement.notes
              }
            />
          );
        })}
      </ol>
    </section>
  );
}

/** 告知承诺: each condition's text with a checkbox; ticking it may spare a material. */
function CommitmentChoices({ guide, value, onChange }: { guide: Guide; value: string[]; onChange: (keys: string[]) => void }) {
  const { t } = useTranslation();
  const conditions = guide.commitmentConditions ?? [];
  if (conditions.length === 0) return null;
  const nameOf = (key: string) => guide.materials.find((material) => material.key === key)?.name ?? key;
  return (
    <fieldset className="tb-fieldset tb-commitments" data-testid="commitment-choices">
      <legend>{t('apply.commitments.title')}</legend>
      <Alert type="info" showIcon className="tb-gap" title={t('apply.commitments.intro')} />
      <ul className="tb-plain-list">
        {conditions.map((condition) => (
          <li key={condition.key} className="tb-commitment-choice">
            <Checkbox
              checked={value.includes(condition.key)}
              onChange={(event) =>
                onChange(event.target.checked ? [...value, condition.key] : value.filter((key) => key !== condition.key))
              }
            >
              <span className="tb-pre">{condition.text}</span>
            </Checkbox>
            {condition.replacesMaterialKey ? (
              <p className="tb-material-meta">{t('apply.commitments.replaces', { name: nameOf(condition.replacesMaterialKey) })}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
