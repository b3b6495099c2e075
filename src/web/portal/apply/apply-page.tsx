import { ArrowLeftOutlined, ArrowRightOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Grid, Result, Skeleton, Steps, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, api, apiRequest, newIdempotencyKey } from '../../api.ts';
import type { Account } from '../../api-types.ts';
import { useItem } from '../../catalog/queries.ts';
import type { ItemDetail } from '../../catalog/types.ts';
import { caseKeys, useCase, useWallet } from '../../cases/queries.ts';
import type { CaseDetail, ChosenMaterial } from '../../cases/types.ts';
import { useCaseProblems, useErrorText } from '../../ui/error-text.ts';
import type { CaseProblems } from '../../ui/error-text.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { RequireAccount } from '../../ui/require-account.tsx';
import type { ApplyValues, StepKey } from './apply-state.ts';
import { useMyLicenses } from '../../licenses/queries.ts';
import { applicationBody, emptyValues, missingRequired, stepsOf, valuesFromDraft } from './apply-state.ts';
import { FormStep } from './form-step.tsx';
import type { FormStepValues } from './form-step.tsx';
import { MaterialsStep } from './materials-step.tsx';
import { ReviewStep } from './review-step.tsx';
import { SituationStep } from './situation-step.tsx';
import { useFeedback } from '../../ui/feedback.tsx';

/** /apply/:code — 在线申请: situation, form, materials (and 告知承诺), review, submit; `?draft=<id>` continues a saved draft. */
export function ApplyPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  // Read once: saving a draft writes its id into the address without reloading the page.
  const [draftId] = useState(() => params.get('draft'));
  usePageTitle(t('guide.apply'));
  return <RequireAccount>{(account) => <ApplyLoader key={code} account={account} code={code} draftId={draftId} />}</RequireAccount>;
}

function ApplyLoader({ account, code, draftId }: { account: Account; code: string; draftId: string | null }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const item = useItem(code);
  const draft = useCase(draftId ?? '', Boolean(draftId));
  if (item.isPending || (draftId && draft.isPending)) return <Skeleton active paragraph={{ rows: 10 }} />;
  const failed = item.error ?? (draftId ? draft.error : null);
  if (failed) {
    const missing = failed instanceof ApiError && failed.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={<h1 className="tb-result-title">{missing ? t('guide.notFound') : t('errors.loadFailed')}</h1>}
        subTitle={errorText(failed)}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('guard.backHome')}
          </Button>
        }
      />
    );
  }
  if (!item.data) return null;
  if (draft.data && draft.data.status !== 'draft') {
    return (
      <Result
        status="info"
        title={<h1 className="tb-result-title">{t('apply.draftNotEditable')}</h1>}
        extra={<Link to={`/me/cases/${draft.data.id}`}>{draft.data.number ?? draft.data.itemName}</Link>}
      />
    );
  }
  return <ApplyWizard account={account} item={item.data} draft={draft.data} />;
}

type Busy = 'draft' | 'submit' | null;

function ApplyWizard({ account, item, draft }: { account: Account; item: ItemDetail; draft: CaseDetail | undefined }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const navigate = useNavigate();
  const [, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const caseProblems = useCaseProblems();
  const screens = Grid.useBreakpoint();
  const guide = item.guide;
  const steps = stepsOf(guide);
  const [values, setValues] = useState<ApplyValues>(() =>
    draft
      ? valuesFromDraft(draft)
      : {
          ...emptyValues,
          situationKey: guide.situations.length === 1 ? guide.situations[0].key : undefined,
        },
  );
  const [saved, setSaved] = useState(draft ? { id: draft.id, version: draft.version } : null);
  const [step, setStep] = useState<StepKey>(steps[0]);
  const [problems, setProblems] = useState<CaseProblems | null>(null);
  const [stepError, setStepError] = useState<string | null>(null);
  const [materialErrors, setMaterialErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<Busy>(null);
  const [form] = Form.useForm<FormStepValues>();
  const idempotencyKey = useRef(newIdempotencyKey());
  const bodyRef = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  const wallet = useWallet(account.kind === 'applicant');
  // 免提交: the server fills a requirement from the applicant's valid license of the named type.
  const licenses = useMyLicenses(account.kind === 'applicant');
  const heldLicenseTypes = new Set((licenses.data?.items ?? []).filter((l) => l.status === 'valid').map((l) => l.typeName));
  const index = steps.indexOf(step);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    bodyRef.current?.focus();
    bodyRef.current?.scrollIntoView({ block: 'start' });
  }, [step]);

  /** The values with whatever the form step holds now. */
  function collect(): ApplyValues {
    if (step !== 'form') return values;
    const current = form.getFieldsValue(true) as FormStepValues;
    return {
      ...values,
      formData: { ...values.formData, ...current.formData },
      organizationId: current.organizationId || undefined,
      applicant: current.applicant,
    };
  }

  function go(target: StepKey) {
    setValues(collect());
    setStepError(null);
    setStep(target);
  }

  async function next() {
    setProblems(null);
    setStepError(null);
    if (step === 'situation' && !values.situationKey) {
      setStepError(t('apply.situation.required'));
      return;
    }
    if (step === 'form') {
      try {
        await form.validateFields();
      } catch {
        return;
      }
    }
    if (step === 'materials') {
      const missing = missingRequired(guide, values, heldLicenseTypes);
      if (missing.length > 0) {
        setMaterialErrors((current) => ({
          ...current,
          ...Object.fromEntries(missing.map((material) => [material.key, t('apply.materials.needed')])),
        }));
        window.setTimeout(() => document.querySelector<HTMLElement>('.tb-slot-error button')?.focus(), 0);
        return;
      }
    }
    go(steps[index + 1]);
  }

  /** Who applies, as the API wants it. */
  function party(current: ApplyValues) {
    if (account.kind === 'staff') return { applicant: current.applicant };
    return current.organizationId ? { organizationId: current.organizationId } : {};
  }

  function create(current: ApplyValues, submit: boolean) {
    return apiRequest<CaseDetail>('POST', '/cases', {
      body: { itemCode: item.implementationCode, ...applicationBody(guide, current), ...party(current), submit },
      headers: { 'Idempotency-Key': idempotencyKey.current },
    });
  }

  function showProblems(error: unknown) {
    // A refused request created nothing: the next attempt is a new one with a new key.
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) idempotencyKey.current = newIdempotencyKey();
    const found = caseProblems(error);
    setProblems(found);
    setMaterialErrors(found.materials);
    if (Object.keys(found.fields).length > 0 || found.code === 'CASE_APPLICANT_REQUIRED') go('form');
    else if (Object.keys(found.materials).length > 0) go('materials');
    else if (found.code === 'CASE_SITUATION_UNKNOWN' && steps.includes('situation')) go('situation');
  }

  async function saveDraft() {
    const current = collect();
    setValues(current);
    setProblems(null);
    if (!current.situationKey) {
      setStepError(t('apply.situation.required'));
      return;
    }
    setBusy('draft');
    try {
      const result = saved
        ? await api.put<CaseDetail>(`/cases/${saved.id}/draft`, { ...applicationBody(guide, current), version: saved.version })
        : await create(current, false);
      setSaved({ id: result.id, version: result.version });
      setParams({ draft: result.id }, { replace: true });
      await queryClient.invalidateQueries({ queryKey: caseKeys.all });
      message.success(t('apply.draftSaved'));
    } catch (error) {
      showProblems(error);
    } finally {
      setBusy(null);
    }
  }

  async function submit() {
    const current = collect();
    setProblems(null);
    setBusy('submit');
    try {
      let result: CaseDetail;
      if (saved) {
        const updated = await api.put<CaseDetail>(`/cases/${saved.id}/draft`, {
          ...applicationBody(guide, current),
          version: saved.version,
        });
        setSaved({ id: updated.id, version: updated.version });
        result = await api.post<CaseDetail>(`/cases/${updated.id}/submit`, { version: updated.version });
      } else {
        result = await create(current, true);
      }
      queryClient.setQueryData(caseKeys.detail(result.id), result);
      await queryClient.invalidateQueries({ queryKey: caseKeys.all, predicate: (query) => query.queryKey[1] !== 'detail' });
      void queryClient.invalidateQueries({ queryKey: caseKeys.notifications });
      message.success(t('apply.submitted', { number: result.number ?? '' }));
      await navigate(account.kind === 'staff' ? `/staff/cases/${result.id}` : `/me/cases/${result.id}`, { state: { submitted: true } });
    } catch (error) {
      showProblems(error);
    } finally {
      setBusy(null);
    }
  }

  function setMaterial(key: string, material: ChosenMaterial | undefined) {
    setValues((current) => {
      const materials = { ...current.materials };
      if (material) materials[key] = material;
      else delete materials[key];
      return { ...current, materials };
    });
    setMaterialErrors((current) => {
      const copy = { ...current };
      delete copy[key];
      return copy;
    });
  }

  const stepName = (key: StepKey) => t(`apply.steps.${key}`);
  return (
    <div className="tb-page tb-stack tb-apply">
      <Link to={`/items/${item.implementationCode}`} className="tb-back-anchor">
        <ArrowLeftOutlined aria-hidden="true" /> {item.name}
      </Link>
      <Typography.Title level={1} className="tb-page-title">
        {t('apply.title', { name: item.name })}
      </Typography.Title>
      {account.kind === 'staff' ? <Alert type="info" showIcon title={t('apply.staffNote')} /> : null}
      {screens.sm === false ? null : (
        <Steps size="small" current={index} items={steps.map((key) => ({ key, title: stepName(key) }))} className="tb-apply-steps" />
      )}
      <Card>
        <div
          ref={bodyRef}
          tabIndex={-1}
          className="tb-step-focus"
          role="region"
          aria-label={t('apply.stepOf', { current: index + 1, total: steps.length, name: stepName(step) })}
        >
          <p className="tb-step-count">{t('apply.stepOf', { current: index + 1, total: steps.length, name: stepName(step) })}</p>
          {problems ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              className="tb-gap"
              title={t('apply.errorsTitle')}
              description={problems.general}
              data-testid="apply-error"
            />
          ) : null}
          {step === 'situation' ? (
            <SituationStep
              guide={guide}
              value={values.situationKey}
              error={stepError ?? undefined}
              onChange={(situationKey) => {
                setValues((current) => ({ ...current, situationKey }));
                setStepError(null);
              }}
            />
          ) : null}
          {step === 'form' ? (
            <FormStep
              guide={guide}
              form={form}
              account={account}
              values={values}
              fieldErrors={problems?.fields ?? {}}
              onSubmit={() => void next()}
            />
          ) : null}
          {step === 'materials' ? (
            <MaterialsStep
              guide={guide}
              values={values}
              errors={materialErrors}
              wallet={wallet.data?.items ?? []}
              heldLicenseTypes={heldLicenseTypes}
              onMaterial={setMaterial}
              onCommitments={(commitments) => setValues((current) => ({ ...current, commitments }))}
            />
          ) : null}
          {step === 'review' ? <ReviewStep guide={guide} values={values} account={account} steps={steps} onEdit={go} /> : null}
          {stepError && step !== 'situation' ? (
            <p className="tb-field-error" role="alert">
              {stepError}
            </p>
          ) : null}
        </div>
        <div className="tb-wizard-actions">
          {index > 0 ? (
            <Button icon={<ArrowLeftOutlined />} onClick={() => go(steps[index - 1])}>
              {t('apply.previous')}
            </Button>
          ) : null}
          <Button
            icon={<SaveOutlined />}
            onClick={() => void saveDraft()}
            loading={busy === 'draft'}
            disabled={busy === 'submit'}
            data-testid="save-draft"
          >
            {t('apply.saveDraft')}
          </Button>
          {step === 'review' ? (
            <Button
              type="primary"
              size="large"
              icon={<SendOutlined />}
              onClick={() => void submit()}
              loading={busy === 'submit'}
              disabled={busy === 'draft'}
              data-testid="submit-application"
            >
              {t('apply.submit')}
            </Button>
          ) : (
            <Button type="primary" icon={<ArrowRightOutlined />} iconPlacement="end" onClick={() => void next()} data-testid="next-step">
              {t('apply.next')}
            </Button>
          )}
        </div>
      </Card>
    </div>
  );
}
