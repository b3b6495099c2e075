import { describe, expect, it } from 'vitest';
import { DeniedRequests } from './audit-denials.ts';

const denial = (over: Partial<Parameters<DeniedRequests['add']>[0]> = {}) => ({
  actorId: null,
  actorKind: null,
  ip: '10.0.0.1',
  method: 'GET',
  route: '/api/v1/cases/:id',
  status: 404,
  code: 'CASE_NOT_FOUND',
  ...over,
});

describe('DeniedRequests', () => {
  it('counts per actor (or IP when anonymous), route, status and code, and starts a new window when drained', () => {
    const d = new DeniedRequests();
    for (let i = 0; i < 3; i++) d.add(denial());
    d.add(denial({ ip: '10.0.0.2' }));
    d.add(denial({ actorId: 'a1', actorKind: 'staff', ip: '10.0.0.3' }));
    d.add(denial({ actorId: 'a1', actorKind: 'staff', ip: '10.0.0.4' }));
    d.add(denial({ status: 403, code: 'FORBIDDEN' }));
    const { entries, from, to } = d.drain(Date.now() + 1000);
    expect(from.getTime()).toBeLessThan(to.getTime());
    expect(entries.map((e) => [e.actorId ?? e.ip, e.status, e.count])).toEqual([
      ['10.0.0.1', 404, 3],
      ['10.0.0.2', 404, 1],
      ['a1', 404, 2],
      ['10.0.0.1', 403, 1],
    ]);
    expect(d.size).toBe(0);
    expect(d.drain().entries).toEqual([]);
  });

  it('keeps at most 10,000 keys a window: a flood from many addresses is counted under "*"', () => {
    const d = new DeniedRequests();
    for (let i = 0; i < 10_500; i++) d.add(denial({ ip: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` }));
    expect(d.size).toBe(10_001);
    const star = d.drain().entries.find((e) => e.ip === '*');
    expect(star).toMatchObject({ actorId: null, count: 500, route: '/api/v1/cases/:id' });
  });
});
