import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.ts';
import { allowedSteps, rectificationSteps } from './rectification-service.ts';
import { isBad, negativeTags, positiveTags, rateCaseBody, tagsFor } from './schema.ts';

const actor = (over: Partial<Actor>): Actor => ({
  accountId: 'a',
  username: 'u',
  kind: 'staff',
  roles: [],
  departmentId: 'd1',
  regionCode: '610922',
  hallId: null,
  personId: null,
  organizationIds: [],
  sessionId: 's',
  ip: null,
  ...over,
});
const r = (status: keyof typeof statuses) => ({ status, department_id: 'd1', region_code: '610922001' });
const statuses = { open: 1, verifying: 1, rectifying: 1, feedback: 1, signOff: 1, closed: 1, voided: 1 } as const;

describe('好差评 rules', () => {
  it('scores 1–2 are bad; tags follow the score', () => {
    expect([5, 4, 3, 2, 1].map(isBad)).toEqual([false, false, false, true, true]);
    expect(tagsFor(5)).toEqual([...positiveTags]);
    expect(tagsFor(3)).toEqual([...positiveTags, ...negativeTags]);
    expect(tagsFor(1)).toEqual([...negativeTags]);
  });

  it('a bad rating needs a reason; a good one does not', () => {
    const caseId = '00000000-0000-4000-8000-000000000000';
    expect(rateCaseBody.safeParse({ caseId, score: 1 }).success).toBe(false);
    expect(rateCaseBody.safeParse({ caseId, score: 1, comment: '太慢' }).success).toBe(true);
    expect(rateCaseBody.safeParse({ caseId, score: 2, tags: ['slow'] }).success).toBe(true);
    expect(rateCaseBody.safeParse({ caseId, score: 5 }).success).toBe(true);
    expect(rateCaseBody.safeParse({ caseId, score: 0 }).success).toBe(false);
  });

  it('each state allows one step, taken by the department (steps) or a supervisor of the region (sign-off)', () => {
    const staff = actor({});
    const supervisor = actor({ roles: ['supervisor'], departmentId: 'd9' });
    const stranger = actor({ departmentId: 'd2' });
    expect(allowedSteps(staff, r('open'))).toEqual(['callback']);
    expect(allowedSteps(staff, r('verifying'))).toEqual(['verify']);
    expect(allowedSteps(staff, r('rectifying'))).toEqual(['rectify']);
    expect(allowedSteps(staff, r('feedback'))).toEqual(['feedback']);
    expect(allowedSteps(staff, r('signOff'))).toEqual([]);
    expect(allowedSteps(supervisor, r('signOff'))).toEqual(['signOff']);
    expect(allowedSteps(supervisor, { ...r('signOff'), region_code: '513424' })).toEqual([]);
    expect(allowedSteps(stranger, r('open'))).toEqual([]);
    for (const s of ['closed', 'voided'] as const) expect([...allowedSteps(staff, r(s)), ...allowedSteps(supervisor, r(s))]).toEqual([]);
    expect(
      Object.values(rectificationSteps)
        .flatMap((x) => x.from)
        .sort(),
    ).toEqual(['feedback', 'open', 'rectifying', 'signOff', 'verifying']);
  });
});
