import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './actor.ts';
import { auditReadScope, can, rolesAreValid } from './policies.ts';

const actor = (over: Partial<Actor>): Actor => ({
  accountId: 'a1',
  username: 'u',
  kind: 'staff',
  roles: [],
  departmentId: null,
  regionCode: '610922',
  hallId: null,
  personId: null,
  organizationIds: [],
  sessionId: 's',
  ip: null,
  ...over,
});

describe('policies', () => {
  it('a person record is readable by its owner only', () => {
    expect(can(actor({ kind: 'applicant', personId: 'p1' }), 'person.read', { type: 'person', id: 'p1' })).toBe(true);
    expect(can(actor({ kind: 'applicant', personId: 'p1' }), 'person.read', { type: 'person', id: 'p2' })).toBe(false);
    expect(can(actor({ roles: ['systemAdmin'] }), 'person.read', { type: 'person', id: 'p2' })).toBe(false);
    expect(can(null, 'person.read', { type: 'person', id: 'p1' })).toBe(false);
  });

  it('department changes are scoped by department and region subtree', () => {
    const dept = { type: 'department' as const, id: 'd1', regionCode: '610922' };
    expect(can(actor({ roles: ['departmentAdmin'], departmentId: 'd1' }), 'department.update', dept)).toBe(true);
    expect(can(actor({ roles: ['departmentAdmin'], departmentId: 'd2' }), 'department.update', dept)).toBe(false);
    expect(can(actor({ roles: ['systemAdmin'], regionCode: '6109' }), 'department.update', dept)).toBe(true);
    expect(can(actor({ roles: ['systemAdmin'], regionCode: '513424' }), 'department.update', dept)).toBe(false);
    expect(can(actor({ roles: ['clerk'], departmentId: 'd1' }), 'department.update', dept)).toBe(false);
  });

  it('department admins grant only ordinary roles in their own department', () => {
    const staff = (roles: Role[], departmentId = 'd1') => ({ type: 'staff' as const, departmentId, regionCode: '610922', roles });
    const admin = actor({ roles: ['departmentAdmin'], departmentId: 'd1' });
    expect(can(admin, 'staff.manage', staff(['clerk', 'reviewer']))).toBe(true);
    expect(can(admin, 'staff.manage', staff(['securityAdmin']))).toBe(false);
    expect(can(admin, 'staff.manage', staff(['clerk'], 'd2'))).toBe(false);
    // A front desk (hall-bound) is not a department role.
    expect(can(admin, 'staff.manage', { ...staff(['clerk']), hallBound: true })).toBe(false);
    expect(can(actor({ roles: ['securityAdmin'] }), 'staff.manage', staff(['clerk'], 'd9'))).toBe(true);
  });

  it('三员分立: the security admin alone creates no separated administrator; the root bootstraps them', () => {
    const staff = (roles: Role[]) => ({ type: 'staff' as const, departmentId: 'd1', regionCode: '610922', roles });
    const sec = actor({ roles: ['securityAdmin'] });
    for (const role of ['auditAdmin', 'systemAdmin', 'securityAdmin'] as Role[]) {
      expect(can(sec, 'staff.manage', staff([role]))).toBe(false);
      expect(can(sec, 'staff.requestSeparated', staff([role]))).toBe(true);
    }
    const root = actor({ roles: ['platformRoot'], regionCode: '61' });
    expect(can(root, 'staff.manage', staff(['auditAdmin']))).toBe(true);
    expect(can(root, 'staff.manage', staff(['clerk']))).toBe(false);
    expect(can(actor({ roles: ['securityAdmin'], regionCode: '513424' }), 'staff.requestSeparated', staff(['auditAdmin']))).toBe(false);
  });

  it('a separated-admin request is decided by another duty; the audit side alone decides on audit admins', () => {
    const req = (over: Partial<{ touchesAudit: boolean; requesterRole: string }> = {}) => ({
      type: 'staffRequest' as const,
      regionCode: '610922',
      requestedBy: 'sec1',
      requesterRole: 'securityAdmin',
      targetAccountId: 'aud1',
      touchesAudit: false,
      ...over,
    });
    expect(can(actor({ accountId: 'sec1', roles: ['securityAdmin'] }), 'staff.decideRequest', req())).toBe(false);
    expect(can(actor({ accountId: 'sec2', roles: ['securityAdmin'] }), 'staff.decideRequest', req())).toBe(false);
    expect(can(actor({ accountId: 'sys1', roles: ['systemAdmin'] }), 'staff.decideRequest', req())).toBe(true);
    expect(can(actor({ accountId: 'sys1', roles: ['systemAdmin'] }), 'staff.decideRequest', req({ touchesAudit: true }))).toBe(false);
    expect(can(actor({ accountId: 'aud2', roles: ['auditAdmin'] }), 'staff.decideRequest', req({ touchesAudit: true }))).toBe(true);
    expect(can(actor({ accountId: 'aud1', roles: ['auditAdmin'] }), 'staff.decideRequest', req({ touchesAudit: true }))).toBe(false);
    expect(can(actor({ accountId: 'aud2', roles: ['auditAdmin'], regionCode: '513424' }), 'staff.decideRequest', req())).toBe(false);
    expect(
      can(actor({ accountId: 'root', roles: ['platformRoot'], regionCode: '61' }), 'staff.decideRequest', req({ touchesAudit: true })),
    ).toBe(true);
  });

  it("a hall admin manages only its own hall, and only while the hall lies in the admin's region", () => {
    const hall = { type: 'hall' as const, id: 'h1', regionCode: '513424' };
    expect(can(actor({ roles: ['hallAdmin'], hallId: 'h1', regionCode: '610922' }), 'hall.manage', hall)).toBe(false);
    expect(can(actor({ roles: ['hallAdmin'], hallId: 'h1', regionCode: '513424' }), 'hall.manage', hall)).toBe(true);
    expect(can(actor({ roles: ['securityAdmin'], regionCode: '610922' }), 'hall.bindStaff', hall)).toBe(false);
    expect(can(actor({ roles: ['departmentAdmin'], regionCode: '513424' }), 'hall.bindStaff', hall)).toBe(false);
  });

  it('only audit admins read or verify the audit log', () => {
    expect(can(actor({ roles: ['auditAdmin'] }), 'audit.read', { type: 'auditEvent', regionCode: '610922' })).toBe(true);
    expect(can(actor({ roles: ['systemAdmin'] }), 'audit.read', { type: 'auditEvent', regionCode: '610922' })).toBe(false);
    expect(can(actor({ roles: ['auditAdmin'] }), 'audit.verify', { type: 'auditLog' })).toBe(true);
    expect(can(actor({ roles: ['securityAdmin'] }), 'audit.verify', { type: 'auditLog' })).toBe(false);
  });

  it("a county's audit admin reads its county's events; platform-level events only a province-level one", () => {
    const county = actor({ roles: ['auditAdmin'], regionCode: '610922' });
    const province = actor({ roles: ['auditAdmin'], regionCode: '61' });
    const event = (regionCode: string | null) => ({ type: 'auditEvent' as const, regionCode });
    expect(can(county, 'audit.read', event('610922'))).toBe(true);
    expect(can(county, 'audit.read', event('610922100'))).toBe(true);
    expect(can(county, 'audit.read', event('610921'))).toBe(false);
    expect(can(county, 'audit.read', event(null))).toBe(false);
    expect(can(province, 'audit.read', event('610921'))).toBe(true);
    expect(can(province, 'audit.read', event(null))).toBe(true);
    expect(can(province, 'audit.read', event('513424'))).toBe(false);
    // The list filter is the same rule.
    for (const a of [county, province, actor({ roles: ['clerk'] })]) {
      const scope = auditReadScope(a);
      for (const code of ['610922', '610922100', '610921', '61', '513424', null]) {
        const listed = scope !== null && (code === null ? scope.platformEvents : code.startsWith(scope.regionPrefix));
        expect(listed, `${a.regionCode} ${code}`).toBe(can(a, 'audit.read', event(code)));
      }
    }
  });

  it('keeps the three administrator roles apart and rejects unknown roles', () => {
    expect(rolesAreValid(['clerk', 'reviewer'])).toBe(true);
    expect(rolesAreValid(['systemAdmin'])).toBe(true);
    expect(rolesAreValid(['systemAdmin', 'securityAdmin'])).toBe(false);
    expect(rolesAreValid(['root'])).toBe(false);
    expect(rolesAreValid(['platformRoot'])).toBe(false);
  });
});
