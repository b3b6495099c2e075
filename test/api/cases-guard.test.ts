import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, login, makeCitizen, type Client } from './client.ts';
import { act, companyForm, makeCase, pdfBytes, publishItem, upload } from './factories/case.ts';
import { multipartFile } from './factories/multipart.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
let citizen: Client;
let stranger: Client;
let clerk: Client;
let reviewer: Client;
let approver: Client;
let policeReviewer: Client;
let dualRole: Client;
let code: string;

async function staff(username: string, deptKey: string, roles: string[]) {
  const sec = await login(p.app, 'secadmin1');
  const dept = (await sec.get('/api/v1/departments?regionCode=610922&pageSize=100'))
    .json()
    .items.find((d: { key: string }) => d.key === deptKey);
  const res = await sec.post('/api/v1/staff', { username, displayName: username, departmentId: dept.id, roles });
  expect(res.statusCode, res.body).toBe(201);
  await activate(p.app, username, res.json().activation.code, 'Staff#2026x', p.ctx.now());
  await p.ctx.db.updateTable('accounts').set({ totp_required: false }).where('username', '=', username).execute();
  return login(p.app, username, 'Staff#2026x');
}

const count = async () =>
  Number(
    (
      await p.ctx.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const rawUpload = (client: Client, filename: string, bytes: Buffer) => {
  const { payload, headers } = multipartFile(filename, bytes);
  return p.app.inject({
    method: 'POST',
    url: '/api/v1/materials',
    payload,
    headers: { ...headers, authorization: `Bearer ${client.token}` },
  });
};

beforeAll(async () => {
  p = await startTestPlatform();
  const a = await makeCitizen(p.ctx);
  const b = await makeCitizen(p.ctx);
  citizen = await login(p.app, a.username, a.password);
  stranger = await login(p.app, b.username, b.password);
  clerk = await login(p.app, 'clerk1');
  reviewer = await login(p.app, 'reviewer1');
  approver = await login(p.app, 'approver1');
  policeReviewer = await staff('police_reviewer', 'police', ['reviewer', 'approver']);
  dualRole = await staff('market_dual', 'market', ['reviewer', 'approver']);
  code = (await publishItem(p, { promisedLimit: { value: 5, unit: 'workday' } })).code;
});
afterAll(async () => {
  await p?.close();
});

describe(`case guards: bad input gets a precise 4xx and changes nothing (${testDb})`, () => {
  it('refuses a forged status, handler or department field', async () => {
    const before = await count();
    for (const forged of [
      { status: 'decided' },
      { handlerId: '00000000-0000-0000-0000-000000000000' },
      { departmentId: '00000000-0000-0000-0000-000000000000' },
    ]) {
      const res = await citizen.post('/api/v1/cases', { itemCode: code, situationKey: 'limitedCompany', formData: companyForm, ...forged });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('UNKNOWN_FIELD');
    }
    const c = await makeCase(p, citizen, code);
    const forgedAction = await citizen.post(`/api/v1/cases/${c.id}/withdraw`, { version: c.version, status: 'withdrawn' });
    expect(forgedAction.json().error.code).toBe('UNKNOWN_FIELD');
    expect(await count()).toBe(before + 1);
  });

  it('lists every missing material; checks each material against its requirement; refuses disguised files', async () => {
    const missing = await citizen.post('/api/v1/cases', { itemCode: code, situationKey: 'limitedCompany', formData: companyForm });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({
      code: 'CASE_MATERIALS_MISSING',
      details: {
        missing: [
          { key: 'application', name: '企业设立登记申请书' },
          { key: 'idCard', name: '法定代表人身份证明' },
        ],
      },
    });
    expect(missing.json().error.message).toBe('申请材料不齐全，请补充列出的材料');
    const en = await citizen.post(
      '/api/v1/cases',
      { itemCode: code, situationKey: 'limitedCompany', formData: companyForm },
      { 'accept-language': 'en' },
    );
    expect(en.json().error.message).toBe('Required materials are missing; see the list');

    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'binary'), Buffer.alloc(200, 1)]);
    const disguised = await rawUpload(citizen, '营业执照.pdf', exe);
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().error.code).toBe('FILE_TYPE_MISMATCH');
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
      'hex',
    );
    expect((await rawUpload(citizen, 'scan.pdf', png)).statusCode).toBe(415);
    expect((await rawUpload(citizen, 'page.html', Buffer.from('<html><script>alert(1)</script></html>'))).statusCode).toBe(415);
    const pngId = (await rawUpload(citizen, 'scan.png', png)).json().id;
    const wrongKind = await citizen.post('/api/v1/cases', {
      itemCode: code,
      situationKey: 'limitedCompany',
      formData: companyForm,
      materials: [{ requirementKey: 'application', materialId: pngId }],
    });
    expect(wrongKind.json().error).toMatchObject({
      code: 'CASE_MATERIAL_NOT_ACCEPTED',
      details: { problems: [{ requirementKey: 'application', reason: 'fileType', allowed: ['pdf'] }] },
    });
    const notOfSituation = await citizen.post('/api/v1/cases', {
      itemCode: code,
      situationKey: 'soleProprietor',
      formData: companyForm,
      materials: [{ requirementKey: 'articles', materialId: await upload(p, citizen) }],
    });
    expect(notOfSituation.json().error.details.problems[0]).toMatchObject({ requirementKey: 'articles', reason: 'notRequired' });
    const formBad = await citizen.post('/api/v1/cases', {
      itemCode: code,
      situationKey: 'limitedCompany',
      formData: { companyName: '石泉县测试有限公司', capital: -1 },
    });
    expect(formBad.json().error.code).toBe('CASE_FORM_INVALID');
    expect(formBad.json().error.details.errors.map((e: { field: string }) => e.field)).toEqual(['legalRep', 'capital']);
    const situation = await citizen.post('/api/v1/cases', { itemCode: code, situationKey: 'noSuchThing', formData: companyForm });
    expect(situation.json().error.code).toBe('CASE_SITUATION_UNKNOWN');
  });

  it("another applicant's material or case is not found; the owner's content is served inline and never as HTML", async () => {
    const mine = await upload(p, citizen, '申请书.pdf', pdfBytes('mine'));
    const theirs = await stranger.post('/api/v1/cases', {
      itemCode: code,
      situationKey: 'soleProprietor',
      formData: companyForm,
      materials: [{ requirementKey: 'application', materialId: mine }],
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('MATERIAL_NOT_FOUND');
    expect((await stranger.get(`/api/v1/materials/${mine}/content`)).statusCode).toBe(404);
    const own = await citizen.get(`/api/v1/materials/${mine}/content`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toMatch(/^inline/);
    expect(own.headers['x-content-type-options']).toBe('nosniff');

    const c = await makeCase(p, citizen, code);
    for (const [client, label] of [
      [stranger, 'other citizen'],
      [policeReviewer, 'other department'],
    ] as const) {
      const read = await client.get(`/api/v1/cases/${c.id}`);
      expect(read.statusCode, label).toBe(404);
      expect(read.json().error.code).toBe('CASE_NOT_FOUND');
      expect((await act(client, c, 'withdraw')).statusCode, label).toBe(404);
      expect((await client.get(`/api/v1/cases/${c.id}/documents/receipt`)).statusCode, label).toBe(404);
    }
    expect((await act(policeReviewer, c, 'accept')).json().error.code).toBe('CASE_NOT_FOUND');
    expect((await stranger.get('/api/v1/cases')).json().items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    expect(
      (await policeReviewer.get('/api/v1/staff/cases?queue=open&pageSize=100')).json().items.map((x: { id: string }) => x.id),
    ).not.toContain(c.id);
    expect((await stranger.get(`/api/v1/materials/${c.materials[0].material.id}/content`)).statusCode).toBe(404);
    expect((await reviewer.get(`/api/v1/materials/${c.materials[0].material.id}/content`)).statusCode).toBe(200);
  });

  it('a wrong role, a stale version or a missing version changes nothing', async () => {
    const c = await makeCase(p, citizen, code);
    const a = (await act(clerk, c, 'accept')).json();
    const early = await act(approver, a, 'decide', { decision: 'approved' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details).toMatchObject({ action: 'decide', step: 'review' });
    const wrongRole = await act(clerk, a, 'review', { opinion: 'approve', comment: '同意' });
    expect(wrongRole.statusCode).toBe(403);
    const r = (await act(reviewer, a, 'review', { opinion: 'approve', comment: '同意' })).json();
    const byReviewer = await act(reviewer, r, 'decide', { decision: 'approved' });
    expect(byReviewer.statusCode).toBe(403);
    expect(byReviewer.json().error).toMatchObject({ code: 'CASE_ROLE_REQUIRED', details: { step: 'decide', role: 'approver' } });
    const stale = await act(approver, a, 'decide', { decision: 'approved' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: r.version } });
    const noVersion = await approver.post(`/api/v1/cases/${a.id}/decide`, { decision: 'approved' });
    expect(noVersion.statusCode).toBe(428);
    const denyWithoutReason = await act(approver, r, 'decide', { decision: 'denied' });
    expect(denyWithoutReason.statusCode).toBe(400);
    const after = (await approver.get(`/api/v1/cases/${a.id}`)).json();
    expect(after).toMatchObject({ status: 'review', version: r.version, decision: null });
    expect(after.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'review']);
  });

  it('the same person may not review and decide; 首席代表 may decide', async () => {
    const c = await makeCase(p, citizen, code);
    const a = (await act(clerk, c, 'accept')).json();
    const r = (await act(dualRole, a, 'review', { opinion: 'approve', comment: '同意' })).json();
    const same = await act(dualRole, r, 'decide', { decision: 'approved' });
    expect(same.statusCode).toBe(403);
    expect(same.json().error.code).toBe('CASE_SAME_REVIEWER');
    expect((await dualRole.get(`/api/v1/cases/${c.id}`)).json().allowedActions).not.toContain('decide');
    const chief = await act(approver, r, 'decide', { decision: 'approved' });
    expect(chief.statusCode, chief.body).toBe(200);
  });

  it('retrying a submission with the same Idempotency-Key creates one case', async () => {
    const before = await count();
    const body = {
      itemCode: code,
      situationKey: 'soleProprietor',
      formData: companyForm,
      materials: [
        { requirementKey: 'application', materialId: await upload(p, citizen) },
        { requirementKey: 'idCard', materialId: await upload(p, citizen) },
      ],
    };
    const first = await citizen.post('/api/v1/cases', body, { 'idempotency-key': 'apply-1' });
    const second = await citizen.post('/api/v1/cases', body, { 'idempotency-key': 'apply-1' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    expect(await count()).toBe(before + 1);
  });

  it('50 concurrent approve calls on one case: exactly one succeeds', async () => {
    const c = await makeCase(p, citizen, code);
    const a = (await act(clerk, c, 'accept')).json();
    const r = (await act(reviewer, a, 'review', { opinion: 'approve', comment: '同意' })).json();
    const results = await Promise.all(Array.from({ length: 50 }, () => act(approver, r, 'decide', { decision: 'approved' })));
    const codes = results.map((x) => x.statusCode);
    expect(codes.filter((s) => s === 200)).toHaveLength(1);
    expect(codes.filter((s) => s === 409)).toHaveLength(49);
    const events = await p.ctx.db
      .selectFrom('case_events')
      .select('action')
      .where('case_id', '=', c.id)
      .where('action', '=', 'decide')
      .execute();
    expect(events).toHaveLength(1);
    const audit = await p.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', c.id)
      .where('action', '=', 'case.decide')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
