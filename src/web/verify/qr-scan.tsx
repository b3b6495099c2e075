import { CameraOutlined, PictureOutlined } from '@ant-design/icons';
import { Alert, Button, Card } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { verifyPathOf } from './qr-target.ts';

type Detector = { detect: (source: CanvasImageSource | Blob) => Promise<Array<{ rawValue: string }>> };
type DetectorClass = new (options: { formats: string[] }) => Detector;

/** The browser's own QR reader (Chrome on Android and macOS, Safari 17+), when it has one. */
function barcodeDetector(): Detector | null {
  const Ctor = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  return Ctor ? new Ctor({ formats: ['qr_code'] }) : null;
}

/** Reads a QR code from a photo: the browser's reader, else jsQR (loaded only for this). */
async function decodeImage(file: File): Promise<string | null> {
  const detector = barcodeDetector();
  if (detector) {
    const found = await detector.detect(file).catch(() => []);
    if (found[0]) return found[0].rawValue;
  }
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  const { default: jsQR } = await import('jsqr');
  return jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null;
}

/** 扫码核验: the camera where the browser reads QR codes itself, a photo (camera or file) everywhere. */
export function QrScanCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const video = useRef<HTMLVideoElement>(null);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [live] = useState(
    () => typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia) && barcodeDetector() !== null,
  );

  function found(text: string) {
    const path = verifyPathOf(text, window.location.origin);
    if (path) void navigate(path);
    else setProblem(t('verifyPlain.scanForeign'));
  }
  // The camera loop below runs across renders: it reads the latest handler and texts from here.
  const latest = useRef({ found, noCamera: t('verifyPlain.scanNoCamera') });
  latest.current = { found, noCamera: t('verifyPlain.scanNoCamera') };

  useEffect(() => {
    if (!scanning) return;
    const detector = barcodeDetector();
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    let stopped = false;
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (stopped || !video.current || !detector) return;
        video.current.srcObject = stream;
        await video.current.play();
        const tick = async () => {
          if (stopped || !video.current) return;
          const codes = await detector.detect(video.current).catch(() => []);
          if (codes[0]) {
            setScanning(false);
            latest.current.found(codes[0].rawValue);
            return;
          }
          timer = window.setTimeout(() => void tick(), 250);
        };
        void tick();
      } catch {
        setScanning(false);
        setProblem(latest.current.noCamera);
      }
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [scanning]);

  return (
    <Card
      title={
        <h2 className="tb-card-heading">
          <CameraOutlined aria-hidden="true" /> {t('verifyPlain.scanTitle')}
        </h2>
      }
      data-testid="verify-scan"
    >
      <p className="tb-muted">{t('verifyPlain.scanIntro')}</p>
      <div className="tb-actions">
        {live ? (
          <Button type="primary" icon={<CameraOutlined />} onClick={() => setScanning((on) => !on)}>
            {scanning ? t('verifyPlain.scanStop') : t('verifyPlain.scanStart')}
          </Button>
        ) : null}
        <label className="tb-file-button tb-scan-photo">
          <PictureOutlined aria-hidden="true" /> {t('verifyPlain.scanPhoto')}
          <input
            type="file"
            accept="image/*"
            className="tb-visually-hidden"
            data-testid="verify-scan-photo"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              setProblem(null);
              void decodeImage(file)
                .then((text) => (text ? found(text) : setProblem(t('verifyPlain.scanNotFound'))))
                .catch(() => setProblem(t('verifyPlain.scanNotFound')));
            }}
          />
        </label>
      </div>
      {scanning ? <video ref={video} className="tb-scan-video" muted playsInline aria-label={t('verifyPlain.scanIntro')} /> : null}
      {problem ? <Alert className="tb-note" type="warning" showIcon role="alert" title={problem} /> : null}
    </Card>
  );
}
