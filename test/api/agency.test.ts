import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/server/platform/identifiers.ts';
import { type Client, login, makeCitizen } from './client.ts';
import { makeStaff } from './factories/bundle.ts';
import { companyForm, publishItem, upload } from './factories/case.ts';
import { eventually, startTestPlatform, type TestPlatform, testDb } from './platform.ts';

/**
 * Parties are who they say (security issue 26.1): an agent files or sees nothing of a person's until the person
 * confirms a mandate — by the SMS code sent to the phone already on record, or in person at a window — within its
 * items and expiry; a clerk filing for a walk-in must give the name on record for the ID number.
 */
let p: TestPlatform;
let agent: Client;
let clerk1: Client;
let code: string;
let otherCode: string;

const materials = async (client: Client) => [
  { requirementKey: 'application', materialId: await upload(p, client) },
  { requirementKey: 'idCard', materialId: await upload(p, client) },
];
const caseBody = async (client: Client, itemCode = code) => ({
  itemCode,
  situationKey: 'soleProprietor',
  formData: companyForm,
  materials: await materials(client),
});
/** The code of the mandate SMS sent to this phone (the SMS sink keeps each message by the phone's blind index). */
const mandateCode = async (phone: string) => {
  const sms = await eventually(() =>
    p.ctx.db
      .selectFrom('sms_messages')
      .select('body')
      .where('purpose', '=', 'mandate.confirm')
      .where('phone_index', '=', p.ctx.cipher.blindIndex(`phone:${phone}`))
      .executeTakeFirst(),
  );
  return /验证码(\d{6})/.exec(sms.body)![1];
};
const countCases = async () =>
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
  agent = (await makeStaff(p, 'agent_z', 'serviceCenter', ['agent'])).client;
  clerk1 = await login(p.app, 'clerk1');
  code = (await publishItem(p)).code;
  otherCode = (await publishItem(p)).code;
});
afterAll(async () => {
  await p?.close();
});

describe(`mandates (委托代办) (${testDb})`, () => {
  it('a made-up mandate (a document and a scope typed by the agent) files nothing', async () => {
    const person = await makeCitizen(p.ctx, { name: '钱大伯' });
    const before = await countCases();
    const typed = await agent.post('/api/v1/cases', {
      ...(await caseBody(agent)),
      applicant: { name: '钱大伯', idNumber: person.idNumber, phone: person.phone },
      mandate: { materialId: await upload(p, agent, 'mandate.pdf'), scope: '全部事项', validUntil: '2027-12-31' },
    });
    expect(typed.statusCode).toBe(400);
    const unconfirmed = await agent.post('/api/v1/mandates', {
      principal: { name: '钱大伯', idNumber: person.idNumber, phone: person.phone },
      scope: '代为申请企业设立登记',
      validUntil: '2026-12-31',
      materialId: await upload(p, agent, 'mandate.pdf'),
    });
    expect(unconfirmed.statusCode, unconfirmed.body).toBe(201);
    expect(unconfirmed.json()).toMatchObject({ status: 'pending', confirmBy: ['sms', 'window'], principalName: '钱**' });
    const refused = await agent.post('/api/v1/cases', { ...(await caseBody(agent)), mandateId: unconfirmed.json().id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'MANDATE_NOT_ACTIVE', details: { status: 'pending' } });
    expect(await countCases()).toBe(before);
  });

  it('the person confirms with the code sent to their phone on record; a wrong code is counted and locks after five tries', async () => {
    const person = await makeCitizen(p.ctx, { name: '孙大娘' });
    const asked = (
      await agent.post('/api/v1/mandates', {
        // The agent types another phone: the code still goes to the number on record.
        principal: { name: '孙大娘', idNumber: person.idNumber, phone: '13800000000' },
        itemCodes: [code],
        scope: '代为申请个人独资企业设立登记',
        validUntil: '2026-12-31',
        materialId: await upload(p, agent, 'mandate.pdf'),
      })
    ).json();
    const smsCode = await mandateCode(person.phone);
    const sent = await p.ctx.db
      .selectFrom('sms_messages')
      .select('phone_masked')
      .where('purpose', '=', 'mandate.confirm')
      .orderBy('sent_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(sent.phone_masked.slice(-4)).toBe(person.phone.slice(-4));
    const wrong = smsCode === '000000' ? '111111' : '000000';
    const bad = await agent.post(`/api/v1/mandates/${asked.id}/confirm`, { version: asked.version, code: wrong });
    expect(bad.json().error.code).toBe('MANDATE_CODE_INVALID');
    const ok = await agent.post(`/api/v1/mandates/${asked.id}/confirm`, { version: asked.version, code: smsCode });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'active', confirmedVia: 'sms' });

    // Filed under it: the person is the applicant; an item outside the mandate is refused.
    const filed = await agent.post('/api/v1/cases', { ...(await caseBody(agent)), mandateId: asked.id });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ channel: 'agency', applicantName: '孙**' });
    const outside = await agent.post('/api/v1/cases', { ...(await caseBody(agent, otherCode)), mandateId: asked.id });
    expect(outside.json().error).toMatchObject({ code: 'MANDATE_SCOPE_EXCEEDED', details: { itemCodes: [otherCode] } });
    // Naming someone else as the applicant under this mandate is refused.
    const stranger = await makeCitizen(p.ctx, { name: '李四' });
    const swapped = await agent.post('/api/v1/cases', {
      ...(await caseBody(agent)),
      mandateId: asked.id,
      applicant: { name: '李四', idNumber: stranger.idNumber, phone: stranger.phone },
    });
    expect(swapped.json().error.code).toBe('MANDATE_SCOPE_EXCEEDED');

    // The person ends it; nothing more can be filed.
    const principal = await login(p.app, person.username, person.password);
    const mine = (await principal.get('/api/v1/mandates')).json();
    expect(mine.items.map((m: { id: string }) => m.id)).toEqual([asked.id]);
    const ended = await principal.post(`/api/v1/mandates/${asked.id}/revoke`, { version: ok.json().version, reason: '不再需要代办' });
    expect(ended.statusCode, ended.body).toBe(200);
    const after = await agent.post('/api/v1/cases', { ...(await caseBody(agent)), mandateId: asked.id });
    expect(after.json().error).toMatchObject({ code: 'MANDATE_NOT_ACTIVE', details: { status: 'revoked' } });
    const audit = await p.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', asked.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['mandate.request', 'mandate.confirm', 'mandate.revoke']);
  });

  it('a code tried too often stops working', async () => {
    const person = await makeCitizen(p.ctx, { name: '周大爷' });
    const asked = (
      await agent.post('/api/v1/mandates', {
        principal: { name: '周大爷', idNumber: person.idNumber, phone: person.phone },
        scope: '代为申请',
        validUntil: '2026-12-31',
        materialId: await upload(p, agent, 'mandate.pdf'),
      })
    ).json();
    const smsCode = await mandateCode(person.phone);
    const wrong = smsCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await agent.post(`/api/v1/mandates/${asked.id}/confirm`, { version: asked.version, code: wrong });
    const late = await agent.post(`/api/v1/mandates/${asked.id}/confirm`, { version: asked.version, code: smsCode });
    expect(late.json().error.code).toBe('MANDATE_CODE_INVALID');
    expect((await agent.get(`/api/v1/mandates/${asked.id}`)).json().status).toBe('pending');
  });

  it('a person met for the first time confirms in person at a window: no code is sent to the number the agent typed, and the agent cannot confirm it', async () => {
    const idNumber = makeIdNumber({ regionCode: '610922', birthDate: '19480202', sequence: 517 });
    const asked = await agent.post('/api/v1/mandates', {
      principal: { name: '吴老太', idNumber, phone: '13900009999' },
      scope: '代为申请',
      validUntil: '2026-12-31',
      materialId: await upload(p, agent, 'mandate.pdf'),
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const m = asked.json();
    expect(m.confirmBy).toEqual(['window']);
    const bySms = await agent.post(`/api/v1/mandates/${m.id}/confirm`, { version: m.version, code: '123456' });
    expect(bySms.json().error.code).toBe('MANDATE_CODE_INVALID');
    const byAgent = await agent.post(`/api/v1/mandates/${m.id}/confirm-in-person`, { version: m.version });
    expect(byAgent.statusCode).toBe(403);
    const byClerk = await clerk1.post(`/api/v1/mandates/${m.id}/confirm-in-person`, { version: m.version });
    expect(byClerk.statusCode, byClerk.body).toBe(200);
    expect(byClerk.json()).toMatchObject({ status: 'active', confirmedVia: 'window' });
  });

  it('another agent cannot see or use a mandate', async () => {
    const other = (await makeStaff(p, 'agent_y', 'serviceCenter', ['agent'])).client;
    const mine = (await agent.get('/api/v1/mandates')).json().items[0];
    expect((await other.get(`/api/v1/mandates/${mine.id}`)).statusCode).toBe(404);
    const use = await other.post('/api/v1/cases', { ...(await caseBody(other)), mandateId: mine.id });
    expect(use.json().error.code).toBe('MANDATE_NOT_FOUND');
  });
});

describe(`walk-in applicants (${testDb})`, () => {
  it('a clerk who gives a wrong name for an ID number on record is refused; the record keeps its name', async () => {
    const person = await makeCitizen(p.ctx, { name: '郑秀英' });
    const before = await countCases();
    const wrong = await clerk1.post('/api/v1/cases', {
      ...(await caseBody(clerk1)),
      applicant: { name: '郑秀兰', idNumber: person.idNumber, phone: person.phone },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('APPLICANT_NAME_MISMATCH');
    expect(await countCases()).toBe(before);
    const right = await clerk1.post('/api/v1/cases', {
      ...(await caseBody(clerk1)),
      applicant: { name: '郑秀英', idNumber: person.idNumber, phone: person.phone },
    });
    expect(right.statusCode, right.body).toBe(201);
    expect(right.json().applicantName).toBe('郑**');
  });
});
