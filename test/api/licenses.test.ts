import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, login, makeCitizen, type Client } from './client.ts';
import { act, companyForm, makeCase, publishItem } from './factories/case.ts';
import { makeLicenseId, parseLicenseId } from '../../src/server/platform/license-id.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
let citizen: Client;
let clerk: Client;
let reviewer: Client;
let approver: Client;

const verify = (id: string, code?: string) =>
  p.app
    .inject({ url: `/api/v1/licenses/${encodeURIComponent(id)}/verify${code === undefined ? '' : `?code=${encodeURIComponent(code)}`}` })
    .then((r) => r.json());

function multipart(files: Record<string, Buffer>) {
  const boundary = `----tongban${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(files).map(([name, bytes]) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

beforeAll(async () => {
  p = await startTestPlatform();
  const c = await makeCitizen(p.ctx, { name: '李明' });
  citizen = await login(p.app, c.username, c.password);
  clerk = await login(p.app, 'clerk1');
  reviewer = await login(p.app, 'reviewer1');
  approver = await login(p.app, 'approver1');
});
afterAll(async () => {
  await p?.close();
});

describe(`electronic licenses (${testDb})`, () => {
  it('an approved case issues a sealed, signed license that anyone can verify; tampering and revocation are named', async () => {
    const { code } = await publishItem(p, { result: { name: '营业执照', type: 'license', licenseType: '营业执照' } });
    let c = await makeCase(p, citizen, code);
    c = (await act(clerk, c, 'accept')).json();
    c = (await act(reviewer, c, 'review', { opinion: 'approve', comment: '同意' })).json();
    c = (await act(approver, c, 'decide', { decision: 'approved' })).json();
    const done = await act(approver, c, 'complete');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('issued');
    const identifier: string = done.json().timeline.at(-1).data.license;
    expect(identifier).toMatch(/^1\.2\.156\.3005\.2\.[0-9A-Z]{21}\.[0-9A-Z]{18}\.\d{11}\.001\.[0-9A-Z]$/);

    const again = await act(approver, done.json(), 'complete');
    expect(again.statusCode).toBe(409);
    expect(await p.ctx.db.selectFrom('licenses').select('id').where('case_id', '=', c.id).execute()).toHaveLength(1);

    const ok = await verify(identifier);
    expect(ok).toMatchObject({ found: true, valid: true, status: 'valid', typeName: '营业执照' });
    // The holder only with the 核验码 printed on the license (the holder's wallet shows it too).
    expect(ok.holderName).toBeUndefined();
    const verifyCode: string = (await citizen.get('/api/v1/licenses'))
      .json()
      .items.find((x: { identifier: string }) => x.identifier === identifier).verifyCode;
    expect(verifyCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const withCode = await verify(identifier, verifyCode);
    // The enterprise being registered holds its 营业执照 (its name from the form, the code assigned at registration);
    // the applicant keeps it in their wallet as its representative (25.2: it was issued in the applicant's name).
    expect(withCode).toMatchObject({ found: true, valid: true, holderName: '石泉县测试商贸有限公司' });
    expect(withCode.holderCode).toMatch(/^91610922\d{8}[0-9A-Z][0-9A-HJ-NP-RTUWXY]$/);
    expect(ok.checks.every((x: { ok: boolean }) => x.ok)).toBe(true);
    expect(ok.checks.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['documentHash', 'signature', 'sealSignature', 'makerTrusted']),
    );

    const wrongCheck = identifier.slice(0, -1) + (identifier.endsWith('A') ? 'B' : 'A');
    const bad = await verify(wrongCheck);
    expect(bad).toMatchObject({ found: false, valid: false, checks: [{ name: 'identifier', ok: false, detail: 'checkChar' }] });

    const row = await p.ctx.db
      .selectFrom('licenses')
      .select(['pdf_sm3', 'signature_der'])
      .where('identifier', '=', identifier)
      .executeTakeFirstOrThrow();
    const pdf = await p.ctx.files.get(row.pdf_sm3);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const signature = Buffer.from(row.signature_der, 'base64');
    const upload = (files: Record<string, Buffer>) => {
      const m = multipart(files);
      return p.app
        .inject({ method: 'POST', url: '/api/v1/license-verifications', payload: m.payload, headers: m.headers })
        .then((r) => r.json());
    };
    expect((await upload({ pdf, signature })).valid).toBe(true);
    const tampered = Buffer.from(pdf);
    tampered[tampered.length - 20] ^= 0x01;
    const t = await upload({ pdf: tampered, signature });
    expect(t.valid).toBe(false);
    expect(t.checks.find((x: { name: string }) => x.name === 'documentHash')).toMatchObject({ ok: false });

    // The wallet: the holder sees the license, shows it (亮证) with a code that expires.
    const mine = (await citizen.get('/api/v1/licenses')).json();
    expect(mine.items.map((x: { identifier: string }) => x.identifier)).toContain(identifier);
    expect((await citizen.get(`/api/v1/licenses/${encodeURIComponent(identifier)}/pdf`)).headers['content-type']).toBe('application/pdf');
    expect(
      (await clientFor(p.app, (await login(p.app, 'company1')).token).get(`/api/v1/licenses/${encodeURIComponent(identifier)}/pdf`))
        .statusCode,
    ).toBe(404);
    const shown = await citizen.post(`/api/v1/licenses/${encodeURIComponent(identifier)}/presentations`);
    expect(shown.statusCode, shown.body).toBe(201);
    const scan = await p.app.inject({ url: `/api/v1/license-presentations/${shown.json().token}` });
    expect(scan.json()).toMatchObject({ identifier, valid: true, holderName: '石泉县测试商贸有限公司' });
    p.clock.advanceDays(301 / 86_400);
    const late = await p.app.inject({ url: `/api/v1/license-presentations/${shown.json().token}` });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('LICENSE_PRESENTATION_EXPIRED');
    p.clock.reset();

    // 免提交: the next application needing a 营业执照 submits nothing for it; the reviewer's 用证 is recorded and audited.
    const next = await publishItem(p, {
      name: '测试需营业执照事项',
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
    const licensed = reuse.materials.find((m: { requirementKey: string }) => m.requirementKey === 'articles');
    expect(licensed).toMatchObject({ status: 'license', material: null, license: { identifier, typeName: '营业执照' } });
    expect((await citizen.get(`/api/v1/cases/${reuse.id}/licenses/${encodeURIComponent(identifier)}`)).statusCode).toBe(404);
    const used = await reviewer.get(`/api/v1/cases/${reuse.id}/licenses/${encodeURIComponent(identifier)}`);
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json()).toMatchObject({ identifier, typeName: '营业执照', status: 'valid' });
    const uses = (await citizen.get(`/api/v1/licenses/${encodeURIComponent(identifier)}/uses`)).json();
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({ user: '陈伟', department: '石泉县市场监督管理局', caseId: reuse.id });

    expect(
      (await reviewer.post(`/api/v1/licenses/${encodeURIComponent(identifier)}/revoke`, { reason: '以欺骗手段取得' })).statusCode,
    ).toBe(403);
    const revoked = await approver.post(`/api/v1/licenses/${encodeURIComponent(identifier)}/revoke`, { reason: '以欺骗手段取得许可' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const after = await verify(identifier);
    expect(after).toMatchObject({ valid: false, status: 'revoked' });
    expect(after.checks.find((x: { name: string }) => x.name === 'status')).toMatchObject({ ok: false, detail: 'revoked' });
    const audit = await p.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', identifier).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['license.issue', 'license.present', 'license.use', 'license.revoke']);
    // A revoked license no longer stands in for the material.
    const refused = await citizen.post('/api/v1/cases', {
      itemCode: next.code,
      situationKey: 'limitedCompany',
      formData: companyForm,
      materials: reuse.materials
        .filter((m: { material: unknown }) => m.material)
        .map((m: { requirementKey: string; material: { id: string } }) => ({
          requirementKey: m.requirementKey,
          materialId: m.material.id,
        })),
    });
    expect(refused.json().error).toMatchObject({
      code: 'CASE_MATERIALS_MISSING',
      details: { missing: [{ key: 'articles', name: '营业执照' }] },
    });
    const sealUse = await p.ctx.db.selectFrom('audit_events').select(['action', 'after']).where('action', '=', 'seal.use').execute();
    expect(sealUse.length).toBeGreaterThanOrEqual(1);
  });

  it('walking the sequential serials of the public verifier yields statuses, never a holder; the 核验码 or a 亮证 code does', async () => {
    // Three licenses of three people (each holds it in person) from one issuer: consecutive serials.
    const { code } = await publishItem(p, { result: { name: '居民身份证', type: 'license', licenseType: '居民身份证' } });
    const holders: Array<{ client: Client; name: string; idNumber: string; identifier: string }> = [];
    for (const name of ['王建国', '赵丽华', '孙志强']) {
      const who = await makeCitizen(p.ctx, { name });
      const client = await login(p.app, who.username, who.password);
      let c = await makeCase(p, client, code);
      c = (await act(clerk, c, 'accept')).json();
      c = (await act(reviewer, c, 'review', { opinion: 'approve', comment: '同意' })).json();
      c = (await act(approver, c, 'decide', { decision: 'approved' })).json();
      const done = (await act(approver, c, 'complete')).json();
      holders.push({ client, name, idNumber: who.idNumber, identifier: done.timeline.at(-1).data.license });
    }
    const revoked = await approver.post(`/api/v1/licenses/${encodeURIComponent(holders[1].identifier)}/revoke`, {
      reason: '赵丽华以欺骗手段取得',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const parsed = parseLicenseId(holders[0].identifier);
    if (!parsed.ok) throw new Error('unparseable identifier');
    const { typeCode, issuerCode, serial, version } = parsed.parts;
    // An enumerator walks serials around a known one, with correct check characters.
    const first = Number(serial.slice(4));
    const answers = [];
    for (let n = Math.max(1, first - 5); n <= first + 8; n++) {
      const id = makeLicenseId({ typeCode, issuerCode, serial: `${serial.slice(0, 4)}${String(n).padStart(7, '0')}`, version });
      const res = await p.app.inject({ url: `/api/v1/licenses/${encodeURIComponent(id)}/verify` });
      expect(res.statusCode).toBe(200);
      answers.push(res);
    }
    const found = answers.map((r) => r.json()).filter((v) => v.found);
    expect(found.map((v) => v.identifier)).toEqual(expect.arrayContaining(holders.map((h) => h.identifier)));
    expect(found.map((v) => v.status)).toContain('revoked');
    const masked = await p.ctx.db
      .selectFrom('licenses')
      .select(['holder_name_masked', 'holder_code_masked'])
      .where(
        'identifier',
        'in',
        holders.map((h) => h.identifier),
      )
      .execute();
    expect(masked).toHaveLength(3);
    for (const res of answers) {
      const v = res.json();
      expect(v.holderName).toBeUndefined();
      expect(v.holderCode).toBeUndefined();
      expect(v.statusReason).toBeUndefined();
      // Not the name, not even its surname (王*), not the ID number or its masked form, not the birth date.
      for (const h of holders)
        for (const text of [h.name.slice(0, 1), h.idNumber, h.idNumber.slice(6, 14)]) expect(res.body).not.toContain(text);
      for (const m of masked) expect(res.body).not.toContain(m.holder_code_masked);
    }
    // The holder's own 核验码 opens their masked name; another license's code does not, and is named wrong.
    const mine = (await holders[0].client.get('/api/v1/licenses')).json().items[0];
    expect(mine.identifier).toBe(holders[0].identifier);
    const withCode = await verify(holders[0].identifier, mine.verifyCode.toLowerCase().replace('-', ' '));
    expect(withCode).toMatchObject({ found: true, holderName: '王**' });
    const theirs = (await holders[2].client.get('/api/v1/licenses')).json().items[0].verifyCode;
    const wrong = await p.app.inject({ url: `/api/v1/licenses/${encodeURIComponent(holders[0].identifier)}/verify?code=${theirs}` });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('LICENSE_VERIFY_CODE_INVALID');
    expect(wrong.body).not.toContain('王');
    // A 亮证 code (the QR the holder shows) opens it too; the revocation reason only with proof.
    const shown = (await holders[2].client.post(`/api/v1/licenses/${encodeURIComponent(holders[2].identifier)}/presentations`)).json();
    expect((await p.app.inject({ url: `/api/v1/license-presentations/${shown.token}` })).json()).toMatchObject({ holderName: '孙**' });
    const revokedCode = (await holders[1].client.get('/api/v1/licenses')).json().items[0].verifyCode;
    expect(await verify(holders[1].identifier, revokedCode)).toMatchObject({
      status: 'revoked',
      statusReason: '赵丽华以欺骗手段取得',
      holderName: '赵**',
    });
  });
});
