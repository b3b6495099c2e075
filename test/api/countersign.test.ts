import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, login, makeCitizen } from './client.ts';
import { makeStaff } from './factories/bundle.ts';
import { act, makeCase, publishItem } from './factories/case.ts';
import { makeGuide } from './factories/guide.ts';
import { sweepCases } from '../../src/server/modules/cases/sweep.ts';
import { startTestPlatform, type TestPlatform, testDb } from './platform.ts';

/**
 * Defects issue 25.12, 并联审批/会签 inside one item: several departments give their opinions on the same case in parallel,
 * each within its own limit, and the decision waits for all of them (or the guide's quorum). The departments asked read
 * the case and sign — nothing else; an opinion against is shown to the decider, who still decides.
 */
let p: TestPlatform;
let citizen: Client;
let clerk: Client;
let approver: Client;
let admin: Client;
let healthReviewer: Client;
let healthClerk: Client;
let policeReviewer: Client;
let taxReviewer: Client;

const accept = { key: 'accept', name: '受理', kind: 'accept', role: 'clerk' } as const;
const decide = { key: 'decide', name: '决定', kind: 'decide', role: 'approver' } as const;
const countersign = (over: Record<string, unknown> = {}) => ({
  key: 'joint',
  name: '部门会签',
  kind: 'countersign',
  role: 'reviewer',
  participants: [
    { departmentKey: 'health', days: 3 },
    { departmentKey: 'police', days: 5 },
  ],
  ...over,
});

beforeAll(async () => {
  p = await startTestPlatform();
  p.clock.set('2026-11-23T02:00:00Z'); // Mon 10:00 Shanghai
  const c = await makeCitizen(p.ctx);
  citizen = await login(p.app, c.username, c.password);
  clerk = await login(p.app, 'clerk1');
  approver = await login(p.app, 'approver1');
  admin = await login(p.app, 'admin1');
  healthReviewer = (await makeStaff(p, 'cs_health_reviewer', 'health', ['reviewer'])).client;
  healthClerk = (await makeStaff(p, 'cs_health_clerk', 'health', ['clerk'])).client;
  policeReviewer = (await makeStaff(p, 'cs_police_reviewer', 'police', ['reviewer'])).client;
  taxReviewer = (await makeStaff(p, 'cs_tax_reviewer', 'tax', ['reviewer'])).client;
});
afterAll(async () => {
  await p?.close();
});

const detail = async (client: Client, id: string) => (await client.get(`/api/v1/cases/${id}`)).json();
const queue = async (client: Client, q: string) =>
  (await client.get(`/api/v1/staff/cases?queue=${q}`)).json().items.map((x: { id: string }) => x.id) as string[];

describe(`会签 in the item's guide (${testDb})`, () => {
  it('a countersign names existing departments of the region, each once, with a quorum it can reach', async () => {
    const market = (await admin.get('/api/v1/departments?regionCode=610922&pageSize=100'))
      .json()
      .items.find((d: { key: string }) => d.key === 'market');
    const problems = async (workflow: unknown[], over: Record<string, unknown> = {}) => {
      const res = await admin.post('/api/v1/items', { departmentId: market.id, guide: makeGuide({ workflow, ...over } as never) });
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.details.problems.map((x: { reason: string }) => x.reason);
    };
    expect(await problems([accept, countersign({ participants: [] }), decide])).toEqual(['countersignNeedsDepartments']);
    expect(await problems([accept, countersign({ quorum: 3 }), decide])).toEqual(['quorumExceedsDepartments']);
    expect(
      await problems([
        accept,
        countersign({
          participants: [
            { departmentKey: 'health', days: 3 },
            { departmentKey: 'health', days: 2 },
          ],
        }),
        decide,
      ]),
    ).toEqual(['duplicateDepartment']);
    expect(await problems([accept, { ...countersign(), kind: 'review' }, decide])).toEqual(['participantsOnlyInCountersign']);
    expect(await problems([accept, countersign({ participants: [{ departmentKey: 'nowhere', days: 3 }] }), decide])).toEqual([
      'unknownDepartment:nowhere',
    ]);
    expect(
      await problems([accept, countersign(), decide], { handlingType: 'immediate', promisedLimit: { value: 0, unit: 'workday' } }),
    ).toEqual(['immediateItemsHaveNoCountersign']);
  });
});

describe(`会签 on a case (${testDb})`, () => {
  it('two departments sign in parallel within their own limits; the decision waits for both and sees the opinion against', async () => {
    const { code } = await publishItem(p, { workflow: [accept, countersign(), decide] as never });
    const c0 = await makeCase(p, citizen, code);
    // Not before acceptance: nobody has been asked yet.
    expect(await queue(healthReviewer, 'toCountersign')).not.toContain(c0.id);
    expect((await healthReviewer.get(`/api/v1/cases/${c0.id}`)).statusCode).toBe(404);

    const accepted = await act(clerk, c0, 'accept', { deferred: [] });
    expect(accepted.statusCode, accepted.body).toBe(200);
    let c = await detail(clerk, c0.id);
    expect(c.step).toMatchObject({ key: 'joint', kind: 'countersign' });
    // Each department's own limit in working days from acceptance (Mon 23 Nov: +3 → Thu 26, +5 → Mon 30).
    expect(c.countersigns.map((x: { departmentName: string; dueOn: string; status: string }) => [x.dueOn, x.status])).toEqual([
      ['2026-11-26', 'pending'],
      ['2026-11-30', 'pending'],
    ]);
    expect(c.allowedActions).not.toContain('decide');
    // Each department asked is told and finds it in its queue; a department not asked does not see the case at all.
    expect(await queue(healthReviewer, 'toCountersign')).toContain(c.id);
    expect(await queue(policeReviewer, 'toCountersign')).toContain(c.id);
    expect(await queue(taxReviewer, 'toCountersign')).not.toContain(c.id);
    expect((await taxReviewer.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    expect((await act(taxReviewer, c, 'countersign', { opinion: 'agree', comment: '同意' })).statusCode).toBe(404);
    const told = await p.ctx.db
      .selectFrom('notifications')
      .select('title')
      .where('case_id', '=', c.id)
      .where('kind', '=', 'countersign')
      .execute();
    expect(told.length).toBeGreaterThanOrEqual(2);

    // The department asked reads the case and signs — and can do nothing else with it.
    const seen = await detail(healthReviewer, c.id);
    expect(seen.allowedActions).toEqual(['countersign']);
    expect((await act(healthClerk, c, 'countersign', { opinion: 'agree', comment: '同意' })).json().error.code).toBe('CASE_ROLE_REQUIRED');
    for (const [action, body] of [
      ['review', { opinion: 'approve', comment: '同意' }],
      ['decide', { decision: 'approved' }],
      ['transfer', { assigneeId: c.handlerId ?? c.id, reason: '转办' }],
      ['special-procedure', { kind: 'appraisal', reason: '委托第三方鉴定' }],
    ] as const) {
      const r = await act(healthReviewer, c, action, body);
      expect([403, 409], `${action}: ${r.body}`).toContain(r.statusCode);
    }
    // The owning department cannot sign in the other departments' place.
    expect((await act(await login(p.app, 'reviewer1'), c, 'countersign', { opinion: 'agree', comment: '同意' })).json().error.code).toBe(
      'FORBIDDEN',
    );
    // Bad input: no reasons, an unknown opinion.
    expect((await act(healthReviewer, c, 'countersign', { opinion: 'agree' })).statusCode).toBe(400);
    expect((await act(healthReviewer, c, 'countersign', { opinion: 'maybe', comment: '再看看' })).statusCode).toBe(400);
    expect((await detail(clerk, c.id)).version).toBe(c.version);

    const h = await act(healthReviewer, c, 'countersign', { opinion: 'agree', comment: '符合卫生条件' });
    expect(h.statusCode, h.body).toBe(200);
    expect(h.json()).toMatchObject({ status: 'review', version: c.version + 1 });
    // Signed once: a second opinion of the same department is refused and changes nothing.
    const twice = await act(healthReviewer, h.json(), 'countersign', { opinion: 'disagree', comment: '改变主意' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CASE_COUNTERSIGN_NOT_PENDING');
    expect(await queue(healthReviewer, 'toCountersign')).not.toContain(c.id);
    // One opinion still open: the decision waits.
    c = await detail(approver, c.id);
    expect(c.step.key).toBe('joint');
    const tooEarly = await act(approver, c, 'decide', { decision: 'approved' });
    expect(tooEarly.statusCode).toBe(409);

    const police = await act(policeReviewer, c, 'countersign', { opinion: 'disagree', comment: '消防通道不符合要求，建议整改后准予' });
    expect(police.statusCode, police.body).toBe(200);
    c = await detail(approver, c.id);
    expect(c.step.key).toBe('decide');
    expect(c.countersigns.map((x: { status: string; opinion: string }) => [x.status, x.opinion])).toEqual([
      ['signed', 'agree'],
      ['signed', 'disagree'],
    ]);
    expect(c.countersigns[1]).toMatchObject({ comment: '消防通道不符合要求，建议整改后准予', signedByName: 'cs_police_reviewer' });
    expect(c.allowedActions).toContain('decide');
    const notice = await p.ctx.db
      .selectFrom('notifications')
      .select('body')
      .where('case_id', '=', c.id)
      .where('kind', '=', 'countersigned')
      .executeTakeFirstOrThrow();
    expect(notice.body).toContain('其中1个不同意');
    // The applicant sees who was asked and when, not the internal opinions.
    const mine = await detail(citizen, c.id);
    expect(mine.countersigns.map((x: { opinion: unknown; comment: unknown }) => [x.opinion, x.comment])).toEqual([
      [null, null],
      [null, null],
    ]);

    const decided = await act(approver, c, 'decide', { decision: 'approved' });
    expect(decided.statusCode, decided.body).toBe(200);
    const audit = await p.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', c.id)
      .where('action', '=', 'case.countersign')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('with a quorum of one, the first opinion ends the step and the other request is closed', async () => {
    const { code } = await publishItem(p, { workflow: [accept, countersign({ quorum: 1 }), decide] as never });
    const c0 = await makeCase(p, citizen, code);
    const a = (await act(clerk, c0, 'accept', { deferred: [] })).json();
    const s = await act(policeReviewer, a, 'countersign', { opinion: 'agree', comment: '同意' });
    expect(s.statusCode, s.body).toBe(200);
    const c = await detail(approver, a.id);
    expect(c.step.key).toBe('decide');
    // Health (3 days) first, police (5 days) second: police signed, health's request closed unanswered.
    expect(c.countersigns.map((x: { status: string }) => x.status)).toEqual(['closed', 'signed']);
    expect(await queue(healthReviewer, 'toCountersign')).not.toContain(a.id);
    expect((await act(healthReviewer, c, 'countersign', { opinion: 'agree', comment: '同意' })).json().error.code).toBe(
      'CASE_STATE_INVALID',
    );
    expect((await act(approver, c, 'decide', { decision: 'approved' })).statusCode).toBe(200);
  });

  it('a department past its own limit is told once by the deadline sweep, with the handler and the supervisors; one that signed is not', async () => {
    p.clock.set('2026-11-23T02:00:00Z');
    const { code } = await publishItem(p, { workflow: [accept, countersign(), decide] as never });
    const c0 = await makeCase(p, citizen, code);
    const a = (await act(clerk, c0, 'accept', { deferred: [] })).json();
    expect((await act(healthReviewer, a, 'countersign', { opinion: 'agree', comment: '同意' })).statusCode).toBe(200);
    const told = async () =>
      p.ctx.db
        .selectFrom('notifications')
        .innerJoin('accounts', 'accounts.id', 'notifications.account_id')
        .select(['accounts.username', 'notifications.body'])
        .where('notifications.case_id', '=', a.id)
        .where('notifications.kind', '=', 'countersign.overdue')
        .execute();
    try {
      // Fri 27 Nov: health (due Thu 26) has signed; police is due Mon 30. Nobody is late.
      p.clock.set('2026-11-27T02:00:00Z');
      await sweepCases(p.ctx);
      expect(await told()).toEqual([]);
      // Tue 1 Dec: police is late. Its reviewer and the county's supervisors are told, once however often the sweep runs.
      p.clock.set('2026-12-01T02:00:00Z');
      expect((await sweepCases(p.ctx)).countersignsOverdue).toBeGreaterThanOrEqual(1);
      await sweepCases(p.ctx);
      const rows = await told();
      const names = rows.map((r) => r.username);
      expect(names).toContain('cs_police_reviewer');
      expect(names).not.toContain('cs_health_reviewer');
      expect(names.filter((n) => n === 'cs_police_reviewer')).toHaveLength(1);
      expect(names.some((n) => n.startsWith('supervisor'))).toBe(true);
      expect(rows[0].body).toContain('2026-11-30');
      // The case page says so.
      const late = (await detail(approver, a.id)).countersigns.find((x: { status: string }) => x.status === 'pending');
      expect(late).toMatchObject({ dueOn: '2026-11-30', overdue: true });
    } finally {
      p.clock.set('2026-11-23T02:00:00Z');
    }
  });
});
