import { describe, expect, it } from 'vitest';
import { windowAccepts, type WindowScope } from '../../platform/actor.ts';

const base: WindowScope = {
  id: 'w',
  hallId: 'h',
  kind: 'comprehensive',
  departmentId: null,
  acceptsAll: false,
  departmentIds: [],
  itemIds: [],
  pickup: false,
  peakOpen: false,
};

describe('what a window accepts (一窗受理 scope)', () => {
  it('a comprehensive window: everything, or the listed departments and items', () => {
    expect(windowAccepts({ ...base, acceptsAll: true }, { departmentId: 'market', itemId: 'x' })).toBe(true);
    const listed = { ...base, departmentIds: ['police'], itemIds: ['birthCert'] };
    expect(windowAccepts(listed, { departmentId: 'police', itemId: 'anything' })).toBe(true);
    expect(windowAccepts(listed, { departmentId: 'health', itemId: 'birthCert' })).toBe(true);
    expect(windowAccepts(listed, { departmentId: 'market', itemId: 'license' })).toBe(false);
    expect(windowAccepts(base, { departmentId: 'market', itemId: 'license' })).toBe(false);
  });

  it('a department window still accepts its own department', () => {
    const dept = { ...base, kind: 'department' as const, departmentId: 'realEstate' };
    expect(windowAccepts(dept, { departmentId: 'realEstate', itemId: 'transfer' })).toBe(true);
    expect(windowAccepts(dept, { departmentId: 'market', itemId: 'license' })).toBe(false);
  });

  it('a peak window accepts its listed items only while open', () => {
    const peak = { ...base, kind: 'peak' as const, itemIds: ['hukou'] };
    expect(windowAccepts(peak, { departmentId: 'police', itemId: 'hukou' })).toBe(false);
    expect(windowAccepts({ ...peak, peakOpen: true }, { departmentId: 'police', itemId: 'hukou' })).toBe(true);
    expect(windowAccepts({ ...peak, peakOpen: true }, { departmentId: 'police', itemId: 'idCard' })).toBe(false);
  });
});
