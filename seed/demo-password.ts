/**
 * The demo password of every demo account (demo mode only: TONGBAN_DEMO=1 or the embedded default).
 * It meets the password policy (platform/password-policy.ts: 10 characters or more, zxcvbn score 3).
 */
export const DEMO_PASSWORD = 'Tongban@2026';
