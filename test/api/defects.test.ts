import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, login, makeCitizen } from './client.ts';
import { makeStaff } from './factories/bundle.ts';
import { act, makeCase, publishItem } from './factories/case.ts';
import { startTestPlatform, type TestPlatform, testDb } from './platform.ts';

/**
 * What a county hits first (defects issue 25), each reproduced: a requirement met by a held license refused at
 * acceptance (25.1); a failed 告知承诺 post-check that leaves the license in force (25.3, suspend mode here; revoke
 * mode in cases-flow); extensions always +10 days whatever the item's law says (25.8).
 */
let p: TestPlatform;
let citizen: Client;
let clerk: Client;
let reviewer: Client;
let approver: Client;

const verify = async (identifier: string, code?: string) =>
  (
    await p.app.inject({
      url: `/api/v1/licenses/${encodeURIComponent(identifier)}/verify${code ? `?code=${encodeURIComponent(code)}` : ''}`,
    })
  ).json();

beforeAll(async () => {
  p = await startTestPlatform();
  p.clock.set('2026-11-23T02:00:00Z');
  const c = await makeCitizen(p.ctx);
  citizen = await login(p.app, c.username, c.password);
  clerk = await login(p.app, 'clerk1');
  reviewer = await login(p.app, 'reviewer1');
  approver = await login(p.app, 'approver1');
});
afterAll(async () => {
  await p?.close();
});

/** Takes a promised case of the market item from submission to 办结 (returns the completed case). */
async function toCompletion(c0: { id: string; version: number }) {
  const a = (await act(clerk, c0, 'accept', { deferred: [] })).json();
  const r = (await act(reviewer, a, 'review', { opinion: 'approve', comment: '符合条件' })).json();
  const d = (await act(approver, r, 'decide', { decision: 'approved' })).json();
  const done = await act(approver, d, 'complete');
  expect(done.statusCode, done.body).toBe(200);
  return done.json();
}

describe(`免提交 at acceptance (25.1) (${testDb})`, () => {
  it('a requirement met by a license the applicant holds counts as present when the clerk accepts', async () => {
    // The applicant first gets a 营业执照 (the factory item's result) …
    const first = await publishItem(p);
    const issued = await toCompletion(await makeCase(p, citizen, first.code));
    expect(issued.status).toBe('issued');
    // … then applies for an item whose 营业执照 requirement a held license meets: no file is asked.
    const next = await publishItem(p, {
      materials: [
        {
          key: 'application',
          name: '申请书',
          source: '申请人',
          originals: 1,
          copies: 0,
          required: true,
          deferrable: false,
          fileTypes: ['pdf'],
          maxSizeMb: 10,
        },
        {
          key: 'articles',
          name: '营业执照',
          source: '市场监管部门',
          originals: 0,
          copies: 1,
          required: true,
          deferrable: false,
          fileTypes: ['pdf'],
          maxSizeMb: 10,
          replacedByLicenseType: '营业执照',
        },
        {
          key: 'idCard',
          name: '身份证明',
          source: '公安机关',
          originals: 0,
          copies: 1,
          required: true,
          deferrable: false,
          fileTypes: ['pdf'],
          maxSizeMb: 5,
        },
      ],
    });
    const reuse = await makeCase(p, citizen, next.code, { omit: ['articles'] });
    expect(reuse.materials.find((m: { requirementKey: string }) => m.requirementKey === 'articles')).toMatchObject({ status: 'license' });
    const accepted = await act(clerk, reuse, 'accept', { deferred: [] });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('accepted');
  });

  it('a requirement nothing meets is still refused at acceptance, naming it', async () => {
    const item = await publishItem(p);
    const c0 = await makeCase(p, citizen, item.code);
    await p.ctx.db.deleteFrom('case_materials').where('case_id', '=', c0.id).where('requirement_key', '=', 'idCard').execute();
    const refused = await act(clerk, c0, 'accept', { deferred: [] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'CASE_MATERIALS_MISSING', details: { missing: [{ key: 'idCard' }] } });
  });
});

describe(`告知承诺 post-check with suspension (25.3) (${testDb})`, () => {
  it('where the guide says so, a failed check suspends the license pending a decision: /verify and the wallet say why', async () => {
    const item = await publishItem(p, {
      name: '测试告知承诺暂停事项',
      postCheckRatio: 1,
      postCheckOnFailure: 'suspend',
      commitmentConditions: [
        { key: 'articlesPromise', text: '本人承诺公司章程符合法律规定，如有不实，愿承担法律责任。', replacesMaterialKey: 'articles' },
      ],
    });
    const c0 = await makeCase(p, citizen, item.code, { omit: ['articles'], conditionCommitments: ['articlesPromise'] });
    const a = (await act(clerk, c0, 'accept', { deferred: [] })).json();
    const d = (await act(approver, a, 'decide', { decision: 'approved' })).json();
    const done = (await act(approver, d, 'complete')).json();
    const license = done.timeline.at(-1).data.license as string;
    expect((await verify(license)).valid).toBe(true);
    const failed = await act(reviewer, done, 'post-check', { passed: false, findings: '经营场所与承诺不符' });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json().status).toBe('issued');
    expect(await verify(license)).toMatchObject({ valid: false, status: 'suspended' });
    // The reason: to the holder's keeper in the wallet (the public verifier shows it only with the 核验码).
    const kept = (await citizen.get('/api/v1/licenses')).json().items.find((l: { identifier: string }) => l.identifier === license);
    expect(kept).toMatchObject({ status: 'suspended' });
    expect(kept.statusReason).toContain('经营场所与承诺不符');
    expect((await verify(license, kept.verifyCode)).statusReason).toContain('经营场所与承诺不符');
    const notice = (await citizen.get('/api/v1/notifications')).json().items[0];
    expect(notice).toMatchObject({ kind: 'suspended' });
    expect(notice.body).toContain('暂停');
    const audit = await p.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', license).orderBy('seq').execute();
    expect(audit.map((e) => e.action)).toContain('license.suspend');
  });
});

describe(`extensions as the item's law allows (25.8) (${testDb})`, () => {
  it('an item allowing 5 days approved by a 首席代表: an approver may not approve it, the 首席代表 does, the limit grows by 5', async () => {
    const item = await publishItem(p, {
      name: '测试延期五日事项',
      extension: { days: 5, approverRole: 'chiefRepresentative', approverLevel: '首席代表', basis: '《测试条例》第十条' },
    });
    const chief = await makeStaff(p, 'chief_market', 'market', ['chiefRepresentative']);
    const plainApprover = (await makeStaff(p, 'approver_market', 'market', ['approver'])).client;
    const a = (await act(clerk, await makeCase(p, citizen, item.code), 'accept', { deferred: [] })).json();
    expect(a.extension.allowance).toEqual({ days: 5, approverLevel: '首席代表', basis: '《测试条例》第十条' });
    const asked = await act(reviewer, a, 'extension', { reason: '需要补充现场核查' });
    expect(asked.statusCode, asked.body).toBe(200);
    const seenByApprover = (await plainApprover.get(`/api/v1/cases/${a.id}`)).json();
    expect(seenByApprover.allowedActions).not.toContain('decideExtension');
    const byApprover = await act(plainApprover, seenByApprover, 'extension/decide', { approve: true });
    expect(byApprover.statusCode).toBe(403);
    expect(byApprover.json().error).toMatchObject({ code: 'CASE_ROLE_REQUIRED', details: { role: 'chiefRepresentative' } });
    const seen = (await chief.client.get(`/api/v1/cases/${a.id}`)).json();
    expect(seen.allowedActions).toContain('decideExtension');
    const approved = await act(chief.client, seen, 'extension/decide', { approve: true });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().extension).toMatchObject({ status: 'approved', days: 5 });
    expect(approved.json().clock.extensionDays).toBe(5);
  });

  it('an item whose law allows no extension offers none and refuses a request', async () => {
    const item = await publishItem(p, { name: '测试不得延期事项', extension: { days: 0 } });
    const a = (await act(clerk, await makeCase(p, citizen, item.code), 'accept', { deferred: [] })).json();
    const seen = (await reviewer.get(`/api/v1/cases/${a.id}`)).json();
    expect(seen.allowedActions).not.toContain('requestExtension');
    const refused = await act(reviewer, seen, 'extension', { reason: '需要更多时间' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CASE_EXTENSION_NOT_ALLOWED');
    expect((await reviewer.get(`/api/v1/cases/${a.id}`)).json()).toMatchObject({ version: seen.version, extension: { status: 'none' } });
  });

  it('the default remains the 10 days of 行政许可法 Art. 42', async () => {
    const item = await publishItem(p, { name: '测试默认延期事项' });
    const a = (await act(clerk, await makeCase(p, citizen, item.code), 'accept', { deferred: [] })).json();
    const asked = (await act(reviewer, a, 'extension', { reason: '情况复杂需延期' })).json();
    const approved = await act(approver, asked, 'extension/decide', { approve: true });
    expect(approved.json().extension).toMatchObject({ status: 'approved', days: 10 });
  });
});

describe(`a draft withdrawn (${testDb})`, () => {
  it('is withdrawn without a number, not refused with a 500 (the check allowed only drafts without one)', async () => {
    const { code } = await publishItem(p);
    const draft = await makeCase(p, citizen, code, { submit: false });
    expect(draft).toMatchObject({ status: 'draft', number: null });
    const r = await citizen.post(`/api/v1/cases/${draft.id}/withdraw`, { version: draft.version });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'withdrawn', number: null });
  });
});
