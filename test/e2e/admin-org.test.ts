import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../src/server/platform/identifiers.ts';
import { loginAs, openPage, screenshot, scrollWidth, viewports, waitForApp } from './browser.ts';
import { usePlatformAndBrowser } from './setup.ts';

const env = usePlatformAndBrowser();

describe('the admin console: departments, staff and roles, licenses and seals', () => {
  it('lets admin1 add a department, with the credit code checked beside its field', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'admin1', '/admin');
    await page.getByRole('button', { name: '新增部门' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('部门全称').fill('石泉县数据资源管理局');
    await dialog.getByLabel('简称').fill('数据局');
    await dialog.getByLabel('部门标识').fill('dataBureau');
    const valid = makeCreditCode({ registrar: '1', category: '1', regionCode: '610922', serial: 7001 });
    const wrongCheck = valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0');
    await dialog.getByLabel('统一社会信用代码').fill(wrongCheck);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    // A wrong check character: the server's GB 32100 check answers, shown at the field; nothing is created.
    await dialog.getByText('统一社会信用代码不正确').first().waitFor();
    await screenshot(page, 'admin-department-invalid');
    await dialog.getByLabel('统一社会信用代码').fill(valid);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存：石泉县数据资源管理局').waitFor();
    await dialog.waitFor({ state: 'detached' });
    const listed = await page.request.get('/api/v1/departments?regionCode=610922&pageSize=100');
    const names = ((await listed.json()) as { items: Array<{ name: string; creditCode: string }> }).items.filter(
      (d) => d.name === '石泉县数据资源管理局',
    );
    expect(names).toEqual([expect.objectContaining({ creditCode: valid })]);
    await context.close();
  });

  it('lets secadmin1 create a staff account (activation code once) and change its roles, keeping 三员分立; the holder activates it', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'secadmin1', '/admin/staff');
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByLabel('登录账号').fill('clerk9');
    await page.getByLabel('姓名').fill('欧阳晓岚');
    expect(await page.getByLabel('初始密码').count()).toBe(0);
    await page.getByLabel('所属部门').fill('市场监督');
    await page.locator('.ant-select-item-option', { hasText: '石泉县市场监督管理局' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '创建账号' }).click();
    await page.getByText('已创建账号 clerk9').waitFor();
    const code = /([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})/.exec((await page.getByTestId('activation-code').textContent()) ?? '')![1];
    await screenshot(page, 'admin-staff-created');

    await page.getByRole('button', { name: '调整欧阳晓岚的角色' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('审查人员').check();
    await dialog.getByLabel('系统管理员').check();
    // The audit admin now excludes itself: the separated admin roles are never held together.
    expect(await dialog.getByLabel('审计管理员').isDisabled()).toBe(true);
    await dialog.getByLabel('系统管理员').uncheck();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已更新欧阳晓岚的角色').waitFor();
    const row = page.getByRole('row', { name: /欧阳晓岚/ });
    await row.getByText('审查人员').waitFor();
    expect(await row.getByText('系统管理员').count()).toBe(0);
    await context.close();

    // The holder, in their own browser: the code, the authenticator, their own password.
    const holder = await openPage(env.browser, env.platform.baseUrl);
    await holder.page.goto('/login');
    await holder.page.getByRole('link', { name: '激活账号' }).click();
    await holder.page.getByLabel('登录账号').fill('clerk9');
    await holder.page.getByLabel('激活码').fill(code);
    await holder.page.getByRole('button', { name: '下一步' }).click();
    const secret = await holder.page.getByTestId('totp-secret').textContent();
    await holder.page.getByLabel('设置密码').fill('clerk9');
    await holder.page.getByLabel('再次输入密码').click();
    await holder.page.getByText('密码至少 10 位。').waitFor();
    await holder.page.getByLabel('设置密码').fill('Ouyang-Window-2026');
    await holder.page.getByLabel('再次输入密码').fill('Ouyang-Window-2026');
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32((secret ?? '').trim()), digits: 6, period: 30 });
    await holder.page.getByRole('textbox', { name: '动态验证码' }).fill(totp.generate());
    await screenshot(holder.page, 'activate-account');
    await holder.page.getByRole('button', { name: '激活并登录' }).click();
    await holder.page.waitForURL((url) => url.pathname === '/me');
    await holder.context.close();
  });

  it("lets admin1 read the license types and change the market department's seal, at phone width too", async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'admin1', '/admin/licenses');
    await page.getByRole('cell', { name: '营业执照', exact: true }).waitFor();
    await page.getByLabel('部门', { exact: true }).fill('市场监督');
    await page.locator('.ant-select-item-option', { hasText: '石泉县市场监督管理局' }).first().waitFor();
    await page.keyboard.press('Enter');
    const active = page.locator('.ant-tag', { hasText: /^在用$/ });
    await active.first().waitFor();
    const before = await page.locator('.ant-table-row').count();
    await page.getByRole('button', { name: '更换印章' }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText(/已启用新印章/).waitFor();
    await page
      .locator('.ant-tag', { hasText: /^已停用$/ })
      .first()
      .waitFor();
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(before);
    expect(await active.count()).toBe(1);
    await screenshot(page, 'admin-licenses-desktop-zh');
    await context.close();

    const phone = await openPage(env.browser, env.platform.baseUrl, viewports.phone);
    await loginAs(phone.page, 'admin1', '/admin/licenses');
    await phone.page.getByRole('cell', { name: '营业执照', exact: true }).waitFor();
    expect(await scrollWidth(phone.page)).toBeLessThanOrEqual(viewports.phone.width);
    await screenshot(phone.page, 'admin-licenses-phone-zh');
    await phone.context.close();
  });
});

describe('考核通报', () => {
  it('lets supervisor1 ask for the latest monthly report and download its PDF and Excel', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'supervisor1', '/dashboard/reports');
    await page.getByTestId('ask-report').click();
    const pdf = page.getByRole('link', { name: 'PDF' }).first();
    await pdf.waitFor({ timeout: 60_000 });
    const pdfRes = await page.request.get((await pdf.getAttribute('href'))!);
    expect(pdfRes.status()).toBe(200);
    expect((await pdfRes.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await page.request.get((await page.getByRole('link', { name: 'Excel' }).first().getAttribute('href'))!);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await screenshot(page, 'reports-desktop-zh');
    await context.close();
  });
});

describe('GB/T 2260 codes in the pages (issue 25.6)', () => {
  it('picks 西安市 on the portal by 610100, lists its districts by it, and reads a remembered 6101 as 610100', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await page.goto('/');
    await waitForApp(page);
    await page.getByText('服务大厅和办事部门').click();
    const districts = page.waitForResponse((r) => r.url().includes('/api/v1/regions?') && r.url().includes('parentCode=610100'));
    await page.locator('#region-picker').click();
    await page.locator('.ant-select-item-option', { hasText: '陕西省西安市' }).click();
    const listed = (await (await districts).json()) as { items: { code: string; name: string; parentCode: string }[] };
    expect(listed.items).toContainEqual({ code: '610102', name: '新城区', level: 'county', parentCode: '610100' });
    expect(await page.evaluate(() => localStorage.getItem('tongban.region'))).toBe('610100');

    const halls = page.waitForResponse((r) => r.url().includes('/api/v1/halls?') && r.url().includes('regionCode=610102'));
    await page.locator('#district-picker').click();
    await page.locator('.ant-select-item-option', { hasText: '新城区' }).click();
    expect((await halls).status()).toBe(200);
    await screenshot(page, 'portal-region-xian');

    // A visitor who picked 西安市 before the portal wrote standard codes keeps it.
    await page.evaluate(() => localStorage.setItem('tongban.region', '6101'));
    await page.reload();
    await page.locator('#district-picker').waitFor();
    expect(await page.locator('.tb-region-select').first().textContent()).toContain('陕西省西安市');
    await context.close();
  });
});
