import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRatingInvitation } from '../../src/server/modules/evaluations/rating-service.ts';
import { sweepEvaluations } from '../../src/server/modules/evaluations/sweep.ts';
import { login, makeCitizen, type Client } from './client.ts';
import { act, companyForm, makeCase, publishItem, upload } from './factories/case.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
let clerk: Client;
let reviewer: Client;
let approver: Client;
let supervisor: Client;
let code: string;
let immediateCode: string;
const ids: Record<string, string> = {};

/** Mon 2026-11-02 10:00 in Shanghai: no holiday for the next five weeks. */
const MONDAY = '2026-11-02T02:00:00Z';

async function citizenClient() {
  const c = await makeCitizen(p.ctx);
  return { ...c, client: await login(p.app, c.username, c.password) };
}

/** Factory: a case accepted, reviewed, decided and completed by the demo staff. */
async function completedCase(applicant: Client) {
  let c = await makeCase(p, applicant, code);
  for (const [who, action, body] of [
    [clerk, 'accept', {}],
    [reviewer, 'review', { opinion: 'approve', comment: '材料齐全，符合条件' }],
    [approver, 'decide', { decision: 'approved' }],
    [approver, 'complete', {}],
  ] as const) {
    const res = await act(who, c, action, body);
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
  }
  expect(c.status).toBe('completed');
  await smsToken(c.number); // the invitation job has run: later notices come after it
  return c as { id: string; number: string; version: number; status: string };
}

/** The rating code of the SMS invitation sent when the case completed. */
async function smsToken(caseNumber: string): Promise<string> {
  const msg = await eventually(
    async () =>
      (await p.ctx.db.selectFrom('sms_messages').select('body').where('purpose', '=', 'evaluation.invite').execute()).find((m) =>
        m.body.includes(caseNumber),
      ),
    60_000,
  );
  return /\/rate\/([A-Za-z0-9_-]+)/.exec(msg.body)![1];
}

const countEvaluations = async () =>
  Number(
    (
      await p.ctx.db
        .selectFrom('evaluations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const rectificationOf = async (client: Client, evaluationId: string) => {
  const e = (await client.get(`/api/v1/evaluations/${evaluationId}`)).json();
  const r = await client.get(`/api/v1/rectifications/${e.rectification.id}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const step = (client: Client, r: { id: string; version: number }, name: string, body: Record<string, unknown>) =>
  client.post(`/api/v1/rectifications/${r.id}/${name}`, { version: r.version, ...body });

beforeAll(async () => {
  // The invitation job, as the server registers it (src/server/main.ts).
  p = await startTestPlatform({ handlers: { 'case.completed': async ({ caseId }) => sendRatingInvitation(p.ctx, caseId) } });
  p.clock.set(MONDAY);
  clerk = await login(p.app, 'clerk1');
  reviewer = await login(p.app, 'reviewer1');
  approver = await login(p.app, 'approver1');
  supervisor = await login(p.app, 'supervisor1');
  for (const a of await p.ctx.db
    .selectFrom('accounts')
    .select(['id', 'username'])
    .where('username', 'in', ['clerk1', 'reviewer1', 'approver1', 'supervisor1'])
    .execute())
    ids[a.username] = a.id;
  code = (
    await publishItem(p, {
      promisedLimit: { value: 5, unit: 'workday' },
      legalLimit: { value: 20, unit: 'workday' },
      result: { name: '准予登记通知书', type: 'document' },
    })
  ).code;
  immediateCode = (
    await publishItem(p, {
      name: '测试即办事项',
      handlingType: 'immediate',
      promisedLimit: { value: 0, unit: 'workday' },
      legalLimit: { value: 0, unit: 'workday' },
      result: { name: '准予登记通知书', type: 'document' },
    })
  ).code;
});
afterAll(async () => {
  await p?.close();
});

describe(`好差评 ratings (${testDb})`, () => {
  it('一事一评: only the party rates, only a completed case, once whatever the channel (online, SMS link, window code)', async () => {
    p.clock.set(MONDAY);
    const { client: citizen } = await citizenClient();
    const { client: stranger } = await citizenClient();

    // Not complete yet: refused, nothing stored.
    const open = await makeCase(p, citizen, code);
    const early = await citizen.post('/api/v1/evaluations', { caseId: open.id, score: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'EVALUATION_CASE_NOT_COMPLETE', details: { status: 'submitted' } });
    expect((await citizen.get(`/api/v1/cases/${open.id}/evaluation`)).json()).toMatchObject({ canRate: false, reason: 'notComplete' });
    expect(await countEvaluations()).toBe(0);

    const c = await completedCase(citizen);
    // The applicant is invited in the app and by SMS with a rating link.
    const token = await smsToken(c.number);
    const inbox = (await citizen.get('/api/v1/notifications')).json();
    expect(inbox.items[0]).toMatchObject({ kind: 'evaluation.invite', caseId: c.id, title: '请对本次服务进行评价' });
    // Sent once, however often the job runs.
    await sendRatingInvitation(p.ctx, c.id);
    expect(
      (await citizen.get('/api/v1/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'evaluation.invite'),
    ).toHaveLength(1);
    const status = (await citizen.get(`/api/v1/cases/${c.id}/evaluation`)).json();
    expect(status).toMatchObject({ canRate: true, reason: null, evaluations: [] });
    expect(status.tags.negative).toContain('rude');

    // Someone else: another citizen does not see the case; staff see it but are not its party.
    expect((await stranger.post('/api/v1/evaluations', { caseId: c.id, score: 1, tags: ['rude'] })).json().error.code).toBe(
      'CASE_NOT_FOUND',
    );
    const staffTry = await approver.post('/api/v1/evaluations', { caseId: c.id, score: 5 });
    expect(staffTry.statusCode).toBe(403);
    expect(staffTry.json().error.code).toBe('FORBIDDEN');

    // Bad input, each with its own code, nothing stored.
    const cases: [Record<string, unknown>, number, string][] = [
      [{ caseId: c.id, score: 5, tags: ['rude'] }, 400, 'EVALUATION_TAG_INVALID'],
      [{ caseId: c.id, score: 1 }, 400, 'VALIDATION_FAILED'],
      [{ caseId: c.id, score: 6 }, 400, 'VALIDATION_FAILED'],
      [{ caseId: c.id, score: 4, departmentId: open.departmentId }, 400, 'UNKNOWN_FIELD'],
      [{ caseId: c.id, score: 4, channel: 'window' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, statusCode, errorCode] of cases) {
      const res = await citizen.post('/api/v1/evaluations', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(statusCode);
      expect(res.json().error.code).toBe(errorCode);
    }
    const noReason = await citizen.post('/api/v1/evaluations', { caseId: c.id, score: 2 });
    expect(noReason.json().error.details.fields[0].field).toBe('body.tags');
    expect(await countEvaluations()).toBe(0);

    const rated = await citizen.post('/api/v1/evaluations', {
      caseId: c.id,
      score: 5,
      tags: ['friendly', 'efficient'],
      comment: '办事很快',
    });
    expect(rated.statusCode, rated.body).toBe(201);
    const e = rated.json();
    expect(e).toMatchObject({
      caseId: c.id,
      caseNumber: c.number,
      itemName: '测试事项企业设立登记',
      channel: 'online',
      score: 5,
      scoreName: '非常满意',
      bad: false,
      tags: ['friendly', 'efficient'],
      comment: '办事很快',
      departmentName: '石泉县市场监督管理局',
      regionCode: '610922',
      excluded: false,
      rectification: null,
    });
    // The staff who handled it: the accepting clerk, the reviewer, the decider.
    expect(e.staff).toEqual([
      { id: ids.clerk1, name: '李娜' },
      { id: ids.reviewer1, name: '陈伟' },
      { id: ids.approver1, name: '刘强' },
    ]);

    const again = await citizen.post('/api/v1/evaluations', { caseId: c.id, score: 1, tags: ['rude'] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'EVALUATION_DUPLICATE', details: { channel: 'online' } });
    expect((await citizen.get(`/api/v1/cases/${c.id}/evaluation`)).json()).toMatchObject({ canRate: false, reason: 'rated' });

    // One rating per case across channels: rated online, the SMS link and a window code for the case are refused.
    const info = await p.app.inject({ method: 'GET', url: `/api/v1/rate/${token}` });
    expect(info.statusCode, info.body).toBe(409);
    expect(info.json().error).toMatchObject({ code: 'EVALUATION_DUPLICATE', details: { channel: 'online' } });
    const viaSms = await p.app.inject({ method: 'POST', url: `/api/v1/rate/${token}`, payload: { score: 1, tags: ['rude'] } });
    expect(viaSms.statusCode, viaSms.body).toBe(409);
    expect(viaSms.json().error).toMatchObject({ code: 'EVALUATION_DUPLICATE', details: { channel: 'online' } });
    const windowId = (await clerk.get('/api/v1/evaluations/windows')).json().items[0].id;
    const windowCode = await clerk.post('/api/v1/evaluations/window-tokens', { windowId, caseId: c.id });
    expect(windowCode.statusCode, windowCode.body).toBe(409);
    expect(windowCode.json().error).toMatchObject({ code: 'EVALUATION_DUPLICATE', details: { channel: 'online' } });

    // The table the indicators read.
    const rows = await p.ctx.db.selectFrom('evaluations').selectAll().where('case_id', '=', c.id).orderBy('created_at').execute();
    const caseRow = await p.ctx.db.selectFrom('cases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(rows.map((r) => [r.channel, r.score, r.excluded])).toEqual([['online', 5, false]]);
    for (const r of rows) {
      expect(r).toMatchObject({
        item_id: caseRow.item_id,
        department_id: caseRow.department_id,
        region_code: '610922',
        rater_account_id: caseRow.created_by,
      });
      // The accepting window (cases.window_id, set when a seated clerk accepts) is the rating's window.
      expect(r.window_id).toBe(caseRow.window_id);
      expect(r.staff_ids).toEqual([ids.clerk1, ids.reviewer1, ids.approver1]);
    }

    // Citizens see only their own ratings.
    expect((await citizen.get('/api/v1/evaluations/mine')).json().total).toBe(1);
    expect((await stranger.get('/api/v1/evaluations/mine')).json().total).toBe(0);
    expect((await stranger.get(`/api/v1/evaluations/${e.id}`)).json().error.code).toBe('EVALUATION_NOT_FOUND');
    expect((await stranger.get('/api/v1/staff/evaluations')).statusCode).toBe(403);
    const audit = await p.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'evaluation')
      .where('entity_id', '=', e.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['evaluation.create']);
  });

  it("一次一评 at a window: a one-visit code from the clerk's screen, one rating per code, short-lived, replaced by the next visit's", async () => {
    p.clock.set(MONDAY);
    const clerkRow = await p.ctx.db
      .selectFrom('accounts')
      .select(['hall_id', 'department_id'])
      .where('id', '=', ids.clerk1)
      .executeTakeFirstOrThrow();
    const windows = await p.ctx.db.selectFrom('windows').selectAll().where('hall_id', '=', clerkRow.hall_id!).orderBy('number').execute();
    const win = windows[0];
    const listed = (await clerk.get('/api/v1/evaluations/windows')).json();
    expect(listed.items.map((w: { id: string }) => w.id)).toEqual(windows.map((w) => w.id));
    expect((await reviewer.get('/api/v1/evaluations/windows')).json().total).toBe(0);
    const foreign = await p.ctx.db.selectFrom('windows').select('id').where('hall_id', '!=', clerkRow.hall_id!).executeTakeFirstOrThrow();
    expect((await clerk.post('/api/v1/evaluations/window-tokens', { windowId: foreign.id })).json().error.code).toBe(
      'EVALUATION_WINDOW_INVALID',
    );
    expect((await reviewer.post('/api/v1/evaluations/window-tokens', { windowId: win.id })).json().error.code).toBe(
      'EVALUATION_WINDOW_INVALID',
    );

    const first = (await clerk.post('/api/v1/evaluations/window-tokens', { windowId: win.id })).json();
    expect(first.url).toMatch(/\/rate\/[A-Za-z0-9_-]{32}$/);
    const second = await clerk.post('/api/v1/evaluations/window-tokens', { windowId: win.id });
    expect(second.statusCode, second.body).toBe(201);
    const token = second.json().token;
    // The next visit's code ends the earlier one.
    expect((await p.app.inject({ method: 'GET', url: `/api/v1/rate/${first.token}` })).json().error.code).toBe('EVALUATION_TOKEN_INVALID');
    const info = (await p.app.inject({ method: 'GET', url: `/api/v1/rate/${token}` })).json();
    expect(info).toMatchObject({
      channel: 'window',
      windowName: win.name,
      hallName: '石泉县政务服务中心',
      staff: [{ name: '李娜' }],
      caseNumber: null,
    });

    const rated = await p.app.inject({ method: 'POST', url: `/api/v1/rate/${token}`, payload: { score: 3, tags: ['slow'] } });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json()).toMatchObject({ score: 3, scoreName: '基本满意', bad: false });
    expect((await p.app.inject({ method: 'POST', url: `/api/v1/rate/${token}`, payload: { score: 5 } })).statusCode).toBe(410);
    const row = await p.ctx.db.selectFrom('evaluations').selectAll().where('id', '=', rated.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: 'window',
      case_id: null,
      window_id: win.id,
      hall_id: win.hall_id,
      department_id: clerkRow.department_id,
      staff_ids: [ids.clerk1],
      rater_account_id: null,
    });

    // Short-lived: 15 minutes by default.
    const late = (await clerk.post('/api/v1/evaluations/window-tokens', { windowId: win.id })).json();
    p.clock.set(new Date(new Date(MONDAY).getTime() + 16 * 60_000));
    expect((await p.app.inject({ method: 'POST', url: `/api/v1/rate/${late.token}`, payload: { score: 5 } })).statusCode).toBe(410);
    p.clock.set(MONDAY);

    // A code for a case needs the case complete; malformed codes are refused by shape.
    const { client: citizen } = await citizenClient();
    const open = await makeCase(p, citizen, code);
    const notDone = await clerk.post('/api/v1/evaluations/window-tokens', { windowId: win.id, caseId: open.id });
    expect(notDone.statusCode).toBe(409);
    expect(notDone.json().error.code).toBe('EVALUATION_CASE_NOT_COMPLETE');
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/rate/short' })).json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe(`待评价: my complete cases nobody has rated (${testDb})`, () => {
  it('lists them with GET /api/v1/cases?group=toRate, by cursor, leaves a rated one out, and only the party’s', async () => {
    p.clock.set(MONDAY);
    const { client: citizen } = await citizenClient();
    const { client: stranger } = await citizenClient();
    const first = await completedCase(citizen);
    const second = await completedCase(citizen);
    const open = await makeCase(p, citizen, code);
    const list = async (client: Client, query: string) => {
      const res = await client.get(`/api/v1/cases?group=toRate&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Array<{ id: string; status: string }>; total: number; nextCursor: string | null };
    };
    const all = await list(citizen, 'pageSize=20');
    expect(all.items.map((c) => c.id)).toEqual([second.id, first.id]);
    expect(all.total).toBe(2);
    expect(all.items.map((c) => c.id)).not.toContain(open.id);
    // The same keyset cursor as the other tabs.
    const page1 = await list(citizen, 'pageSize=1');
    expect(page1.items.map((c) => c.id)).toEqual([second.id]);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await list(citizen, `pageSize=1&after=${encodeURIComponent(page1.nextCursor ?? '')}`);
    expect(page2.items.map((c) => c.id)).toEqual([first.id]);
    // A cursor of another tab is refused.
    const done = await citizen.get('/api/v1/cases?group=done&pageSize=1');
    const foreign = await citizen.get(`/api/v1/cases?group=toRate&pageSize=1&after=${encodeURIComponent(done.json().nextCursor)}`);
    expect(foreign.statusCode).toBe(400);
    // Rated (any channel counts): off the list.
    expect((await citizen.post('/api/v1/evaluations', { caseId: second.id, score: 5 })).statusCode).toBe(201);
    expect((await list(citizen, 'pageSize=20')).items.map((c) => c.id)).toEqual([first.id]);
    // A status outside the tab, and another resident: nothing.
    expect((await list(citizen, 'status=submitted')).items).toEqual([]);
    expect((await list(stranger, 'pageSize=20')).items).toEqual([]);
  });
});

describe(`concurrent ratings (${testDb})`, () => {
  it('five simultaneous ratings of one case on one channel: exactly one is stored, the others get EVALUATION_DUPLICATE', async () => {
    p.clock.set(MONDAY);
    const { client: citizen } = await citizenClient();
    const c = await completedCase(citizen);
    const results = await Promise.all(
      [5, 4, 3, 2, 1].map((score) => citizen.post('/api/v1/evaluations', { caseId: c.id, score, tags: score <= 2 ? ['slow'] : [] })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('EVALUATION_DUPLICATE');
    const rows = await p.ctx.db.selectFrom('evaluations').select('score').where('case_id', '=', c.id).execute();
    expect(rows).toHaveLength(1);
    const rects = await p.ctx.db
      .selectFrom('rectifications')
      .innerJoin('evaluations', 'evaluations.id', 'rectifications.evaluation_id')
      .select('rectifications.id')
      .where('evaluations.case_id', '=', c.id)
      .execute();
    expect(rects).toHaveLength(rows[0].score <= 2 ? 1 : 0);
  });

  it('the SMS link first, then online: refused naming the SMS channel; online and the SMS link at once: exactly one stored', async () => {
    p.clock.set(MONDAY);
    const { client: citizen } = await citizenClient();
    const c = await completedCase(citizen);
    const viaSms = await p.app.inject({ method: 'POST', url: `/api/v1/rate/${await smsToken(c.number)}`, payload: { score: 4 } });
    expect(viaSms.statusCode, viaSms.body).toBe(201);
    const online = await citizen.post('/api/v1/evaluations', { caseId: c.id, score: 5 });
    expect(online.statusCode).toBe(409);
    expect(online.json().error).toMatchObject({ code: 'EVALUATION_DUPLICATE', details: { channel: 'sms' } });
    // The case page says rated even though the SMS rating is not the citizen's to list (it is the case's).
    expect((await citizen.get(`/api/v1/cases/${c.id}/evaluation`)).json()).toMatchObject({ canRate: false, reason: 'rated' });

    const d = await completedCase(citizen);
    const token = await smsToken(d.number);
    const both = await Promise.all([
      citizen.post('/api/v1/evaluations', { caseId: d.id, score: 5 }),
      p.app.inject({ method: 'POST', url: `/api/v1/rate/${token}`, payload: { score: 3 } }),
      citizen.post('/api/v1/evaluations', { caseId: d.id, score: 4 }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of both.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('EVALUATION_DUPLICATE');
    expect(await p.ctx.db.selectFrom('evaluations').select('id').where('case_id', '=', d.id).execute()).toHaveLength(1);

    // A window visit without a case stays ratable, by anyone, as often as visits happen.
    const windowId = (await clerk.get('/api/v1/evaluations/windows')).json().items[0].id;
    for (const score of [5, 4]) {
      const code = (await clerk.post('/api/v1/evaluations/window-tokens', { windowId })).json().token;
      expect((await p.app.inject({ method: 'POST', url: `/api/v1/rate/${code}`, payload: { score } })).statusCode).toBe(201);
    }
  });
});

describe(`the bad-rating loop (${testDb})`, () => {
  it('a bad rating opens a rectification for the responsible department: callback → verify → rectify → feedback → sign-off (returned once), never closed without a callback', async () => {
    p.clock.set(MONDAY);
    const { client: citizen } = await citizenClient();
    const c = await completedCase(citizen);
    const rated = await citizen.post('/api/v1/evaluations', {
      caseId: c.id,
      score: 1,
      tags: ['rude', 'slow'],
      comment: '态度不好，拖了很久',
    });
    expect(rated.statusCode, rated.body).toBe(201);
    const e = rated.json();
    expect(e).toMatchObject({ bad: true, scoreName: '非常不满意' });
    // Callback within 1 working day, rectification within 15 (Mon 11-02 → Tue 11-03; → Mon 11-23).
    expect(e.rectification).toMatchObject({ status: 'open', callbackDueOn: '2026-11-03', dueOn: '2026-11-23' });

    // The market department's staff and the supervisors are told; the front-desk clerk's department is not responsible.
    expect((await reviewer.get('/api/v1/notifications')).json().items[0]).toMatchObject({ kind: 'rectification.open' });
    expect((await supervisor.get('/api/v1/notifications')).json().items[0]).toMatchObject({ kind: 'rectification.open' });
    let r = await rectificationOf(reviewer, e.id);
    expect(r).toMatchObject({ status: 'open', departmentName: '石泉县市场监督管理局', allowedActions: ['callback'], score: 1 });
    expect((await reviewer.get('/api/v1/rectifications')).json().items.map((x: { id: string }) => x.id)).toContain(r.id);
    expect((await clerk.get('/api/v1/rectifications')).json().items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    expect((await clerk.get(`/api/v1/rectifications/${r.id}`)).json().error.code).toBe('RECTIFICATION_NOT_FOUND');
    expect((await citizen.get('/api/v1/rectifications')).statusCode).toBe(403);
    expect((await citizen.get(`/api/v1/rectifications/${r.id}`)).json().error.code).toBe('RECTIFICATION_NOT_FOUND');

    // Closing without a callback: refused precisely; nothing changes.
    const early = await step(supervisor, r, 'sign-off', { approved: true, comment: '同意' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('RECTIFICATION_CALLBACK_REQUIRED');
    expect((await step(reviewer, r, 'sign-off', { approved: true })).json().error.code).toBe('RECTIFICATION_ROLE_REQUIRED');
    const skip = await step(reviewer, r, 'verify', { finding: 'substantiated', note: '经核实属实' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({ code: 'RECTIFICATION_STATE_INVALID', details: { step: 'verify', status: 'open' } });
    expect((await step(supervisor, r, 'callback', { method: 'phone', reached: true, summary: '已电话回访' })).json().error.code).toBe(
      'RECTIFICATION_ROLE_REQUIRED',
    );
    expect((await step(reviewer, r, 'callback', { method: 'fax', reached: true, summary: '已回访' })).json().error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await rectificationOf(reviewer, e.id)).version).toBe(r.version);

    const called = await step(reviewer, r, 'callback', { method: 'phone', reached: true, summary: '已电话回访申请人，了解到等待时间过长' });
    expect(called.statusCode, called.body).toBe(200);
    r = called.json();
    expect(r).toMatchObject({ status: 'verifying', callback: { method: 'phone', reached: true }, allowedActions: ['verify'] });
    expect(
      (await step(reviewer, { ...r, version: r.version - 1 }, 'verify', { finding: 'substantiated', note: '经核实情况属实' })).json().error
        .code,
    ).toBe('VERSION_CONFLICT');
    r = (await step(reviewer, r, 'verify', { finding: 'substantiated', note: '经核实，审查环节确有拖延' })).json();
    expect(r.status).toBe('rectifying');
    r = (await step(approver, r, 'rectify', { measures: '调整审查岗位排班，当日件当日审' })).json();
    expect(r.status).toBe('feedback');
    r = (await step(approver, r, 'feedback', { text: '已调整审查排班，感谢您的监督' })).json();
    expect(r).toMatchObject({ status: 'signOff', allowedActions: [] });
    expect((await citizen.get('/api/v1/notifications')).json().items[0]).toMatchObject({ kind: 'evaluation.feedback', caseId: c.id });

    // The supervisor returns it once, then signs it off.
    expect((await step(supervisor, r, 'sign-off', { approved: false })).json().error.code).toBe('VALIDATION_FAILED');
    const returned = (await step(supervisor, r, 'sign-off', { approved: false, comment: '整改措施不具体，请补充' })).json();
    expect(returned.status).toBe('rectifying');
    r = (await step(reviewer, returned, 'rectify', { measures: '审查岗增加一人，超过一个工作日未审的件自动提醒科长' })).json();
    r = (await step(reviewer, r, 'feedback', { text: '已增加审查人员并设置提醒' })).json();
    const closed = await step(supervisor, r, 'sign-off', { approved: true, comment: '整改到位' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', signOffComment: '整改到位', overdue: false });
    expect(closed.json().events.map((x: { action: string }) => x.action)).toEqual([
      'open',
      'callback',
      'verify',
      'rectify',
      'feedback',
      'signOff',
      'rectify',
      'feedback',
      'signOff',
    ]);
    expect((await step(supervisor, closed.json(), 'sign-off', { approved: true })).json().error.code).toBe('RECTIFICATION_STATE_INVALID');
    const audit = await p.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', r.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'rectification.open',
      'rectification.callback',
      'rectification.verify',
      'rectification.rectify',
      'rectification.feedback',
      'rectification.signOff',
      'rectification.rectify',
      'rectification.feedback',
      'rectification.signOff',
    ]);
  });

  it('an unfounded rating skips the rectification step: verify (unsubstantiated) → feedback', async () => {
    p.clock.set(MONDAY);
    const { client: citizen } = await citizenClient();
    const c = await completedCase(citizen);
    const e = (await citizen.post('/api/v1/evaluations', { caseId: c.id, score: 2, comment: '不满意' })).json();
    let r = await rectificationOf(reviewer, e.id);
    r = (await step(reviewer, r, 'callback', { method: 'sms', reached: false, summary: '电话未接通，已发短信' })).json();
    r = (await step(reviewer, r, 'verify', { finding: 'unsubstantiated', note: '办理在承诺时限内完成，已向申请人说明' })).json();
    expect(r.status).toBe('feedback');
    expect((await step(reviewer, r, 'rectify', { measures: '无需整改的措施' })).json().error.code).toBe('RECTIFICATION_STATE_INVALID');
  });

  it('申诉: only staff the rating names may appeal a bad rating; an upheld appeal excludes it from statistics and voids the rectification, audited', async () => {
    p.clock.set(MONDAY);
    // 即办件 at the window: the clerk alone handled it.
    const walkIn = await makeCitizen(p.ctx, { name: '赵小六' });
    const scans = [
      { requirementKey: 'application', materialId: await upload(p, clerk, 'scan-application.pdf') },
      { requirementKey: 'idCard', materialId: await upload(p, clerk, 'scan-id.pdf') },
    ];
    const filed = await clerk.post('/api/v1/cases', {
      itemCode: immediateCode,
      situationKey: 'soleProprietor',
      formData: companyForm,
      materials: scans,
      applicant: { name: '赵小六', idNumber: walkIn.idNumber, phone: walkIn.phone },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const done = await act(clerk, filed.json(), 'handle-immediately', { text: '当场办结' });
    expect(done.json().status).toBe('completed');
    const rater = await login(p.app, walkIn.username, walkIn.password);
    // The invitation goes to the applicant, not to the clerk who filed for them.
    await smsToken(filed.json().number);
    expect((await rater.get('/api/v1/notifications')).json().items.map((n: { kind: string }) => n.kind)).toContain('evaluation.invite');
    expect((await clerk.get('/api/v1/notifications')).json().items.map((n: { kind: string }) => n.kind)).not.toContain('evaluation.invite');
    const bad = (
      await rater.post('/api/v1/evaluations', { caseId: filed.json().id, score: 1, tags: ['rude'], comment: '窗口人员不耐烦' })
    ).json();
    expect(bad.staff).toEqual([{ id: ids.clerk1, name: '李娜' }]);
    const evaluationsBefore = await p.ctx.db.selectFrom('appeals').select('id').execute();

    // Not involved: a colleague of the responsible department, the rater, another citizen.
    const colleague = await reviewer.post(`/api/v1/evaluations/${bad.id}/appeal`, {
      kind: 'malicious',
      reason: '该评价与本人无关，系恶意差评',
    });
    expect(colleague.statusCode).toBe(403);
    expect(colleague.json().error.code).toBe('APPEAL_NOT_INVOLVED');
    expect(
      (await rater.post(`/api/v1/evaluations/${bad.id}/appeal`, { kind: 'malicious', reason: '我想撤回这个差评评价' })).json().error.code,
    ).toBe('APPEAL_NOT_INVOLVED');
    const { client: stranger } = await citizenClient();
    expect(
      (await stranger.post(`/api/v1/evaluations/${bad.id}/appeal`, { kind: 'malicious', reason: '与我无关的评价内容，请撤销' })).json()
        .error.code,
    ).toBe('EVALUATION_NOT_FOUND');
    expect((await clerk.post(`/api/v1/evaluations/${bad.id}/appeal`, { kind: 'malicious', reason: '太短' })).json().error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(await p.ctx.db.selectFrom('appeals').select('id').execute()).toEqual(evaluationsBefore);

    const filedAppeal = await clerk.post(`/api/v1/evaluations/${bad.id}/appeal`, {
      kind: 'malicious',
      reason: '申请人因不符合条件被告知补正后情绪激动，评价与服务无关，有录像为证',
    });
    expect(filedAppeal.statusCode, filedAppeal.body).toBe(201);
    const appeal = filedAppeal.json();
    expect(appeal).toMatchObject({ status: 'pending', appellant: { id: ids.clerk1, name: '李娜' }, score: 1 });
    expect(
      (await clerk.post(`/api/v1/evaluations/${bad.id}/appeal`, { kind: 'mistaken', reason: '再次申诉，评价有误，请复核' })).json().error
        .code,
    ).toBe('APPEAL_EXISTS');
    expect((await supervisor.get('/api/v1/appeals?status=pending')).json().items.map((a: { id: string }) => a.id)).toContain(appeal.id);

    // Only a supervisor decides.
    const notSupervisor = await reviewer.post(`/api/v1/appeals/${appeal.id}/decide`, {
      version: appeal.version,
      upheld: true,
      comment: '同意申诉意见',
    });
    expect(notSupervisor.statusCode).toBe(403);
    const decided = await supervisor.post(`/api/v1/appeals/${appeal.id}/decide`, {
      version: appeal.version,
      upheld: true,
      comment: '经调阅录像，申诉成立',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'upheld', decisionComment: '经调阅录像，申诉成立' });
    expect(
      (
        await supervisor.post(`/api/v1/appeals/${appeal.id}/decide`, {
          version: decided.json().version,
          upheld: false,
          comment: '改判为不成立',
        })
      ).json().error.code,
    ).toBe('APPEAL_ALREADY_DECIDED');

    const row = await p.ctx.db
      .selectFrom('evaluations')
      .select(['excluded', 'excluded_by'])
      .where('id', '=', bad.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ excluded: true, excluded_by: ids.supervisor1 });
    const after = (await clerk.get(`/api/v1/evaluations/${bad.id}`)).json();
    expect(after).toMatchObject({ excluded: true, appeal: { status: 'upheld' }, rectification: { status: 'voided' } });
    const audit = await p.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('entity_id', 'in', [bad.id, appeal.id, after.rectification.id])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'evaluation.create',
      'rectification.open',
      'appeal.file',
      'appeal.decide',
      'evaluation.exclude',
      'rectification.void',
    ]);
    expect(audit.find((a) => a.action === 'evaluation.exclude')!.actor_id).toBe(ids.supervisor1);
    expect((await clerk.get('/api/v1/notifications')).json().items[0]).toMatchObject({ kind: 'appeal.decided', title: '申诉成立' });

    // A good rating cannot be appealed.
    const walkIn2 = await makeCitizen(p.ctx, { name: '钱小七' });
    const f2 = (
      await clerk.post('/api/v1/cases', {
        itemCode: immediateCode,
        situationKey: 'soleProprietor',
        formData: companyForm,
        materials: [
          { requirementKey: 'application', materialId: await upload(p, clerk, 'a2.pdf') },
          { requirementKey: 'idCard', materialId: await upload(p, clerk, 'i2.pdf') },
        ],
        applicant: { name: '钱小七', idNumber: walkIn2.idNumber, phone: walkIn2.phone },
      })
    ).json();
    await act(clerk, f2, 'handle-immediately', {});
    const good = (
      await (await login(p.app, walkIn2.username, walkIn2.password)).post('/api/v1/evaluations', { caseId: f2.id, score: 4 })
    ).json();
    expect(
      (await clerk.post(`/api/v1/evaluations/${good.id}/appeal`, { kind: 'mistaken', reason: '这是好评，不应申诉的测试' })).json().error
        .code,
    ).toBe('APPEAL_NOT_BAD_RATING');
  });

  it('a rejected appeal keeps the rating in the statistics', async () => {
    p.clock.set(MONDAY);
    const { client: citizen } = await citizenClient();
    const c = await completedCase(citizen);
    const bad = (await citizen.post('/api/v1/evaluations', { caseId: c.id, score: 2, tags: ['slow'] })).json();
    const appeal = (
      await reviewer.post(`/api/v1/evaluations/${bad.id}/appeal`, { kind: 'mistaken', reason: '办理在承诺时限内，评价有误' })
    ).json();
    const decided = (
      await supervisor.post(`/api/v1/appeals/${appeal.id}/decide`, {
        version: appeal.version,
        upheld: false,
        comment: '申请人反映的等待时间属实',
      })
    ).json();
    expect(decided.status).toBe('rejected');
    expect((await p.ctx.db.selectFrom('evaluations').select('excluded').where('id', '=', bad.id).executeTakeFirstOrThrow()).excluded).toBe(
      false,
    );
    expect((await reviewer.get(`/api/v1/evaluations/${bad.id}`)).json().rectification.status).toBe('open');
  });

  it('overdue callbacks and rectifications are warned once per level, like overdue cases', async () => {
    p.clock.set(MONDAY);
    await sweepEvaluations(p.ctx);
    const { client: citizen } = await citizenClient();
    const c = await completedCase(citizen);
    const e = (await citizen.post('/api/v1/evaluations', { caseId: c.id, score: 1, tags: ['overdue'] })).json();
    const r0 = await rectificationOf(reviewer, e.id);
    // Wed 11-04: the callback was due Tue 11-03.
    p.clock.set('2026-11-04T02:00:00Z');
    const first = await sweepEvaluations(p.ctx);
    expect(first.callbackOverdue).toBeGreaterThanOrEqual(1);
    expect((await sweepEvaluations(p.ctx)).callbackOverdue).toBe(0);
    expect((await reviewer.get('/api/v1/notifications')).json().items.map((n: { kind: string }) => n.kind)).toContain(
      'rectification.callbackOverdue',
    );
    expect(await rectificationOf(reviewer, e.id)).toMatchObject({ callbackOverdue: true, overdue: false });
    // Thu 11-19: 2 working days left (yellow); Tue 11-24: past the deadline (red).
    p.clock.set('2026-11-19T02:00:00Z');
    expect((await sweepEvaluations(p.ctx)).yellow).toBeGreaterThanOrEqual(1);
    p.clock.set('2026-11-24T02:00:00Z');
    expect((await sweepEvaluations(p.ctx)).red).toBeGreaterThanOrEqual(1);
    expect((await sweepEvaluations(p.ctx)).red).toBe(0);
    const r = await rectificationOf(reviewer, e.id);
    expect(r).toMatchObject({ id: r0.id, warningLevel: 'red', overdue: true });
    const overdue = (await supervisor.get('/api/v1/rectifications?overdue=true&pageSize=100')).json();
    expect(overdue.items.map((x: { id: string }) => x.id)).toContain(r.id);
    expect((await supervisor.get('/api/v1/notifications')).json().items.map((n: { kind: string }) => n.kind)).toContain(
      'rectification.red',
    );
    p.clock.set(MONDAY);
  });
});

describe(`object-level scope (${testDb})`, () => {
  it("a supervisor of another county sees none of 石泉县's ratings, rectifications, appeals or letters, and acts on none", async () => {
    p.clock.set(MONDAY);
    // 德昌县's supervisor, made the way the seed makes staff (test set-up only).
    const dept = await p.ctx.db.selectFrom('departments').select('id').where('region_code', '=', '513424').executeTakeFirstOrThrow();
    const hash = (
      await p.ctx.db.selectFrom('accounts').select('password_hash').where('username', '=', 'supervisor1').executeTakeFirstOrThrow()
    ).password_hash;
    await p.ctx.db
      .insertInto('accounts')
      .values({
        username: 'supervisor_dc',
        password_hash: hash,
        kind: 'staff',
        display_name: '德昌监督员',
        roles: ['supervisor'],
        department_id: dept.id,
        region_code: '513424',
        hall_id: null,
        totp_required: false,
      })
      .execute();
    const other = await login(p.app, 'supervisor_dc');

    const { client: citizen } = await citizenClient();
    const c = await completedCase(citizen);
    const bad = (await citizen.post('/api/v1/evaluations', { caseId: c.id, score: 1, tags: ['rude'] })).json();
    let r = await rectificationOf(reviewer, bad.id);
    r = (await step(reviewer, r, 'callback', { method: 'phone', reached: true, summary: '已电话回访申请人' })).json();
    const appeal = (
      await reviewer.post(`/api/v1/evaluations/${bad.id}/appeal`, { kind: 'mistaken', reason: '办理在承诺时限内，评价有误' })
    ).json();

    expect((await other.get(`/api/v1/evaluations/${bad.id}`)).json().error.code).toBe('EVALUATION_NOT_FOUND');
    expect((await other.get('/api/v1/staff/evaluations?pageSize=100')).json().items.map((e: { id: string }) => e.id)).not.toContain(bad.id);
    expect((await other.get(`/api/v1/rectifications/${r.id}`)).json().error.code).toBe('RECTIFICATION_NOT_FOUND');
    expect((await other.get('/api/v1/rectifications?pageSize=100')).json().items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    expect((await step(other, r, 'sign-off', { approved: true, comment: '同意办结' })).json().error.code).toBe('RECTIFICATION_NOT_FOUND');
    expect(
      (await other.post(`/api/v1/appeals/${appeal.id}/decide`, { version: appeal.version, upheld: true, comment: '申诉成立' })).json().error
        .code,
    ).toBe('APPEAL_NOT_FOUND');
    expect((await other.get('/api/v1/appeals?pageSize=100')).json().items.map((a: { id: string }) => a.id)).not.toContain(appeal.id);
    const letter = await other.post('/api/v1/supervision-letters', {
      evaluationId: bad.id,
      subject: '跨地区督办',
      body: '请于期限内核实整改并书面回复。',
    });
    expect(letter.statusCode).toBe(400);
    expect(letter.json().error.code).toBe('LETTER_SUBJECT_INVALID');
    // Nothing changed.
    expect(await rectificationOf(reviewer, bad.id)).toMatchObject({ status: 'verifying', version: r.version });
    expect((await p.ctx.db.selectFrom('appeals').select('status').where('id', '=', appeal.id).executeTakeFirstOrThrow()).status).toBe(
      'pending',
    );
  });
});

describe(`督办函 supervision letters (${testDb})`, () => {
  it('a supervisor writes to the responsible department with a reply deadline; the department replies; overdue letters show and are warned once', async () => {
    p.clock.set(MONDAY);
    const { client: citizen } = await citizenClient();
    const c = await completedCase(citizen);
    const bad = (await citizen.post('/api/v1/evaluations', { caseId: c.id, score: 1, tags: ['rude'] })).json();

    const invalid: [Record<string, unknown>, string][] = [
      [{ caseId: c.id, evaluationId: bad.id, subject: '关于差评的督办', body: '请于期限内核实整改并书面回复。' }, 'VALIDATION_FAILED'],
      [{ subject: '关于差评的督办', body: '请于期限内核实整改并书面回复。' }, 'VALIDATION_FAILED'],
      [
        { caseId: '00000000-0000-4000-8000-000000000000', subject: '关于办件的督办', body: '请于期限内核实整改并书面回复。' },
        'LETTER_SUBJECT_INVALID',
      ],
      [
        {
          caseId: c.id,
          departmentId: (
            await p.ctx.db.selectFrom('accounts').select('department_id').where('id', '=', ids.clerk1).executeTakeFirstOrThrow()
          ).department_id,
          subject: '关于办件的督办',
          body: '请于期限内核实整改并书面回复。',
        },
        'LETTER_SUBJECT_INVALID',
      ],
      [{ caseId: c.id, replyDueOn: '2026-11-02', subject: '关于办件的督办', body: '请于期限内核实整改并书面回复。' }, 'LETTER_DUE_INVALID'],
    ];
    for (const [body, errorCode] of invalid) {
      const res = await supervisor.post('/api/v1/supervision-letters', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe(errorCode);
    }
    expect(
      (
        await reviewer.post('/api/v1/supervision-letters', {
          caseId: c.id,
          subject: '关于办件的督办',
          body: '请于期限内核实整改并书面回复。',
        })
      ).statusCode,
    ).toBe(403);
    expect(await p.ctx.db.selectFrom('supervision_letters').select('id').execute()).toEqual([]);

    const sent = await supervisor.post('/api/v1/supervision-letters', {
      evaluationId: bad.id,
      subject: '关于“非常不满意”评价的督办',
      body: '请于期限内核实情况、落实整改并书面回复。',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const letter = sent.json();
    // Default: 5 working days (Mon 11-02 → Mon 11-09).
    expect(letter).toMatchObject({
      number: '督办〔2026〕610922-1号',
      departmentName: '石泉县市场监督管理局',
      caseId: c.id,
      evaluationId: bad.id,
      replyDueOn: '2026-11-09',
      status: 'sent',
      overdue: false,
      sentBy: '孙丽',
    });
    const byCase = (
      await supervisor.post('/api/v1/supervision-letters', {
        caseId: c.id,
        subject: '关于办件的督办',
        body: '请说明该办件的办理情况。',
        replyDueOn: '2026-11-20',
      })
    ).json();
    expect(byCase.number).toBe('督办〔2026〕610922-2号');

    // The department sees its letters; another department does not.
    expect((await reviewer.get('/api/v1/notifications')).json().items[0]).toMatchObject({ kind: 'letter.received' });
    expect((await reviewer.get('/api/v1/supervision-letters')).json().total).toBe(2);
    expect((await clerk.get('/api/v1/supervision-letters')).json().total).toBe(0);
    expect((await clerk.get(`/api/v1/supervision-letters/${letter.id}`)).json().error.code).toBe('LETTER_NOT_FOUND');
    expect((await citizen.get(`/api/v1/supervision-letters/${letter.id}`)).json().error.code).toBe('LETTER_NOT_FOUND');

    // Past the deadline: overdue in the lists, warned once.
    p.clock.set('2026-11-10T02:00:00Z');
    const overdue = (await supervisor.get('/api/v1/supervision-letters?overdue=true')).json();
    expect(overdue.items.map((l: { id: string; overdue: boolean }) => [l.id, l.overdue])).toEqual([[letter.id, true]]);
    expect((await sweepEvaluations(p.ctx)).lettersOverdue).toBe(1);
    expect((await sweepEvaluations(p.ctx)).lettersOverdue).toBe(0);
    expect((await supervisor.get('/api/v1/notifications')).json().items.map((n: { kind: string }) => n.kind)).toContain('letter.overdue');

    expect(
      (await supervisor.post(`/api/v1/supervision-letters/${letter.id}/reply`, { version: letter.version, text: '代替回复' })).statusCode,
    ).toBe(403);
    const replied = await reviewer.post(`/api/v1/supervision-letters/${letter.id}/reply`, {
      version: letter.version,
      text: '已核实并整改，详见整改记录。',
    });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json()).toMatchObject({ status: 'replied', overdue: false, repliedBy: '陈伟', reply: '已核实并整改，详见整改记录。' });
    expect(
      (await reviewer.post(`/api/v1/supervision-letters/${letter.id}/reply`, { version: replied.json().version, text: '再次回复' })).json()
        .error.code,
    ).toBe('LETTER_ALREADY_REPLIED');
    expect((await supervisor.get('/api/v1/notifications')).json().items[0]).toMatchObject({ kind: 'letter.replied' });
    const audit = await p.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', letter.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['letter.send', 'letter.reply']);
    p.clock.set(MONDAY);
  });

  it('the working-day limits are settings: a system admin changes them, audited; others cannot', async () => {
    p.clock.set(MONDAY);
    const admin = await login(p.app, 'admin1');
    const current = (await admin.get('/api/v1/evaluation-settings')).json();
    expect(current).toEqual({
      callbackWorkingDays: 1,
      rectificationWorkingDays: 15,
      letterReplyWorkingDays: 5,
      windowTokenMinutes: 15,
      smsTokenDays: 30,
    });
    expect((await supervisor.put('/api/v1/evaluation-settings', { ...current, callbackWorkingDays: 3 })).statusCode).toBe(403);
    expect((await admin.put('/api/v1/evaluation-settings', { ...current, callbackWorkingDays: 0 })).json().error.code).toBe(
      'VALIDATION_FAILED',
    );
    const set = await admin.put('/api/v1/evaluation-settings', { ...current, callbackWorkingDays: 2, rectificationWorkingDays: 10 });
    expect(set.statusCode, set.body).toBe(200);
    const { client: citizen } = await citizenClient();
    const c = await completedCase(citizen);
    const e = (await citizen.post('/api/v1/evaluations', { caseId: c.id, score: 2, tags: ['slow'] })).json();
    expect(e.rectification).toMatchObject({ callbackDueOn: '2026-11-04', dueOn: '2026-11-16' });
    await admin.put('/api/v1/evaluation-settings', current);
    const audit = await p.ctx.db.selectFrom('audit_events').select('action').where('action', '=', 'evaluation.settings.update').execute();
    expect(audit).toHaveLength(2);
  });

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/v1/evaluations',
      '/api/v1/rate/{token}',
      '/api/v1/rectifications/{id}/sign-off',
      '/api/v1/appeals/{id}/decide',
      '/api/v1/supervision-letters/{id}/reply',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
