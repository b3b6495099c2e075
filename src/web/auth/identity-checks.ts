/**
 * The server's password policy: at least 8 characters from three of upper case, lower case, digits, symbols.
 * (ID numbers, credit codes and phone numbers are checked with src/shared/identifiers.ts, as on the server.)
 */
export function isStrongPassword(value: string): boolean {
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
  return value.length >= 8 && classes >= 3;
}
