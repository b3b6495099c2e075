import { describe, expect, it } from 'vitest';
import { loginAs, openPage, screenshot, scrollWidth, viewports, waitForApp } from './browser.ts';
import { usePlatformAndBrowser } from './setup.ts';

const env = usePlatformAndBrowser();

describe('at 375 px', () => {
  it('the home page lists halls and has no horizontal scroll', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.phone);
    await page.goto('/');
    await waitForApp(page);
    // The halls and departments are folded under the popular services and life events (issue 28.4).
    await page.getByText('服务大厅和办事部门').click();
    await page.locator('.tb-hall-card').first().waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await screenshot(page, 'home-phone-zh');

    await page.getByRole('switch', { name: '关怀模式' }).click();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await screenshot(page, 'home-phone-care-mode');
    await context.close();
  });

  it('the login, account and workbench pages fit too', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.phone);
    await page.goto('/login');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await screenshot(page, 'login-phone-zh');
    await loginAs(page, 'clerk1', '/staff');
    await page.getByTestId('staff-department').waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await screenshot(page, 'staff-phone-zh');
    await context.close();
  });

  it('the home page on a desktop shows the search box first', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.desktop);
    await page.goto('/');
    await waitForApp(page);
    await page.getByText('服务大厅和办事部门').click();
    await page.locator('.tb-hall-card').first().waitFor();
    await screenshot(page, 'home-desktop-zh');
    await page.getByLabel('搜索办事事项、服务大厅或部门').fill('综合');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === '综合');
    await page.getByRole('status').filter({ hasText: '综合' }).waitFor();
    await page.locator('.tb-directory-matches .tb-hall-card').first().waitFor();
    await screenshot(page, 'home-desktop-search');
    await context.close();
  });
});
