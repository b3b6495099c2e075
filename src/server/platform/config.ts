import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AdmissionConfig } from './admission.ts';
import { parseMasterKey } from './crypto.ts';

/** Runtime configuration, read from the environment once at start. */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL URL; null means the embedded PGlite database under dataDir. */
  databaseUrl: string | null;
  masterKey: Buffer;
  /** Where the master key came from, for the start banner. */
  masterKeySource: 'env' | 'generated' | 'file';
  /** Demo accounts and data are loaded (TONGBAN_DEMO=1, or the embedded mode by default). */
  demo: boolean;
  /** The demo was asked for explicitly (TONGBAN_DEMO=1): only then may it listen beyond loopback. */
  demoExplicit: boolean;
  /** A production first start makes its initial administrator (platform root) in this region (TONGBAN_ADMIN_REGION). */
  adminRegion: string | null;
  adminUsername: string;
  auth: {
    maxFailures: number;
    lockMinutes: number;
    /** Failed logins from one address (across accounts) before each further one waits, doubling. */
    sourceFailures: number;
    idleMinutes: number;
    absoluteHours: number;
    loginRatePerMinute: number;
    /** How long an activation code (new staff account, credentials reset, initial administrator) lives. */
    activationHours: number;
  };
  /** The national enterprise identity service (电子营业执照): an HTTP endpoint, the demo stand-in, or none. */
  enterpriseIdentity: { mode: 'http'; url: string; token: string | null; timeoutMs: number } | { mode: 'dev' } | { mode: 'none' };
  auditRetentionDays: number;
  /** The audit sealer (platform/audit-sealer.ts): how often it looks for pending events, checkpoints, denied-request windows. */
  audit: { sealIntervalMs: number; checkpointMinutes: number; deniedWindowSeconds: number };
  bodyLimitBytes: number;
  /** The address people reach the platform at (printed in license QR codes). */
  publicBaseUrl: string;
  /** Largest material upload (a requirement may allow less). */
  uploadLimitBytes: number;
  logLevel: string;
  runJobs: boolean;
  /** TRUST_PROXY=1: client address and protocol from X-Forwarded-For / X-Forwarded-Proto (behind nginx). */
  trustProxy: boolean;
  /**
   * The platform is reached over TLS: TLS_TERMINATED=1 or an https PUBLIC_BASE_URL. Every answer then carries
   * HSTS; otherwise only answers to requests that arrived over https (a TLS socket, or X-Forwarded-Proto with trustProxy).
   */
  tls: boolean;
  /** Bearer token for /metrics (METRICS_TOKEN); null: /metrics is off (404). */
  metricsToken: string | null;
  /** Open drafts (unsubmitted cases) one account may keep (DRAFT_LIMIT). */
  draftLimit: number;
  /** The anonymous license-file check (POST /license-verifications): per-file size and requests per minute per client address. */
  verifyUpload: { maxBytes: number; perMinute: number };
  admission: AdmissionConfig;
  /** The government footer of every page (SITE_SPONSOR, SITE_CONTACT, SITE_ICP, SITE_CODE, SITE_HOTLINE); demo values in the demo. */
  site: SiteInfo;
};

/** 主办单位, contact, ICP 备案号, 网站标识码 and the 12345 hotline, as a Chinese government site shows them in its footer. */
export type SiteInfo = { sponsor: string; contact: string; icp: string; siteCode: string; hotline: string };

/** The demo's footer: visibly not a real government site's. */
const DEMO_SITE: SiteInfo = {
  sponsor: '通办演示站点（演示数据，非政府网站）',
  contact: '0477-0000000（演示）',
  icp: '演示ICP备00000000号',
  siteCode: '0000000000',
  hotline: '12345',
};

function siteInfo(env: NodeJS.ProcessEnv, demo: boolean): SiteInfo {
  const fallback = demo ? DEMO_SITE : { sponsor: '', contact: '', icp: '', siteCode: '', hotline: '12345' };
  return {
    sponsor: env.SITE_SPONSOR ?? fallback.sponsor,
    contact: env.SITE_CONTACT ?? fallback.contact,
    icp: env.SITE_ICP ?? fallback.icp,
    siteCode: env.SITE_CODE ?? fallback.siteCode,
    hotline: env.SITE_HOTLINE ?? fallback.hotline,
  };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function metricsToken(raw: string | undefined): string | null {
  if (!raw) return null;
  if (raw.length < 16 || !/^[\x21-\x7e]+$/.test(raw))
    throw new Error('METRICS_TOKEN must be at least 16 printable ASCII characters without spaces');
  return raw;
}

function loadOrCreateKeyFile(dataDir: string): { key: Buffer; created: boolean } {
  const file = join(dataDir, 'master.key');
  if (existsSync(file)) return { key: parseMasterKey(readFileSync(file, 'utf8')), created: false };
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  return { key, created: true };
}

/** Builds the configuration; the embedded mode creates DATA_DIR and a master key on first start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL ? env.DATABASE_URL : null;
  mkdirSync(dataDir, { recursive: true });
  let masterKey: Buffer;
  let masterKeySource: Config['masterKeySource'];
  if (env.TONGBAN_MASTER_KEY) {
    masterKey = parseMasterKey(env.TONGBAN_MASTER_KEY);
    masterKeySource = 'env';
  } else if (databaseUrl) {
    throw new Error('TONGBAN_MASTER_KEY is required with DATABASE_URL (32 bytes as 64 hex characters); see docs/OPERATIONS.md');
  } else {
    const { key, created } = loadOrCreateKeyFile(dataDir);
    masterKey = key;
    masterKeySource = created ? 'generated' : 'file';
  }
  const demo = env.TONGBAN_DEMO ? env.TONGBAN_DEMO === '1' : !databaseUrl;
  if (env.TONGBAN_ADMIN_REGION && !/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/.test(env.TONGBAN_ADMIN_REGION)) {
    throw new Error(`TONGBAN_ADMIN_REGION must be a region code (GB/T 2260, e.g. 61 or 610922), got "${env.TONGBAN_ADMIN_REGION}"`);
  }
  return {
    port: int(env, 'PORT', 3000),
    // The demo listens on loopback unless told otherwise: its accounts have a published password.
    host: env.HOST || (demo ? '127.0.0.1' : '0.0.0.0'),
    dataDir,
    databaseUrl,
    masterKey,
    masterKeySource,
    demo,
    demoExplicit: env.TONGBAN_DEMO === '1',
    adminRegion: env.TONGBAN_ADMIN_REGION || null,
    adminUsername: (env.TONGBAN_ADMIN_USERNAME || 'admin').toLowerCase(),
    auth: {
      maxFailures: int(env, 'AUTH_MAX_FAILURES', 5),
      lockMinutes: int(env, 'AUTH_LOCK_MINUTES', 15),
      sourceFailures: int(env, 'AUTH_SOURCE_FAILURES', 20),
      idleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30),
      absoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12),
      loginRatePerMinute: int(env, 'LOGIN_RATE_PER_MINUTE', 30),
      activationHours: int(env, 'ACTIVATION_HOURS', 72),
    },
    enterpriseIdentity: env.ENTERPRISE_IDENTITY_URL
      ? {
          mode: 'http',
          url: env.ENTERPRISE_IDENTITY_URL.replace(/\/+$/, ''),
          token: env.ENTERPRISE_IDENTITY_TOKEN || null,
          timeoutMs: int(env, 'ENTERPRISE_IDENTITY_TIMEOUT_MS', 5000),
        }
      : demo
        ? { mode: 'dev' }
        : { mode: 'none' },
    auditRetentionDays: int(env, 'AUDIT_RETENTION_DAYS', 184),
    audit: {
      sealIntervalMs: int(env, 'AUDIT_SEAL_INTERVAL_MS', 200),
      checkpointMinutes: int(env, 'AUDIT_CHECKPOINT_MINUTES', 5),
      deniedWindowSeconds: int(env, 'AUDIT_DENIED_WINDOW_SECONDS', 60),
    },
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024),
    publicBaseUrl: (env.PUBLIC_BASE_URL || `http://localhost:${int(env, 'PORT', 3000)}`).replace(/\/+$/, ''),
    uploadLimitBytes: int(env, 'UPLOAD_LIMIT_MB', 20) * 1024 * 1024,
    logLevel: env.LOG_LEVEL || 'info',
    runJobs: env.TONGBAN_JOBS !== '0',
    trustProxy: env.TRUST_PROXY === '1',
    tls: env.TLS_TERMINATED === '1' || /^https:/i.test(env.PUBLIC_BASE_URL ?? ''),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    draftLimit: int(env, 'DRAFT_LIMIT', 20),
    verifyUpload: { maxBytes: int(env, 'VERIFY_UPLOAD_LIMIT_MB', 5) * 1024 * 1024, perMinute: int(env, 'VERIFY_UPLOADS_PER_MINUTE', 10) },
    /** Admission control (platform/admission.ts): concurrent changes and reads, the queue, the longest wait. */
    admission: {
      writeConcurrency: int(env, 'ADMIT_WRITE_CONCURRENCY', databaseUrl ? 8 : 4),
      readConcurrency: int(env, 'ADMIT_READ_CONCURRENCY', 64),
      queueLimit: int(env, 'ADMIT_QUEUE', 1000),
      maxWaitMs: int(env, 'ADMIT_MAX_WAIT_MS', 2000),
      maxLagMs: int(env, 'ADMIT_MAX_LAG_MS', 250),
    },
    site: siteInfo(env, demo),
  };
}

/** True for addresses only this machine reaches (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The demo's accounts have a published password: the demo listens beyond loopback only when asked
 * for explicitly (TONGBAN_DEMO=1). Returns the reason to refuse the start, or null.
 */
export function demoBindingProblem(config: Pick<Config, 'demo' | 'demoExplicit' | 'host'>): string | null {
  if (!config.demo || config.demoExplicit || isLoopback(config.host)) return null;
  return `refusing to listen on ${config.host}: this is the demo (demo accounts with the published password Tongban@2026). Set TONGBAN_DEMO=1 to show the demo on a network anyway, or TONGBAN_DEMO=0 (or DATABASE_URL) for a real installation; see docs/OPERATIONS.md`;
}
