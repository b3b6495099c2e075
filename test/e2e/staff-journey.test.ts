import { describe, expect, it } from 'vitest';
import { loginAs, openPage, screenshot } from './browser.ts';
import { usePlatformAndBrowser } from './setup.ts';

const env = usePlatformAndBrowser();

describe('the staff workbench', () => {
  it('shows clerk1 their department', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'clerk1', '/staff');
    const department = page.getByTestId('staff-department');
    await department.waitFor();
    expect(await department.textContent()).toBe('石泉县行政审批服务局');
    await page.getByTestId('queue-toAccept').waitFor();
    await screenshot(page, 'staff-desktop-zh');
    await context.close();
  });

  it('tells citizen1 they have no permission', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'citizen1', '/me');
    await page.goto('/staff');
    await page.getByRole('heading', { name: '没有访问权限' }).waitFor();
    expect(await page.getByTestId('staff-department').count()).toBe(0);
    await screenshot(page, 'staff-no-permission');
    await context.close();
  });
});

describe('the admin console', () => {
  it("lists the departments and halls of admin1's region", async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'admin1', '/admin');
    await page.getByRole('cell', { name: '石泉县政务服务中心', exact: true }).waitFor();
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(10);
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await screenshot(page, 'admin-desktop-zh');
    await context.close();
  });
});
