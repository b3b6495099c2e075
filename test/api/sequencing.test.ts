import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEventHandlers } from '../../src/server/events.ts';
import { validateIdNumber } from '../../src/server/platform/identifiers.ts';
import { login, makeCitizen, type Client } from './client.ts';
import { act } from './factories/case.ts';
import { fillForm, makeStaff, uploadMaterials } from './factories/bundle.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Defects issue 25.12, bundle sequencing (办理顺序): in 新生儿出生一件事 the 出生登记 waits for the 出生医学证明, and the
 * 医保 and 社会保障卡 wait for the 公民身份号码 that 出生登记 assigns; each is the newborn's, not the parent's. A prerequisite
 * that ends without a result lets the waiting ones lapse, with the reason, instead of leaving them waiting for ever.
 */
let p: TestPlatform;
let citizen: Client;
let newbornId: string;
type Sub = { id: string; itemName: string; status: string; version: number; waitsFor: string[]; decisionReason: string | null };
type Bundle = {
  id: string;
  status: string;
  version: number;
  subCases: Sub[];
  clock: { promisedDays: number };
  attention: { itemName: string; status: string; reason: string | null }[];
  package: {
    entries: { itemName: string; license: { identifier: string; typeName: string; holderName: string; holderCode: string } | null }[];
  };
};
const answers = { birthPlace: 'hospital', marital: 'married', services: ['medical', 'ssCard'] };
const BIRTH = '出生医学证明首次签发、换发、补发';

let health: { clerk: Client; reviewer: Client; approver: Client };
let police: Client;
let hrss: Client;
let medical: Client;

beforeAll(async () => {
  p = await startTestPlatform({ handlers: caseEventHandlers });
  p.clock.set('2026-11-23T02:00:00Z'); // Mon 10:00 Shanghai
  const c = await makeCitizen(p.ctx, { name: '王秀英' });
  citizen = await login(p.app, c.username, c.password);
  newbornId = (await citizen.get('/api/v1/bundles?regionCode=610922')).json().items.find((b: { key: string }) => b.key === 'newborn').id;
  health = {
    clerk: (await makeStaff(p, 'seq_health_clerk', 'health', ['clerk'])).client,
    reviewer: (await makeStaff(p, 'seq_health_reviewer', 'health', ['reviewer'])).client,
    approver: (await makeStaff(p, 'seq_health_approver', 'health', ['approver'])).client,
  };
  police = (await makeStaff(p, 'seq_police', 'police', ['clerk', 'approver'])).client;
  hrss = (await makeStaff(p, 'seq_hrss', 'hrss', ['clerk', 'approver'])).client;
  medical = (await makeStaff(p, 'seq_medical', 'medicalInsurance', ['clerk', 'approver'])).client;
});
afterAll(async () => {
  await p?.close();
});

async function apply(childName: string): Promise<{ bc: Bundle; form: Record<string, unknown>; asked: string[] }> {
  const sel = (await citizen.post(`/api/v1/bundles/${newbornId}/evaluate`, { answers })).json();
  const form = { ...fillForm(sel.form), childName, childSex: '女', birthDate: '2026-11-18' };
  const materials = await uploadMaterials(p, citizen, sel.materials);
  const res = await citizen.post(`/api/v1/bundles/${newbornId}/cases`, { answers, formData: form, materials });
  expect(res.statusCode, res.body).toBe(201);
  return { bc: res.json(), form, asked: sel.form.map((f: { key: string }) => f.key) };
}
const bundle = async (id: string): Promise<Bundle> => (await citizen.get(`/api/v1/bundle-cases/${id}`)).json();
const subOf = (bc: Bundle, name: string) => bc.subCases.find((c) => c.itemName === name)!;
const caseOf = async (id: string) => (await citizen.get(`/api/v1/cases/${id}`)).json();

/** 受理 → 审查 → 决定 (→ 制证) of the 出生医学证明 by three people of the health commission. */
async function handleBirthCertificate(sub: Sub, decision: 'approved' | 'denied') {
  let c = sub;
  for (const [client, action, body] of [
    [health.clerk, 'accept', {}],
    [health.reviewer, 'review', { opinion: 'approve', comment: '材料齐全' }],
    [health.approver, 'decide', decision === 'approved' ? { decision } : { decision, reason: '分娩记录与申请不符' }],
    [health.approver, 'complete', {}],
  ] as const) {
    const r = await act(client, c, action, body);
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    c = r.json();
  }
  return c;
}

describe(`一件事 sequencing (${testDb})`, () => {
  it('新生儿出生: 出生登记 waits for the 出生医学证明, 医保 and 社保卡 for the ID number it assigns; every result is the newborn’s', async () => {
    const { bc, asked } = await apply('李小雨');
    // Nobody is asked what a result will give: the certificate number, the newborn's ID number; the newborn is named once.
    expect(asked).not.toContain('certificateNumber');
    expect(asked).toContain('childName');
    expect(asked.filter((k) => k === 'childName' || k === 'applicantName')).toEqual(['childName', 'applicantName']);
    const waits = Object.fromEntries(bc.subCases.map((c) => [c.itemName, [c.status, [...c.waitsFor].sort()]]));
    expect(waits).toEqual({
      [BIRTH]: ['submitted', []],
      出生登记: ['waiting', [BIRTH]],
      城乡居民基本医疗保险参保登记: ['waiting', ['出生登记', BIRTH].sort()],
      社会保障卡申领: ['waiting', ['出生登记', BIRTH].sort()],
    });
    expect(bc.status).toBe('submitted');
    // The bundle's limit is the chain: the certificate (1 working day) then the 即办 items.
    expect(bc.clock.promisedDays).toBe(1);

    // A waiting sub-case is in no department's queue and cannot be handled yet.
    const hukou = subOf(bc, '出生登记');
    const early = await act(police, hukou, 'handle-immediately');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CASE_STATE_INVALID');
    expect((await police.get('/api/v1/staff/cases?queue=toAccept')).json().items.map((x: { id: string }) => x.id)).not.toContain(hukou.id);

    // The 出生医学证明 is issued to the newborn; 出生登记 reaches the police with the certificate's identifier.
    const birth = await handleBirthCertificate(subOf(bc, BIRTH), 'approved');
    expect(birth.status).toBe('issued');
    let now = await eventually(async () => {
      const b = await bundle(bc.id);
      return subOf(b, '出生登记').status === 'submitted' && b;
    });
    expect(subOf(now, '社会保障卡申领').status).toBe('waiting');
    const birthLicense = now.package.entries.find((e) => e.itemName === BIRTH)!.license!;
    expect(birthLicense).toMatchObject({ typeName: '出生医学证明', holderName: '李**' });
    const hukouCase = await caseOf(hukou.id);
    expect(hukouCase.formData.certificateNumber).toBe(birthLicense.identifier);
    expect(hukouCase.materials.find((m: { requirementKey: string }) => m.requirementKey === 'birthCertificate')).toMatchObject({
      status: 'shared',
      note: `由“${BIRTH}”办理结果共享（电子证照 ${birthLicense.identifier}）`,
    });
    expect(hukouCase.timeline.at(-1)).toMatchObject({ action: 'release', toStatus: 'submitted', note: `前置事项“${BIRTH}”已办结` });

    // 出生登记 assigns the newborn's 公民身份号码 (居民户口簿); 医保 and 社保卡 reach their departments with it.
    const registered = await act(police, subOf(now, '出生登记'), 'handle-immediately');
    expect(registered.statusCode, registered.body).toBe(200);
    expect(registered.json().status).toBe('issued');
    now = await eventually(async () => {
      const b = await bundle(bc.id);
      return b.subCases.every((c) => c.status !== 'waiting') && b;
    });
    const card = await caseOf(subOf(now, '社会保障卡申领').id);
    const insured = await caseOf(subOf(now, '城乡居民基本医疗保险参保登记').id);
    const idNumber = card.formData.applicantIdNumber as string;
    // A valid GB 11643 number of the county, born 2026-11-18, a girl (even sequence digit).
    expect(validateIdNumber(idNumber, { now: p.ctx.now() }).ok).toBe(true);
    expect(idNumber.slice(0, 14)).toBe('61092220261118');
    expect(Number(idNumber[16]) % 2).toBe(0);
    expect(insured.formData.applicantIdNumber).toBe(idNumber);
    expect(card.formData.applicantName).toBe('李小雨');
    expect(insured.formData.applicantName).toBe('李小雨');

    const cardDone = await act(hrss, subOf(now, '社会保障卡申领'), 'handle-immediately');
    expect(cardDone.statusCode, cardDone.body).toBe(200);
    expect((await act(medical, subOf(now, '城乡居民基本医疗保险参保登记'), 'handle-immediately')).statusCode).toBe(200);
    now = await bundle(bc.id);
    expect(now.status).toBe('completed');
    const licenses = Object.fromEntries(now.package.entries.filter((e) => e.license).map((e) => [e.license!.typeName, e.license!]));
    // Every license is the newborn's: the household register and the card carry the same assigned number.
    expect(licenses.居民户口簿).toMatchObject({ holderName: '李**' });
    expect(licenses.社会保障卡).toMatchObject({ holderName: '李**', holderCode: licenses.居民户口簿.holderCode });
    expect(licenses.社会保障卡.holderCode).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);

    // What the parent reads on the card's sealed PDF: the child's name and number, not the parent's.
    const pdf = await citizen.get(`/api/v1/licenses/${licenses.社会保障卡.identifier}/pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'seq-'));
    try {
      writeFileSync(join(dir, 'card.pdf'), pdf.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'card.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('李小雨');
      expect(text).toContain(idNumber);
      expect(text).not.toContain('王秀英');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a prerequisite that ends without a result lets the waiting sub-cases lapse, each telling why', async () => {
    const { bc } = await apply('赵小川');
    const birth = await handleBirthCertificate(subOf(bc, BIRTH), 'denied');
    expect(birth.status).toBe('completed');
    const now = await eventually(async () => {
      const b = await bundle(bc.id);
      return b.subCases.every((c) => c.status !== 'waiting') && b;
    });
    // The denial (不予许可决定书) is the one result to hand over.
    expect(now.status).toBe('completed');
    const reason = `因前置事项“${BIRTH}”未取得办理结果，本事项无法继续办理`;
    expect(subOf(now, '出生登记')).toMatchObject({ status: 'withdrawn', decisionReason: reason });
    // 医保 and 社保卡 wait for both; the first to end without a result ends them (here the certificate, or the lapsed 出生登记).
    for (const name of ['城乡居民基本医疗保险参保登记', '社会保障卡申领'])
      expect(subOf(now, name)).toMatchObject({
        status: 'withdrawn',
        decisionReason: expect.stringMatching(/^因前置事项“.+”未取得办理结果/),
      });
    expect(now.attention.map((a) => a.itemName).sort()).toEqual(
      [BIRTH, '出生登记', '城乡居民基本医疗保险参保登记', '社会保障卡申领'].sort(),
    );
    const timeline = (await caseOf(subOf(now, '出生登记').id)).timeline.at(-1);
    expect(timeline).toMatchObject({ action: 'lapse', toStatus: 'withdrawn', note: reason });
  });

  it('the applicant may withdraw a waiting sub-case; the others go on', async () => {
    const { bc } = await apply('孙小禾');
    const card = subOf(bc, '社会保障卡申领');
    const r = await citizen.post(`/api/v1/cases/${card.id}/withdraw`, { version: card.version, reason: '已在银行网点办理' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('withdrawn');
    const now = await bundle(bc.id);
    expect(subOf(now, '出生登记').status).toBe('waiting');
    expect(subOf(now, BIRTH).status).toBe('submitted');
  });
});
