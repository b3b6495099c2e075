/**
 * Takes the README's screenshots from the real platform (`npm start`'s process, embedded database,
 * demo data) in Debian's Chromium, into docs/screenshots/. Run: `npx tsx scripts/readme-screenshots.ts`
 * (then `pngquant` them if it is installed). Not part of the tests.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, loginAs, viewports, waitForApp } from '../test/e2e/browser.ts';
import { repoRoot, startPlatform } from '../test/e2e/server.ts';

const out = join(repoRoot, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });

async function settle(page: Page) {
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 20_000 })
    .catch(() => undefined);
  await page.waitForTimeout(600);
}

async function shot(page: Page, name: string, fullPage = false) {
  await settle(page);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

const platform = await startPlatform({ timeoutMs: 300_000 });
const browser = await launchBrowser();
try {
  const open = async (viewport: { width: number; height: number } = viewports.desktop) => {
    const context = await browser.newContext({ baseURL: platform.baseUrl, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    return { context, page: await context.newPage() };
  };
  {
    const { context, page } = await open();
    await page.goto('/');
    await waitForApp(page);
    await page.locator('h1').first().waitFor();
    await shot(page, 'portal');
    // The guide of the first item found for 开公司 (the search's first hit may be the 企业开办 bundle).
    const found = (await (await page.request.get('/api/v1/items?q=%E5%BC%80%E5%85%AC%E5%8F%B8&pageSize=1')).json()) as {
      items: Array<{ implementationCode: string }>;
    };
    await page.goto(`/items/${found.items[0].implementationCode}`);
    await waitForApp(page);
    await page.getByTestId('apply-online').waitFor();
    await shot(page, 'guide');
    await page.goto('/bundles');
    await page.locator('h1').first().waitFor();
    await page.locator('main a[href^="/bundles/"]').first().click();
    await page.locator('h1').first().waitFor();
    await shot(page, 'bundle');
    await context.close();
  }
  {
    const { context, page } = await open(viewports.phone);
    await page.goto('/');
    await page.evaluate(() => localStorage.setItem('tongban.careMode', '1'));
    await page.goto('/');
    await waitForApp(page);
    await page.locator('h1').first().waitFor();
    await shot(page, 'portal-phone-care-mode');
    await context.close();
  }
  {
    const { context, page } = await open();
    await loginAs(page, 'clerk1', '/staff');
    await page.getByTestId('queue-toAccept').waitFor();
    await shot(page, 'workbench');
    await page.locator('main a[href^="/staff/cases/"]').first().click();
    await page.locator('h1').first().waitFor();
    await shot(page, 'workbench-case', true);
    await context.close();
  }
  {
    const { context, page } = await open();
    await loginAs(page, 'admin1', '/admin/items');
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, 'admin-items');
    await page.goto('/admin');
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, 'admin');
    await context.close();
  }
  {
    const { context, page } = await open();
    await loginAs(page, 'supervisor1', '/dashboard');
    await page.locator('h1').first().waitFor();
    await page.locator('canvas').first().waitFor();
    await shot(page, 'dashboard');
    await context.close();
  }
} finally {
  await browser.close();
  await platform.stop();
}
