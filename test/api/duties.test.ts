import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, login, makeCitizen } from './client.ts';
import { makeStaff } from './factories/bundle.ts';
import { act, makeCase, publishItem, upload } from './factories/case.ts';
import { makeIdNumber } from '../../src/server/platform/identifiers.ts';
import { startTestPlatform, type TestPlatform, testDb } from './platform.ts';

/**
 * Who may seal and who may decide:
 * - 即办 of a license item at the comprehensive window (defects issue 25.4): the front-desk clerk may not use another
 *   department's seal, until that department authorises them for the item (授权, audited, revocable); a 首席代表 of
 *   another department may never seal it (the seal rule names the department);
 * - separation of duties (security issue 26.5): staff on the applicant's side of a case do not accept it; whoever
 *   accepted a promised case does not also decide it.
 */
let p: TestPlatform;
let admin: Client;
let citizen: Client;
let clerk1: Client;
let immediateCode: string;
let promisedCode: string;
let marketId: string;

const auditActions = async (entityType: string) =>
  (
    await p.ctx.db.selectFrom('audit_events').select(['action', 'actor_id']).where('entity_type', '=', entityType).orderBy('seq').execute()
  ).map((e) => e.action);

beforeAll(async () => {
  p = await startTestPlatform();
  p.clock.set('2026-11-23T02:00:00Z');
  admin = await login(p.app, 'admin1');
  const c = await makeCitizen(p.ctx);
  citizen = await login(p.app, c.username, c.password);
  clerk1 = await login(p.app, 'clerk1');
  immediateCode = (await publishItem(p, { handlingType: 'immediate' })).code;
  promisedCode = (await publishItem(p)).code;
  marketId = (await admin.get('/api/v1/departments?regionCode=610922&pageSize=100'))
    .json()
    .items.find((d: { key: string }) => d.key === 'market').id;
});
afterAll(async () => {
  await p?.close();
});

describe(`seal authorisation for 即办 at the window (${testDb})`, () => {
  let grantId: string;

  it('the comprehensive-window clerk is refused the department’s seal and is not offered 即办 of a license item', async () => {
    const c0 = await makeCase(p, citizen, immediateCode);
    const seen = (await clerk1.get(`/api/v1/cases/${c0.id}`)).json();
    expect(seen.allowedActions).not.toContain('handle-immediately');
    expect(seen.allowedActions).not.toContain('handleImmediately');
    const refused = await act(clerk1, seen, 'handle-immediately');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('SEAL_USE_FORBIDDEN');
    const after = (await clerk1.get(`/api/v1/cases/${c0.id}`)).json();
    expect(after).toMatchObject({ status: seen.status, version: seen.version });
  });

  it('bad grants are refused precisely and change nothing', async () => {
    const clerkId = (await p.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'clerk1').executeTakeFirstOrThrow()).id;
    const reviewerId = (await p.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'reviewer1').executeTakeFirstOrThrow())
      .id;
    const promised = await admin.post(`/api/v1/departments/${marketId}/seal-delegations`, {
      accountId: clerkId,
      itemCodes: [promisedCode],
    });
    expect(promised.statusCode).toBe(400);
    expect(promised.json().error).toMatchObject({
      code: 'SEAL_DELEGATION_INVALID',
      details: { problems: [{ field: 'itemCodes', reason: 'notImmediate', value: promisedCode }] },
    });
    const backOffice = await admin.post(`/api/v1/departments/${marketId}/seal-delegations`, {
      accountId: reviewerId,
      itemCodes: [immediateCode],
    });
    expect(backOffice.json().error).toMatchObject({
      code: 'SEAL_DELEGATION_INVALID',
      details: { problems: [{ field: 'accountId', reason: 'notWindowStaffOfRegion' }] },
    });
    // A clerk cannot authorise anyone (404: the department's seals are not theirs to see).
    const byClerk = await clerk1.post(`/api/v1/departments/${marketId}/seal-delegations`, {
      accountId: clerkId,
      itemCodes: [immediateCode],
    });
    expect(byClerk.statusCode).toBe(404);
    expect((await admin.get(`/api/v1/departments/${marketId}/seal-delegations`)).json()).toEqual([]);
  });

  it('authorised by the department, the clerk completes it on the spot and the license is sealed; revoked, the clerk is refused again', async () => {
    const clerkId = (await p.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'clerk1').executeTakeFirstOrThrow()).id;
    const granted = await admin.post(`/api/v1/departments/${marketId}/seal-delegations`, {
      accountId: clerkId,
      itemCodes: [immediateCode],
      note: '综合窗口即办授权',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    grantId = granted.json().id;
    expect(granted.json()).toMatchObject({ username: 'clerk1', items: [{ code: immediateCode }], revokedAt: null });
    expect(await auditActions('sealDelegation')).toEqual(['seal.delegate']);

    const c1 = await makeCase(p, citizen, immediateCode);
    const seen = (await clerk1.get(`/api/v1/cases/${c1.id}`)).json();
    expect(seen.allowedActions).toContain('handleImmediately');
    const done = await act(clerk1, seen, 'handle-immediately');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('issued');
    const license = done.json().timeline.at(-1).data.license as string;
    expect((await p.app.inject({ method: 'GET', url: `/api/v1/licenses/${encodeURIComponent(license)}/verify` })).json()).toMatchObject({
      valid: true,
    });
    const sealUse = await p.ctx.db
      .selectFrom('audit_events')
      .innerJoin('accounts', 'accounts.id', 'audit_events.actor_id')
      .select(['accounts.username'])
      .where('action', '=', 'seal.use')
      .where('after', '@>', JSON.stringify({ license }) as never)
      .execute();
    expect(sealUse.map((r) => r.username)).toEqual(['clerk1']);

    const revoked = await admin.post(`/api/v1/seal-delegations/${grantId}/revoke`, { version: granted.json().version, reason: '岗位调整' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect(await auditActions('sealDelegation')).toEqual(['seal.delegate', 'seal.delegationRevoke']);
    const c2 = await makeCase(p, citizen, immediateCode);
    const again = await act(clerk1, (await clerk1.get(`/api/v1/cases/${c2.id}`)).json(), 'handle-immediately');
    expect(again.json().error.code).toBe('SEAL_USE_FORBIDDEN');
    const twice = await admin.post(`/api/v1/seal-delegations/${grantId}/revoke`, { version: revoked.json().version, reason: '重复' });
    expect(twice.json().error.code).toBe('SEAL_DELEGATION_NOT_FOUND');
  });

  it('a 首席代表 of another department at the hall may accept the item but never seals it with the market department’s seal', async () => {
    const chief = await makeStaff(p, 'chief_police', 'police', ['chiefRepresentative'], { hall: true });
    const c3 = await makeCase(p, citizen, immediateCode);
    const seen = (await chief.client.get(`/api/v1/cases/${c3.id}`)).json();
    expect(seen.allowedActions).not.toContain('handleImmediately');
    const refused = await act(chief.client, seen, 'handle-immediately');
    expect(refused.json().error.code).toBe('SEAL_USE_FORBIDDEN');
    expect((await chief.client.get(`/api/v1/cases/${c3.id}`)).json().status).toBe(seen.status);
  });
});

describe(`separation of duties (${testDb})`, () => {
  it('an agent who filed a case does not accept it, even holding the clerk role', async () => {
    const agent = await makeStaff(p, 'agent_clerk', 'market', ['agent', 'clerk'], { hall: true });
    const principal = {
      name: '王五',
      idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19900101', sequence: 123 }),
      phone: '13900000001',
    };
    const asked = (
      await agent.client.post('/api/v1/mandates', {
        principal,
        scope: '企业设立登记',
        validUntil: '2026-12-31',
        materialId: await upload(p, agent.client, 'mandate.pdf'),
      })
    ).json();
    expect((await clerk1.post(`/api/v1/mandates/${asked.id}/confirm-in-person`, { version: asked.version })).statusCode).toBe(200);
    const materials = [];
    for (const k of ['application', 'articles', 'idCard'])
      materials.push({ requirementKey: k, materialId: await upload(p, agent.client, `${k}.pdf`) });
    const filed = await agent.client.post('/api/v1/cases', {
      itemCode: promisedCode,
      situationKey: 'limitedCompany',
      formData: { companyName: '石泉县代办商贸有限公司', legalRep: '王五', capital: 50 },
      materials,
      mandateId: asked.id,
      submit: true,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const c = filed.json();
    expect(c.channel).toBe('agency');
    const seen = (await agent.client.get(`/api/v1/cases/${c.id}`)).json();
    expect(seen.allowedActions).not.toContain('accept');
    const refused = await act(agent.client, seen, 'accept', { deferred: [] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('CASE_CONFLICT_OF_INTEREST');
    expect((await agent.client.get(`/api/v1/cases/${c.id}`)).json()).toMatchObject({ status: seen.status, version: seen.version });
  });

  it('whoever accepted a promised case does not decide it; another approver does', async () => {
    const both = await makeStaff(p, 'clerk_approver', 'market', ['clerk', 'reviewer', 'approver']);
    const reviewer = await login(p.app, 'reviewer1');
    const approver = await login(p.app, 'approver1');
    const c0 = await makeCase(p, citizen, promisedCode);
    const accepted = await act(both.client, c0, 'accept', { deferred: [] });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const reviewed = await act(reviewer, accepted.json(), 'review', { opinion: 'approve', comment: '材料齐全，符合条件' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const seen = (await both.client.get(`/api/v1/cases/${c0.id}`)).json();
    expect(seen.allowedActions).not.toContain('decide');
    const refused = await act(both.client, seen, 'decide', { decision: 'approved' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('CASE_SAME_ACCEPTOR');
    const decided = await act(approver, seen, 'decide', { decision: 'approved' });
    expect(decided.statusCode, decided.body).toBe(200);
  });
});
