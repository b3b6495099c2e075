import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode, makeIdNumber } from '../../src/server/platform/identifiers.ts';
import { clientFor, makeCitizen } from './client.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  await p?.close();
});

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  p.app.inject({ method: 'POST', url, payload, headers });

/** Reads the SMS sink (the table the embedded SMS provider writes) for a phone. */
async function smsCodeFor(phone: string): Promise<string> {
  const index = p.ctx.cipher.blindIndex(`phone:${phone}`);
  const msg = await eventually(() => p.ctx.db.selectFrom('sms_messages').selectAll().where('phone_index', '=', index).executeTakeFirst());
  expect(msg.phone_masked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
  return /验证码为(\d{6})/.exec(msg.body)![1];
}

const person = {
  name: '李秀兰',
  idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19900101', sequence: 88 }),
  phone: '13912345678',
};

describe(`real-name registration (${testDb})`, () => {
  it('registers a citizen with an SMS code delivered through the job queue; the ID number is stored encrypted', async () => {
    expect((await post('/api/v1/auth/sms-codes', { phone: person.phone, purpose: 'register' })).statusCode).toBe(202);
    const smsCode = await smsCodeFor(person.phone);
    const res = await post('/api/v1/auth/register', { username: 'lixiulan', password: 'Lixiulan#88', ...person, smsCode });
    expect(res.statusCode).toBe(201);
    expect(res.json().realNameLevel).toBe(2);
    const login = await post('/api/v1/auth/login', { username: 'lixiulan', password: 'Lixiulan#88' });
    const me = (await clientFor(p.app, login.json().token).get('/api/v1/auth/me')).json();
    expect(me.person).toMatchObject({
      name: '李**',
      idNumber: '610922********0883'.slice(0, 14) + person.idNumber.slice(14),
      phone: '139****5678',
    });
    const row = await p.ctx.db.selectFrom('persons').selectAll().where('id', '=', res.json().personId).executeTakeFirstOrThrow();
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(person.idNumber);
    expect(raw).not.toContain(person.phone);
    expect(raw).not.toContain(person.name);
    expect(p.ctx.cipher.decrypt(row.id_number_enc)).toBe(person.idNumber);
    // The same ID number cannot be registered twice.
    await p.ctx.db
      .updateTable('sms_codes')
      .set({ created_at: new Date(Date.now() - 120_000) })
      .execute();
    await post('/api/v1/auth/sms-codes', { phone: '13912345679', purpose: 'register' });
    const code2 = await smsCodeFor('13912345679');
    const dup = await post('/api/v1/auth/register', {
      username: 'lixiulan2',
      password: 'Lixiulan#88',
      ...person,
      phone: '13912345679',
      smsCode: code2,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('PERSON_ALREADY_REGISTERED');
  });

  it.each([
    ['wrong check digit', person.idNumber.slice(0, 17) + (person.idNumber[17] === '1' ? '2' : '1'), 'checksum'],
    ['lower-case x', '11010519491231002x', 'format'],
    ['15-digit legacy number', '110105491231002', 'format'],
    ['impossible date', makeIdNumber({ regionCode: '610922', birthDate: '19990228', sequence: 1 }).replace('19990228', '19990230'), 'date'],
    ['unknown province', '99010519491231002X', 'region'],
    ['full-width digits', '１１０１０５１９４９１２３１００２X', 'format'],
  ])('refuses a malformed ID number (%s) with ID_NUMBER_INVALID and writes nothing', async (_label, idNumber, reason) => {
    const before = await p.ctx.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await post('/api/v1/auth/register', {
      username: 'baduser',
      password: 'Baduser#2026',
      name: '张三',
      idNumber,
      phone: '13700000000',
      smsCode: '123456',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'ID_NUMBER_INVALID', message: '身份证号码不正确', details: { reason } });
    const after = await p.ctx.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a wrong SMS code, and kills the code after 5 wrong tries', async () => {
    const phone = '13822223333';
    await post('/api/v1/auth/sms-codes', { phone, purpose: 'register' });
    const code = await smsCodeFor(phone);
    const body = {
      username: 'smsuser',
      password: 'Smsuser#2026',
      name: '赵六',
      idNumber: makeIdNumber({ regionCode: '513424', birthDate: '19880808', sequence: 5 }),
      phone,
    };
    for (let i = 0; i < 5; i++) {
      const wrong = await post('/api/v1/auth/register', { ...body, smsCode: code === '000000' ? '000001' : '000000' });
      expect(wrong.json().error.code).toBe('SMS_CODE_INVALID');
    }
    expect((await post('/api/v1/auth/register', { ...body, smsCode: code })).json().error.code).toBe('SMS_CODE_INVALID');
  });

  it('allows one SMS code a minute per phone', async () => {
    expect((await post('/api/v1/auth/sms-codes', { phone: '13755556666', purpose: 'register' })).statusCode).toBe(202);
    const again = await post('/api/v1/auth/sms-codes', { phone: '13755556666', purpose: 'register' });
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('RATE_LIMITED');
    expect((await post('/api/v1/auth/sms-codes', { phone: '1375555', purpose: 'register' })).json().error.code).toBe('PHONE_INVALID');
  });

  it('lets a citizen register an organisation with a valid credit code and act for it', async () => {
    const c = await makeCitizen(p.ctx);
    const login = await post('/api/v1/auth/login', { username: c.username, password: c.password });
    const client = clientFor(p.app, login.json().token);
    const bad = await client.post('/api/v1/organizations', { name: '石泉县某某有限公司', creditCode: '91350203M0001QAY9B' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('CREDIT_CODE_INVALID');
    const ok = await client.post('/api/v1/organizations', { name: '厦门某某有限公司', creditCode: '91350200776049653A' });
    expect(ok.statusCode).toBe(201);
    const me = (await client.get('/api/v1/auth/me')).json();
    expect(me.organizations).toEqual([
      expect.objectContaining({ name: '厦门某某有限公司', creditCode: '91350200776049653A', role: 'legalRepresentative' }),
    ]);
    expect((await client.get(`/api/v1/organizations/${ok.json().id}`)).statusCode).toBe(200);
  });

  it('replays the first answer for a repeated Idempotency-Key and refuses the key for another body', async () => {
    const c = await makeCitizen(p.ctx);
    const client = clientFor(p.app, (await post('/api/v1/auth/login', { username: c.username, password: c.password })).json().token);
    const body = {
      name: '石泉县茶园农民专业合作社',
      creditCode: makeCreditCode({ registrar: '9', category: '3', regionCode: '610922', serial: 70_000_001 }),
    };
    const first = await client.post('/api/v1/organizations', body, { 'idempotency-key': 'org-1' });
    const again = await client.post('/api/v1/organizations', body, { 'idempotency-key': 'org-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    const orgs = await p.ctx.db.selectFrom('organizations').select('id').where('credit_code', '=', body.creditCode).execute();
    expect(orgs).toHaveLength(1);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await client.post('/api/v1/organizations', { ...body, name: '另一个名字' }, { 'idempotency-key': 'org-1' });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_MISMATCH');
  });
});
