import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/server/platform/identifiers.ts';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/server/platform/logger.ts';
import { clientFor } from './client.ts';
import { companyForm, publishItem, upload } from './factories/case.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
const logged: string[] = [];
beforeAll(async () => {
  // Everything the platform logs, at info level, kept to check what never appears in it.
  const sink = new Writable({
    write(chunk, _enc, done) {
      logged.push(String(chunk));
      done();
    },
  });
  p = await startTestPlatform({ log: createLogger('info', sink) });
});
afterAll(async () => {
  await p?.close();
});

const post = (url: string, payload: object, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
  p.app.inject({ method: 'POST', url, payload, headers, remoteAddress });

/** Reads the SMS sink (the table the embedded SMS provider writes) for a phone: its nth message (1 = the first). */
async function smsCodeFor(phone: string, nth = 1): Promise<string> {
  const index = p.ctx.cipher.blindIndex(`phone:${phone}`);
  const msg = await eventually(async () => {
    const all = await p.ctx.db.selectFrom('sms_messages').selectAll().where('phone_index', '=', index).orderBy('sent_at').execute();
    return all[nth - 1];
  });
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
    const res = await post('/api/v1/auth/register', { username: 'lixiulan', password: 'Qinling-Road-88', ...person, smsCode });
    expect(res.statusCode).toBe(201);
    expect(res.json().realNameLevel).toBe(2);
    const login = await post('/api/v1/auth/login', { username: 'lixiulan', password: 'Qinling-Road-88' });
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
      password: 'Qinling-Road-88',
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
      password: 'Sms-Check-2026',
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

  it('answers nothing about taken usernames or ID numbers before a valid SMS code (no registration oracle)', async () => {
    const body = { password: 'Oracle-Test-2026', name: '李秀兰', phone: '13811112222', smsCode: '000000' };
    // A taken username and a registered ID number, with a wrong code: the same answer as for free ones.
    const takenUser = await post('/api/v1/auth/register', {
      ...body,
      username: 'citizen1',
      idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19920202', sequence: 7 }),
    });
    const takenId = await post('/api/v1/auth/register', { ...body, username: 'fresh_user', idNumber: person.idNumber });
    const free = await post('/api/v1/auth/register', {
      ...body,
      username: 'fresh_user2',
      idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19920202', sequence: 9 }),
    });
    for (const r of [takenUser, takenId, free]) expect(r.json().error.code).toBe('SMS_CODE_INVALID');
    expect(takenUser.body).toBe(free.body);
    expect(takenId.body).toBe(free.body);
  });

  it('refuses a weak or username-bearing password with the problems named, before anything else', async () => {
    const res = await post('/api/v1/auth/register', {
      username: 'zhangwei88',
      password: 'zhangwei88-2026',
      name: '张伟',
      idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19880101', sequence: 11 }),
      phone: '13811113333',
      smsCode: '000000',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('PASSWORD_TOO_WEAK');
    expect(res.json().error.details.problems).toContain('containsUsername');
    const common = await post('/api/v1/auth/register', {
      username: 'someone_new',
      password: 'P@ssw0rd2026',
      name: '张伟',
      idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19880101', sequence: 11 }),
      phone: '13811113333',
      smsCode: '000000',
    });
    expect(common.json().error).toMatchObject({ code: 'PASSWORD_TOO_WEAK', details: { problems: ['common'] } });
  });

  it('expires an SMS code after 10 minutes and allows the next one after a minute, by the platform clock', async () => {
    const t0 = Date.now();
    p.clock.set(new Date(t0));
    const phone = '13833334444';
    const ip = '10.7.0.1';
    expect((await post('/api/v1/auth/sms-codes', { phone, purpose: 'register' }, {}, ip)).statusCode).toBe(202);
    const code = await smsCodeFor(phone);
    p.clock.set(new Date(t0 + 30_000));
    expect((await post('/api/v1/auth/sms-codes', { phone, purpose: 'register' }, {}, ip)).statusCode).toBe(429);
    p.clock.set(new Date(t0 + 10 * 60_000 + 1000));
    const body = {
      username: 'late_user',
      password: 'Late-Comer-2026',
      name: '孙七',
      idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19770707', sequence: 77 }),
      phone,
      smsCode: code,
    };
    expect((await post('/api/v1/auth/register', body, {}, ip)).json().error.code).toBe('SMS_CODE_INVALID');
    expect((await post('/api/v1/auth/sms-codes', { phone, purpose: 'register' }, {}, ip)).statusCode).toBe(202);
    p.clock.reset();
  });

  it('lets a person first served at a window (no account) register online later, and see that case', async () => {
    const clerk = clientFor(p.app, (await post('/api/v1/auth/login', { username: 'clerk1', password: 'Tongban@2026' })).json().token);
    const item = await publishItem(p, {
      name: '窗口来访测试事项',
      handlingType: 'immediate',
      promisedLimit: { value: 0, unit: 'workday' },
      legalLimit: { value: 0, unit: 'workday' },
      result: { name: '准予登记通知书', type: 'document' },
    });
    const walkIn = {
      name: '周窗口',
      idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19660606', sequence: 606 }),
      phone: '13866667777',
    };
    const filed = await clerk.post('/api/v1/cases', {
      itemCode: item.code,
      situationKey: 'soleProprietor',
      formData: companyForm,
      materials: [
        { requirementKey: 'application', materialId: await upload(p, clerk, 'scan-application.pdf') },
        { requirementKey: 'idCard', materialId: await upload(p, clerk, 'scan-id.pdf') },
      ],
      applicant: walkIn,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    await post('/api/v1/auth/sms-codes', { phone: '13866668888', purpose: 'register' }, {}, '10.7.0.2');
    const code = await smsCodeFor('13866668888');
    // Another name for that ID number is refused (the window saw the ID card).
    const wrongName = await post(
      '/api/v1/auth/register',
      {
        username: 'zhou_online',
        password: 'Window-Later-2026',
        name: '周别人',
        idNumber: walkIn.idNumber,
        phone: '13866668888',
        smsCode: code,
      },
      {},
      '10.7.0.2',
    );
    expect(wrongName.statusCode).toBe(409);
    expect(wrongName.json().error.code).toBe('REGISTRATION_NAME_MISMATCH');
    p.clock.set(new Date(Date.now() + 61_000));
    await post('/api/v1/auth/sms-codes', { phone: '13866668888', purpose: 'register' }, {}, '10.7.0.2');
    p.clock.reset();
    const code2 = await eventually(async () => {
      const c = await smsCodeFor('13866668888', 2);
      return c !== code ? c : null;
    });
    const res = await post(
      '/api/v1/auth/register',
      {
        username: 'zhou_online',
        password: 'Window-Later-2026',
        name: walkIn.name,
        idNumber: walkIn.idNumber,
        phone: '13866668888',
        smsCode: code2,
      },
      {},
      '10.7.0.2',
    );
    expect(res.statusCode, res.body).toBe(201);
    const persons = await p.ctx.db
      .selectFrom('persons')
      .selectAll()
      .where('id_number_index', '=', p.ctx.cipher.blindIndex(`id:${walkIn.idNumber}`))
      .execute();
    expect(persons).toHaveLength(1);
    expect(res.json().personId).toBe(persons[0].id);
    expect(p.ctx.cipher.decrypt(persons[0].phone_enc!)).toBe('13866668888');
    const own = clientFor(
      p.app,
      (await post('/api/v1/auth/login', { username: 'zhou_online', password: 'Window-Later-2026' })).json().token,
    );
    expect((await own.get(`/api/v1/cases/${filed.json().id}`)).statusCode).toBe(200);
  });
});

describe(`what is never written to the log (${testDb})`, () => {
  it('keeps SMS codes, activation codes, rating links, session tokens, ID numbers and phone numbers out of the log', async () => {
    await post('/api/v1/auth/sms-codes', { phone: '13899990000', purpose: 'register' }, {}, '10.7.0.3');
    const code = await smsCodeFor('13899990000');
    const ratingToken = 'Rt7xQ2m9ZkP4wV8sLc3N5bY6dF1gH0jK';
    await p.app.inject({ url: `/api/v1/rate/${ratingToken}` });
    await p.app.inject({ url: `/rate/${ratingToken}?code=${code}` });
    const secToken = (await post('/api/v1/auth/login', { username: 'secadmin1', password: 'Tongban@2026' })).json().token as string;
    const sec = clientFor(p.app, secToken);
    const market = (await sec.get('/api/v1/departments?regionCode=610922&pageSize=100'))
      .json()
      .items.find((d: { key: string }) => d.key === 'market');
    const created = await sec.post('/api/v1/staff', {
      username: 'log_probe',
      displayName: '日志探针',
      departmentId: market.id,
      roles: ['clerk'],
      phone: '13899990001',
    });
    expect(created.statusCode).toBe(201);
    const activation = await eventually(async () => {
      const m = await p.ctx.db
        .selectFrom('sms_messages')
        .selectAll()
        .where('phone_index', '=', p.ctx.cipher.blindIndex('phone:13899990001'))
        .executeTakeFirst();
      return m ? /激活码为([0-9A-Z-]{19})/.exec(m.body)![1] : null;
    });
    // The demo's stand-in for the phone: its outbox, not the log.
    const outbox = await p.app.inject({ url: '/api/v1/demo/sms?phone=13899990000' });
    expect(outbox.json().items[0]).toMatchObject({ purpose: 'register', body: expect.stringContaining(`验证码为${code}`) });
    const text = logged.join('');
    expect(text).toContain('SMS (sink)');
    expect(text).toContain('/api/v1/rate/[redacted]');
    expect(text).not.toContain(`验证码为${code}`);
    expect(text).not.toContain(ratingToken);
    expect(text).not.toContain(activation);
    expect(text).not.toContain(`code=${code}`);
    // Everything this file did before (registrations, logins, walk-in filings) is in the same log.
    expect(text).not.toContain(secToken);
    for (const secret of [person.idNumber, person.phone, person.name, '13899990000', '13899990001', '13866668888']) {
      expect(text, secret).not.toContain(secret);
    }
  });
});
