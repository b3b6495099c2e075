import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, openPage, screenshot, viewports, scrollWidth } from './browser.ts';
import { type ApiClient, apiLogin, makeGuide, publishItem } from './catalog-fixtures.ts';
import { usePlatformAndBrowser } from './setup.ts';

/**
 * 会签 in the browser (defects issue 25.12): the departments a guide names sign the same case in parallel, each on its own
 * case page; the approver sees every opinion, the one against included, before deciding; the applicant sees who is
 * still to sign, not what they wrote.
 */
const env = usePlatformAndBrowser();

type Json = Record<string, any>;

function pdf(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

async function upload(base: string, username: string, key: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Tongban@2026' }),
  });
  const token = ((await login.json()) as { token: string }).token;
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(pdf(key))], { type: 'application/pdf' }), `${key}.pdf`);
  const res = await fetch(`${base}/api/v1/materials`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function act(who: ApiClient, caseId: string, action: string, body: Json = {}): Promise<void> {
  const c = (await who.call<Json>('GET', `/api/v1/cases/${caseId}`)).json;
  const res = await who.call<Json>('POST', `/api/v1/cases/${caseId}/${action}`, { version: c.version, ...body });
  expect(res.status, `${action}: ${JSON.stringify(res.json)}`).toBe(200);
}

let caseId: string;

beforeAll(async () => {
  const base = env.platform.baseUrl;
  const admin = await apiLogin(base, 'admin1');
  const item = await publishItem(
    admin,
    'market',
    makeGuide({
      name: '会签旅程测试事项',
      questionnaire: [],
      situations: [{ key: 'only', name: '一般情形', materialKeys: ['application'] }],
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
      ],
      workflow: [
        { key: 'accept', name: '受理', kind: 'accept', role: 'clerk' },
        {
          key: 'joint',
          name: '部门会签',
          kind: 'countersign',
          role: 'reviewer',
          participants: [
            { departmentKey: 'tax', days: 3 },
            { departmentKey: 'police', days: 5 },
          ],
        },
        { key: 'decide', name: '决定', kind: 'decide', role: 'approver' },
      ],
    }),
  );
  const citizen = await apiLogin(base, 'citizen1');
  const created = await citizen.call<Json>('POST', '/api/v1/cases', {
    itemCode: item.implementationCode,
    situationKey: 'only',
    submit: true,
    materials: [{ requirementKey: 'application', materialId: await upload(base, 'citizen1', 'application') }],
    formData: {
      companyName: '石泉县会签旅程商贸有限公司',
      legalRep: '王小明',
      capital: 50,
      domicile: '石泉县城关镇江南路8号',
      businessScope: '日用百货零售',
    },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  caseId = created.json.id;
  await act(await apiLogin(base, 'clerk1'), caseId, 'accept', { deferred: [] });
}, 60_000);

describe('会签 in the browser', () => {
  it('tax.reviewer signs against with a comment on the case page; the decision is not offered yet', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'tax.reviewer', `/staff/cases/${caseId}`);
    const card = page.getByTestId('case-countersigns');
    await card.waitFor();
    expect(await card.getByTestId('countersign-row').count()).toBe(2);
    expect(await card.textContent()).toContain('待签');
    await page.getByTestId('action-countersign').click();
    await page.getByTestId('dialog-countersign').getByText('不同意', { exact: true }).click();
    await page.getByLabel('意见说明').fill('该企业存在欠税记录，建议暂缓');
    await page.getByTestId('dialog-submit').click();
    const mine = card.getByTestId('countersign-row').filter({ hasText: '税务' });
    await mine.getByText('已签').waitFor();
    expect(await mine.textContent()).toContain('不同意');
    expect(await mine.textContent()).toContain('该企业存在欠税记录');
    expect(await page.getByTestId('action-countersign').count()).toBe(0);
    await screenshot(page, 'countersign-signed');
    await context.close();
  });

  it('approver1 sees both opinions once police has signed, and decides; citizen1 sees who signed, not what', async () => {
    const base = env.platform.baseUrl;
    const approver = await openPage(env.browser, base);
    await loginAs(approver.page, 'approver1', `/staff/cases/${caseId}`);
    await approver.page.getByTestId('case-countersigns').waitFor();
    expect(await approver.page.getByTestId('action-decide').count()).toBe(0);
    await act(await apiLogin(base, 'police.reviewer'), caseId, 'countersign', { opinion: 'agree', comment: '无异议' });
    await approver.page.reload();
    const card = approver.page.getByTestId('case-countersigns');
    await card.waitFor();
    const text = await card.textContent();
    expect(text).not.toContain('待签');
    expect(text).toContain('该企业存在欠税记录');
    expect(text).toContain('无异议');
    await approver.page.getByTestId('action-decide').waitFor();
    await screenshot(approver.page, 'countersign-approver');
    await approver.context.close();

    const citizen = await openPage(env.browser, base, viewports.phone);
    await loginAs(citizen.page, 'citizen1', `/me/cases/${caseId}`);
    const seen = citizen.page.getByTestId('case-countersigns');
    await seen.waitFor();
    const told = await seen.textContent();
    expect(told).toContain('已签');
    expect(told).not.toContain('欠税');
    expect(told).not.toContain('不同意');
    expect(await scrollWidth(citizen.page)).toBeLessThanOrEqual(viewports.phone.width);
    await screenshot(citizen.page, 'countersign-citizen-phone');
    await citizen.context.close();
  });
});
