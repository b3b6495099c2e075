import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, openPage, screenshot } from './browser.ts';
import { apiLogin, makeGuide, publishItem } from './catalog-fixtures.ts';
import { usePlatformAndBrowser } from './setup.ts';

const env = usePlatformAndBrowser();

/** A small valid PDF (the server checks uploads by content). */
const pdf = (text: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );

/**
 * A case of citizen1 accepted today by clerk1 for an item with a 20-working-day legal limit, made
 * through the API: accepted in December, its legal due date lies in next year.
 */
async function acceptedCaseWithLongLimit(baseUrl: string): Promise<string> {
  const admin = await apiLogin(baseUrl, 'admin1');
  const materials = ['application', 'idCard'].map((key) => ({
    key,
    name: key === 'application' ? '申请书' : '身份证明',
    source: '申请人',
    originals: 1,
    copies: 0,
    required: true,
    deferrable: false,
    fileTypes: ['pdf'],
    maxSizeMb: 10,
  }));
  const item = await publishItem(
    admin,
    'market',
    makeGuide({
      name: '工作日历测试事项',
      questionnaire: [],
      situations: [{ key: 'limitedCompany', name: '有限责任公司设立', materialKeys: ['application', 'idCard'] }],
      materials,
      promisedLimit: { value: 20, unit: 'workday' },
      legalLimit: { value: 20, unit: 'workday' },
    }),
  );
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'citizen1', password: DEMO_PASSWORD }),
  });
  const token = ((await login.json()) as { token: string }).token;
  const uploaded = [];
  for (const key of ['application', 'idCard']) {
    const form = new FormData();
    form.append('file', new Blob([pdf(key)], { type: 'application/pdf' }), `${key}.pdf`);
    const res = await fetch(`${baseUrl}/api/v1/materials`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(res.status).toBe(201);
    uploaded.push({ requirementKey: key, materialId: ((await res.json()) as { id: string }).id });
  }
  const applied = await fetch(`${baseUrl}/api/v1/cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      itemCode: item.implementationCode,
      situationKey: 'limitedCompany',
      formData: { companyName: '石泉县日历测试商贸有限公司', legalRep: '王小明', capital: 100 },
      materials: uploaded,
      conditionCommitments: [],
      submit: true,
    }),
  });
  const c = (await applied.json()) as { id: string; version: number };
  expect(applied.status, JSON.stringify(c)).toBe(201);
  const clerk = await apiLogin(baseUrl, 'clerk1');
  const accepted = await clerk.call('POST', `/api/v1/cases/${c.id}/accept`, { version: c.version });
  expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
  return c.id;
}

/** The first year chinese-days does not cover is provisional until its notice is entered (2027 at the time of writing). */
async function firstProvisionalYear(request: { get(url: string): Promise<{ json(): Promise<unknown> }> }): Promise<number> {
  const years = (await (await request.get('/api/v1/calendar/years?from=2026&to=2035')).json()) as {
    items: Array<{ year: number; status: string }>;
  };
  const year = years.items.find((y) => y.status === 'provisional')?.year;
  expect(year).toBeDefined();
  return year!;
}

describe('years without a State Council notice', () => {
  it("shows admin1 which years are provisional and the law's holidays of one", async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'admin1', '/admin/calendar');
    const year = await firstProvisionalYear(page.request);
    const years = page.getByTestId('calendar-years');
    await years.getByRole('row', { name: new RegExp(`^${year}\\s*暂定`) }).waitFor();
    // 石泉县's admin may not enter the national notice: no button, and the card says who does.
    await years.getByText('全国通知由省级系统管理员录入').waitFor();
    expect(await years.getByRole('button').count()).toBe(0);
    await page.getByLabel('年份').click();
    await page.locator('.ant-select-item-option', { hasText: String(year) }).click();
    await page.getByTestId('year-provisional').waitFor();
    await page.getByRole('row', { name: new RegExp(`${year}-01-01.*休息.*元旦.*法定推算`) }).waitFor();
    await screenshot(page, 'admin-calendar-provisional');
    await context.close();
  });

  it('tells citizen1 and the clerk that a case due in a provisional year has provisional due dates', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'citizen1', '/me');
    const year = await firstProvisionalYear(page.request);
    const caseId = await acceptedCaseWithLongLimit(env.platform.baseUrl);
    const detail = (await (await page.request.get(`/api/v1/cases/${caseId}`)).json()) as { clock: { provisionalYears: number[] } };
    expect(detail.clock.provisionalYears).toContain(year);
    await page.goto(`/me/cases/${caseId}`);
    const note = page.getByTestId('clock-provisional');
    await note.waitFor();
    expect(await note.textContent()).toContain(`${year} 年的国务院节假日安排尚未发布或录入`);
    await screenshot(page, 'case-clock-provisional');
    await context.close();

    const staff = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(staff.page, 'clerk1', '/staff');
    await staff.page.goto(`/staff/cases/${caseId}`);
    await staff.page.getByTestId('clock-provisional').waitFor();
    await staff.context.close();
  });
});
