import pino, { type DestinationStream, type Logger } from 'pino';

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

/**
 * URLs carry credentials in a few places: rating codes (/rate/…), license presentation tokens
 * (/verify/present/…, /license-presentations/…), code or token query parameters; personal data in
 * phone, idNumber or name parameters, and any run of 11+ digits in a query (a phone or ID number typed into
 * a search box). They are cut from every logged URL.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/\/(rate|present|license-presentations)\/[^/?#]+/g, '/$1/[redacted]')
    .replace(/([?&](?:code|token|smsCode|phone|idNumber|name)=)[^&#]*/gi, '$1[redacted]')
    .replace(/([?&][^=&#]*=[^&#]*?)\d{11,}[0-9Xx]?/g, '$1[redacted]');
}

/** Structured JSON logs (pino); personal data is redacted, never written. `destination` exists for tests. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      base: { service: 'tongban' },
      serializers: {
        // Fastify's request serializer, with the URL's credentials cut out.
        req: (req: { method?: string; url?: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
          method: req.method,
          url: redactUrl(req.url ?? ''),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
      },
    },
    destination,
  );
}
