import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, login, makeCitizen, type Client } from './client.ts';
import { makeGuide } from './factories/guide.ts';
import { act, makeCase, publishItem } from './factories/case.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
let citizen: Client;
let clerk: Client;
let reviewer: Client;
let approver: Client;
let admin: Client;
let marketClerk: Client;
let code: string;
let marketId: string;
const dir = mkdtempSync(join(tmpdir(), 'tongban-lic-'));

const verify = (id: string) => p.app.inject({ url: `/api/v1/licenses/${encodeURIComponent(id)}/verify` }).then((r) => r.json());
const failed = (v: { checks: { name: string; ok: boolean }[] }) => v.checks.filter((c) => !c.ok).map((c) => c.name);

/** A case of the 营业执照 item carried to its decision; `completer` completes it. */
async function decided() {
  let c = await makeCase(p, citizen, code);
  c = (await act(clerk, c, 'accept')).json();
  c = (await act(reviewer, c, 'review', { opinion: 'approve', comment: '同意' })).json();
  return (await act(approver, c, 'decide', { decision: 'approved' })).json();
}
async function issue() {
  const done = await act(approver, await decided(), 'complete');
  expect(done.statusCode, done.body).toBe(200);
  return done.json().timeline.at(-1).data.license as string;
}

function cli(...args: string[]) {
  const r = spawnSync('node', ['--import', 'tsx', 'src/server/main.ts', 'license', 'verify', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

beforeAll(async () => {
  p = await startTestPlatform();
  const c = await makeCitizen(p.ctx, { name: '周敏' });
  citizen = await login(p.app, c.username, c.password);
  clerk = await login(p.app, 'clerk1');
  reviewer = await login(p.app, 'reviewer1');
  approver = await login(p.app, 'approver1');
  admin = await login(p.app, 'admin1');
  const sec = await login(p.app, 'secadmin1');
  const market = (await sec.get('/api/v1/departments?regionCode=610922&pageSize=100'))
    .json()
    .items.find((d: { key: string }) => d.key === 'market');
  marketId = market.id;
  const created = await sec.post('/api/v1/staff', {
    username: 'market_clerk',
    displayName: '市场窗口',
    departmentId: market.id,
    roles: ['clerk'],
  });
  expect(created.statusCode).toBe(201);
  await activate(p.app, 'market_clerk', created.json().activation.code, 'Staff#2026x', p.ctx.now());
  await p.ctx.db.updateTable('accounts').set({ totp_required: false }).where('username', '=', 'market_clerk').execute();
  marketClerk = await login(p.app, 'market_clerk', 'Staff#2026x');
  code = (await publishItem(p, { result: { name: '营业执照', type: 'license', licenseType: '营业执照' } })).code;
});
afterAll(async () => {
  await p?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`seals and license versions (${testDb})`, () => {
  it('only a role allowed to use the seal can issue; nothing changes otherwise', async () => {
    const d = await decided();
    expect((await marketClerk.get(`/api/v1/cases/${d.id}`)).json().allowedActions).not.toContain('complete');
    expect((await approver.get(`/api/v1/cases/${d.id}`)).json().allowedActions).toContain('complete');
    const byClerk = await act(marketClerk, d, 'complete');
    expect(byClerk.statusCode).toBe(403);
    expect(byClerk.json().error.code).toBe('SEAL_USE_FORBIDDEN');
    expect((await approver.get(`/api/v1/cases/${d.id}`)).json()).toMatchObject({ status: 'decided', version: d.version });
    expect(await p.ctx.db.selectFrom('licenses').select('id').where('case_id', '=', d.id).execute()).toHaveLength(0);
  });

  it('a change issues version 002 linked to 001, which verifies as superseded', async () => {
    const first = await issue();
    const bad = await reviewer.post(`/api/v1/licenses/${encodeURIComponent(first)}/reissue`, { reason: 'change', note: '变更住所' });
    expect(bad.statusCode).toBe(403);
    const res = await approver.post(`/api/v1/licenses/${encodeURIComponent(first)}/reissue`, {
      reason: 'change',
      note: '变更住所',
      fields: { address: '石泉县城关镇新街2号' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const second = res.json().identifier as string;
    expect(second.split('.').slice(0, -2).join('.')).toBe(first.split('.').slice(0, -2).join('.'));
    expect(second.split('.').at(-2)).toBe('002');
    const old = await verify(first);
    expect(old).toMatchObject({ valid: false, status: 'superseded', supersededBy: second });
    expect(failed(old)).toEqual(['status']);
    expect((await verify(second)).valid).toBe(true);
    expect(
      (await approver.post(`/api/v1/licenses/${encodeURIComponent(first)}/reissue`, { reason: 'change', note: '再次变更' })).json().error
        .code,
    ).toBe('LICENSE_STATE_INVALID');
  });

  it('rotation keeps old signatures valid; revoking the old seal fails exactly those, by name; the CLI verifies offline', async () => {
    const before = await issue();
    expect((await reviewer.post(`/api/v1/departments/${marketId}/seals/rotate`)).statusCode).toBe(404);
    const rotated = await admin.post(`/api/v1/departments/${marketId}/seals/rotate`);
    expect(rotated.statusCode, rotated.body).toBe(201);
    const after = await issue();
    expect((await verify(before)).valid).toBe(true);
    expect((await verify(after)).valid).toBe(true);
    const list = (await admin.get(`/api/v1/departments/${marketId}/seals`)).json();
    expect(list.map((s: { status: string }) => s.status).sort()).toEqual(['active', 'retired']);
    const retired = list.find((s: { status: string }) => s.status === 'retired');
    const revoked = await admin.post(`/api/v1/seals/${retired.id}/revoke`, { reason: '私钥疑似泄露' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const v = await verify(before);
    expect(v.valid).toBe(false);
    expect(failed(v)).toEqual(['sealNotRevoked']);
    expect((await verify(after)).valid).toBe(true);
    const audit = await p.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', ['seal.rotate', 'seal.revoke'])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['seal.rotate', 'seal.revoke']);

    // Offline: the PDF, its signature and the seal maker's public certificate are all the CLI needs.
    const row = await p.ctx.db
      .selectFrom('licenses')
      .select(['pdf_sm3', 'signature_der'])
      .where('identifier', '=', after)
      .executeTakeFirstOrThrow();
    const pdf = await p.ctx.files.get(row.pdf_sm3);
    const cert = (await p.app.inject({ url: '/api/v1/seal-maker/certificate' })).rawPayload;
    writeFileSync(join(dir, 'l.pdf'), pdf);
    writeFileSync(join(dir, 'l.sig'), Buffer.from(row.signature_der, 'base64'));
    writeFileSync(join(dir, 'maker.cer'), cert);
    const ok = cli(join(dir, 'l.pdf'), join(dir, 'l.sig'), join(dir, 'maker.cer'));
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain(`VALID: the PDF is the one signed for ${after}`);
    const tampered = Buffer.from(pdf);
    tampered[200] ^= 0x20;
    writeFileSync(join(dir, 't.pdf'), tampered);
    const no = cli(join(dir, 't.pdf'), join(dir, 'l.sig'), join(dir, 'maker.cer'));
    expect(no.code).toBe(1);
    expect(no.out).toMatch(/FAIL documentHash/);
  });

  it('a signature from another license and an expired license are named, never "valid"', async () => {
    const a = await issue();
    const b = await issue();
    const rows = await p.ctx.db
      .selectFrom('licenses')
      .select(['identifier', 'pdf_sm3', 'signature_der'])
      .where('identifier', 'in', [a, b])
      .execute();
    const ra = rows.find((r) => r.identifier === a)!;
    const rb = rows.find((r) => r.identifier === b)!;
    const m = (files: Record<string, Buffer>) => {
      const boundary = 'x-tongban-boundary';
      const body = Buffer.concat([
        ...Object.entries(files).flatMap(([k, v]) => [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${k}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          v,
          Buffer.from('\r\n'),
        ]),
        Buffer.from(`--${boundary}--\r\n`),
      ]);
      return p.app
        .inject({
          method: 'POST',
          url: '/api/v1/license-verifications',
          payload: body,
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        })
        .then((r) => r.json());
    };
    const mixed = await m({ pdf: await p.ctx.files.get(ra.pdf_sm3), signature: Buffer.from(rb.signature_der, 'base64') });
    expect(mixed.valid).toBe(false);
    expect(failed(mixed)).toEqual(['documentHash']);

    // A 食品经营许可证 prints 主体业态 and 经营项目 from the item's form (25.2: they printed "—" when the keys differed).
    const food = (
      await publishItem(p, {
        name: '测试食品经营许可',
        result: { name: '食品经营许可证', type: 'license', licenseType: '食品经营许可证' },
        form: [
          ...(makeGuide().form ?? []),
          { key: 'premisesAddress', label: '经营场所', type: 'text', required: true, maxLength: 200 },
          { key: 'format', label: '主体业态', type: 'text', required: true, maxLength: 50 },
          { key: 'project', label: '经营项目', type: 'text', required: true, maxLength: 200 },
        ],
      })
    ).code;
    let c = await makeCase(p, citizen, food, {
      formData: { premisesAddress: '石泉县城关镇江南路8号', format: '餐饮服务经营者', project: '热食类食品制售' },
    });
    c = (await act(clerk, c, 'accept')).json();
    c = (await act(reviewer, c, 'review', { opinion: 'approve', comment: '同意' })).json();
    c = (await act(approver, c, 'decide', { decision: 'approved' })).json();
    const id = (await act(approver, c, 'complete')).json().timeline.at(-1).data.license as string;
    const now = await verify(id);
    expect(now.valid).toBe(true);
    expect(now.validUntil).not.toBeNull();
    p.clock.set(`${Number(now.validUntil.slice(0, 4)) + 1}-01-05T02:00:00Z`);
    const later = await verify(id);
    expect(later).toMatchObject({ valid: false, status: 'expired' });
    expect(failed(later)).toEqual(['status']);
    p.clock.reset();
  });
});
