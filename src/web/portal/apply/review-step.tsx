import { EditOutlined, FileOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../api-types.ts';
import type { Guide } from '../../catalog/types.ts';
import { RequirementTags } from '../../cases/case-materials.tsx';
import type { ApplyValues, StepKey } from './apply-state.ts';
import { cleanFormData, replacedByCommitments, requirementsOf, simpleFields } from './apply-state.ts';

type Props = { guide: Guide; values: ApplyValues; account: Account; steps: StepKey[]; onEdit: (step: StepKey) => void };

/** 确认提交: everything entered, section by section, each with a way back to change it. */
export function ReviewStep({ guide, values, account, steps, onEdit }: Props) {
  const { t } = useTranslation();
  const situation = guide.situations.find((entry) => entry.key === values.situationKey);
  const formData = cleanFormData(guide.form, values.formData);
  const replaced = replacedByCommitments(guide, values.commitments);
  const organization = account.organizations.find((entry) => entry.id === values.organizationId);
  const applicant = values.fixedApplicant
    ? values.fixedApplicant
    : account.kind === 'staff' && values.applicant
      ? `${values.applicant.name} · ${values.applicant.idNumber} · ${values.applicant.phone}`
      : organization
        ? organization.name
        : (account.person?.name ?? account.displayName);
  const edit = (step: StepKey) =>
    steps.includes(step) ? (
      <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(step)}>
        {t('apply.review.edit')}
      </Button>
    ) : null;
  const conditions = (guide.commitmentConditions ?? []).filter((condition) => values.commitments.includes(condition.key));

  return (
    <section aria-labelledby="review-title" className="tb-step-body tb-stack" data-testid="apply-review">
      <div>
        <h2 id="review-title" className="tb-sub-heading">
          {t('apply.steps.review')}
        </h2>
        <p>{t('apply.review.intro')}</p>
      </div>
      <ReviewCard title={t('apply.review.situation')} extra={edit('situation')}>
        <p>{situation?.name ?? '—'}</p>
      </ReviewCard>
      <ReviewCard title={t('apply.review.form')} extra={edit('form')}>
        <dl className="tb-facts">
          <div className="tb-fact">
            <dt>{t('apply.review.applicant')}</dt>
            <dd>{applicant}</dd>
          </div>
          {simpleFields(guide.form).map((field) => (
            <div key={field.key} className="tb-fact">
              <dt>{field.label}</dt>
              <dd className="tb-pre">{formData[field.key] === undefined ? t('cases.form.notFilled') : String(formData[field.key])}</dd>
            </div>
          ))}
        </dl>
      </ReviewCard>
      <ReviewCard title={t('apply.review.materials')} extra={edit('materials')}>
        <ol className="tb-materials">
          {requirementsOf(guide, values.situationKey).map((requirement) => {
            const chosen = values.materials[requirement.key];
            return (
              <li key={requirement.key} className="tb-material">
                <div className="tb-material-head">
                  <span className="tb-material-name">{requirement.name}</span>
                  <span className="tb-tags">
                    <RequirementTags required={requirement.required} deferrable={requirement.deferrable} />
                  </span>
                </div>
                <p className="tb-material-meta">
                  {replaced.has(requirement.key) ? (
                    t('apply.review.byCommitment')
                  ) : chosen ? (
                    <>
                      <FileOutlined aria-hidden="true" /> {chosen.filename}
                    </>
                  ) : requirement.required ? (
                    t('apply.review.missingDeferrable')
                  ) : (
                    t('apply.review.missingOptional')
                  )}
                </p>
              </li>
            );
          })}
        </ol>
      </ReviewCard>
      {(guide.commitmentConditions ?? []).length > 0 ? (
        <ReviewCard title={t('apply.review.commitments')} extra={edit('materials')}>
          {conditions.length === 0 ? (
            <p>{t('apply.review.noCommitments')}</p>
          ) : (
            <ul className="tb-link-list">
              {conditions.map((condition) => (
                <li key={condition.key} className="tb-pre">
                  {condition.text}
                </li>
              ))}
            </ul>
          )}
        </ReviewCard>
      ) : null}
    </section>
  );
}

function ReviewCard({ title, extra, children }: { title: string; extra: ReactNode; children: ReactNode }) {
  return (
    <Card size="small" title={<h3 className="tb-card-heading">{title}</h3>} extra={extra}>
      {children}
    </Card>
  );
}
