import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Radio, Result, Skeleton, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api, apiRequest, newIdempotencyKey } from '../api.ts';
import type { Account } from '../api-types.ts';
import { MaterialSlot } from '../cases/material-slot.tsx';
import { useWallet } from '../cases/queries.ts';
import type { ChosenMaterial } from '../cases/types.ts';
import { ApplyFormField } from '../portal/apply/form-fields.tsx';
import { prefillValues } from '../portal/apply/apply-state.ts';
import { useMe } from '../queries.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { bundleKeys, useBundle } from './queries.ts';
import { ReductionFigures } from './reduction-figures.tsx';
import type { BundleCaseDetail, BundleDetail, MergedField, Selection } from './types.ts';
import './bundles.css';

type Answers = Record<string, string | string[]>;

/** /bundles/:id — one bundle: what it covers and saves; answer the questions, fill one form, upload one set of materials, submit once. */
export function BundlePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const errorText = useErrorText();
  const bundle = useBundle(id);
  usePageTitle(bundle.data?.name ?? t('bundles.title'));
  if (bundle.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (bundle.isError) {
    return (
      <Result
        status={bundle.error instanceof ApiError && bundle.error.status === 404 ? '404' : 'error'}
        title={<h1 className="tb-result-title">{t('errors.loadFailed')}</h1>}
        subTitle={errorText(bundle.error)}
      />
    );
  }
  return <BundleView bundle={bundle.data} />;
}

function BundleView({ bundle }: { bundle: BundleDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const me = useMe();
  const [answers, setAnswers] = useState<Answers>(() =>
    Object.fromEntries(bundle.questionnaire.map((q) => [q.key, q.multiple ? q.options.map((o) => o.key) : q.options[0].key])),
  );
  const [selection, setSelection] = useState<Selection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function evaluate() {
    setBusy(true);
    setError(null);
    try {
      setSelection(await api.post<Selection>(`/bundles/${bundle.id}/evaluate`, { answers }));
    } catch (e) {
      setSelection(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="tb-page tb-stack tb-bundle">
      <Typography.Title level={1} className="tb-page-title">
        {bundle.name}
      </Typography.Title>
      <p>{bundle.description}</p>
      <p>
        <Tag>{t('bundles.lead', { name: bundle.leadDepartment.name })}</Tag>
        {bundle.coDepartments.map((d) => (
          <Tag key={d.id}>{d.name}</Tag>
        ))}
      </p>
      <Card title={t('bundles.reductionTitle')}>
        <ReductionFigures reduction={(selection ?? bundle.full).reduction} testId="bundle-page-reduction" />
      </Card>
      <Card title={t('bundles.questionsTitle')} data-testid="bundle-questionnaire">
        {bundle.questionnaire.map((q) => (
          <fieldset key={q.key} className="tb-fieldset">
            <legend>{q.text}</legend>
            {q.multiple ? (
              <Checkbox.Group
                value={answers[q.key] as string[]}
                onChange={(v) => setAnswers({ ...answers, [q.key]: v as string[] })}
                options={q.options.map((o) => ({ value: o.key, label: o.label }))}
                data-testid={`question-${q.key}`}
              />
            ) : (
              <Radio.Group
                value={answers[q.key]}
                onChange={(e) => setAnswers({ ...answers, [q.key]: e.target.value as string })}
                options={q.options.map((o) => ({ value: o.key, label: o.label }))}
                data-testid={`question-${q.key}`}
              />
            )}
          </fieldset>
        ))}
        {error ? <Alert type="error" showIcon role="alert" className="tb-gap" title={error} data-testid="bundle-error" /> : null}
        <Button type="primary" onClick={() => void evaluate()} loading={busy} data-testid="bundle-evaluate">
          {t('bundles.evaluate')}
        </Button>
      </Card>
      {selection ? (
        <>
          <Card title={t('bundles.selectedTitle', { count: selection.items.length })}>
            <ol className="tb-plain-list" data-testid="bundle-items">
              {selection.items.map((i) => (
                <li key={i.key}>
                  <strong>{i.name}</strong>{' '}
                  <span className="tb-muted">
                    {i.departmentName} · {i.situationName}
                  </span>
                </li>
              ))}
            </ol>
          </Card>
          {me.data ? (
            <BundleApplyForm bundle={bundle} selection={selection} answers={answers} account={me.data} />
          ) : (
            <Alert type="info" showIcon title={t('bundles.loginToApply')} />
          )}
        </>
      ) : null}
    </div>
  );
}

function BundleApplyForm({
  bundle,
  selection,
  answers,
  account,
}: {
  bundle: BundleDetail;
  selection: Selection;
  answers: Answers;
  account: Account;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ formData: Record<string, unknown> }>();
  const [materials, setMaterials] = useState<Record<string, ChosenMaterial>>({});
  const [materialErrors, setMaterialErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  const wallet = useWallet(account.kind === 'applicant');
  const simple = selection.form.filter((f): f is Exclude<MergedField, { type: 'table' }> => f.type !== 'table');
  const tables = selection.form.filter((f) => f.type === 'table');
  const prefill = prefillValues(simple, account, undefined);

  async function submit() {
    setProblem(null);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const missing = selection.materials.filter((m) => m.required && !m.deferrable && !m.sharedFrom && !materials[m.key]);
    if (missing.length) {
      setMaterialErrors(Object.fromEntries(missing.map((m) => [m.key, t('apply.materials.needed')])));
      return;
    }
    setBusy(true);
    try {
      const formData = Object.fromEntries(
        Object.entries(form.getFieldsValue(true).formData ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''),
      );
      const result = await apiRequest<BundleCaseDetail>('POST', `/bundles/${bundle.id}/cases`, {
        body: { answers, formData, materials: Object.entries(materials).map(([k, m]) => ({ key: k, materialId: m.id })) },
        headers: { 'Idempotency-Key': key.current },
      });
      await queryClient.invalidateQueries({ queryKey: bundleKeys.cases });
      await navigate(`/me/bundles/${result.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status < 500) key.current = newIdempotencyKey();
      setProblem(`${errorText(e)}${problemList(e, selection)}`);
      if (e instanceof ApiError && e.code === 'BUNDLE_MATERIALS_MISSING') {
        const missing = (e.details as { missing?: { key: string }[] }).missing ?? [];
        setMaterialErrors(Object.fromEntries(missing.map((m) => [m.key, t('apply.materials.needed')])));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Card title={t('bundles.formTitle')}>
        <p className="tb-muted">{t('bundles.formIntro')}</p>
        <Form form={form} layout="vertical" initialValues={{ formData: prefill }} data-testid="bundle-form">
          {simple.map((f) => (
            <div key={f.key}>
              <ApplyFormField field={f} prefilled={Boolean(prefill[f.key])} />
              {f.items.length > 1 ? (
                <p className="tb-material-meta">{t('bundles.sharedField', { items: f.items.join(t('guide.listSeparator')) })}</p>
              ) : null}
            </div>
          ))}
          {tables.map((f) => (
            <Alert key={f.key} type="info" showIcon className="tb-gap" title={t('apply.form.tableSkipped', { label: f.label })} />
          ))}
        </Form>
      </Card>
      <Card title={t('bundles.materialsTitle')}>
        <ol className="tb-materials tb-slots">
          {selection.materials.map((m) =>
            m.sharedFrom ? (
              <li key={m.key} className="tb-slot" data-testid={`shared-${m.key}`}>
                <strong>{m.name}</strong>
                <p className="tb-material-meta">{t('bundles.sharedMaterial', { item: m.sharedFrom })}</p>
              </li>
            ) : (
              <MaterialSlot
                key={m.key}
                requirement={m}
                value={materials[m.key]}
                error={materialErrors[m.key]}
                wallet={wallet.data?.items ?? []}
                hint={
                  m.items.length > 1
                    ? t('bundles.sharedMaterialFor', { items: m.items.join(t('guide.listSeparator')) })
                    : (m.note ?? undefined)
                }
                onChange={(chosen) => {
                  setMaterials((current) => {
                    const copy = { ...current };
                    if (chosen) copy[m.key] = chosen;
                    else delete copy[m.key];
                    return copy;
                  });
                  setMaterialErrors((current) => {
                    const copy = { ...current };
                    delete copy[m.key];
                    return copy;
                  });
                }}
              />
            ),
          )}
        </ol>
      </Card>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} data-testid="bundle-apply-error" /> : null}
      <div className="tb-wizard-actions">
        <Button
          type="primary"
          size="large"
          icon={<SendOutlined />}
          loading={busy}
          onClick={() => void submit()}
          data-testid="bundle-submit"
        >
          {t('bundles.submit')}
        </Button>
      </div>
    </>
  );
}

/** The fields or materials a refused application names, by their labels. */
function problemList(e: unknown, selection: Selection): string {
  if (!(e instanceof ApiError) || !e.details) return '';
  const d = e.details as { errors?: { field: string }[]; missing?: { key: string; name: string }[] };
  const label = (key: string) => selection.form.find((f) => f.key === key.split('.')[0])?.label ?? key;
  const names = [...(d.errors ?? []).map((x) => label(x.field)), ...(d.missing ?? []).map((m) => m.name)];
  return names.length ? `：${[...new Set(names)].join('、')}` : '';
}
