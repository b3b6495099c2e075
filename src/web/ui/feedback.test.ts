import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file of the web application. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('toast messages', () => {
  it('come from useFeedback(): antd <App> is not mounted (it would add ≈ 24 KB gzip to the first download)', () => {
    const root = join(import.meta.dirname, '..');
    const offenders = sources(root).filter((file) => /App\.useApp\(|<AntApp|App as AntApp/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
