import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/policies.ts';
import { regionChain } from './service.ts';

const actor = (over: Partial<Actor>): Actor => ({
  accountId: 'a1',
  username: 'u',
  kind: 'staff',
  roles: ['systemAdmin'],
  departmentId: null,
  regionCode: '610922',
  hallId: null,
  personId: null,
  organizationIds: [],
  sessionId: 's',
  ip: null,
  ...over,
});
const region = (code: string) => ({ type: 'region' as const, code });

describe('working-calendar rules', () => {
  it("a region's calendar layers national, then each ancestor prefix, the region itself last", () => {
    expect(regionChain('')).toEqual(['']);
    expect(regionChain('610922')).toEqual(['', '61', '6109', '610922']);
    expect(regionChain('610922100001')).toEqual(['', '61', '6109', '610922', '610922100', '610922100001']);
  });

  it('calendar.manage: system admins in their subtree; national overrides only at province level', () => {
    expect(can(actor({}), 'calendar.manage', region('610922'))).toBe(true);
    expect(can(actor({}), 'calendar.manage', region('610922100'))).toBe(true);
    expect(can(actor({}), 'calendar.manage', region('610923'))).toBe(false);
    expect(can(actor({}), 'calendar.manage', region('61'))).toBe(false);
    expect(can(actor({}), 'calendar.manage', region(''))).toBe(false);
    expect(can(actor({ regionCode: '61' }), 'calendar.manage', region(''))).toBe(true);
    expect(can(actor({ regionCode: '61' }), 'calendar.manage', region('610922'))).toBe(true);
    expect(can(actor({ regionCode: '51' }), 'calendar.manage', region('610922'))).toBe(false);
    expect(can(actor({ roles: ['securityAdmin'], regionCode: '61' }), 'calendar.manage', region(''))).toBe(false);
    expect(can(actor({ regionCode: null }), 'calendar.manage', region(''))).toBe(false);
    expect(can(actor({ kind: 'applicant', roles: [] }), 'calendar.manage', region('610922'))).toBe(false);
  });
});
