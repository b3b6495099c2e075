import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The OpenSSL command line as an independent SM2/SM3 implementation for interoperability tests.
 * The tests do not skip without it: the issue asks for an independent verifier, so a machine without
 * an SM2-capable OpenSSL fails with this message (Debian's openssl 3 has SM2).
 */
export const openssl = (args: string[], input?: Buffer) => spawnSync('openssl', args, { input, encoding: 'utf8' });

export function opensslSm2Problem(): string | null {
  const version = openssl(['version']);
  if (version.status !== 0) return 'no openssl binary on PATH (apt-get install openssl)';
  const algorithms = openssl(['list', '-public-key-algorithms']).stdout ?? '';
  return /\bSM2\b/.test(algorithms) ? null : `${version.stdout.trim()} lacks SM2`;
}

/** A temporary directory whose files are written by name; removed by `remove()`. */
export function scratchDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    path: (name: string) => join(dir, name),
    file(name: string, data: Buffer | string) {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
