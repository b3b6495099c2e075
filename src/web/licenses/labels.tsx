import { Tag } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LicenseStatus, VerificationCheck } from './types.ts';

const statusColors: Record<LicenseStatus, string> = {
  valid: 'green',
  suspended: 'orange',
  revoked: 'red',
  expired: 'default',
  superseded: 'default',
};

/** A license status as a coloured tag with its name (the colour is never the only signal). */
export function LicenseStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[status as LicenseStatus] ?? 'default'} className="tb-status-tag" data-testid="license-status">
      {t(`licenses.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** "2026-01-01 至 长期" from validFrom / validUntil (YYYY-MM-DD, null = no end). */
export function useValidityText(): (from: string | undefined, until: string | null | undefined) => string {
  const { t } = useTranslation();
  return useCallback((from, until) => (from ? t('licenses.validRange', { from, until: until ?? t('licenses.longTerm') }) : '—'), [t]);
}

/** The name of a check, said as what it confirms ("文件未被篡改（SM3 哈希一致）"). */
export function useCheckName(): (name: string) => string {
  const { t } = useTranslation();
  return useCallback((name: string) => t(`verify.check.${name}`, { defaultValue: name }), [t]);
}

const statusReasons: Record<string, string> = {
  revoked: 'statusRevoked',
  suspended: 'statusSuspended',
  expired: 'statusExpired',
  superseded: 'statusSuperseded',
};

/**
 * Why a failed check failed, in words for the person verifying: 证照已被吊销/撤销, 文件被篡改（哈希不符）,
 * 印章已被撤销, 签章者证书不在印章证书列表, 制章者不受信任, 标识校验位错误, 未找到该证照…
 */
export function useFailureReason(): (check: VerificationCheck) => string {
  const { t, i18n } = useTranslation();
  const checkName = useCheckName();
  return useCallback(
    (check: VerificationCheck) => {
      let key: string;
      if (check.name === 'identifier') key = check.detail === 'checkChar' ? 'identifierCheckChar' : 'identifierFormat';
      else if (check.name === 'registered') key = 'notFound';
      else if (check.name === 'status') key = statusReasons[check.detail ?? ''] ?? 'statusOther';
      else key = check.name;
      const path = `verify.reason.${key}`;
      return i18n.exists(path) ? t(path) : t('verify.reason.other', { name: checkName(check.name) });
    },
    [t, i18n, checkName],
  );
}
