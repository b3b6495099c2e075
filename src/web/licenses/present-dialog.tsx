import { ExportOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../ui/error-text.ts';
import { useCreatePresentation } from './queries.ts';
import { QrCode } from './qr-code.tsx';
import type { License, Presentation } from './types.ts';

/** How long the server keeps a 亮证 code (used when the local clock disagrees with the server's). */
const CODE_LIFETIME_MS = 5 * 60_000;

type Shown = Presentation & { deadline: number };

/**
 * The deadline on the local clock: the server's expiry, unless the two clocks disagree (then the
 * code's known lifetime counted from now), so the countdown is right on a phone set a few minutes
 * off. Never more than the lifetime: a clock a second behind must not promise 05:01.
 */
function localDeadline(presentation: Presentation): number {
  const left = Date.parse(presentation.expiresAt) - Date.now();
  return Date.now() + (left > 0 && left <= CODE_LIFETIME_MS + 5_000 ? Math.min(left, CODE_LIFETIME_MS) : CODE_LIFETIME_MS);
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

const mmss = (ms: number) => {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
};

/**
 * 亮证: a QR code of the verification address of a new 5-minute code, a countdown to its expiry and
 * 刷新 for a new one. Rendered only while open; it asks for the first code when it appears.
 */
export function PresentDialog({ license, onClose }: { license: License; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const create = useCreatePresentation(license.identifier);
  const [shown, setShown] = useState<Shown | null>(null);
  const now = useNow(shown !== null);
  const started = useRef(false);

  const refresh = () => {
    create.mutate(undefined, { onSuccess: (presentation) => setShown({ ...presentation, deadline: localDeadline(presentation) }) });
  };
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    refresh(); // once, when the dialog opens
  }, []);

  // `now` may be older than the code (it ticks each second): never show more than the lifetime.
  const left = shown ? Math.min(shown.deadline - now, CODE_LIFETIME_MS) : 0;
  const expired = shown !== null && left <= 0;
  const localPath = shown ? new URL(shown.url, window.location.origin).pathname : '';
  return (
    <Modal
      open
      title={t('licenses.presentDialog.title', { name: license.typeName })}
      onCancel={onClose}
      width={440}
      centered
      destroyOnHidden
      footer={
        <div className="tb-actions tb-modal-actions">
          <Button onClick={onClose}>{t('licenses.presentDialog.close')}</Button>
          <Button
            type={expired ? 'primary' : 'default'}
            icon={<ReloadOutlined />}
            loading={create.isPending}
            onClick={refresh}
            data-testid="present-refresh"
          >
            {t('licenses.presentDialog.refresh')}
          </Button>
        </div>
      }
    >
      <div className="tb-present" data-testid="present-dialog">
        <p className="tb-present-intro">{t('licenses.presentDialog.intro')}</p>
        {create.isError ? <Alert type="error" showIcon role="alert" title={errorText(create.error)} /> : null}
        {shown ? (
          <>
            <div className={expired ? 'tb-qr-frame tb-qr-expired' : 'tb-qr-frame'}>
              <QrCode
                value={shown.url}
                size={232}
                label={t('licenses.presentDialog.qrLabel', { name: license.typeName })}
                className="tb-qr"
              />
              {expired ? (
                <span className="tb-qr-stamp" aria-hidden="true">
                  {t('licenses.presentDialog.expiredShort')}
                </span>
              ) : null}
            </div>
            <p
              className={expired ? 'tb-countdown tb-countdown-expired' : 'tb-countdown'}
              role="timer"
              aria-live="off"
              data-testid="present-countdown"
            >
              {expired ? t('licenses.presentDialog.expired') : t('licenses.presentDialog.countdown', { time: mmss(left) })}
            </p>
            <p className="tb-visually-hidden" aria-live="polite">
              {expired ? t('licenses.presentDialog.expired') : ''}
            </p>
            <p className="tb-present-holder">
              <strong>{license.typeName}</strong> · {license.holderName} · {license.issuerName}
            </p>
            <div className="tb-present-link">
              <span className="tb-muted">{t('licenses.presentDialog.link')}：</span>
              <Typography.Text copyable={{ text: shown.url }} className="tb-code">
                {shown.url}
              </Typography.Text>
              <div>
                <a href={localPath} target="_blank" rel="noopener" data-testid="present-open">
                  <ExportOutlined aria-hidden="true" /> {t('licenses.presentDialog.openHere')}
                </a>
              </div>
            </div>
          </>
        ) : create.isPending ? (
          <div className="tb-qr-frame tb-qr-loading" role="status">
            <Spin />
            <span>{t('licenses.presentDialog.creating')}</span>
          </div>
        ) : null}
      </div>
    </Modal>
  );
}
