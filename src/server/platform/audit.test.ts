import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './audit.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth, so a jsonb round trip hashes the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson(new Date('2026-11-23T00:00:00Z'))).toBe('"2026-11-23T00:00:00.000Z"');
  });

  it('is unchanged by key order and by a JSON round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(JSON.parse(JSON.stringify(v)))).toBe(canonicalJson(v));
      }),
    );
  });
});
