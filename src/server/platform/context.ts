import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { DeniedRequests } from './audit-denials.ts';
import type { Config } from './config.ts';
import { createFieldCipher, deriveKey } from './crypto.ts';
import type { DB } from './db-types.ts';
import { createLocalFileStore, type FileStore } from './files.ts';
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
  /** The current instant. Services read time only here, so tests can move the clock across working days. */
  now: () => Date;
  /** Content-addressed storage of uploaded files. */
  files: FileStore;
  /** This node's count of denied requests, written to the audit log once per window by the sealer. */
  deniedRequests: DeniedRequests;
};

export function createContext(
  parts: Omit<AppContext, 'cipher' | 'auditKey' | 'now' | 'files' | 'deniedRequests'> & { now?: () => Date },
): AppContext {
  return {
    ...parts,
    now: parts.now ?? (() => new Date()),
    files: createLocalFileStore(join(parts.config.dataDir, 'files')),
    cipher: createFieldCipher(parts.config.masterKey),
    auditKey: deriveKey(parts.config.masterKey, 'audit-chain'),
    deniedRequests: new DeniedRequests(),
  };
}
