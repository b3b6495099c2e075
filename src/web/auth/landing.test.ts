import { describe, expect, it } from 'vitest';
import { landingPath } from './landing.ts';

describe('landingPath (issue 28.2)', () => {
  it('sends each role where its work is', () => {
    expect(landingPath({ kind: 'applicant', roles: [] })).toBe('/me');
    expect(landingPath({ kind: 'staff', roles: ['clerk'] })).toBe('/staff');
    expect(landingPath({ kind: 'staff', roles: ['reviewer'] })).toBe('/staff');
    expect(landingPath({ kind: 'staff', roles: ['approver', 'chiefRepresentative'] })).toBe('/staff');
    expect(landingPath({ kind: 'staff', roles: ['supervisor'] })).toBe('/dashboard');
    for (const role of ['systemAdmin', 'securityAdmin', 'auditAdmin', 'hallAdmin', 'departmentAdmin', 'platformRoot'])
      expect(landingPath({ kind: 'staff', roles: [role] }), role).toBe('/admin');
    // Work waiting in a queue comes first for staff holding several roles.
    expect(landingPath({ kind: 'staff', roles: ['departmentAdmin', 'clerk'] })).toBe('/staff');
    expect(landingPath({ kind: 'staff', roles: ['hotlineOperator'] })).toBe('/me');
  });
});
