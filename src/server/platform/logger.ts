import pino, { type Logger } from 'pino';

/** Paths never written to logs: credentials, tokens and personal data. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.totp',
  '*.token',
  '*.idNumber',
  '*.phone',
  '*.name',
  '*.smsCode',
];

/** Structured JSON logs (pino); personal data is redacted, never written. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' }, base: { service: 'tongban' } });
}
