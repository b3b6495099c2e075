import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../../src/server/platform/identifiers.ts';
import { loginAs, openPage, screenshot, scrollWidth, viewports } from './browser.ts';
import { usePlatformAndBrowser } from './setup.ts';
import { apiLogin } from './catalog-fixtures.ts';
import { fillForm } from '../api/factories/bundle.ts';

const env = usePlatformAndBrowser();

function pdf(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

async function upload(page: Page, key: string, name: string): Promise<void> {
  await page.getByTestId(`upload-${key}`).setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(key) });
  await page.getByTestId(`chosen-${key}`).filter({ hasText: name }).waitFor();
}

/** Fills a text input of the merged form unless it was prefilled. */
async function fill(page: Page, key: string, value: string): Promise<void> {
  const input = page.getByTestId(`field-${key}`).locator('input, textarea').first();
  if (!(await input.inputValue())) await input.fill(value);
}

async function choose(page: Page, key: string, option: string): Promise<void> {
  const field = page.getByTestId(`field-${key}`);
  if (await field.locator('.ant-radio-group').count()) {
    await field.getByText(option, { exact: true }).click();
    return;
  }
  await field.locator('.ant-select').click();
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
}

async function openNewborn(page: Page): Promise<void> {
  await page.goto('/bundles');
  await page.getByTestId('bundle-newborn').click();
  await page.waitForURL((url) => /^\/bundles\/[0-9a-f-]{36}$/.test(url.pathname));
  await page.getByTestId('bundle-questionnaire').waitFor();
}

type BundleView = { subCases: { id: string; itemName: string; status: string }[] };

async function bearer(base: string, username: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Tongban@2026' }),
  });
  return ((await login.json()) as { token: string }).token;
}

/** Uploads a PDF for every required material that no other sub-case's result provides. */
async function uploadAll(base: string, token: string, materials: { key: string; required: boolean; sharedFrom: string | null }[]) {
  const out = [];
  for (const m of materials.filter((x) => x.required && !x.sharedFrom)) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf(m.key))], { type: 'application/pdf' }), `${m.key}.pdf`);
    const res = await fetch(`${base}/api/v1/materials`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(res.status).toBe(201);
    out.push({ key: m.key, materialId: ((await res.json()) as { id: string }).id });
  }
  return out;
}

/** Polls `read` until `ok` holds (case events are handled by the job queue, a moment after the step). */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the bundle did not move on within 20 s');
}

const MOVES = [
  { action: 'handleImmediately', path: 'handle-immediately', duties: ['clerk'], body: {} },
  { action: 'accept', path: 'accept', duties: ['clerk'], body: { deferred: [] } },
  { action: 'review', path: 'review', duties: ['reviewer'], body: { opinion: 'approve', comment: '材料齐全，符合法定条件' } },
  { action: 'decide', path: 'decide', duties: ['approver', 'clerk'], body: { decision: 'approved' } },
  { action: 'complete', path: 'complete', duties: ['approver', 'clerk'], body: {} },
] as const;

/** Walks a case to its result with its department's demo staff (`<department>.clerk / .reviewer / .approver`). */
async function walk(base: string, caseId: string, department: string): Promise<void> {
  const staff = new Map<string, Awaited<ReturnType<typeof apiLogin>>>();
  for (const duty of ['clerk', 'reviewer', 'approver']) staff.set(duty, await apiLogin(base, `${department.toLowerCase()}.${duty}`));
  for (let round = 0; round < 8; round++) {
    const views = new Map<string, { version: number; status: string; allowedActions: string[] }>();
    for (const [duty, client] of staff)
      views.set(
        duty,
        (await client.call<{ version: number; status: string; allowedActions: string[] }>('GET', `/api/v1/cases/${caseId}`)).json,
      );
    const status = views.get('clerk')!.status;
    if (['completed', 'issued', 'delivered'].includes(status)) return;
    const next = MOVES.flatMap((m) => m.duties.map((duty) => ({ ...m, duty }))).find((m) =>
      views.get(m.duty)!.allowedActions?.includes(m.action),
    );
    if (!next) {
      const offered = [...views].map(([d, v]) => `${d}: ${v.allowedActions?.join(',') || JSON.stringify(v)}`).join('; ');
      throw new Error(`nobody of ${department} can move case ${caseId} (${status}); offered ${offered}`);
    }
    const res = await staff.get(next.duty)!.call('POST', `/api/v1/cases/${caseId}/${next.path}`, {
      ...next.body,
      version: views.get(next.duty)!.version,
    });
    expect(res.status, `${department}.${next.duty} ${next.action}: ${JSON.stringify(res.json)}`).toBe(200);
  }
}

describe('新生儿出生一件事 in the browser', () => {
  it('citizen1 answers the questions, fills one form, uploads one set of materials and submits once', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'citizen1', '/bundles');
    await page.getByTestId('bundle-list').waitFor();
    expect(await page.getByTestId('bundle-list').textContent()).toContain('新生儿出生一件事');
    await openNewborn(page);
    expect(await page.getByTestId('bundle-page-reduction').textContent()).toMatch(/材料.*↓/s);

    // Questionnaire: born in hospital, parents married, both insurance and social security card.
    await page.getByTestId('question-birthPlace').getByText('在医疗机构内出生').click();
    await page.getByTestId('question-marital').getByText('已登记结婚').click();
    await page.getByTestId('bundle-evaluate').click();
    const items = page.getByTestId('bundle-items');
    await items.waitFor();
    expect(await items.locator('li').count()).toBe(4);
    expect(await items.textContent()).toContain('出生登记');

    // One merged form: the phone number is asked once for four items.
    await page.getByTestId('bundle-form').waitFor();
    expect(await page.getByTestId('field-phone').count()).toBe(1);
    await page.getByTestId('bundle-submit').click();
    await page.getByText('请填写新生儿姓名').waitFor();
    await fill(page, 'childName', '王小宝');
    await choose(page, 'childSex', '男');
    await page.getByTestId('field-birthDate').locator('input').fill('2026-11-18');
    await fill(page, 'birthPlace', '石泉县医院');
    await fill(page, 'motherName', '王秀英');
    await fill(page, 'motherIdNumber', makeIdNumber({ regionCode: '610922', birthDate: '19950315', sequence: 124 }));
    await fill(page, 'phone', '13800000001');
    await choose(page, 'follow', '随母');
    await fill(page, 'applicantName', '王秀英');
    await fill(page, 'applicantIdNumber', makeIdNumber({ regionCode: '610922', birthDate: '19850315', sequence: 124 }));
    await fill(page, 'address', '陕西省安康市石泉县城关镇江南路12号');
    await choose(page, 'category', '新生儿');
    await choose(page, 'bank', '中国农业银行');
    await choose(page, 'delivery', '即时制卡网点领取');

    // One set of materials: the birth certificate comes from the 出生医学证明 sub-case's result.
    expect(await page.getByTestId('shared-birthCertificate').textContent()).toContain('出生医学证明');
    await page.getByTestId('bundle-submit').click();
    await page.getByTestId('slot-error-parentsId').waitFor();
    await upload(page, 'parentsId', '父母身份证.pdf');
    await upload(page, 'birthRecord', '分娩记录.pdf');
    await upload(page, 'applicationForm', '签发申请登记表.pdf');
    await upload(page, 'householdBook', '户口簿.pdf');
    await screenshot(page, 'bundle-newborn-desktop');
    await page.getByTestId('bundle-submit').click();

    await page.waitForURL((url) => /^\/me\/bundles\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByTestId('bundle-sub-cases').waitFor();
    expect(await page.getByTestId('bundle-sub-case').count()).toBe(4);
    expect(await page.getByTestId('bundle-status').first().textContent()).toBe('已提交');
    expect(await page.getByTestId('bundle-number').textContent()).toMatch(/^B610922\d{13}$/);
    const subs = await page.getByTestId('bundle-sub-cases').textContent();
    for (const dept of ['卫生健康局', '公安局', '医疗保障局', '人力资源和社会保障局']) expect(subs).toContain(dept);
    await screenshot(page, 'bundle-case-desktop');
    await context.close();
  });

  it('works at 375 px: the bundle page and the questionnaire fit the phone', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.phone);
    await loginAs(page, 'citizen1', '/bundles');
    await openNewborn(page);
    await page.getByTestId('bundle-evaluate').click();
    await page.getByTestId('bundle-form').waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewports.phone.width);
    await screenshot(page, 'bundle-newborn-phone');
    await page.goto('/me/bundles');
    await page.getByTestId('my-bundle-cases').waitFor();
    expect(await page.getByTestId('my-bundle-cases').textContent()).toContain('新生儿出生一件事');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewports.phone.width);
    await context.close();
  });

  it('clerk2 at the 统一出件 window hands over a finished 身后一件事 and records who received it', async () => {
    const base = env.platform.baseUrl;
    // Filed by citizen1 and handled on the spot by clerk1 (综合窗口) through the API.
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'citizen1', password: 'Tongban@2026' }),
    });
    const token = ((await login.json()) as { token: string }).token;
    const citizen = await apiLogin(base, 'citizen1');
    const bundle = (
      await citizen.call<{ items: { id: string; key: string }[] }>('GET', '/api/v1/bundles?regionCode=610922')
    ).json.items.find((b) => b.key === 'afterDeath')!;
    const answers = { benefits: [] };
    const sel = (
      await citizen.call<{ form: never[]; materials: { key: string; required: boolean; sharedFrom: string | null }[] }>(
        'POST',
        `/api/v1/bundles/${bundle.id}/evaluate`,
        { answers },
      )
    ).json;
    const materials = [];
    for (const m of sel.materials.filter((x) => x.required && !x.sharedFrom)) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(pdf(m.key))], { type: 'application/pdf' }), `${m.key}.pdf`);
      const res = await fetch(`${base}/api/v1/materials`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      expect(res.status).toBe(201);
      materials.push({ key: m.key, materialId: ((await res.json()) as { id: string }).id });
    }
    const filed = await citizen.call<{ id: string; number: string; subCases: { id: string; version: number }[] }>(
      'POST',
      `/api/v1/bundles/${bundle.id}/cases`,
      { answers, formData: fillForm(sel.form), materials },
    );
    expect(filed.status).toBe(201);
    const clerk1 = await apiLogin(base, 'clerk1');
    for (const c of filed.json.subCases) {
      expect((await clerk1.call('POST', `/api/v1/cases/${c.id}/handle-immediately`, { version: c.version })).status).toBe(200);
    }

    const { context, page } = await openPage(env.browser, base);
    await loginAs(page, 'clerk2', '/staff/bundles');
    await page.getByText('待出件', { exact: true }).click();
    await page.getByTestId('staff-bundle-cases').getByText(filed.json.number).waitFor();
    await page.getByTestId('staff-bundle-cases').getByRole('link', { name: '身后一件事' }).first().click();
    await page.getByTestId('bundle-package').waitFor();
    await page.getByTestId('bundle-hand-over').click();
    await page.getByLabel('领取人姓名').fill('王秀英');
    await page.getByRole('button', { name: '确认交付' }).click();
    await page.getByTestId('bundle-delivered').waitFor();
    expect(await page.getByTestId('bundle-status').first().textContent()).toBe('已出件');
    await screenshot(page, 'bundle-handed-over');
    await context.close();
  });

  it('新生儿出生 in order: citizen1 sees who waits for what, and every license of the package is the newborn’s', async () => {
    const base = env.platform.baseUrl;
    const citizen = await apiLogin(base, 'citizen1');
    const token = await bearer(base, 'citizen1');
    const newborn = (
      await citizen.call<{ items: { id: string; key: string }[] }>('GET', '/api/v1/bundles?regionCode=610922')
    ).json.items.find((b) => b.key === 'newborn')!;
    const answers = { birthPlace: 'hospital', marital: 'married', services: ['medical', 'ssCard'] };
    const sel = (
      await citizen.call<{ form: never[]; materials: { key: string; required: boolean; sharedFrom: string | null }[] }>(
        'POST',
        `/api/v1/bundles/${newborn.id}/evaluate`,
        { answers },
      )
    ).json;
    const materials = await uploadAll(base, token, sel.materials);
    const formData = { ...fillForm(sel.form), childName: '李小雨', childSex: '女', birthDate: '2026-11-18' };
    const filed = await citizen.call<{ id: string }>('POST', `/api/v1/bundles/${newborn.id}/cases`, { answers, formData, materials });
    expect(filed.status).toBe(201);
    const bundleId = filed.json.id;
    const detail = async () => (await citizen.call<BundleView>('GET', `/api/v1/bundle-cases/${bundleId}`)).json;
    const sub = (b: BundleView, name: string) => b.subCases.find((c) => c.itemName.startsWith(name))!;

    // The 出生医学证明 is accepted, reviewed, decided and issued by the health commission's demo staff.
    await walk(base, sub(await detail(), '出生医学证明').id, 'health');
    let b = await until(detail, (x) => sub(x, '出生登记').status !== 'waiting');

    const { context, page } = await openPage(env.browser, base);
    await loginAs(page, 'citizen1', `/me/bundles/${bundleId}`);
    await page.getByTestId('bundle-package').waitFor();
    // 医保 and 社保卡 wait for the ID number that 出生登记 will assign, and say so.
    const waiting = page.getByTestId('bundle-sub-case').filter({ hasText: '社会保障卡申领' });
    expect(await waiting.getByTestId('bundle-waits-for').textContent()).toContain('出生登记');
    expect(await page.getByTestId('bundle-license-holder').first().textContent()).toBe('持证人：李**');
    await screenshot(page, 'bundle-newborn-in-order');

    // 出生登记 by the police assigns the newborn's number; the package now holds two licenses, both the newborn's.
    await walk(base, sub(b, '出生登记').id, 'police');
    b = await until(detail, (x) => x.subCases.every((c) => c.status !== 'waiting'));
    await page.reload();
    await page.getByTestId('bundle-package').waitFor();
    await expect.poll(() => page.getByTestId('bundle-license-holder').count()).toBe(2);
    expect(await page.getByTestId('bundle-license-holder').allTextContents()).toEqual(['持证人：李**', '持证人：李**']);
    expect(await page.getByTestId('bundle-waits-for').count()).toBe(0);
    await context.close();
  });

  it('admin1 sees the centre windows: 综合受理 accepting everything and the 统一出件 window', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'admin1', '/admin/windows');
    const list = page.getByTestId('windows-list');
    await list.waitFor();
    const text = await list.textContent();
    expect(text).toContain('受理本县全部事项');
    expect(text).toContain('统一出件窗口');
    await page.getByTestId('edit-window-05').click();
    await page.getByTestId('window-editor').waitFor();
    expect(await page.getByTestId('window-editor').textContent()).toContain('马丽');
    await context.close();
  });
});
