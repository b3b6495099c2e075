import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepCases } from '../../src/server/modules/cases/sweep.ts';
import { activate, clientFor, login, makeCitizen, type Client } from './client.ts';
import { act, companyForm, makeCase, pdfBytes, publishItem, upload } from './factories/case.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
let citizen: Client;
let clerk: Client;
let reviewer: Client;
let approver: Client;
let code: string;

async function citizenClient() {
  const c = await makeCitizen(p.ctx);
  return login(p.app, c.username, c.password);
}

const get = async (client: Client, id: string) => {
  const res = await client.get(`/api/v1/cases/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Mon 2026-09-28 10:00 in Shanghai: the week before the National Day break. */
const MONDAY = '2026-09-28T02:00:00Z';

beforeAll(async () => {
  p = await startTestPlatform();
  p.clock.set(MONDAY);
  citizen = await citizenClient();
  clerk = await login(p.app, 'clerk1');
  reviewer = await login(p.app, 'reviewer1');
  approver = await login(p.app, 'approver1');
  code = (await publishItem(p, { promisedLimit: { value: 5, unit: 'workday' }, legalLimit: { value: 20, unit: 'workday' } })).code;
});
afterAll(async () => {
  await p?.close();
});

describe(`case handling paths (${testDb})`, () => {
  it('accept → review → decide → complete, with due dates across the National Day break and the applicant told at each step', async () => {
    p.clock.set(MONDAY);
    const c0 = await makeCase(p, citizen, code);
    expect(c0).toMatchObject({ status: 'submitted', channel: 'online', clock: null });
    expect(c0.number).toMatch(/^61092220260928\d{5}$/);
    expect(c0.allowedActions).toEqual(['withdraw']);

    const queue = (await clerk.get('/api/v1/staff/cases?queue=toAccept&pageSize=100')).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(c0.id);
    const clerkView = await get(clerk, c0.id);
    expect(clerkView.allowedActions).toEqual(expect.arrayContaining(['claim', 'accept', 'notifyDeficiency', 'reject']));
    expect(clerkView.allowedActions).not.toContain('decide');
    expect(clerkView.formData).toEqual(companyForm);

    const claimed = await act(clerk, c0, 'claim');
    expect(claimed.json().status).toBe('prereview');
    const accepted = await act(clerk, claimed.json(), 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    const a = accepted.json();
    // Accepted Mon 9-28; counting from Tue: 9-29 (1), 9-30 (2), 10-1…10-7 National Day, 10-8 (3), 10-9 (4), Sat 10-10 调休 (5).
    expect(a.clock).toMatchObject({ startedOn: '2026-09-28', promisedDueOn: '2026-10-10', usedDays: 0, leftDays: 5, paused: false });
    // Legal 20: …10-10 (5), 10-12..16 (10), 10-19..23 (15), 10-26..30 (20).
    expect(a.clock.legalDueOn).toBe('2026-10-30');
    expect(a.status).toBe('accepted');
    expect(a.step).toMatchObject({ kind: 'review', role: 'reviewer' });

    // The reviewer reviews; the approver decides; the clerk cannot.
    expect((await get(reviewer, a.id)).allowedActions).toEqual(expect.arrayContaining(['review']));
    expect((await act(clerk, a, 'review', { opinion: 'approve', comment: '材料齐全' })).statusCode).toBe(403);
    p.clock.set('2026-09-30T03:00:00Z');
    const reviewed = (await act(reviewer, a, 'review', { opinion: 'approve', comment: '材料齐全，符合条件' })).json();
    expect(reviewed).toMatchObject({ status: 'review', step: { kind: 'decide' } });
    expect(reviewed.clock).toMatchObject({ usedDays: 2, leftDays: 3 });
    const decided = (await act(approver, reviewed, 'decide', { decision: 'approved' })).json();
    expect(decided).toMatchObject({ status: 'decided', decision: 'approved' });
    expect(decided.clock).toMatchObject({ stopped: true, overdue: false });
    const done = (await act(approver, decided, 'complete')).json();
    // The item's result is a 营业执照: completing it issues the electronic license (制证).
    expect(done.status).toBe('issued');
    expect(done.timeline.at(-1).data.license).toMatch(/^1\.2\.156\.3005\.2\./);
    expect(done.documents).toEqual(['receipt', 'acceptance', 'decision']);

    const mine = await get(citizen, c0.id);
    expect(mine.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'claim', 'accept', 'review', 'decide', 'complete']);
    const pdf = await citizen.get(`/api/v1/cases/${c0.id}/documents/decision`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await citizen.get(`/api/v1/cases/${c0.id}/documents/rejection`)).json().error.code).toBe('CASE_DOCUMENT_NOT_AVAILABLE');

    const inbox = (await citizen.get('/api/v1/notifications')).json();
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toEqual(['issued', 'decided', 'accepted', 'submitted']);
    const audit = await p.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', c0.id).orderBy('seq').execute();
    expect(audit.map((x) => x.action)).toEqual(['case.submit', 'case.claim', 'case.accept', 'case.review', 'case.decide', 'case.complete']);
  });

  it('one-time notice → supplement every listed material → back to the same clerk → accept', async () => {
    const c0 = await makeCase(p, citizen, code);
    const notice = await act(clerk, c0, 'deficiency-notice', {
      items: [
        { requirementKey: 'articles', problem: 'wrong', note: '缺少全体股东签字' },
        { requirementKey: 'idCard', problem: 'missing' },
      ],
      note: '请一次性补正以下材料',
    });
    expect(notice.statusCode, notice.body).toBe(200);
    const mine = await get(citizen, c0.id);
    expect(mine.status).toBe('correction');
    expect(mine.notices[0].items.map((i: { requirementKey: string }) => i.requirementKey)).toEqual(['articles', 'idCard']);
    expect(mine.allowedActions).toEqual(expect.arrayContaining(['supplement', 'withdraw']));
    expect(mine.materials.find((m: { requirementKey: string }) => m.requirementKey === 'articles').status).toBe('deficient');
    expect(mine.documents).toContain('correction');

    const onlyOne = await act(citizen, mine, 'supplement', {
      materials: [{ requirementKey: 'articles', materialId: await upload(p, citizen, 'articles-v2.pdf') }],
    });
    expect(onlyOne.statusCode).toBe(400);
    expect(onlyOne.json().error.code).toBe('CASE_MATERIALS_MISSING');
    expect(onlyOne.json().error.details.missing).toEqual([{ key: 'idCard', name: '法定代表人身份证明' }]);
    expect((await get(citizen, c0.id)).version).toBe(mine.version);

    const supplied = await act(citizen, mine, 'supplement', {
      materials: [
        { requirementKey: 'articles', materialId: await upload(p, citizen, 'articles-v2.pdf', pdfBytes('v2')) },
        { requirementKey: 'idCard', materialId: await upload(p, citizen, 'id.pdf') },
      ],
    });
    expect(supplied.statusCode, supplied.body).toBe(200);
    const clerkId = (await clerk.get('/api/v1/auth/me')).json().id ?? (await clerk.get('/api/v1/auth/me')).json().account?.id;
    expect(supplied.json()).toMatchObject({ status: 'submitted', handlerId: clerkId });
    const clerkInbox = (await clerk.get('/api/v1/notifications')).json();
    expect(clerkInbox.items[0]).toMatchObject({ kind: 'supplemented', caseId: c0.id });
    const accepted = await act(clerk, supplied.json(), 'accept');
    expect(accepted.json().status).toBe('accepted');
  });

  it('不予受理 with a written reason and remedies; nothing moves afterwards', async () => {
    const c0 = await makeCase(p, citizen, code);
    expect((await act(clerk, c0, 'reject', { reason: 'ab' })).statusCode).toBe(400);
    const r = await act(clerk, c0, 'reject', { reason: '申请事项依法不属于本机关职权范围' });
    expect(r.statusCode).toBe(200);
    const mine = await get(citizen, c0.id);
    expect(mine).toMatchObject({ status: 'rejected', decisionReason: '申请事项依法不属于本机关职权范围', allowedActions: [] });
    expect(mine.timeline.at(-1).data.remedies).toContain('行政复议');
    const again = await act(clerk, mine, 'accept');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CASE_STATE_INVALID', details: { action: 'accept', status: 'rejected' } });
  });

  it('容缺: accepted with a deferred material; the decision waits until it is signed and supplied', async () => {
    const c0 = await makeCase(p, citizen, code, { omit: ['articles'] });
    const notDeferrable = await act(clerk, c0, 'accept', { deferred: [{ requirementKey: 'application' }] });
    expect(notDeferrable.json().error.code).toBe('CASE_NOT_DEFERRABLE');
    const plain = await act(clerk, c0, 'accept');
    expect(plain.json().error.code).toBe('CASE_MATERIALS_MISSING');
    const a = (await act(clerk, c0, 'accept', { deferred: [{ requirementKey: 'articles' }], supplyWithinDays: 3 })).json();
    expect(a).toMatchObject({ status: 'accepted', deficiencyOpen: true });
    expect(a.commitments[0]).toMatchObject({ kind: 'deficiency', subjectKey: 'articles', status: 'awaitingSignature' });
    const r = (await act(reviewer, a, 'review', { opinion: 'approve', comment: '同意' })).json();
    const blocked = await act(approver, r, 'decide', { decision: 'approved' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('CASE_COMMITMENT_PENDING');
    expect((await get(approver, r.id)).allowedActions).not.toContain('decide');

    const mine = await get(citizen, c0.id);
    const signed = await citizen.post(`/api/v1/cases/${c0.id}/commitments/${mine.commitments[0].id}/sign`, { version: mine.version });
    expect(signed.statusCode, signed.body).toBe(200);
    const supplied = await act(citizen, signed.json(), 'supply', {
      requirementKey: 'articles',
      materialId: await upload(p, citizen, 'articles.pdf'),
    });
    expect(supplied.statusCode, supplied.body).toBe(200);
    expect(supplied.json()).toMatchObject({ deficiencyOpen: false, status: 'review' });
    const decided = await act(approver, supplied.json(), 'decide', { decision: 'approved' });
    expect(decided.statusCode, decided.body).toBe(200);
  });

  it('告知承诺: decided at once without review, drawn for the post-check, revoked when the check fails', async () => {
    const item = await publishItem(p, {
      name: '测试告知承诺事项',
      promisedLimit: { value: 5, unit: 'workday' },
      postCheckRatio: 1,
      // A result the applicant holds in person, so that their wallet shows what the post-check did to it.
      result: { name: '居民身份证', type: 'license', licenseType: '居民身份证' },
      commitmentConditions: [
        {
          key: 'articlesPromise',
          text: '本人承诺公司章程符合法律规定，如有不实，愿承担撤销许可等法律责任。',
          replacesMaterialKey: 'articles',
        },
      ],
    });
    const unknown = await citizen.post('/api/v1/cases', {
      itemCode: item.code,
      situationKey: 'limitedCompany',
      formData: companyForm,
      conditionCommitments: ['nope'],
    });
    expect(unknown.json().error.code).toBe('CASE_CONDITION_UNKNOWN');
    const c0 = await makeCase(p, citizen, item.code, { omit: ['articles'], conditionCommitments: ['articlesPromise'] });
    expect(c0.commitmentMode).toBe(true);
    expect(c0.commitments[0]).toMatchObject({ kind: 'condition', subjectKey: 'articlesPromise', status: 'pending' });
    const a = (await act(clerk, c0, 'accept')).json();
    expect((await get(approver, a.id)).allowedActions).toContain('decide');
    const d = (await act(approver, a, 'decide', { decision: 'approved' })).json();
    const done = (await act(approver, d, 'complete')).json();
    const checks = (await reviewer.get('/api/v1/staff/post-checks')).json();
    expect(checks.items.map((x: { id: string }) => x.id)).toContain(c0.id);
    expect((await get(reviewer, c0.id)).allowedActions).toContain('postCheck');
    const failed = await act(reviewer, done, 'post-check', { passed: false, findings: '现场核查发现章程未经股东会通过' });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json()).toMatchObject({ status: 'revoked', postCheck: { status: 'failed' } });
    const mine = await get(citizen, c0.id);
    expect(mine.status).toBe('revoked');
    expect((await citizen.get('/api/v1/notifications')).json().items[0].kind).toBe('revoked');
    // The license the case issued is revoked with it (25.3): the public verifier and the wallet say so, with the reason.
    const license = done.timeline.at(-1).data.license as string;
    const verifyUrl = `/api/v1/licenses/${encodeURIComponent(license)}/verify`;
    expect((await p.app.inject({ url: verifyUrl })).json()).toMatchObject({ valid: false, status: 'revoked' });
    const kept = (await citizen.get('/api/v1/licenses')).json().items.find((l: { identifier: string }) => l.identifier === license);
    expect(kept).toMatchObject({ status: 'revoked' });
    expect(kept.statusReason).toContain('现场核查发现章程未经股东会通过');
    // With the 核验码 printed on it, the public verifier gives the reason too.
    const withCode = (await p.app.inject({ url: `${verifyUrl}?code=${encodeURIComponent(kept.verifyCode)}` })).json();
    expect(withCode.statusReason).toBe(kept.statusReason);
    const notice = (await citizen.get('/api/v1/notifications')).json().items[0];
    expect(notice.body).toContain(license);
  });

  it('withdraw before the decision; not after it', async () => {
    const c0 = await makeCase(p, citizen, code);
    const a = (await act(clerk, c0, 'accept')).json();
    const w = await act(citizen, a, 'withdraw', { reason: '信息填写有误，重新申请' });
    expect(w.statusCode).toBe(200);
    expect(w.json().status).toBe('withdrawn');
    const c1 = await makeCase(p, citizen, code);
    let x = (await act(clerk, c1, 'accept')).json();
    x = (await act(reviewer, x, 'review', { opinion: 'approve', comment: '同意' })).json();
    x = (await act(approver, x, 'decide', { decision: 'denied', reason: '经营范围含有需前置审批的项目' })).json();
    const late = await act(citizen, x, 'withdraw');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('CASE_STATE_INVALID');
  });

  it('即办件 at the window for a walk-in applicant with scanned materials, completed on the spot', async () => {
    const item = await publishItem(p, {
      name: '测试即办事项',
      handlingType: 'immediate',
      promisedLimit: { value: 0, unit: 'workday' },
      legalLimit: { value: 0, unit: 'workday' },
      result: { name: '准予登记通知书', type: 'document' },
    });
    const bad = await clerk.post('/api/v1/cases', {
      itemCode: item.code,
      situationKey: 'soleProprietor',
      formData: companyForm,
      applicant: { name: '王五', idNumber: '610922199001011234', phone: '13900000000' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ID_NUMBER_INVALID');
    const walkIn = await makeCitizen(p.ctx, { name: '王小五' });
    const scans = [
      { requirementKey: 'application', materialId: await upload(p, clerk, 'scan-application.pdf') },
      { requirementKey: 'idCard', materialId: await upload(p, clerk, 'scan-id.pdf') },
    ];
    const res = await clerk.post('/api/v1/cases', {
      itemCode: item.code,
      situationKey: 'soleProprietor',
      formData: companyForm,
      materials: scans,
      applicant: { name: '王小五', idNumber: walkIn.idNumber, phone: walkIn.phone },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c0 = res.json();
    expect(c0).toMatchObject({ channel: 'window', applicantName: '王**', handlingType: 'immediate' });
    const done = await act(clerk, c0, 'handle-immediately', { text: '当场办结' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', decision: 'approved' });
    // The walk-in applicant, who has an account, sees the case and its scans.
    const own = await login(p.app, walkIn.username, walkIn.password);
    const seen = await get(own, c0.id);
    expect(seen.materials.filter((m: { material: unknown }) => m.material)).toHaveLength(2);
    expect((await own.get(`/api/v1/materials/${scans[0].materialId}/content`)).statusCode).toBe(200);
    // A promised item cannot be completed on the spot.
    const promised = await makeCase(p, citizen, code);
    expect((await act(clerk, promised, 'handle-immediately')).json().error.code).toBe('CASE_NOT_IMMEDIATE');
  });

  it('an agent applies for someone under a mandate the person confirmed; without it the filing is refused', async () => {
    const sec = await login(p.app, 'secadmin1');
    const depts = (await sec.get('/api/v1/departments?regionCode=610922&pageSize=100')).json().items;
    const svc = depts.find((d: { key: string }) => d.key === 'serviceCenter');
    const created = await sec.post('/api/v1/staff', {
      username: 'agent_case',
      displayName: '代办员小周',
      departmentId: svc.id,
      roles: ['agent'],
    });
    expect(created.statusCode).toBe(201);
    await activate(p.app, 'agent_case', created.json().activation.code, 'Staff#2026x', p.ctx.now());
    await p.ctx.db.updateTable('accounts').set({ totp_required: false }).where('username', '=', 'agent_case').execute();
    const agent = await login(p.app, 'agent_case', 'Staff#2026x');
    const person = await makeCitizen(p.ctx, { name: '赵老汉' });
    const body = {
      itemCode: code,
      situationKey: 'soleProprietor',
      formData: companyForm,
      materials: [
        { requirementKey: 'application', materialId: await upload(p, agent) },
        { requirementKey: 'idCard', materialId: await upload(p, agent) },
      ],
      applicant: { name: '赵老汉', idNumber: person.idNumber, phone: person.phone },
    };
    expect((await agent.post('/api/v1/cases', body)).json().error.code).toBe('CASE_MANDATE_REQUIRED');
    // The mandate: asked by the agent, confirmed by the person with the code sent to their phone on record.
    const asked = await agent.post('/api/v1/mandates', {
      principal: { name: '赵老汉', idNumber: person.idNumber, phone: person.phone },
      itemCodes: [code],
      scope: '代为申请个人独资企业设立登记',
      validUntil: '2026-12-31',
      materialId: await upload(p, agent, 'mandate.pdf'),
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const m = asked.json();
    const sms = await eventually(() =>
      p.ctx.db.selectFrom('sms_messages').select('body').where('purpose', '=', 'mandate.confirm').executeTakeFirst(),
    );
    const smsCode = /验证码(\d{6})/.exec(sms.body)![1];
    expect((await agent.post(`/api/v1/mandates/${m.id}/confirm`, { version: m.version, code: smsCode })).statusCode).toBe(200);
    const res = await agent.post('/api/v1/cases', { ...body, mandateId: m.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'agency', mandate: { id: m.id, scope: '代为申请个人独资企业设立登记' } });
    const principal = await login(p.app, person.username, person.password);
    expect((await get(principal, res.json().id)).status).toBe('submitted');
    expect((await agent.get('/api/v1/cases')).json().items.map((x: { id: string }) => x.id)).toContain(res.json().id);
  });

  it('drafts are saved, then submitted with the full check', async () => {
    const draft = await citizen.post('/api/v1/cases', {
      itemCode: code,
      situationKey: 'limitedCompany',
      formData: { companyName: '半成品' },
      submit: false,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const d = draft.json();
    expect(d).toMatchObject({ status: 'draft', number: null });
    const incomplete = await act(citizen, d, 'submit');
    expect(incomplete.json().error.code).toBe('CASE_FORM_INVALID');
    const saved = await citizen.put(`/api/v1/cases/${d.id}/draft`, {
      version: d.version,
      situationKey: 'limitedCompany',
      formData: companyForm,
      materials: [
        { requirementKey: 'application', materialId: await upload(p, citizen) },
        { requirementKey: 'idCard', materialId: await upload(p, citizen) },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await act(citizen, saved.json(), 'submit');
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    expect(submitted.json().number).toMatch(/^610922/);
  });

  it('the deadline sweep is exercised from the HTTP flow too (smoke)', async () => {
    const report = await sweepCases(p.ctx);
    expect(report).toEqual(expect.objectContaining({ deemedAccepted: expect.any(Number) }));
    const other = clientFor(p.app, citizen.token);
    expect((await other.get('/api/v1/cases?pageSize=100')).json().total).toBeGreaterThan(5);
  });
});
