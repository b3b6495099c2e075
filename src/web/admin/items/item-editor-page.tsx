import { ArrowLeftOutlined, CheckOutlined, CloudUploadOutlined, RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Result, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api.ts';
import type { Account } from '../../api-types.ts';
import { useEnumLabel } from '../../catalog/labels.tsx';
import { catalogKeys, useItemVersion, useItemVersions } from '../../catalog/queries.ts';
import type { Guide, ItemSummary, VersionDetail, VersionSummary } from '../../catalog/types.ts';
import { useErrorText } from '../../ui/error-text.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { AdminNav, RequireCatalogEditor, isCatalogPublisher } from '../admin-nav.tsx';
import { BasicFields, HandlingFields } from './guide-form-basic.tsx';
import { FeeFaqFields, FormFieldsEditor } from './guide-form-extra.tsx';
import { MaterialFields, SituationFields } from './guide-form-lists.tsx';
import { fieldPathOfElement, guideToSave, tabOf } from './guide-paths.ts';
import type { FieldPath } from './guide-paths.ts';
import { ProblemList, usePathLabel, useProblemReporter, useReasonText } from './guide-problems.tsx';
import type { ShownProblem } from './guide-problems.tsx';
import { VersionsPanel } from './versions-panel.tsx';
import { WithdrawModal } from './withdraw-modal.tsx';
import { useFeedback } from '../../ui/feedback.tsx';

/** /admin/items/:code — edits the guide of an item and moves it through draft → review → published. */
export function ItemEditorPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  usePageTitle(t('itemAdmin.title'));
  return <RequireCatalogEditor>{(account) => <EditorLoader key={code} account={account} code={code} />}</RequireCatalogEditor>;
}

function EditorLoader({ account, code }: { account: Account; code: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [reloads, setReloads] = useState(0);
  const versions = useItemVersions(code);
  const latest = versions.data ? Math.max(...versions.data.versions.map((version) => version.number)) : undefined;
  const version = useItemVersion(code, latest);
  const item = versions.data?.item;
  const failed = versions.error ?? version.error;
  if (failed) {
    const missing = failed instanceof ApiError && failed.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={<h1 className="tb-result-title">{errorText(failed)}</h1>}
        extra={<Link to="/admin/items">{t('itemAdmin.editor.back')}</Link>}
      />
    );
  }
  if (!item || !version.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  async function reload() {
    await queryClient.invalidateQueries({ queryKey: catalogKeys.versions(code) });
    setReloads((count) => count + 1);
  }
  return (
    <GuideEditor
      key={`${version.data.number}:${item.version}:${version.dataUpdatedAt}:${reloads}`}
      account={account}
      item={item}
      versions={versions.data!.versions}
      version={version.data}
      onReload={reload}
    />
  );
}

type Props = { account: Account; item: ItemSummary; versions: VersionSummary[]; version: VersionDetail; onReload: () => Promise<void> };
type Shown = { title: string; list: ShownProblem[] };

function GuideEditor({ account, item, versions, version, onReload }: Props) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const { message } = useFeedback();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const pathLabel = usePathLabel();
  const reasonText = useReasonText();
  const [form] = Form.useForm<Guide>();
  const report = useProblemReporter(form);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'basic';
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<Shown | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const code = item.implementationCode;
  const publisher = isCatalogPublisher(account);
  const open = version.status === 'draft' || version.status === 'review';

  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  function setTab(next: string) {
    const copy = new URLSearchParams(params);
    copy.set('tab', next);
    setParams(copy, { replace: true });
  }

  function jump(path: FieldPath) {
    setTab(tabOf(path));
    window.setTimeout(() => form.scrollToField(path, { focus: true, block: 'center' }), 80);
  }

  async function run(kind: string, action: () => Promise<string>) {
    setBusy(kind);
    setError(null);
    setProblems(null);
    try {
      const done = await action();
      message.success(done);
      await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
    } catch (caught) {
      const shown = report(caught);
      if (shown) {
        setProblems({ title: errorText(caught), list: shown });
        jump(shown[0].path);
      } else {
        setError(caught);
      }
    } finally {
      setBusy(null);
    }
  }

  async function save() {
    try {
      await form.validateFields();
    } catch (invalid) {
      const first = (invalid as { errorFields?: Array<{ name: FieldPath }> }).errorFields?.[0];
      if (first) jump(first.name);
      return;
    }
    await run('save', async () => {
      const guide = guideToSave(version.guide, form.getFieldsValue(true) as Partial<Guide>);
      const saved = await api.put<VersionSummary>(`/items/${code}/draft`, { guide, version: item.version });
      setDirty(false);
      return t('itemAdmin.editor.saved', { number: saved.number });
    });
  }

  const submit = () =>
    run('submit', async () => {
      const submitted = await api.post<VersionSummary>(`/items/${code}/submit`);
      return t('itemAdmin.editor.submitted', { number: submitted.number });
    });
  const publish = () =>
    run('publish', async () => {
      const published = await api.post<ItemSummary>(`/items/${code}/publish`);
      return t('itemAdmin.editor.publishedOk', { number: published.publishedVersion });
    });
  const withdraw = (reason: string) =>
    run('withdraw', async () => {
      await api.post(`/items/${code}/withdraw`, { reason });
      setWithdrawing(false);
      return t('itemAdmin.editor.withdrawnOk');
    });

  const canSubmit = version.status === 'draft' && !dirty;
  const canPublish = publisher && version.status === 'review' && !dirty;
  const canWithdraw = publisher && item.status === 'published';
  const hints = [
    dirty ? t('itemAdmin.editor.saveFirst') : null,
    !publisher ? t('itemAdmin.editor.onlySystemAdmin') : null,
    publisher && version.status === 'draft' ? t('itemAdmin.editor.onlyReview') : null,
  ].filter(Boolean);
  const missing = version.missing.map((entry) => ({
    label: pathLabel(entry.element),
    reason: reasonText(entry.reason),
    path: fieldPathOfElement(entry.element, version.guide),
  }));
  const conflict = error instanceof ApiError && error.code === 'VERSION_CONFLICT';
  const tabItems = [
    { key: 'basic', label: t('itemAdmin.editor.tabs.basic'), children: <BasicFields /> },
    { key: 'handling', label: t('itemAdmin.editor.tabs.handling'), children: <HandlingFields /> },
    { key: 'situations', label: t('itemAdmin.editor.tabs.situations'), children: <SituationFields /> },
    { key: 'materials', label: t('itemAdmin.editor.tabs.materials'), children: <MaterialFields /> },
    { key: 'form', label: t('itemAdmin.editor.tabs.form'), children: <FormFieldsEditor /> },
    { key: 'fees', label: t('itemAdmin.editor.tabs.fees'), children: <FeeFaqFields /> },
    { key: 'versions', label: t('itemAdmin.editor.tabs.versions'), children: <VersionsPanel code={code} versions={versions} /> },
  ].map((entry) => ({ ...entry, forceRender: true }));

  return (
    <div className="tb-page tb-stack">
      <AdminNav account={account} />
      <Link to="/admin/items" className="tb-back-link">
        <ArrowLeftOutlined aria-hidden="true" /> {t('itemAdmin.editor.back')}
      </Link>
      <header>
        <Typography.Title level={1} className="tb-page-title">
          {item.name}
        </Typography.Title>
        <p className="tb-card-meta">
          <Tag color={item.status === 'published' ? 'green' : item.status === 'withdrawn' ? 'red' : 'default'}>
            {label('itemStatus', item.status)}
          </Tag>
          <span>
            {item.publishedVersion
              ? t('itemAdmin.editor.publishedVersion', { number: item.publishedVersion })
              : t('itemAdmin.editor.notPublished')}
          </span>
          <span data-testid="editing-version">
            {t('itemAdmin.editor.editing', { number: version.number, status: label('versionStatus', version.status) })}
          </span>
          {item.status === 'published' ? <Link to={`/items/${code}`}>{t('itemAdmin.editor.viewPublic')}</Link> : null}
        </p>
        <p className="tb-card-meta">
          {item.department.name} · <span className="tb-code">{code}</span>
        </p>
      </header>
      <Card size="small" className="tb-editor-actions">
        <div className="tb-actions">
          <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} disabled={busy !== null} onClick={() => void save()}>
            {t('itemAdmin.editor.save')}
          </Button>
          <Button
            icon={<CloudUploadOutlined />}
            loading={busy === 'submit'}
            disabled={!canSubmit || busy !== null}
            onClick={() => void submit()}
          >
            {t('itemAdmin.editor.submit')}
          </Button>
          <Button
            icon={<CheckOutlined />}
            loading={busy === 'publish'}
            disabled={!canPublish || busy !== null}
            onClick={() => void publish()}
          >
            {t('itemAdmin.editor.publish')}
          </Button>
          <Button danger icon={<RollbackOutlined />} disabled={!canWithdraw || busy !== null} onClick={() => setWithdrawing(true)}>
            {t('itemAdmin.editor.withdraw')}
          </Button>
          {dirty ? (
            <Tag color="orange" role="status">
              {t('itemAdmin.editor.unsaved')}
            </Tag>
          ) : null}
        </div>
        {hints.length > 0 ? <p className="tb-note tb-muted">{hints.join(' ')}</p> : null}
        {!open && item.publishedVersion === version.number ? (
          <p className="tb-note tb-muted">{t('itemAdmin.editor.editingPublished', { number: version.number })}</p>
        ) : null}
      </Card>
      {conflict ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="version-conflict"
          title={errorText(error)}
          description={t('itemAdmin.editor.conflictText')}
          action={<Button onClick={() => void onReload()}>{t('itemAdmin.editor.reload')}</Button>}
        />
      ) : error ? (
        <Alert type="error" showIcon role="alert" title={errorText(error)} />
      ) : null}
      {problems ? <ProblemList title={problems.title} problems={problems.list} onJump={jump} /> : null}
      {!problems && missing.length > 0 ? (
        <ProblemList type="warning" title={t('itemAdmin.editor.missingTitle')} problems={missing} onJump={jump} />
      ) : null}
      <Form<Guide>
        form={form}
        layout="vertical"
        initialValues={version.guide}
        onValuesChange={() => setDirty(true)}
        scrollToFirstError={false}
        className="tb-guide-form"
      >
        <Tabs activeKey={tab} onChange={setTab} items={tabItems} />
      </Form>
      <WithdrawModal
        open={withdrawing}
        busy={busy === 'withdraw'}
        onCancel={() => setWithdrawing(false)}
        onConfirm={(reason) => void withdraw(reason)}
      />
    </div>
  );
}
