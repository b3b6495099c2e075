import argon2 from 'argon2';
import { AppError } from '../../platform/errors.ts';
import { checkPassword } from '../../../shared/password-policy.ts';

/** argon2id with OWASP's recommended floor (19 MiB, 2 passes, 1 lane). */
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

let dummy: Promise<string> | null = null;

/**
 * Verifies; with no usable hash (an unknown user, an account not yet activated) it still spends the
 * same time on a dummy hash, so the answer's timing tells nothing.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (hash === null || !hash.startsWith('$argon2')) {
    dummy ??= argon2.hash('tongban-dummy-password', options);
    await argon2.verify(await dummy, password);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Throws PASSWORD_TOO_WEAK (with the problems) unless the password meets the policy (src/shared/password-policy.ts). */
export function requireGoodPassword(password: string, username: string): void {
  const check = checkPassword(password, { username });
  if (!check.ok) throw new AppError('PASSWORD_TOO_WEAK', { problems: check.problems });
}
