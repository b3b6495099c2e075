import type { TFunction } from 'i18next';

type Policy = typeof import('../../shared/password-policy.ts');
let policy: Promise<Policy> | null = null;

/**
 * The server's password policy itself (src/shared/password-policy.ts, pure), loaded on
 * first use: its dictionaries are a separate chunk that only the registration and activation pages fetch.
 */
export function loadPasswordPolicy(): Promise<Policy> {
  policy ??= import('../../shared/password-policy.ts');
  return policy;
}

/** An Ant Design form validator that applies the policy and names the first problem. */
export function passwordValidator(t: TFunction, username: () => string) {
  return async (_: unknown, value?: string) => {
    if (!value) return;
    const { checkPassword } = await loadPasswordPolicy();
    const result = checkPassword(value, { username: username() });
    if (!result.ok) throw new Error(t(`password.problems.${result.problems[0]}`));
  };
}
