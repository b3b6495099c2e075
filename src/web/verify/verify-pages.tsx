import {
  ArrowLeftOutlined,
  DownloadOutlined,
  FileSearchOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api.ts';
import { useDateFormat } from '../cases/labels.tsx';
import { SEAL_MAKER_CERTIFICATE_URL, usePresentationCheck, useUploadVerification, useVerification } from '../licenses/queries.ts';
import type { Verification } from '../licenses/types.ts';
import { VerificationPanel } from '../licenses/verification-panel.tsx';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { QrScanCard } from './qr-scan.tsx';

/** The command of the offline check (src/server/main.ts `license verify`). */
const OFFLINE_COMMAND = 'npm run tongban -- license verify <license.pdf> <license.sig> <tongban-seal-maker.cer>';

/** /verify — 证照核验 for everyone: by identifier, by uploading the PDF and its signature, or offline. */
export function VerifyHomePage() {
  const { t } = useTranslation();
  usePageTitle(t('verify.title'));
  return (
    <div className="tb-page tb-stack tb-verify-page">
      <div>
        <Typography.Title level={1} className="tb-page-title">
          {t('verify.title')}
        </Typography.Title>
        <p className="tb-lead">{t('verifyPlain.intro')}</p>
      </div>
      <QrScanCard />
      <ByIdentifierCard />
      {/* File and offline checks (signature files, the command line) are for technical staff: folded away. */}
      <details className="tb-directory tb-verify-technical">
        <summary>{t('verifyPlain.technical')}</summary>
        <div className="tb-stack">
          <ByFilesCard />
          <OfflineCard />
        </div>
      </details>
    </div>
  );
}

function ByIdentifierCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card
      title={
        <h2 className="tb-card-heading">
          <SearchOutlined aria-hidden="true" /> {t('verify.home.byIdTitle')}
        </h2>
      }
    >
      <p className="tb-muted">{t('verify.home.byIdIntro')}</p>
      <Form
        layout="vertical"
        requiredMark={false}
        onFinish={(values: { identifier: string; code?: string }) => {
          const code = values.code?.trim();
          void navigate(`/verify/${encodeURIComponent(values.identifier.trim())}${code ? `?code=${encodeURIComponent(code)}` : ''}`);
        }}
      >
        <div className="tb-verify-id-row">
          <Form.Item
            name="identifier"
            label={t('verify.home.idLabel')}
            className="tb-verify-id-field"
            rules={[
              { required: true, whitespace: true, message: t('verify.home.idRequired') },
              { min: 10, message: t('verify.home.idShort') },
            ]}
          >
            <Input
              className="tb-code-field"
              placeholder={t('verify.home.idPlaceholder')}
              autoComplete="off"
              spellCheck={false}
              maxLength={120}
              data-testid="verify-id-input"
            />
          </Form.Item>
          <Form.Item name="code" label={t('verify.home.codeLabel')} extra={t('verify.home.codeHelp')} className="tb-verify-code-field">
            <Input className="tb-code-field" autoComplete="off" spellCheck={false} maxLength={20} data-testid="verify-code-input" />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<SafetyCertificateOutlined />} className="tb-verify-id-button">
            {t('verify.home.check')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function ByFilesCard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const check = useUploadVerification();
  const [pdf, setPdf] = useState<File | null>(null);
  const [signature, setSignature] = useState<File | null>(null);
  const [missing, setMissing] = useState<{ pdf?: string; signature?: string }>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = {
      pdf: pdf ? undefined : t('verify.home.fileRequired', { name: t('verify.home.pdfLabel') }),
      signature: signature ? undefined : t('verify.home.fileRequired', { name: t('verify.home.signatureLabel') }),
    };
    setMissing(problems);
    if (pdf && signature) check.mutate({ pdf, signature });
  }

  return (
    <Card
      title={
        <h2 className="tb-card-heading">
          <FileSearchOutlined aria-hidden="true" /> {t('verify.home.byFileTitle')}
        </h2>
      }
    >
      <p className="tb-muted">{t('verify.home.byFileIntro')}</p>
      <form onSubmit={submit} className="tb-verify-files" noValidate>
        <FileField
          id="verify-pdf"
          label={t('verify.home.pdfLabel')}
          accept=".pdf,application/pdf"
          error={missing.pdf}
          onChange={(file) => {
            setPdf(file);
            check.reset();
          }}
        />
        <FileField
          id="verify-signature"
          label={t('verify.home.signatureLabel')}
          accept=".sig,.der,application/octet-stream"
          error={missing.signature}
          onChange={(file) => {
            setSignature(file);
            check.reset();
          }}
        />
        <div className="tb-actions">
          <Button
            type="primary"
            htmlType="submit"
            icon={<SafetyCertificateOutlined />}
            loading={check.isPending}
            data-testid="verify-files-submit"
          >
            {t('verify.home.checkFiles')}
          </Button>
        </div>
      </form>
      {check.isError ? <Alert className="tb-note" type="error" showIcon role="alert" title={errorText(check.error)} /> : null}
      {check.data ? (
        <div className="tb-verify-upload-result">
          <h3 className="tb-visually-hidden">{t('verify.home.uploadResult')}</h3>
          <VerificationPanel
            focus
            result={check.data}
            texts={{ valid: t('verify.home.uploadValid'), invalid: t('verify.home.uploadInvalid') }}
            extra={
              check.data.identifier ? (
                <p className="tb-verdict-line">
                  {t('verify.home.uploadIdentifier')}：<span className="tb-code">{check.data.identifier}</span>{' '}
                  <Link to={`/verify/${encodeURIComponent(check.data.identifier)}`}>{t('verify.home.fullCheck')}</Link>
                </p>
              ) : null
            }
          />
        </div>
      ) : null}
    </Card>
  );
}

/**
 * A file field: the native input stays in the tab order (Enter or Space opens the picker; screen
 * readers announce its label) but is drawn as a button in the page's language with the chosen name.
 */
function FileField({
  id,
  label,
  accept,
  error,
  onChange,
}: {
  id: string;
  label: string;
  accept: string;
  error?: string;
  onChange: (file: File | null) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState<string | null>(null);
  return (
    <div className="tb-file-field">
      <span className="tb-file-label" id={`${id}-label`}>
        {label}
      </span>
      <div className="tb-file-picker">
        <input
          id={id}
          type="file"
          accept={accept}
          className="tb-file-native"
          aria-labelledby={`${id}-label`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-name`}
          data-testid={id}
          onChange={(event) => {
            const file = event.target.files?.[0] ?? null;
            setName(file?.name ?? null);
            onChange(file);
          }}
        />
        <label htmlFor={id} className="tb-file-button" aria-hidden="true">
          <UploadOutlined /> {t('verify.home.chooseFile')}
        </label>
        <span id={`${id}-name`} className={name ? 'tb-file-name' : 'tb-file-name tb-muted'}>
          {name ?? t('verify.home.noFile')}
        </span>
      </div>
      {error ? (
        <p id={`${id}-error`} className="tb-field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function OfflineCard() {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="tb-card-heading">{t('verify.home.offlineTitle')}</h2>}>
      <p>{t('verify.home.offlineIntro')}</p>
      <p>
        <Button icon={<DownloadOutlined />} href={SEAL_MAKER_CERTIFICATE_URL} download data-testid="seal-maker-certificate">
          {t('verify.home.downloadCert')}
        </Button>
      </p>
      <p className="tb-verify-cli">
        {t('verify.home.cli')} <code className="tb-code">{OFFLINE_COMMAND}</code>
      </p>
    </Card>
  );
}

/** Title, way back to /verify, and the time of the check with 重新核验. */
function VerifyFrame({
  checkedAt,
  onReload,
  reloading,
  children,
}: {
  checkedAt?: number;
  onReload?: () => void;
  reloading?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  return (
    <div className="tb-page tb-stack tb-verify-page">
      <Link to="/verify" className="tb-back-anchor">
        <ArrowLeftOutlined aria-hidden="true" /> {t('verify.backHome')}
      </Link>
      <div className="tb-toolbar">
        <Typography.Title level={1} className="tb-page-title">
          {t('verify.title')}
        </Typography.Title>
        {onReload ? (
          <span className="tb-actions">
            {checkedAt ? (
              <span className="tb-muted">{t('verify.checkedAt', { time: dateTime(new Date(checkedAt).toISOString()) })}</span>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={onReload} loading={reloading}>
              {t('verify.reload')}
            </Button>
          </span>
        ) : null}
      </div>
      {children}
    </div>
  );
}

/** A malformed identifier (the server answers 400) is shown as a failed identifier check. */
function malformed(identifier: string): Verification {
  return { identifier, found: false, valid: false, checks: [{ name: 'identifier', ok: false, detail: 'format' }] };
}

/** /verify/:identifier — the result for one license (from the QR code printed on the PDF). */
export function VerifyLicensePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { identifier = '' } = useParams();
  const [search] = useSearchParams();
  const query = useVerification(identifier, search.get('code') ?? undefined);
  usePageTitle(t('verify.title'));
  // A wrong 核验码 is its own message (below); any other 400 is a malformed identifier.
  const badRequest = query.error instanceof ApiError && query.error.status === 400 && query.error.code !== 'LICENSE_VERIFY_CODE_INVALID';
  const result = query.data ?? (badRequest ? malformed(identifier) : undefined);
  return (
    <VerifyFrame checkedAt={query.dataUpdatedAt || undefined} onReload={() => void query.refetch()} reloading={query.isFetching}>
      {result ? (
        <VerificationPanel result={result} />
      ) : query.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('verify.loadFailed')}
          description={errorText(query.error)}
          action={<Button onClick={() => void query.refetch()}>{t('errors.retry')}</Button>}
        />
      ) : (
        <Skeleton active paragraph={{ rows: 8 }} />
      )}
    </VerifyFrame>
  );
}

/** /verify/present/:token — a verifier scanned a 亮证 code; 410 once the 5 minutes have passed. */
export function VerifyPresentationPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { token = '' } = useParams();
  const query = usePresentationCheck(token);
  const { dateTime } = useDateFormat();
  usePageTitle(t('verify.title'));
  const expired =
    query.error instanceof ApiError &&
    (query.error.code === 'LICENSE_PRESENTATION_EXPIRED' || query.error.status === 410 || query.error.status === 400);
  return (
    <VerifyFrame checkedAt={query.dataUpdatedAt || undefined} onReload={() => void query.refetch()} reloading={query.isFetching}>
      {query.data ? (
        <VerificationPanel
          result={query.data}
          extra={
            query.data.presentationExpiresAt ? (
              <p className="tb-verdict-line">{t('verify.presentedUntil', { time: dateTime(query.data.presentationExpiresAt) })}</p>
            ) : null
          }
        />
      ) : expired ? (
        <Result
          status="warning"
          data-testid="presentation-expired"
          title={<h2 className="tb-result-title">{t('verify.expired.title')}</h2>}
          subTitle={t('verify.expired.text')}
        />
      ) : query.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('verify.loadFailed')}
          description={errorText(query.error)}
          action={<Button onClick={() => void query.refetch()}>{t('errors.retry')}</Button>}
        />
      ) : (
        <Skeleton active paragraph={{ rows: 8 }} />
      )}
    </VerifyFrame>
  );
}
