import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, clientFor, login, makeCitizen, type Client } from './client.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
let sec: Client;
let departments: { id: string; key: string; name: string; version: number; regionCode: string }[];
const dept = (key: string, region = '610922') => departments.find((d) => d.key === key && d.regionCode === region)!;

beforeAll(async () => {
  p = await startTestPlatform();
  sec = await login(p.app, 'secadmin1');
  departments = [
    ...(await sec.get('/api/v1/departments?regionCode=610922&pageSize=100')).json().items,
    ...(await sec.get('/api/v1/departments?regionCode=513424&pageSize=100')).json().items,
  ];
});
afterAll(async () => {
  await p?.close();
});

async function citizenClient() {
  const c = await makeCitizen(p.ctx);
  const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: c.username, password: c.password } });
  return { ...c, client: clientFor(p.app, res.json().token) };
}

/** Creates a staff member and logs in with TOTP turned off directly in the database (test set-up only). */
async function staff(username: string, deptKey: string, roles: string[], region = '610922') {
  const res = await sec.post('/api/v1/staff', {
    username,
    displayName: username,
    departmentId: dept(deptKey, region).id,
    roles,
  });
  if (res.statusCode !== 201) throw new Error(`staff ${username}: ${res.statusCode} ${res.body}`);
  await activate(p.app, username, res.json().activation.code, 'Staff#2026x', p.ctx.now());
  await p.ctx.db.updateTable('accounts').set({ totp_required: false }).where('username', '=', username).execute();
  return login(p.app, username, 'Staff#2026x');
}

describe(`object-level authorization (${testDb})`, () => {
  it("a citizen reads their own person record but gets 404 for another citizen's", async () => {
    const a = await citizenClient();
    const b = await citizenClient();
    const own = await a.client.get(`/api/v1/persons/${a.personId}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().idNumber).toContain('********');
    const other = await a.client.get(`/api/v1/persons/${b.personId}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('PERSON_NOT_FOUND');
    const missing = await a.client.get('/api/v1/persons/00000000-0000-4000-8000-000000000000');
    expect(missing.body).toBe(other.body);
  });

  it('a citizen cannot read an organisation they are not authorised for', async () => {
    const a = await citizenClient();
    const company = await login(p.app, 'company1');
    const orgId = (await company.get('/api/v1/auth/me')).json().organizations[0].id;
    expect((await company.get(`/api/v1/organizations/${orgId}`)).statusCode).toBe(200);
    expect((await a.client.get(`/api/v1/organizations/${orgId}`)).statusCode).toBe(404);
  });

  it('a department admin edits their own department but not another, which stays unchanged', async () => {
    const admin = await staff('market_admin', 'market', ['departmentAdmin']);
    const market = dept('market');
    const ok = await admin.patch(`/api/v1/departments/${market.id}`, { phone: '0915-6321234', version: market.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ phone: '0915-6321234', version: market.version + 1 });
    const police = dept('police');
    const denied = await admin.patch(`/api/v1/departments/${police.id}`, { phone: '110' + '00', version: police.version });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('FORBIDDEN');
    const after = (await admin.get(`/api/v1/departments/${police.id}`)).json();
    expect(after.phone).toBeNull();
    expect(after.version).toBe(police.version);
  });

  it('a stale version gets 409 VERSION_CONFLICT and a missing one 428', async () => {
    const admin = await login(p.app, 'admin1');
    const d = dept('civil');
    expect((await admin.patch(`/api/v1/departments/${d.id}`, { address: '石泉县城关镇', version: d.version })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/departments/${d.id}`, { address: '别处', version: d.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await admin.patch(`/api/v1/departments/${d.id}`, { address: '别处' })).statusCode).toBe(428);
    const viaHeader = await admin.patch(
      `/api/v1/departments/${d.id}`,
      { address: '石泉县城关镇二号' },
      { 'if-match': `"${d.version + 1}"` },
    );
    expect(viaHeader.statusCode).toBe(200);
  });

  it('a system admin of 石泉县 cannot edit a department of 德昌县', async () => {
    const admin = await login(p.app, 'admin1');
    const far = dept('market', '513424');
    expect((await admin.patch(`/api/v1/departments/${far.id}`, { phone: '0834-1234567', version: far.version })).statusCode).toBe(403);
  });

  it('staff lists are scoped: a department admin sees only their department', async () => {
    const admin = await staff('police_admin', 'police', ['departmentAdmin']);
    await staff('police_clerk', 'police', ['clerk']);
    const list = (await admin.get('/api/v1/staff?pageSize=100')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((s: { department: { id: string } }) => s.department.id === dept('police').id)).toBe(true);
    expect((await admin.get(`/api/v1/staff?departmentId=${dept('market').id}`)).json().total).toBe(0);
  });

  it('a department admin cannot create staff in another department, nor grant admin roles', async () => {
    const admin = await login(p.app, 'police_admin', 'Staff#2026x');
    const other = await admin.post('/api/v1/staff', {
      username: 'sneaky1',
      displayName: 'x',
      departmentId: dept('market').id,
      roles: ['clerk'],
    });
    expect(other.statusCode).toBe(403);
    const escalate = await admin.post('/api/v1/staff', {
      username: 'sneaky2',
      displayName: 'x',
      departmentId: dept('police').id,
      roles: ['securityAdmin'],
    });
    expect(escalate.statusCode).toBe(403);
    expect(await p.ctx.db.selectFrom('accounts').select('id').where('username', 'in', ['sneaky1', 'sneaky2']).execute()).toHaveLength(0);
  });

  it('role changes are audited with before and after; one person never holds two of the separated admin roles', async () => {
    const list = (await sec.get('/api/v1/staff?pageSize=100')).json().items as { id: string; username: string; version: number }[];
    const clerk = list.find((s) => s.username === 'police_clerk')!;
    const both = await sec.put(`/api/v1/staff/${clerk.id}/roles`, { roles: ['systemAdmin', 'auditAdmin'], version: clerk.version });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.code).toBe('ROLE_INVALID');
    const res = await sec.put(`/api/v1/staff/${clerk.id}/roles`, { roles: ['clerk', 'reviewer'], version: clerk.version });
    expect(res.statusCode).toBe(200);
    const event = await p.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'staff.roles.update')
      .where('entity_id', '=', clerk.id)
      .executeTakeFirstOrThrow();
    expect(event.before).toMatchObject({ roles: ['clerk'] });
    expect(event.after).toMatchObject({ roles: ['clerk', 'reviewer'] });
  });

  it('a citizen calling staff and audit endpoints gets 403, and forged fields are refused', async () => {
    const a = await citizenClient();
    expect((await a.client.get('/api/v1/staff')).statusCode).toBe(403);
    expect((await a.client.get('/api/v1/audit-events')).statusCode).toBe(403);
    const forged = await a.client.post('/api/v1/organization-claims', {
      name: '某公司',
      creditCode: '91350200776049653A',
      legalRepresentative: 'someone',
      id: 'x',
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('UNKNOWN_FIELD');
    expect(forged.json().error.details.fields[0].keys).toEqual(expect.arrayContaining(['legalRepresentative', 'id']));
  });
});
