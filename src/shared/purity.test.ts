import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * src/shared is bundled into the web as well as run by the server: pure TypeScript that imports only its neighbours and
 * the pure, browser-safe packages listed here (the password policy's strength estimator).
 */
const allowedPackages = new Set(['@zxcvbn-ts/core', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en']);
describe('src/shared', () => {
  it('imports nothing but other files of src/shared and the listed pure packages (no node:, no server or web code)', () => {
    const dir = new URL('.', import.meta.url);
    const offending: string[] = [];
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      const text = readFileSync(new URL(name, dir), 'utf8');
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
        if (!/^\.\/[\w.-]+\.ts$/.test(m[1]) && !allowedPackages.has(m[1])) offending.push(`${name}: ${m[1]}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
