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
