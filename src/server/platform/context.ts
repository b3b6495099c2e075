import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { createFieldCipher, deriveKey } from './crypto.ts';
import type { DB } from './db-types.ts';
import type { Jobs } from './jobs.ts';

/** What every service receives: the database, configuration, queue, logger and keys. */
export type AppContext = {
  db: Kysely<DB>;
  config: Config;
  jobs: Jobs;
  log: Logger;
  /** SM4 field encryption and blind indexes for personal data at rest. */
  cipher: ReturnType<typeof createFieldCipher>;
  /** HMAC-SM3 key of the audit chain. */
  auditKey: Buffer;
};

export function createContext(parts: Omit<AppContext, 'cipher' | 'auditKey'>): AppContext {
  return {
    ...parts,
    cipher: createFieldCipher(parts.config.masterKey),
    auditKey: deriveKey(parts.config.masterKey, 'audit-chain'),
  };
}
