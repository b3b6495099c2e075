import { Alert, Button, Card, Form, Input, Modal, Radio, Result, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../api.ts';
import type { Account } from '../api-types.ts';
import { CaseStatusTag, useDateFormat } from '../cases/labels.tsx';
import { MaterialSlot } from '../cases/material-slot.tsx';
import { useWallet } from '../cases/queries.ts';
import type { CaseStatus, ChosenMaterial } from '../cases/types.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';
import { bundleKeys, useBundleCase, useMyBundleCases } from './queries.ts';
import type { BundleCaseDetail, BundleStatus } from './types.ts';

const statusColors: Record<BundleStatus, string> = {
  submitted: 'blue',
  inProgress: 'processing',
  correction: 'orange',
  completed: 'green',
  closed: 'default',
  delivered: 'cyan',
};

/** Sub-case statuses that are at a step of their handling (not waiting, not finished). */
const STEPPED: string[] = ['submitted', 'prereview', 'correction', 'accepted', 'review', 'special', 'suspended', 'decided'];

export function BundleStatusTag({ status }: { status: BundleStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[status]} data-testid="bundle-status">
      {t(`bundles.status.${status}`)}
    </Tag>
  );
}

/** /me/bundles — my 一件事 applications. */
export function MyBundleCasesPage() {
  const { t } = useTranslation();
  usePageTitle(t('bundles.mine'));
  return <RequireAccount>{() => <MyBundleCasesView />}</RequireAccount>;
}

function MyBundleCasesView() {
  const { t } = useTranslation();
  const list = useMyBundleCases();
  return (
    <div className="tb-page tb-stack">
      <Typography.Title level={1} className="tb-page-title">
        {t('bundles.mine')}
      </Typography.Title>
      {list.isPending ? (
        <Skeleton active />
      ) : (
        <ul className="tb-rows" data-testid="my-bundle-cases">
          {(list.data?.items ?? []).map((b) => (
            <li key={b.id} className="tb-row">
              <Link to={`/me/bundles/${b.id}`} className="tb-row-title">
                {b.bundleName}
              </Link>{' '}
              <BundleStatusTag status={b.status} />
              <p className="tb-muted">
                {b.number} · {t('bundles.progress', { done: b.doneCount, total: b.subCaseCount })}
              </p>
            </li>
          ))}
          {list.data?.items.length === 0 ? <li className="tb-muted">{t('bundles.noCases')}</li> : null}
        </ul>
      )}
    </div>
  );
}

/** /me/bundles/:id and /staff/bundles/:id — one bundle case: one status, sub-cases, one supplement, one package, the hand-over. */
export function BundleCasePage() {
  const { t } = useTranslation();
  usePageTitle(t('bundles.caseTitle'));
  return <RequireAccount>{(account) => <BundleCaseLoader account={account} />}</RequireAccount>;
}

function BundleCaseLoader({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const errorText = useErrorText();
  const bc = useBundleCase(id);
  if (bc.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (bc.isError)
    return (
      <Result
        status={bc.error instanceof ApiError && bc.error.status === 404 ? '404' : 'error'}
        title={<h1 className="tb-result-title">{t('errors.loadFailed')}</h1>}
        subTitle={errorText(bc.error)}
      />
    );
  return <BundleCaseView bc={bc.data} account={account} />;
}

function BundleCaseView({ bc, account }: { bc: BundleCaseDetail; account: Account }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const staff = account.kind === 'staff';
  return (
    <div className="tb-page tb-stack tb-bundle-case">
      <Typography.Title level={1} className="tb-page-title">
        {bc.bundleName}
      </Typography.Title>
      <dl className="tb-inline-facts">
        <div>
          <dt>{t('bundles.number')}</dt>
          <dd className="tb-code" data-testid="bundle-number">
            {bc.number}
          </dd>
        </div>
        <div>
          <dt>{t('bundles.statusLabel')}</dt>
          <dd>
            <BundleStatusTag status={bc.status} />
          </dd>
        </div>
        <div>
          <dt>{t('bundles.dueOn')}</dt>
          <dd>
            {bc.clock.promisedDueOn}
            {bc.clock.overdue ? <Tag color="red">{t('bundles.overdue')}</Tag> : null}
          </dd>
        </div>
        <div>
          <dt>{t('bundles.applicant')}</dt>
          <dd>{bc.applicantName}</dd>
        </div>
      </dl>
      {bc.attention.length ? (
        <Alert
          type="warning"
          showIcon
          title={t('bundles.attention')}
          description={bc.attention.map((a) => `${a.itemName}：${a.reason ?? t(`cases.status.${a.status}`)}`).join('；')}
        />
      ) : null}
      {bc.allowedActions.includes('supplement') ? <SupplementCard bc={bc} /> : null}
      <Card title={t('bundles.subCases')}>
        <ul className="tb-rows" data-testid="bundle-sub-cases">
          {bc.subCases.map((c) => (
            <li key={c.id} className="tb-row" data-testid="bundle-sub-case">
              <div className="tb-case-row-head">
                {c.readable ? (
                  <Link to={staff ? `/staff/cases/${c.id}` : `/me/cases/${c.id}`} className="tb-row-title">
                    {c.itemName}
                  </Link>
                ) : (
                  <span className="tb-row-title">{c.itemName}</span>
                )}
                <CaseStatusTag status={c.status as CaseStatus} />
              </div>
              <p className="tb-muted">
                {c.departmentName} · {c.number}
                {STEPPED.includes(c.status) ? ` · ${t('bundles.step', { step: c.step })}` : ''}
              </p>
              {c.waitsFor.length ? (
                <p className="tb-muted" data-testid="bundle-waits-for">
                  {t('bundles.waitsFor', { names: c.waitsFor.join('”、“') })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('bundles.packageTitle')} data-testid="bundle-package">
        {!bc.package.ready ? <p className="tb-muted">{t('bundles.packagePending')}</p> : null}
        <ul className="tb-plain-list">
          {bc.package.entries.map((e) => (
            <li key={e.caseId}>
              <strong>{e.itemName}</strong>{' '}
              {e.license ? (
                <>
                  <Tag color="green">
                    {e.license.typeName} {e.license.identifier}
                  </Tag>
                  <span data-testid="bundle-license-holder">{t('bundles.holder', { name: e.license.holderName })}</span>{' '}
                </>
              ) : null}
              {e.documents.map((d) => (
                <a key={d.kind} href={d.url} target="_blank" rel="noreferrer">
                  {t('bundles.decisionDocument')}
                </a>
              ))}
            </li>
          ))}
        </ul>
        {bc.delivery ? (
          <Alert type="success" showIcon title={t('bundles.delivered', { at: dateTime(bc.delivery.at) })} data-testid="bundle-delivered" />
        ) : null}
        {bc.allowedActions.includes('handOver') ? <HandOverButton bc={bc} /> : null}
      </Card>
      <Card title={t('bundles.materialsTitle')}>
        <ul className="tb-plain-list">
          {bc.materials.map((m) => (
            <li key={m.key}>
              {m.label}：
              <a href={m.contentUrl} target="_blank" rel="noreferrer">
                {m.filename}
              </a>
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('bundles.timeline')}>
        <Timeline
          items={bc.timeline.map((e, i) => ({
            key: i,
            content: (
              <span data-testid="bundle-event">
                {dateTime(e.at)} · {e.itemName ? `${e.itemName} · ` : ''}
                {t(`bundles.actions.${e.action}`, { defaultValue: e.action })} · {e.actorName}
                {e.note ? ` · ${e.note}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </div>
  );
}

/** One supplement for every open one-time notice: each listed material once. */
function SupplementCard({ bc }: { bc: BundleCaseDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const wallet = useWallet(true);
  const [chosen, setChosen] = useState<Record<string, ChosenMaterial>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send() {
    setBusy(true);
    setProblem(null);
    try {
      const next = await api.post<BundleCaseDetail>(`/bundle-cases/${bc.id}/supplement`, {
        version: bc.version,
        materials: Object.entries(chosen).map(([key, m]) => ({ key, materialId: m.id })),
      });
      queryClient.setQueryData(bundleKeys.caseDetail(bc.id), next);
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('bundles.supplementTitle')} data-testid="bundle-supplement">
      {bc.corrections.map((c) => (
        <Alert
          key={c.caseId}
          type="warning"
          showIcon
          className="tb-gap"
          title={c.itemName}
          description={c.items.map((i) => `${i.name}${i.note ? `（${i.note}）` : ''}`).join('；')}
        />
      ))}
      <ol className="tb-materials tb-slots">
        {bc.toSupplement.map((m) => (
          <MaterialSlot
            key={m.key}
            requirement={{ key: m.key, name: m.name, required: true, deferrable: false }}
            value={chosen[m.key]}
            wallet={wallet.data?.items ?? []}
            onChange={(v) =>
              setChosen((current) => {
                const copy = { ...current };
                if (v) copy[m.key] = v;
                else delete copy[m.key];
                return copy;
              })
            }
          />
        ))}
      </ol>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} /> : null}
      <Button
        type="primary"
        loading={busy}
        disabled={bc.toSupplement.some((m) => !chosen[m.key])}
        onClick={() => void send()}
        data-testid="bundle-supplement-submit"
      >
        {t('bundles.supplementSubmit')}
      </Button>
    </Card>
  );
}

/** 统一出件: the pickup window records who received the package. */
function HandOverButton({ bc }: { bc: BundleCaseDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<{ recipientName: string; method: 'window' | 'express' }>();
  async function send() {
    const values = await form.validateFields();
    try {
      const next = await api.post<BundleCaseDetail>(`/bundle-cases/${bc.id}/hand-over`, { ...values, version: bc.version });
      queryClient.setQueryData(bundleKeys.caseDetail(bc.id), next);
      await queryClient.invalidateQueries({ queryKey: bundleKeys.cases });
      setOpen(false);
    } catch (e) {
      setProblem(errorText(e));
    }
  }
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="bundle-hand-over">
        {t('bundles.handOver')}
      </Button>
      <Modal
        open={open}
        title={t('bundles.handOver')}
        onOk={() => void send()}
        onCancel={() => setOpen(false)}
        okText={t('bundles.handOverConfirm')}
      >
        <Form form={form} layout="vertical" initialValues={{ method: 'window' }}>
          <Form.Item
            name="recipientName"
            label={t('bundles.recipientName')}
            rules={[{ required: true, min: 2, message: t('bundles.recipientRequired') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="method" label={t('bundles.method')}>
            <Radio.Group
              options={[
                { value: 'window', label: t('bundles.methodWindow') },
                { value: 'express', label: t('bundles.methodExpress') },
              ]}
            />
          </Form.Item>
        </Form>
        {problem ? <Alert type="error" showIcon title={problem} /> : null}
      </Modal>
    </>
  );
}
