import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeCitizen, type Client } from './client.ts';
import { act, makeCase, publishItem, upload } from './factories/case.ts';
import { centreHall, makeStaff } from './factories/bundle.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';
import { makeIdNumber } from '../../src/server/platform/identifiers.ts';

let p: TestPlatform;
let admin: Client;
let citizen: Client;
let clerk1: Client;
let code: string;

const caseRow = (id: string) => p.ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const caseCount = async () =>
  Number(
    (
      await p.ctx.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  p = await startTestPlatform();
  p.clock.set('2026-11-23T02:00:00Z');
  admin = await login(p.app, 'admin1');
  const c = await makeCitizen(p.ctx);
  citizen = await login(p.app, c.username, c.password);
  clerk1 = await login(p.app, 'clerk1');
  code = (await publishItem(p)).code;
});
afterAll(async () => {
  await p?.close();
});

describe(`一窗受理 windows (${testDb})`, () => {
  it('the demo centre: 综合受理 1–4 accept everything, 05 hands results over, clerk1 sits at window 01', async () => {
    const { window } = await centreHall(admin);
    for (const n of ['01', '02', '03', '04']) expect(window(n)).toMatchObject({ kind: 'comprehensive', acceptsAll: true, pickup: false });
    expect(window('05')).toMatchObject({ name: '统一出件窗口', pickup: true });
    expect(window('10')).toMatchObject({ kind: 'peak', peakOpen: false });
    const w1 = (await admin.get(`/api/v1/windows/${window('01').id}`)).json();
    expect(w1.clerks.map((c: { username: string }) => c.username)).toEqual(['clerk1']);
    expect((await admin.get(`/api/v1/windows/${window('05').id}`)).json().clerks.map((c: { username: string }) => c.username)).toEqual([
      'clerk2',
    ]);
  });

  it('a comprehensive-window clerk accepts an item of another department; it is dispatched to that back office; the pickup window records the hand-over', async () => {
    const c0 = await makeCase(p, citizen, code);
    const claimed = (await act(clerk1, c0, 'claim')).json();
    const accepted = await act(clerk1, claimed, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    const a = accepted.json();
    const { window } = await centreHall(admin);
    expect(a.status).toBe('accepted');
    expect(a.timeline.at(-1)).toMatchObject({ action: 'accept', data: { windowId: window('01').id, dispatchedTo: a.departmentId } });
    expect((await caseRow(a.id)).window_id).toBe(window('01').id);
    // The market department's reviewer is told and finds it in the review queue.
    const reviewer = await login(p.app, 'reviewer1');
    const inbox = (await reviewer.get('/api/v1/notifications?pageSize=50')).json().items;
    expect(inbox.some((n: { kind: string; title: string }) => n.kind === 'dispatched' && n.title.includes('综合窗口'))).toBe(true);
    expect((await reviewer.get('/api/v1/staff/cases?queue=toReview&pageSize=100')).json().items.map((x: { id: string }) => x.id)).toContain(
      a.id,
    );
    const reviewed = (await act(reviewer, a, 'review', { opinion: 'approve', comment: '材料齐全，符合条件' })).json();
    const approver = await login(p.app, 'approver1');
    const decided = (await act(approver, reviewed, 'decide', { decision: 'approved' })).json();
    const done = (await act(approver, decided, 'complete')).json();
    expect(done.status).toBe('issued');

    // 统一出件: not at a comprehensive window; at the pickup window, recorded with the recipient.
    const wrong = await act(clerk1, done, 'hand-over', { recipientName: '王秀英' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('WINDOW_NOT_PICKUP');
    expect((await caseRow(done.id)).status).toBe('issued');
    const clerk2 = await login(p.app, 'clerk2');
    expect((await clerk2.get('/api/v1/staff/cases?queue=toHandOver&pageSize=100')).json().items.map((x: { id: string }) => x.id)).toContain(
      done.id,
    );
    const before = await clerk2.get(`/api/v1/cases/${done.id}`);
    expect(before.json().allowedActions).toContain('handOver');
    const handed = await act(clerk2, done, 'hand-over', { recipientName: '王秀英', method: 'window' });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json().status).toBe('delivered');
    expect(handed.json().timeline.at(-1)).toMatchObject({
      action: 'handOver',
      toStatus: 'delivered',
      data: { windowId: window('05').id, recipientName: '王秀英', method: 'window' },
    });
    const audit = await p.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', done.id)
      .where('action', '=', 'case.handOver')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('a window configured for one department refuses other items, at filing and at acceptance; nothing changes', async () => {
    const { window } = await centreHall(admin);
    const police = (await admin.get('/api/v1/departments?regionCode=610922&pageSize=100'))
      .json()
      .items.find((d: { key: string }) => d.key === 'police');
    const w2 = window('02');
    const conf = await admin.put(`/api/v1/windows/${w2.id}/configuration`, {
      acceptsAll: false,
      departmentIds: [police.id],
      itemCodes: [],
      version: w2.version,
    });
    expect(conf.statusCode, conf.body).toBe(200);
    expect(conf.json()).toMatchObject({ acceptsAll: false, departmentIds: [police.id], departments: [{ name: police.name }] });
    const clerk3 = await makeStaff(p, 'window_clerk3', 'serviceCenter', ['clerk'], { hall: true });
    expect((await admin.put(`/api/v1/windows/${w2.id}/clerks/${clerk3.id}`)).statusCode).toBe(200);
    const seated = await login(p.app, 'window_clerk3', 'Staff#2026x');

    const c0 = await makeCase(p, citizen, code);
    const refused = await act(seated, c0, 'accept');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'WINDOW_NOT_ACCEPTED', details: { windowId: w2.id, itemCode: code } });
    expect(await caseRow(c0.id)).toMatchObject({ status: 'submitted', version: c0.version, window_id: null });
    expect(
      (await seated.get('/api/v1/staff/cases?queue=toAccept&pageSize=100')).json().items.map((x: { id: string }) => x.id),
    ).not.toContain(c0.id);
    expect((await clerk1.get('/api/v1/staff/cases?queue=toAccept&pageSize=100')).json().items.map((x: { id: string }) => x.id)).toContain(
      c0.id,
    );

    // Filing for a walk-in applicant at that window: refused before anything is written.
    const n = await caseCount();
    const material = await upload(p, seated, 'app.pdf');
    const filed = await seated.post('/api/v1/cases', {
      itemCode: code,
      situationKey: 'limitedCompany',
      formData: { companyName: '石泉县测试商贸有限公司', legalRep: '张三', capital: 100 },
      materials: [{ requirementKey: 'application', materialId: material }],
      applicant: {
        name: '王五',
        idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19880512', sequence: 11 }),
        phone: '13912345678',
      },
    });
    expect(filed.statusCode).toBe(403);
    expect(filed.json().error.code).toBe('WINDOW_NOT_ACCEPTED');
    expect(await caseCount()).toBe(n);
  });

  it('a peak window accepts only while opened, and only the chosen items; bad configurations get precise errors', async () => {
    const { window } = await centreHall(admin);
    const peak = window('10');
    const clerk4 = await makeStaff(p, 'window_clerk4', 'serviceCenter', ['clerk'], { hall: true });
    await admin.put(`/api/v1/windows/${peak.id}/clerks/${clerk4.id}`);
    const c4 = await login(p.app, 'window_clerk4', 'Staff#2026x');
    const c0 = await makeCase(p, citizen, code);
    expect((await act(c4, c0, 'claim')).json().error.code).toBe('WINDOW_NOT_ACCEPTED');

    const unknown = await admin.post(`/api/v1/windows/${peak.id}/peak`, {
      open: true,
      itemCodes: ['1161092200000000000000000000000'],
      version: peak.version,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'WINDOW_CONFIG_INVALID',
      details: { problems: [{ field: 'itemCodes', reason: 'unknown' }] },
    });
    const notPeak = await admin.post(`/api/v1/windows/${window('01').id}/peak`, {
      open: true,
      itemCodes: [code],
      version: window('01').version,
    });
    expect(notPeak.json().error).toMatchObject({ code: 'WINDOW_CONFIG_INVALID', details: { problems: [{ reason: 'notPeakWindow' }] } });
    expect(
      (await clerk1.post(`/api/v1/windows/${peak.id}/peak`, { open: true, itemCodes: [code], version: peak.version })).json().error.code,
    ).toBe('WINDOW_NOT_FOUND');
    expect((await admin.get(`/api/v1/windows/${peak.id}`)).json()).toMatchObject({ peakOpen: false, version: peak.version });

    const opened = await admin.post(`/api/v1/windows/${peak.id}/peak`, { open: true, itemCodes: [code], version: peak.version });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ peakOpen: true, items: [{ implementationCode: code }] });
    const c4again = await login(p.app, 'window_clerk4', 'Staff#2026x'); // the window scope is read at each request
    const claimed = await act(c4again, c0, 'claim');
    expect(claimed.statusCode, claimed.body).toBe(200);
    const closed = await admin.post(`/api/v1/windows/${peak.id}/peak`, { open: false, version: opened.json().version });
    expect(closed.json().peakOpen).toBe(false);
    expect((await act(c4again, claimed.json(), 'accept')).json().error.code).toBe('WINDOW_NOT_ACCEPTED');
  });
});
