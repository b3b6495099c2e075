import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../../scripts/gen-api-types.ts';

describe('src/web/api-types.gen.ts', () => {
  it('is what the generator makes from the current route schemas (else: run npm run gen:api-types)', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    const fresh = await generateApiTypes();
    // A plain equality check would print 14,000 lines; name the first line that differs instead.
    const a = committed.split('\n');
    const b = fresh.split('\n');
    const at = a.findIndex((line, i) => line !== b[i]);
    const first = at === -1 && a.length !== b.length ? Math.min(a.length, b.length) : at;
    expect(
      first === -1
        ? 'current'
        : `stale at line ${first + 1}: committed "${a[first] ?? ''}", generated "${b[first] ?? ''}"; run npm run gen:api-types`,
    ).toBe('current');
  });
});
