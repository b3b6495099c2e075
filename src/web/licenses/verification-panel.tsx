import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Card, Descriptions } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../cases/labels.tsx';
import { useDescriptionsLayout } from '../ui/responsive.ts';
import { LicenseStatusTag, useCheckName, useFailureReason, useValidityText } from './labels.tsx';
import type { UploadVerification, Verification, VerificationCheck } from './types.ts';

type Props = {
  result: Verification | UploadVerification;
  /** Sentences of the verdict (the upload check says "the file matches" rather than "the license is valid"). */
  texts?: { valid: string; invalid: string };
  /** Under the verdict: the 亮证 code's expiry, a link to the full check… */
  extra?: ReactNode;
  /** Moves the keyboard focus to the verdict when it appears (after a check the user started). */
  focus?: boolean;
};

/**
 * The answer of a verification: 有效 (green) or 无效 (red) in words and colour, the reason for each
 * failed check, the license's facts (holder masked) and every check with ✓/✗.
 */
export function VerificationPanel({ result, texts, extra, focus = false }: Props) {
  const { t } = useTranslation();
  const failureReason = useFailureReason();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const failed = result.checks.filter((check) => !check.ok);
  // One sentence per failed check; two checks may mean the same thing to a reader.
  const reasons = [...new Set(failed.map(failureReason))];
  useEffect(() => {
    if (focus) headingRef.current?.focus();
  }, [focus, result]);
  const Icon = result.valid ? CheckCircleFilled : CloseCircleFilled;
  return (
    <div className="tb-stack" data-testid="verify-result" data-valid={String(result.valid)}>
      <section className={`tb-verdict ${result.valid ? 'tb-verdict-valid' : 'tb-verdict-invalid'}`} aria-labelledby="verdict-word">
        <div className="tb-verdict-head">
          <Icon className="tb-verdict-icon" aria-hidden="true" />
          <div>
            <h2 className="tb-verdict-word" id="verdict-word" ref={headingRef} tabIndex={-1} data-testid="verify-verdict">
              {result.valid ? t('verify.valid') : t('verify.invalid')}
            </h2>
            <p className="tb-verdict-text">
              {result.valid ? (texts?.valid ?? t('verify.validText')) : (texts?.invalid ?? t('verify.invalidText'))}
            </p>
          </div>
        </div>
        {reasons.length ? (
          <ul className="tb-verdict-reasons" data-testid="verify-reasons">
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        ) : null}
        {extra ? <div className="tb-verdict-extra">{extra}</div> : null}
      </section>
      {'typeName' in result && result.typeName ? <LicenseFacts result={result} /> : null}
      <ChecksCard checks={result.checks} />
    </div>
  );
}

/** 证照信息: type, identifier, issuer, holder (masked), issue time, validity, and the status note when not valid. */
function LicenseFacts({ result }: { result: Verification }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const validity = useValidityText();
  const layout = useDescriptionsLayout();
  const items: DescriptionsProps['items'] = [
    { key: 'type', label: t('verify.facts.type'), children: <strong>{result.typeName}</strong> },
    { key: 'status', label: t('verify.facts.status'), children: result.status ? <LicenseStatusTag status={result.status} /> : '—' },
    { key: 'issuer', label: t('verify.facts.issuer'), children: result.issuerName },
    ...(result.holderName
      ? [
          { key: 'holder', label: t('verify.facts.holder'), children: result.holderName },
          { key: 'holderCode', label: t('verify.facts.holderCode'), children: <span className="tb-code">{result.holderCode}</span> },
        ]
      : [{ key: 'holder', label: t('verify.facts.holder'), children: <span className="tb-muted">{t('verify.facts.holderHidden')}</span> }]),
    { key: 'validity', label: t('verify.facts.validity'), children: validity(result.validFrom, result.validUntil) },
    { key: 'issuedAt', label: t('verify.facts.issuedAt'), children: dateTime(result.issuedAt) },
    { key: 'identifier', label: t('verify.facts.identifier'), children: <span className="tb-code">{result.identifier}</span> },
  ];
  if (result.status !== 'valid' && result.statusReason) {
    items.push({ key: 'reason', label: t('verify.facts.statusReason'), children: result.statusReason });
  }
  return (
    <Card title={<h2 className="tb-card-heading">{t('verify.factsTitle')}</h2>} data-testid="verify-facts">
      <Descriptions {...layout} column={{ xs: 1, sm: 1, md: 2 }} items={items} />
    </Card>
  );
}

/** Every check with ✓ or ✗ (and the words 通过 / 未通过 for screen readers). */
function ChecksCard({ checks }: { checks: VerificationCheck[] }) {
  const { t } = useTranslation();
  const checkName = useCheckName();
  const failureReason = useFailureReason();
  return (
    <Card title={<h2 className="tb-card-heading">{t('verify.checksTitle')}</h2>}>
      <ul className="tb-checks" data-testid="verify-checks">
        {checks.map((check) => (
          <li
            key={check.name}
            className={check.ok ? 'tb-check tb-check-ok' : 'tb-check tb-check-failed'}
            data-check={check.name}
            data-ok={String(check.ok)}
          >
            <span className="tb-check-mark" aria-hidden="true">
              {check.ok ? '✓' : '✗'}
            </span>
            <span className="tb-check-body">
              <span className="tb-check-name">{checkName(check.name)}</span>
              <span className="tb-visually-hidden">：{check.ok ? t('verify.passed') : t('verify.failed')}</span>
              {check.ok ? null : <span className="tb-check-reason">{failureReason(check)}</span>}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
