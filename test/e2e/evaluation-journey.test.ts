import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, openPage, screenshot, scrollWidth, viewports } from './browser.ts';
import { apiLogin, makeGuide, publishItem, type ApiClient } from './catalog-fixtures.ts';
import { usePlatformAndBrowser } from './setup.ts';

const env = usePlatformAndBrowser();

function pdf(text: string): Blob {
  return new Blob(
    [
      `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    ],
    { type: 'application/pdf' },
  );
}

/** Uploads a material as the citizen over the API (bearer token, multipart). */
async function uploadAs(baseUrl: string, username: string, name: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Tongban@2026' }),
  });
  const { token } = (await login.json()) as { token: string };
  const form = new FormData();
  form.append('file', pdf(name), `${name}.pdf`);
  const res = await fetch(`${baseUrl}/api/v1/materials`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

let caseId: string;

beforeAll(async () => {
  const base = env.platform.baseUrl;
  const admin = await apiLogin(base, 'admin1');
  const item = await publishItem(
    admin,
    'market',
    makeGuide({
      name: '评价旅程测试事项',
      questionnaire: [],
      result: { name: '准予登记通知书', type: 'document' },
      situations: [{ key: 'limitedCompany', name: '有限责任公司设立', materialKeys: ['application'] }],
      materials: [
        {
          key: 'application',
          name: '企业设立登记申请书',
          source: '申请人',
          originals: 1,
          copies: 0,
          required: true,
          deferrable: false,
          fileTypes: ['pdf'],
          maxSizeMb: 10,
        },
      ],
    }),
  );
  const citizen = await apiLogin(base, 'citizen1');
  const materialId = await uploadAs(base, 'citizen1', 'application');
  const filed = await citizen.call<{ id: string; version: number }>('POST', '/api/v1/cases', {
    itemCode: item.implementationCode,
    situationKey: 'limitedCompany',
    formData: {
      companyName: '石泉县评价旅程商贸有限公司',
      legalRep: '王秀英',
      capital: 10,
      domicile: '石泉县城关镇江南路8号',
      businessScope: '日用百货零售',
    },
    materials: [{ requirementKey: 'application', materialId }],
  });
  expect(filed.status).toBe(201);
  let c = filed.json;
  const steps: [ApiClient, string, Record<string, unknown>][] = [
    [await apiLogin(base, 'clerk1'), 'accept', {}],
    [await apiLogin(base, 'reviewer1'), 'review', { opinion: 'approve', comment: '材料齐全，符合条件' }],
    [await apiLogin(base, 'approver1'), 'decide', { decision: 'approved' }],
    [await apiLogin(base, 'approver1'), 'complete', {}],
  ];
  for (const [who, action, body] of steps) {
    const res = await who.call<{ id: string; version: number }>('POST', `/api/v1/cases/${c.id}/${action}`, { version: c.version, ...body });
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.json)}`);
    c = res.json;
  }
  caseId = c.id;
});

describe('好差评 in the browser', () => {
  it('citizen1 rates the completed case on a phone; a bad rating shows its follow-up', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.phone);
    await loginAs(page, 'citizen1', `/me/cases/${caseId}`);
    await page.getByTestId('case-rating').waitFor();
    await page.getByTestId('rate-case').click();
    await page.getByTestId('score-1').click();
    // A bad rating needs a reason.
    await page.getByTestId('rating-submit').click();
    await page.getByText('差评请选择原因或填写说明').waitFor();
    await page.getByTestId('tag-slow').click();
    await page.getByTestId('rating-comment').fill('审查等了很久，也没有人告知进度');
    await screenshot(page, 'evaluation-dialog-phone');
    await page.getByTestId('rating-submit').click();
    const mine = page.getByTestId('my-rating');
    await mine.waitFor();
    expect(await mine.textContent()).toContain('非常不满意');
    expect(await mine.textContent()).toContain('待回访');
    expect(await page.getByTestId('rate-case').count()).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewports.phone.width);
    await context.close();
  });

  it('reviewer1 finds the bad rating under 差评整改 and records the callback', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'reviewer1', '/staff/evaluations');
    // The newest ratings come first; the bad one links to its follow-up.
    await page.getByRole('row').filter({ hasText: '评价旅程测试事项' }).getByTestId('evaluation-rectification').click();
    const detail = page.getByTestId('rectification-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('审查等了很久');
    await page.getByTestId('step-summary').fill('已电话回访申请人，说明了审查进度并致歉');
    await page.getByTestId('submit-callback').click();
    await page.getByTestId('step-verify').waitFor();
    expect(await detail.textContent()).toContain('待核实');
    await screenshot(page, 'evaluation-rectification-desktop');
    await context.close();
  });

  it('supervisor1, on a phone, sends a 督办函 about the bad rating; the page fits 375 px', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.phone);
    await loginAs(page, 'supervisor1', '/staff/evaluations');
    const row = page.getByRole('row').filter({ hasText: '评价旅程测试事项' });
    await row.getByRole('button', { name: '发督办函' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('事由').fill('关于“非常不满意”评价的督办');
    await dialog.getByLabel('督办内容').fill('请于期限内核实情况、落实整改并书面回复。');
    await dialog.getByRole('button', { name: '发督办函' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: '督办函' }).click();
    await page.getByRole('row').filter({ hasText: '关于“非常不满意”评价的督办' }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewports.phone.width);
    await screenshot(page, 'evaluation-letters-phone');
    await context.close();
  });

  it('clerk1 issues a window code; the visitor rates the visit on the tablet page, once', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'clerk1', '/staff/evaluations');
    await page.getByRole('tab', { name: '窗口评价码' }).click();
    await page.getByTestId('issue-code').click();
    const link = page.getByTestId('window-code-link');
    await link.waitFor();
    const url = new URL((await link.textContent()) ?? '');
    await page.getByTestId('qr-code').waitFor();

    const tablet = await openPage(env.browser, env.platform.baseUrl, viewports.phone);
    await tablet.page.goto(url.pathname);
    expect(await tablet.page.getByTestId('rate-facts').textContent()).toContain('李娜');
    await tablet.page.getByTestId('score-5').click();
    await tablet.page.getByTestId('tag-friendly').click();
    await screenshot(tablet.page, 'evaluation-window-tablet-phone');
    await tablet.page.getByTestId('rating-submit').click();
    await tablet.page.getByTestId('rate-thanks').waitFor();
    await tablet.page.goto(url.pathname);
    await tablet.page.getByTestId('rate-invalid').waitFor();
    await tablet.context.close();
    await context.close();
  });
});
