import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepCases } from '../../src/server/modules/cases/sweep.ts';
import { login, makeCitizen, type Client } from './client.ts';
import { act, makeCase, publishItem, upload } from './factories/case.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
let citizen: Client;
let clerk: Client;
let reviewer: Client;
let approver: Client;
let supervisor: Client;
let code: string;

/** 10:00 Shanghai time on a November 2026 day (no public holidays in November). */
const at = (day: string) => `${day}T02:00:00Z`;

const get = async (client: Client, id: string) => (await client.get(`/api/v1/cases/${id}`)).json();

/** A case accepted by clerk1 on `day`. */
async function acceptedOn(day: string, accept: Record<string, unknown> = {}, omit: string[] = []) {
  p.clock.set(at(day));
  const c = await makeCase(p, citizen, code, { omit });
  const a = await act(clerk, c, 'accept', accept);
  expect(a.statusCode, a.body).toBe(200);
  return a.json();
}

beforeAll(async () => {
  p = await startTestPlatform();
  p.clock.set(at('2026-11-02'));
  const c = await makeCitizen(p.ctx);
  citizen = await login(p.app, c.username, c.password);
  clerk = await login(p.app, 'clerk1');
  reviewer = await login(p.app, 'reviewer1');
  approver = await login(p.app, 'approver1');
  supervisor = await login(p.app, 'supervisor1');
  code = (await publishItem(p, { promisedLimit: { value: 5, unit: 'workday' }, legalLimit: { value: 20, unit: 'workday' } })).code;
});
afterAll(async () => {
  await p?.close();
});

describe(`case clock and deadlines (${testDb})`, () => {
  it('a special procedure stops the clock: suspended working days do not count and move the due date', async () => {
    const a = await acceptedOn('2026-11-02');
    // Mon 11-02 + 5 working days: 3, 4, 5, 6, 9 → Mon 11-09.
    expect(a.clock.promisedDueOn).toBe('2026-11-09');
    p.clock.set(at('2026-11-04'));
    const s = await act(reviewer, a, 'special-procedure', { kind: 'testing', reason: '样品送省质检院检测', expectedDays: 3 });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ status: 'special', clockPaused: true });
    const told = (await citizen.get('/api/v1/notifications')).json().items[0];
    expect(told).toMatchObject({ kind: 'special' });
    expect(told.body).toContain('不计入办理时限');
    p.clock.set(at('2026-11-06'));
    const paused = await get(citizen, a.id);
    // Used 11-03 and 11-04; 11-05 and 11-06 suspended; as if it resumed today: 9 (3), 10 (4), 11 (5).
    expect(paused.clock).toMatchObject({ usedDays: 2, suspendedDays: 2, paused: true, promisedDueOn: '2026-11-11' });
    expect(paused.allowedActions).toEqual(['withdraw']);
    expect((await act(approver, paused, 'decide', { decision: 'approved' })).json().error.code).toBe('CASE_STATE_INVALID');
    p.clock.set(at('2026-11-09'));
    const ended = await act(reviewer, paused, 'special-procedure/end', { text: '检测合格' });
    expect(ended.statusCode, ended.body).toBe(200);
    // Suspended (11-04, 11-09] = 5, 6, 9; counting resumes 11-10 (3), 11-11 (4), 11-12 (5).
    expect(ended.json()).toMatchObject({ status: 'accepted', clockPaused: false });
    expect(ended.json().clock).toMatchObject({ usedDays: 2, suspendedDays: 3, promisedDueOn: '2026-11-12', paused: false });
    expect(ended.json().suspensions).toEqual([
      { kind: 'special', specialKind: 'testing', reason: '样品送省质检院检测', startedOn: '2026-11-04', endedOn: '2026-11-09' },
    ]);
  });

  it('an extension of 10 working days needs an approver other than the requester, once, and tells the applicant why', async () => {
    const a = await acceptedOn('2026-11-02');
    const req = await act(reviewer, a, 'extension', { reason: '涉及多个部门联合踏勘，需延长审查期限' });
    expect(req.statusCode, req.body).toBe(200);
    const byReviewer = await act(reviewer, req.json(), 'extension/decide', { approve: true });
    expect(byReviewer.statusCode).toBe(403);
    expect(byReviewer.json().error.code).toBe('CASE_ROLE_REQUIRED');
    const ok = await act(approver, req.json(), 'extension/decide', { approve: true });
    expect(ok.statusCode, ok.body).toBe(200);
    // 5 + 10 = 15 working days from Mon 11-02: 11-09 (5), 11-16 (10), 11-23 (15).
    expect(ok.json().clock).toMatchObject({ extensionDays: 10, promisedDueOn: '2026-11-23', legalDueOn: '2026-12-14' });
    expect(ok.json().extension).toMatchObject({ status: 'approved', days: 10 });
    const told = (await citizen.get('/api/v1/notifications')).json().items[0];
    expect(told.kind).toBe('extended');
    expect(told.body).toContain('联合踏勘');
    const again = await act(reviewer, ok.json(), 'extension', { reason: '再次申请延期' });
    expect(again.json().error.code).toBe('CASE_EXTENSION_INVALID');

    const b = await acceptedOn('2026-11-02');
    const own = (await act(approver, b, 'extension', { reason: '需要补充现场核查' })).json();
    const self = await act(approver, own, 'extension/decide', { approve: true });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('CASE_EXTENSION_INVALID');
  });

  it('no notice within 5 working days of submission: deemed accepted on the day it arrived, supervisor warned, once', async () => {
    p.clock.set(at('2026-11-02'));
    const c = await makeCase(p, citizen, code);
    p.clock.set(at('2026-11-09'));
    await sweepCases(p.ctx);
    expect((await get(citizen, c.id)).status).toBe('submitted');
    p.clock.set(at('2026-11-10'));
    const r1 = await sweepCases(p.ctx);
    const r2 = await sweepCases(p.ctx);
    expect(r1.deemedAccepted).toBeGreaterThanOrEqual(1);
    expect(r2.deemedAccepted).toBe(0);
    const seen = await get(citizen, c.id);
    expect(seen).toMatchObject({ status: 'accepted', deemedAccepted: true, acceptedOn: '2026-11-02' });
    expect(seen.clock.promisedDueOn).toBe('2026-11-09');
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'deemAccept', actorName: '系统' });
    const warned = (await supervisor.get('/api/v1/notifications?pageSize=100'))
      .json()
      .items.filter((n: { caseId: string; kind: string }) => n.caseId === c.id && n.kind === 'deemedAccepted');
    expect(warned).toHaveLength(1);
  });

  it('容缺 overdue: reminded a working day before, suspended after the deadline, resumed when supplied', async () => {
    const a = await acceptedOn('2026-11-02', { deferred: [{ requirementKey: 'articles' }], supplyWithinDays: 2, signedOnSite: true }, [
      'articles',
    ]);
    expect(a.commitments[0]).toMatchObject({ dueOn: '2026-11-04', status: 'pending' });
    p.clock.set(at('2026-11-03'));
    expect((await sweepCases(p.ctx)).reminded).toBe(1);
    expect((await sweepCases(p.ctx)).reminded).toBe(0);
    const sms = await eventually(
      async () =>
        (
          await p.ctx.db
            .selectFrom('sms_messages')
            .select(['body', 'phone_masked'])
            .where('purpose', '=', 'case.deficiencyReminder')
            .execute()
        )[0],
    );
    expect(sms.body).toContain('2026-11-04前补交');
    p.clock.set(at('2026-11-05'));
    expect((await sweepCases(p.ctx)).suspended).toBe(1);
    const s = await get(citizen, a.id);
    expect(s).toMatchObject({ status: 'suspended', clockPaused: true });
    expect(s.allowedActions).toContain('supplyDeferred');
    p.clock.set(at('2026-11-09'));
    const supplied = await act(citizen, s, 'supply', { requirementKey: 'articles', materialId: await upload(p, citizen, 'articles.pdf') });
    expect(supplied.statusCode, supplied.body).toBe(200);
    // Used 3, 4, 5; suspended (11-05, 11-09] = 6, 9; then 10 (4), 11 (5).
    expect(supplied.json()).toMatchObject({ status: 'accepted', deficiencyOpen: false });
    expect(supplied.json().clock).toMatchObject({ usedDays: 3, suspendedDays: 2, promisedDueOn: '2026-11-11' });
  });

  it('yellow then red warnings, raised once per case and level, shown in the queues and sent to staff and supervisor', async () => {
    const a = await acceptedOn('2026-11-02');
    p.clock.set(at('2026-11-05'));
    await sweepCases(p.ctx);
    expect((await get(reviewer, a.id)).warningLevel).toBe('none');
    p.clock.set(at('2026-11-06'));
    // Two nodes sweeping at the same moment: the warning is still raised once.
    await Promise.all([sweepCases(p.ctx), sweepCases(p.ctx)]);
    expect(await p.ctx.db.selectFrom('case_warnings').select('level').where('case_id', '=', a.id).execute()).toEqual([{ level: 'yellow' }]);
    expect((await get(reviewer, a.id)).warningLevel).toBe('yellow');
    const dueSoon = (await reviewer.get('/api/v1/staff/cases?queue=dueSoon&pageSize=100')).json();
    expect(dueSoon.items.map((x: { id: string }) => x.id)).toContain(a.id);
    p.clock.set(at('2026-11-10'));
    await sweepCases(p.ctx);
    await sweepCases(p.ctx);
    const red = await get(reviewer, a.id);
    expect(red).toMatchObject({ warningLevel: 'red' });
    expect(red.clock).toMatchObject({ overdue: true, leftDays: -1 });
    expect((await reviewer.get('/api/v1/staff/cases?queue=overdue&pageSize=100')).json().items.map((x: { id: string }) => x.id)).toContain(
      a.id,
    );
    const rows = await p.ctx.db.selectFrom('case_warnings').select('level').where('case_id', '=', a.id).orderBy('level').execute();
    expect(rows.map((r) => r.level)).toEqual(['red', 'yellow']);
    const mine = (n: { caseId: string; kind: string }) => n.caseId === a.id && n.kind.startsWith('warning.');
    expect(
      (await supervisor.get('/api/v1/notifications?pageSize=100'))
        .json()
        .items.filter(mine)
        .map((n: { kind: string }) => n.kind),
    ).toEqual(['warning.red', 'warning.yellow']);
    expect((await reviewer.get('/api/v1/notifications?pageSize=100')).json().items.filter(mine)).toHaveLength(2);
  });
});
