/** Spreadsheet cells that start like a formula are prefixed with ' (ASVS 5.3.11), full-width ＝ included. */
export function safeCell(v: string): string {
  return /^[=+\-@\t\r＝＋－＠]/.test(v) ? `'${v}` : v;
}
