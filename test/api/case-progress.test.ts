import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, login, makeCitizen, type Client } from './client.ts';
import { act, makeCase, publishItem } from './factories/case.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Issue 28: the public progress lookup (case number + ID number, no login), the staff queue's search, the search and
 * tabs of 我的办件, and 查看完整姓名 for the handling clerk — their bad input, authorization and audit events.
 */
let p: TestPlatform;
let code: string;
let owner: Awaited<ReturnType<typeof makeCitizen>>;
let ownerClient: Client;
let other: Awaited<ReturnType<typeof makeCitizen>>;
let otherClient: Client;
let c: { id: string; number: string; version: number };
let clerk: Client;

const post = (url: string, payload: object, lang = 'zh-CN') =>
  p.app.inject({ method: 'POST', url, payload, headers: { 'accept-language': lang } });

const auditOf = (action: string) =>
  p.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq', 'desc').execute();

beforeAll(async () => {
  p = await startTestPlatform();
  code = (await publishItem(p)).code;
  owner = await makeCitizen(p.ctx, { name: '王小明' });
  other = await makeCitizen(p.ctx, { name: '王大明' });
  const token = async (u: { username: string; password: string }) =>
    (await post('/api/v1/auth/login', { username: u.username, password: u.password })).json().token as string;
  ownerClient = clientFor(p.app, await token(owner));
  otherClient = clientFor(p.app, await token(other));
  c = await makeCase(p, ownerClient, code);
  clerk = await login(p.app, 'clerk1');
});
afterAll(async () => {
  await p?.close();
});

describe(`办件进度查询 without login (${testDb})`, () => {
  it('answers status, stage, dates and the department, with the name masked, and audits the lookup', async () => {
    const res = await post('/api/v1/case-progress', { number: c.number, idNumber: owner.idNumber });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ number: c.number, status: 'submitted', stepKind: 'accept', applicantName: '王**' });
    expect(body.departmentName).toMatch(/局|中心/);
    expect(Object.keys(body).sort()).toEqual(
      [
        'acceptedOn',
        'applicantName',
        'decidedAt',
        'departmentName',
        'itemName',
        'number',
        'promisedDueOn',
        'status',
        'stepKind',
        'stepName',
        'submittedAt',
        'updatedAt',
      ].sort(),
    );
    expect(JSON.stringify(body)).not.toContain(owner.idNumber);
    const [event] = await auditOf('case.progress.lookup');
    expect(event).toMatchObject({ entity_id: c.id, outcome: 'success', actor_id: null });
  });

  it('gives the same 404 for a wrong number and for a wrong ID number, audited as failures', async () => {
    const wrongId = await post('/api/v1/case-progress', { number: c.number, idNumber: other.idNumber });
    const wrongNumber = await post('/api/v1/case-progress', { number: `${c.number.slice(0, -5)}99999`, idNumber: owner.idNumber });
    for (const res of [wrongId, wrongNumber]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('CASE_PROGRESS_NOT_FOUND');
    }
    expect(wrongId.body).toBe(wrongNumber.body);
    const events = await auditOf('case.progress.lookup');
    expect(events.slice(0, 2).map((e) => e.outcome)).toEqual(['failure', 'failure']);
  });

  it('refuses malformed numbers and ID numbers with stable codes, in Chinese and English', async () => {
    const badNumber = await post('/api/v1/case-progress', { number: '12-34', idNumber: owner.idNumber });
    expect(badNumber.statusCode).toBe(400);
    expect(badNumber.json().error).toMatchObject({ code: 'CASE_NUMBER_INVALID', message: '办件编号格式不正确' });
    const badId = await post('/api/v1/case-progress', { number: c.number, idNumber: '610922199001011234' }, 'en');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error).toMatchObject({ code: 'ID_NUMBER_INVALID', message: 'The ID card number is not valid' });
    const unknownField = await post('/api/v1/case-progress', { number: c.number, idNumber: owner.idNumber, name: 'x' });
    expect(unknownField.statusCode).toBe(400);
  });
});

describe(`the staff queue's search (${testDb})`, () => {
  const search = (client: Client, q: string, queue = 'toAccept') =>
    client.get(`/api/v1/staff/cases?queue=${queue}&q=${encodeURIComponent(q)}`);

  it('finds a case by its number, its start, the applicant’s ID number and name', async () => {
    for (const q of [c.number, c.number.slice(0, 12), owner.idNumber, '王小明']) {
      const res = await search(clerk, q);
      expect(res.statusCode, res.body).toBe(200);
      expect(
        res.json().items.map((x: { id: string }) => x.id),
        q,
      ).toContain(c.id);
    }
    // Another person's ID number finds none of the owner's cases; a name of another length neither.
    for (const q of [other.idNumber, '王明']) {
      const res = await search(clerk, q);
      expect(res.json().items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    }
  });

  it('stays inside the department: another department’s clerk finds nothing, a citizen is refused', async () => {
    const police = await login(p.app, 'police.clerk');
    for (const q of [c.number, owner.idNumber, '王小明']) expect((await search(police, q)).json().items).toEqual([]);
    const reviewer = await login(p.app, 'reviewer1');
    // The market department's reviewer reads its department's cases, but the number is not in its review queue.
    expect((await search(reviewer, c.number, 'toReview')).json().items).toEqual([]);
    const res = await search(ownerClient, c.number);
    expect(res.statusCode).toBe(403);
  });
});

describe(`我的办件: tabs and search (${testDb})`, () => {
  it('groups the cases (needs me, in progress, done) and searches by number and item name', async () => {
    const draft = await makeCase(p, ownerClient, code, { submit: false });
    const ids = async (query: string) =>
      ((await ownerClient.get(`/api/v1/cases?${query}`)).json().items as Array<{ id: string }>).map((x) => x.id);
    expect(await ids('group=needsMe')).toEqual([draft.id]);
    expect(await ids('group=inProgress')).toEqual([c.id]);
    expect(await ids('group=done')).toEqual([]);
    expect(await ids(`q=${c.number}`)).toEqual([c.id]);
    expect(await ids('q=%E6%B5%8B%E8%AF%95%E4%B8%8D%E5%AD%98%E5%9C%A8')).toEqual([]);
    expect(await ids('group=done&status=submitted')).toEqual([]);
    expect((await ownerClient.get('/api/v1/cases?group=other')).statusCode).toBe(400);
    // Another citizen's search never reaches the owner's cases.
    expect(((await otherClient.get(`/api/v1/cases?q=${c.number}`)).json().items as unknown[]).length).toBe(0);
  });
});

describe(`查看完整姓名 (${testDb})`, () => {
  const reveal = (client: Client, id = c.id, reason = '核对身份证原件') =>
    client.post(`/api/v1/cases/${id}/applicant-identity`, { reason });

  it('gives the handling clerk the full name and ID number, audited with the reason', async () => {
    const res = await reveal(clerk);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'person', name: '王小明', identifier: owner.idNumber });
    const [event] = await auditOf('case.applicant.reveal');
    expect(event.entity_id).toBe(c.id);
    expect(event.after).toMatchObject({ reason: '核对身份证原件', applicantKind: 'person' });
  });

  it('refuses a citizen, a supervisor, an admin, and asks for a reason', async () => {
    for (const who of [ownerClient, otherClient, await login(p.app, 'supervisor1'), await login(p.app, 'admin1')]) {
      const res = await reveal(who);
      expect([403, 404]).toContain(res.statusCode);
    }
    const noReason = await reveal(clerk, c.id, ' ');
    expect(noReason.statusCode).toBe(400);
  });

  it('is closed once the case has ended', async () => {
    const ended = await makeCase(p, ownerClient, code);
    const res = await act(clerk, ended, 'reject', { reason: '不属于本部门受理范围' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await reveal(clerk, ended.id)).statusCode).toBe(404);
  });
});
