import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/**
 * The one password policy, used by the server (registration, activation) and by the web forms
 * (which import this file): 10 to 128 characters, not containing the username, and not guessable —
 * zxcvbn-ts (common passwords, names, words, keyboard patterns, dates; English and language-neutral
 * dictionaries) must rate it 3 or better (≥ 10^8 guesses). Pure: no I/O, no Node imports.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_SCORE = 3;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'containsUsername' | 'common' | 'guessable';
export type PasswordCheck = { ok: true; score: number } | { ok: false; problems: PasswordProblem[]; score: number };

/** zxcvbn warnings that mean "a known common password" rather than merely "easy to guess". */
const commonWarnings = new Set(['topTen', 'topHundred', 'common', 'similarToCommon', 'pwned']);

let factory: ZxcvbnFactory | null = null;

/** Built on first use: loading the dictionaries costs a few tens of milliseconds. */
function estimator(): ZxcvbnFactory {
  if (factory) return factory;
  // Warnings come back as their keys (stable), not as English sentences.
  const keys = Object.fromEntries(Object.keys(en.translations.warnings).map((k) => [k, k]));
  factory = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: { ...en.translations, warnings: keys as typeof en.translations.warnings },
  });
  return factory;
}

/** Checks a password against the policy; `username` (and other personal inputs) must not be guessable from it. */
export function checkPassword(password: string, context: { username?: string; inputs?: string[] } = {}): PasswordCheck {
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push('tooShort');
  if (password.length > PASSWORD_MAX_LENGTH) return { ok: false, problems: ['tooLong'], score: 0 };
  const username = context.username?.trim().toLowerCase() ?? '';
  if (username.length >= 3 && password.toLowerCase().includes(username)) problems.push('containsUsername');
  const inputs = [username, ...(context.inputs ?? [])].filter((s) => s.length > 0);
  const result = estimator().check(password, inputs);
  if (result.score < PASSWORD_MIN_SCORE) {
    const warning = result.feedback.warning ?? '';
    problems.push(commonWarnings.has(warning) ? 'common' : 'guessable');
  }
  return problems.length === 0 ? { ok: true, score: result.score } : { ok: false, problems, score: result.score };
}
