import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devEnterpriseRegister } from '../../src/server/modules/identity/enterprise-identity.ts';
import { makeCreditCode } from '../../src/server/platform/identifiers.ts';
import { activate, clientFor, login, makeCitizen, type Client } from './client.ts';
import { upload } from './factories/case.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Insiders and impostors (issue 26): administration scoped by region and hall, 三员分立 with a
 * two-person rule, accounts their creators never hold the keys to, and organisation claims verified
 * before they grant anything. Each reproduction of the issue is one test here.
 */
let p: TestPlatform;
let sec: Client;
let admin: Client;
let auditor: Client;
let clerk: Client;
let reviewer: Client;
let secDc: Client;
let reviewerDc: Client;
type Dept = { id: string; key: string; regionCode: string };
type Hall = { id: string; regionCode: string; windows: { id: string; kind: string; version: number }[] };
let departments: Dept[];
let halls: Hall[];
const dept = (key: string, region = '610922') => departments.find((d) => d.key === key && d.regionCode === region)!;
const hallIn = (region: string) => halls.find((h) => h.regionCode === region && h.windows.some((w) => w.kind !== 'peak'))!;

/** An account made through the database the way the seed makes demo accounts (outside secadmin1's reach), logged in. */
async function dbStaff(username: string, over: { deptKey?: string; region: string; roles: string[]; hallId?: string }) {
  const hash = (await p.ctx.db.selectFrom('accounts').select('password_hash').where('username', '=', 'clerk1').executeTakeFirstOrThrow())
    .password_hash;
  await p.ctx.db
    .insertInto('accounts')
    .values({
      username,
      password_hash: hash,
      kind: 'staff',
      display_name: username,
      roles: over.roles,
      department_id: over.deptKey ? dept(over.deptKey, over.region.slice(0, 6)).id : null,
      region_code: over.region,
      hall_id: over.hallId ?? null,
      totp_required: false,
    })
    .execute();
  return login(p.app, username);
}

/** A staff account made by `creator` through the API and activated by its holder (TOTP then off for the test). */
async function apiStaff(creator: Client, body: Record<string, unknown>) {
  const res = await creator.post('/api/v1/staff', body);
  expect(res.statusCode, res.body).toBe(201);
  const { client } = await activate(p.app, body.username as string, res.json().activation.code, 'Staff#2026x', p.ctx.now());
  await p.ctx.db
    .updateTable('accounts')
    .set({ totp_required: false })
    .where('username', '=', body.username as string)
    .execute();
  return { client, id: res.json().id as string };
}

const accountNamed = (username: string) => p.ctx.db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
const accountId = async (username: string) => (await accountNamed(username))!.id;
const count = async (table: 'accounts' | 'organizations' | 'organization_claims' | 'staff_requests') =>
  Number(
    (
      await p.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  p = await startTestPlatform();
  [sec, admin, auditor, clerk, reviewer] = await Promise.all(
    ['secadmin1', 'admin1', 'auditor1', 'clerk1', 'reviewer1'].map((u) => login(p.app, u)),
  );
  departments = [];
  halls = [];
  for (const region of ['610922', '513424', '610102', '610103']) {
    departments.push(...(await sec.get(`/api/v1/departments?regionCode=${region}&pageSize=100`)).json().items);
    halls.push(...(await sec.get(`/api/v1/halls?regionCode=${region}&pageSize=100`)).json().items);
  }
  secDc = await dbStaff('secadmin_dc', { deptKey: 'serviceCenter', region: '513424', roles: ['securityAdmin'] });
  reviewerDc = await dbStaff('reviewer_dc', { deptKey: 'market', region: '513424', roles: ['reviewer'] });
});
afterAll(async () => {
  await p?.close();
});

describe(`administration scoped by region and hall (${testDb})`, () => {
  it("refuses a county's security admin binding a hall admin to another county's hall, and creates nothing", async () => {
    const before = await count('accounts');
    const res = await sec.post('/api/v1/staff', {
      username: 'cross_hall_admin',
      displayName: '跨县大厅管理员',
      departmentId: dept('serviceCenter').id,
      hallId: hallIn('513424').id,
      roles: ['hallAdmin'],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(await count('accounts')).toBe(before);
  });

  it("keeps a hall admin bound to another county's hall (made before the check) out of that county's windows", async () => {
    const far = hallIn('513424');
    const window = far.windows.find((w) => w.kind !== 'peak')!;
    const intruder = await dbStaff('stale_hall_admin', {
      deptKey: 'serviceCenter',
      region: '610922',
      roles: ['hallAdmin'],
      hallId: far.id,
    });
    const res = await intruder.put(`/api/v1/windows/${window.id}/configuration`, { acceptsAll: true, version: window.version });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('WINDOW_NOT_FOUND');
    expect(
      (await intruder.post(`/api/v1/halls/${far.id}/windows`, { number: '99', name: '越权窗口', kind: 'comprehensive' })).statusCode,
    ).toBe(403);
    const after = await p.ctx.db
      .selectFrom('windows')
      .select(['version', 'accepts_all'])
      .where('id', '=', window.id)
      .executeTakeFirstOrThrow();
    expect(after.version).toBe(window.version);
    // A hall admin bound to a hall of their own county configures its windows.
    const own = hallIn('610922');
    const ownWindow = own.windows.find((w) => w.kind !== 'peak')!;
    const { client } = await apiStaff(sec, {
      username: 'own_hall_admin',
      displayName: '本县大厅管理员',
      departmentId: dept('serviceCenter').id,
      hallId: own.id,
      roles: ['hallAdmin'],
    });
    const fresh = (await client.get(`/api/v1/windows/${ownWindow.id}`)).json();
    expect(
      (await client.put(`/api/v1/windows/${ownWindow.id}/configuration`, { acceptsAll: true, version: fresh.version })).statusCode,
    ).toBe(200);
  });

  it("refuses a department admin's hall-bound clerk (a front desk), and a department admin changing a front desk's roles", async () => {
    const { client: deptAdmin } = await apiStaff(sec, {
      username: 'svc_dept_admin',
      displayName: '中心部门管理员',
      departmentId: dept('serviceCenter').id,
      roles: ['departmentAdmin'],
    });
    const before = await count('accounts');
    const bound = await deptAdmin.post('/api/v1/staff', {
      username: 'dept_front_desk',
      displayName: '部门前台',
      departmentId: dept('serviceCenter').id,
      hallId: hallIn('610922').id,
      roles: ['clerk'],
    });
    expect(bound.statusCode).toBe(403);
    expect(await count('accounts')).toBe(before);
    // Without a hall: an ordinary department clerk.
    const plain = await deptAdmin.post('/api/v1/staff', {
      username: 'dept_back_office',
      displayName: '部门后台',
      departmentId: dept('serviceCenter').id,
      roles: ['clerk'],
    });
    expect(plain.statusCode).toBe(201);
    const clerk1 = (await accountNamed('clerk1'))!;
    const change = await deptAdmin.put(`/api/v1/staff/${clerk1.id}/roles`, { roles: ['clerk', 'reviewer'], version: clerk1.version });
    expect(change.statusCode).toBe(403);
    expect((await accountNamed('clerk1'))!.roles).toEqual(['clerk']);
  });

  it("refuses a hall outside the department's region with STAFF_HALL_INVALID", async () => {
    const cityAdmin = await dbStaff('secadmin_xian', { region: '6101', roles: ['securityAdmin'] });
    const res = await cityAdmin.post('/api/v1/staff', {
      username: 'wrong_hall_clerk',
      displayName: '错位受理员',
      departmentId: dept('market', '610102').id,
      hallId: hallIn('610103').id,
      roles: ['clerk'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('STAFF_HALL_INVALID');
    expect(await accountNamed('wrong_hall_clerk')).toBeUndefined();
  });
});

describe(`三员分立: the two-person rule (${testDb})`, () => {
  it('refuses the security admin minting an audit (or system, or security) admin alone', async () => {
    const before = await count('accounts');
    for (const role of ['auditAdmin', 'systemAdmin', 'securityAdmin']) {
      const res = await sec.post('/api/v1/staff', {
        username: `solo_${role}`,
        displayName: '自封管理员',
        departmentId: dept('serviceCenter').id,
        roles: [role],
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('SEPARATION_APPROVAL_REQUIRED');
    }
    expect(await count('accounts')).toBe(before);
  });

  it("refuses the security admin removing the audit admin's role, alone or with the system admin", async () => {
    const target = (await accountNamed('auditor1'))!;
    const alone = await sec.put(`/api/v1/staff/${target.id}/roles`, { roles: [], version: target.version });
    expect(alone.statusCode).toBe(403);
    expect(alone.json().error.code).toBe('SEPARATION_APPROVAL_REQUIRED');
    const asked = await sec.post('/api/v1/staff-requests', {
      kind: 'roles',
      accountId: target.id,
      roles: ['clerk'],
      version: target.version,
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const id = asked.json().id;
    for (const [who, client] of [
      ['the requester', sec],
      ['the system admin', admin],
      ['the audit admin it targets', auditor],
    ] as const) {
      const res = await client.post(`/api/v1/staff-requests/${id}/decision`, { decision: 'approve', version: 1 });
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code, who).toBe('SEPARATION_APPROVER_INVALID');
    }
    expect((await accountNamed('auditor1'))!.roles).toEqual(['auditAdmin']);
    const listed = (await admin.get('/api/v1/staff-requests?status=pending')).json().items.find((r: { id: string }) => r.id === id);
    expect(listed).toMatchObject({ kind: 'roles', username: 'auditor1', mayDecide: false, requesterRole: 'securityAdmin' });
    // Rejected by the audit side, with a reason; nothing changes.
    const auditor2 = await makeAuditor('auditor_two');
    expect((await auditor2.post(`/api/v1/staff-requests/${id}/decision`, { decision: 'reject', version: 1 })).statusCode).toBe(400);
    const rejected = await auditor2.post(`/api/v1/staff-requests/${id}/decision`, {
      decision: 'reject',
      reason: '审计员不得被降级',
      version: 1,
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().request).toMatchObject({ status: 'rejected', reason: '审计员不得被降级' });
    expect((await accountNamed('auditor1'))!.roles).toEqual(['auditAdmin']);
  });

  /** secadmin1 asks, auditor1 (the audit side) approves; the holder activates. */
  async function makeAuditor(username: string) {
    const asked = await sec.post('/api/v1/staff-requests', {
      kind: 'create',
      username,
      displayName: '第二审计员',
      departmentId: dept('serviceCenter').id,
      roles: ['auditAdmin'],
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(await accountNamed(username)).toBeUndefined();
    const approved = await auditor.post(`/api/v1/staff-requests/${asked.json().id}/decision`, { decision: 'approve', version: 1 });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().request).toMatchObject({ status: 'approved', resultAccountId: expect.any(String) });
    const created = (await accountNamed(username))!;
    expect(created).toMatchObject({ status: 'pending', roles: ['auditAdmin'], totp_secret_enc: null });
    const { client } = await activate(p.app, username, approved.json().activation.code, 'Audit-Two-2026!', p.ctx.now());
    return client;
  }

  it('creates a system admin by a request of one administrator approved by another; the holder sets password and TOTP', async () => {
    const asked = await sec.post('/api/v1/staff-requests', {
      kind: 'create',
      username: 'sysadmin_two',
      displayName: '第二系统管理员',
      departmentId: dept('serviceCenter').id,
      roles: ['systemAdmin'],
    });
    expect(asked.statusCode).toBe(201);
    const approved = await admin.post(`/api/v1/staff-requests/${asked.json().id}/decision`, { decision: 'approve', version: 1 });
    expect(approved.statusCode, approved.body).toBe(200);
    const answer = JSON.stringify(approved.json());
    expect(answer).not.toMatch(/otpauth|password/i);
    const { client, totp } = await activate(p.app, 'sysadmin_two', approved.json().activation.code, 'Second-Sys-Admin-26', p.ctx.now());
    expect((await client.get('/api/v1/auth/me')).json().roles).toEqual(['systemAdmin']);
    const row = (await accountNamed('sysadmin_two'))!;
    expect(row.status).toBe('active');
    expect(p.ctx.cipher.decrypt(row.totp_secret_enc!)).toBe(totp.secret.base32);
    const events = await p.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', asked.json().id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['staff.request.create', 'staff.request.approve']);
  });

  it('lets the audit side approve removing an audit admin role', async () => {
    const auditor3 = await makeAuditor('auditor_three');
    const target = (await accountNamed('auditor_two'))!;
    const asked = await sec.post('/api/v1/staff-requests', {
      kind: 'roles',
      accountId: target.id,
      roles: ['clerk'],
      version: target.version,
    });
    const ok = await auditor3.post(`/api/v1/staff-requests/${asked.json().id}/decision`, { decision: 'approve', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await accountNamed('auditor_two'))!.roles).toEqual(['clerk']);
  });

  it("keeps another county's administrators out of the region's requests", async () => {
    const asked = await sec.post('/api/v1/staff-requests', {
      kind: 'create',
      username: 'sysadmin_three',
      displayName: '第三系统管理员',
      departmentId: dept('serviceCenter').id,
      roles: ['systemAdmin'],
    });
    const id = asked.json().id;
    const farAudit = await dbStaff('auditor_dc', { deptKey: 'serviceCenter', region: '513424', roles: ['auditAdmin'] });
    expect((await secDc.get('/api/v1/staff-requests')).json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    const res = await farAudit.post(`/api/v1/staff-requests/${id}/decision`, { decision: 'approve', version: 1 });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('STAFF_REQUEST_NOT_FOUND');
    expect(await accountNamed('sysadmin_three')).toBeUndefined();
  });
});

describe(`accounts their creators never hold the keys to (${testDb})`, () => {
  it('gives the creator a one-time activation code, never a password or TOTP secret', async () => {
    const res = await sec.post('/api/v1/staff', {
      username: 'keyless_clerk',
      displayName: '新受理员',
      departmentId: dept('market').id,
      roles: ['clerk'],
    });
    expect(res.statusCode).toBe(201);
    expect(Object.keys(res.json()).sort()).toEqual(['activation', 'id', 'status', 'username']);
    expect(res.json()).toMatchObject({ status: 'pending', activation: { code: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/) } });
    // Nobody logs in to a pending account.
    expect(
      (await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'keyless_clerk', password: '!pending' } }))
        .statusCode,
    ).toBe(401);
    const code = res.json().activation.code as string;
    // A weak password is refused and the account stays pending; the code still works afterwards.
    const start = await p.app.inject({ method: 'POST', url: '/api/v1/auth/activation', payload: { username: 'keyless_clerk', code } });
    expect(start.statusCode).toBe(200);
    const weak = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/activation/complete',
      payload: { username: 'keyless_clerk', code, password: 'keyless_clerk1', totp: '000000' },
    });
    expect(weak.json().error.code).toBe('PASSWORD_TOO_WEAK');
    expect((await accountNamed('keyless_clerk'))!.status).toBe('pending');
    const { client } = await activate(p.app, 'keyless_clerk', code.toLowerCase().replaceAll('-', ' '), 'Keyless-Clerk-2026', p.ctx.now());
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    // Used once.
    const again = await p.app.inject({ method: 'POST', url: '/api/v1/auth/activation', payload: { username: 'keyless_clerk', code } });
    expect(again.json().error.code).toBe('ACTIVATION_INVALID');
  });

  it('kills an activation code after 5 wrong tries, with one answer for a wrong code and a wrong username', async () => {
    const res = await sec.post('/api/v1/staff', {
      username: 'guessed_clerk',
      displayName: '被猜受理员',
      departmentId: dept('market').id,
      roles: ['clerk'],
    });
    const code = res.json().activation.code as string;
    const tryCode = (username: string, c: string) =>
      p.app.inject({ method: 'POST', url: '/api/v1/auth/activation', payload: { username, code: c } });
    const wrongUser = await tryCode('no_such_clerk', code);
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push(await tryCode('guessed_clerk', `AAAA-BBBB-CCCC-000${i}`));
    expect(wrong.every((w) => w.body === wrongUser.body)).toBe(true);
    expect(wrongUser.json().error.code).toBe('ACTIVATION_INVALID');
    expect((await tryCode('guessed_clerk', code)).json().error.code).toBe('ACTIVATION_INVALID');
  });

  it('sends the activation code by SMS when the holder’s phone is given, and shows it to no one', async () => {
    const res = await sec.post('/api/v1/staff', {
      username: 'sms_clerk',
      displayName: '短信受理员',
      departmentId: dept('market').id,
      roles: ['clerk'],
      phone: '13712340000',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().activation).toEqual({ sentTo: '137****0000', expiresAt: expect.any(String) });
    const code = await eventually(async () => {
      const m = await p.ctx.db
        .selectFrom('sms_messages')
        .selectAll()
        .where('phone_index', '=', p.ctx.cipher.blindIndex('phone:13712340000'))
        .executeTakeFirst();
      return m ? /激活码为([0-9A-Z-]{19})/.exec(m.body)![1] : null;
    });
    await activate(p.app, 'sms_clerk', code, 'Sms-Clerk-Ready-26', p.ctx.now());
  });

  it("resets a clerk's credentials with a new code (the old password stops working); an audit admin's only by request", async () => {
    const { id } = await apiStaff(sec, {
      username: 'reset_clerk',
      displayName: '重置受理员',
      departmentId: dept('market').id,
      roles: ['clerk'],
    });
    const before = await login(p.app, 'reset_clerk', 'Staff#2026x');
    const res = await sec.post(`/api/v1/staff/${id}/activation`, {});
    expect(res.statusCode).toBe(201);
    expect((await before.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(
      (await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'reset_clerk', password: 'Staff#2026x' } }))
        .statusCode,
    ).toBe(401);
    await activate(p.app, 'reset_clerk', res.json().code, 'Reset-Clerk-Again-26', p.ctx.now());
    const audit = await sec.post(`/api/v1/staff/${await accountId('auditor1')}/activation`, {});
    expect(audit.json().error.code).toBe('SEPARATION_APPROVAL_REQUIRED');
  });
});

describe(`organisation registration is a claim verified before it grants anything (${testDb})`, () => {
  const registered = devEnterpriseRegister[2];
  const citizen = async (over: { name?: string; idNumber?: string } = {}) => {
    const c = await makeCitizen(p.ctx, over);
    return { ...c, client: await login(p.app, c.username, c.password) };
  };
  const myOrgs = async (c: Client) => (await c.get('/api/v1/auth/me')).json().organizations as { creditCode: string }[];

  it('refuses a citizen claiming the government credit code 11610922610922010Y (and 2…, 3…, A… codes), writing nothing', async () => {
    const c = await citizen();
    const before = [await count('organizations'), await count('organization_claims')];
    const res = await c.client.post('/api/v1/organization-claims', { name: '石泉县人民政府', creditCode: '11610922610922010Y' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'ORGANIZATION_CLAIM_NOT_PUBLIC', details: { registrar: '1', authority: '机构编制' } });
    for (const registrar of ['2', '3', 'A']) {
      const code = makeCreditCode({ registrar, category: '1', regionCode: '610922', serial: 1234 });
      const r = await c.client.post('/api/v1/organization-claims', { name: '某机构', creditCode: code, method: 'staffReview' });
      expect(r.json().error.code, registrar).toBe('ORGANIZATION_CLAIM_NOT_PUBLIC');
    }
    expect([await count('organizations'), await count('organization_claims')]).toEqual(before);
    expect(await myOrgs(c.client)).toEqual([]);
  });

  it('verifies the registered legal representative at once through the enterprise identity service, and no one else', async () => {
    const other = await citizen();
    const mismatch = await other.client.post('/api/v1/organization-claims', { name: registered.name, creditCode: registered.creditCode });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error).toMatchObject({ code: 'ORGANIZATION_CLAIM_UNVERIFIED', details: { result: 'mismatch' } });
    const unknown = await other.client.post('/api/v1/organization-claims', { name: '厦门某某有限公司', creditCode: '91350200776049653A' });
    expect(unknown.json().error).toMatchObject({ code: 'ORGANIZATION_CLAIM_UNVERIFIED', details: { result: 'notFound' } });
    expect(await myOrgs(other.client)).toEqual([]);
    expect(await p.ctx.db.selectFrom('organizations').select('id').where('credit_code', '=', registered.creditCode).execute()).toHaveLength(
      0,
    );

    const rep = await citizen(registered.legalRepresentative);
    const body = { name: '随便写的名字', creditCode: registered.creditCode };
    const ok = await rep.client.post('/api/v1/organization-claims', body, { 'idempotency-key': 'claim-1' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      status: 'verified',
      method: 'enterpriseIdentity',
      verifiedBy: 'dev-register',
      name: registered.name,
    });
    const again = await rep.client.post('/api/v1/organization-claims', body, { 'idempotency-key': 'claim-1' });
    expect(again.body).toBe(ok.body);
    expect(await myOrgs(rep.client)).toEqual([
      expect.objectContaining({ creditCode: registered.creditCode, name: registered.name, role: 'legalRepresentative' }),
    ]);
    expect((await rep.client.get(`/api/v1/organizations/${ok.json().organizationId}`)).statusCode).toBe(200);
    expect((await other.client.get(`/api/v1/organizations/${ok.json().organizationId}`)).statusCode).toBe(404);
  });

  it('holds a staff-reviewed claim until a reviewer of the region approves it; a rejection needs a reason', async () => {
    const c = await citizen();
    const creditCode = makeCreditCode({ registrar: '9', category: '1', regionCode: '610922', serial: 71_000_001 });
    const none = await c.client.post('/api/v1/organization-claims', { name: '石泉县审核测试有限公司', creditCode, method: 'staffReview' });
    expect(none.json().error.code).toBe('ORGANIZATION_CLAIM_DOCUMENTS_REQUIRED');
    const stranger = await citizen();
    const foreign = await upload(p, stranger.client, 'not-mine.pdf');
    const notMine = await c.client.post('/api/v1/organization-claims', {
      name: '石泉县审核测试有限公司',
      creditCode,
      method: 'staffReview',
      licenseMaterialId: foreign,
      idCardMaterialId: foreign,
    });
    expect(notMine.statusCode).toBe(404);
    const body = {
      name: '石泉县审核测试有限公司',
      creditCode,
      method: 'staffReview',
      licenseMaterialId: await upload(p, c.client, 'license.pdf'),
      idCardMaterialId: await upload(p, c.client, 'id-card.pdf'),
    };
    const filed = await c.client.post('/api/v1/organization-claims', body);
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ status: 'pending', organizationId: null, hasDocuments: true, regionCode: '610922' });
    expect((await c.client.post('/api/v1/organization-claims', body)).json().error.code).toBe('ORGANIZATION_CLAIM_OPEN');
    // Pending: nothing granted.
    expect(await myOrgs(c.client)).toEqual([]);
    const id = filed.json().id;
    expect((await reviewer.get('/api/v1/organization-claims?status=pending')).json().items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await reviewerDc.get('/api/v1/organization-claims')).json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await reviewer.get(`/api/v1/organization-claims/${id}/documents/license`)).statusCode).toBe(200);
    const noReason = await reviewer.post(`/api/v1/organization-claims/${id}/decision`, { decision: 'reject', version: 1 });
    expect(noReason.json().error.code).toBe('VALIDATION_FAILED');
    const approved = await reviewer.post(`/api/v1/organization-claims/${id}/decision`, { decision: 'approve', version: 1 });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'verified', verifiedBy: 'staffReview', organizationId: expect.any(String) });
    expect(await myOrgs(c.client)).toEqual([expect.objectContaining({ creditCode, role: 'legalRepresentative' })]);
    const twice = await reviewer.post(`/api/v1/organization-claims/${id}/decision`, { decision: 'reject', reason: '重复', version: 2 });
    expect(twice.json().error.code).toBe('ORGANIZATION_CLAIM_DECIDED');
    const events = await p.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['organization.claim.create', 'organization.claim.approve']);
    expect(events[1].actor_id).toBe(await accountId('reviewer1'));
  });
});

describe(`the authorization matrix of the identity routes, other regions included (${testDb})`, () => {
  it('answers each actor as the rules say, and a refused call changes nothing', async () => {
    const claimant = await makeCitizen(p.ctx);
    const claimantClient = await login(p.app, claimant.username, claimant.password);
    const stranger = await login(p.app, (await makeCitizen(p.ctx)).username, 'Citizen#2026');
    const creditCode = makeCreditCode({ registrar: '9', category: '1', regionCode: '610922', serial: 72_000_002 });
    const claim = (
      await claimantClient.post('/api/v1/organization-claims', {
        name: '石泉县矩阵测试有限公司',
        creditCode,
        method: 'staffReview',
        licenseMaterialId: await upload(p, claimantClient),
        idCardMaterialId: await upload(p, claimantClient),
      })
    ).json();
    const request = (
      await sec.post('/api/v1/staff-requests', {
        kind: 'create',
        username: 'matrix_auditor',
        displayName: '矩阵审计员',
        departmentId: dept('serviceCenter').id,
        roles: ['auditAdmin'],
      })
    ).json();
    const { id: target } = await apiStaff(sec, {
      username: 'mx_target',
      displayName: '矩阵对象',
      departmentId: dept('market').id,
      roles: ['clerk'],
    });
    const anonymous = clientFor(p.app, '');
    const actors: Record<string, Client> = {
      anonymous,
      citizen: stranger,
      claimant: claimantClient,
      clerk,
      secadmin: sec,
      secadminOtherCounty: secDc,
      systemAdmin: admin,
      auditAdmin: auditor,
      reviewer,
      reviewerOtherCounty: reviewerDc,
    };
    const newClerk = (tag: string) => ({ username: `mx_${tag}`, displayName: '矩阵', departmentId: dept('market').id, roles: ['clerk'] });
    type Row = {
      route: string;
      call: (c: Client, who: string) => Promise<{ statusCode: number }>;
      expect: Record<string, number>;
      otherwise: number[];
    };
    const rows: Row[] = [
      {
        route: 'POST /api/v1/staff',
        call: (c, who) => c.post('/api/v1/staff', newClerk(who.toLowerCase())),
        expect: { anonymous: 401, secadmin: 201 },
        otherwise: [403],
      },
      {
        route: 'POST /api/v1/staff/{id}/activation',
        call: (c) => c.post(`/api/v1/staff/${target}/activation`, {}),
        expect: { anonymous: 401, secadmin: 0 },
        otherwise: [403, 404],
      },
      {
        route: 'POST /api/v1/staff-requests',
        call: (c, who) =>
          c.post('/api/v1/staff-requests', { ...newClerk(`req_${who.toLowerCase()}`), kind: 'create', roles: ['systemAdmin'] }),
        expect: { anonymous: 401, secadmin: 201 },
        otherwise: [403],
      },
      {
        route: 'GET /api/v1/staff-requests',
        call: (c) => c.get('/api/v1/staff-requests'),
        expect: { anonymous: 401, secadmin: 200, secadminOtherCounty: 200, systemAdmin: 200, auditAdmin: 200 },
        otherwise: [403],
      },
      {
        route: 'POST /api/v1/staff-requests/{id}/decision',
        call: (c) => c.post(`/api/v1/staff-requests/${request.id}/decision`, { decision: 'reject', reason: '矩阵', version: 1 }),
        expect: { anonymous: 401, secadmin: 403, systemAdmin: 403, auditAdmin: 0 },
        otherwise: [404],
      },
      {
        route: 'POST /api/v1/organization-claims',
        call: (c) => c.post('/api/v1/organization-claims', { name: '矩阵公司', creditCode: '11610922610922010Y' }),
        expect: { anonymous: 401 },
        otherwise: [403],
      },
      {
        route: 'GET /api/v1/organization-claims',
        call: (c) => c.get('/api/v1/organization-claims'),
        expect: { anonymous: 401, citizen: 200, claimant: 200, reviewer: 200, reviewerOtherCounty: 200 },
        otherwise: [403],
      },
      {
        route: 'GET /api/v1/organization-claims/{id}',
        call: (c) => c.get(`/api/v1/organization-claims/${claim.id}`),
        expect: { anonymous: 401, claimant: 200, reviewer: 200 },
        otherwise: [404],
      },
      {
        route: 'GET /api/v1/organization-claims/{id}/documents/{document}',
        call: (c) => c.get(`/api/v1/organization-claims/${claim.id}/documents/idCard`),
        expect: { anonymous: 401, claimant: 200, reviewer: 200 },
        otherwise: [404],
      },
      {
        route: 'POST /api/v1/organization-claims/{id}/decision',
        call: (c) => c.post(`/api/v1/organization-claims/${claim.id}/decision`, { decision: 'reject', reason: '矩阵', version: 1 }),
        expect: { anonymous: 401, reviewer: 0 },
        otherwise: [404],
      },
    ];
    const wrong: string[] = [];
    for (const row of rows) {
      for (const [who, client] of Object.entries(actors)) {
        if (row.expect[who] === 0) continue; // the allowed actor of a one-shot change: checked below
        const want = row.expect[who];
        const before = [await count('accounts'), await count('staff_requests'), await count('organization_claims')];
        const res = await row.call(client, who);
        const ok = want !== undefined ? res.statusCode === want : row.otherwise.includes(res.statusCode);
        if (!ok) wrong.push(`${who}: ${row.route} → ${res.statusCode} (wanted ${want ?? row.otherwise.join('/')})`);
        if (res.statusCode >= 400) {
          const after = [await count('accounts'), await count('staff_requests'), await count('organization_claims')];
          if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`${who}: ${row.route} refused but changed data`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // The allowed actors of the one-shot changes, last.
    expect((await sec.post(`/api/v1/staff/${target}/activation`, {})).statusCode).toBe(201);
    expect(
      (await auditor.post(`/api/v1/staff-requests/${request.id}/decision`, { decision: 'reject', reason: '矩阵', version: 1 })).statusCode,
    ).toBe(200);
    expect(
      (await reviewer.post(`/api/v1/organization-claims/${claim.id}/decision`, { decision: 'reject', reason: '矩阵', version: 1 }))
        .statusCode,
    ).toBe(200);
  });
});
