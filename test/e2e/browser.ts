import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { repoRoot } from './server.ts';

/** Where the journeys save screenshots (gitignored). */
export const screenshotDir = join(repoRoot, '.tmp', 'screenshots');

/** The demo password of every seeded account. */
export const DEMO_PASSWORD = 'Tongban@2026';

/** Desktop and phone viewports used by the journeys. */
export const viewports = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 375, height: 812 },
} as const;

/**
 * Finds (or, as root, installs) Chromium through scripts/ensure-chromium.mjs.
 * Fails loudly when there is none: browser tests are never skipped silently.
 */
export function chromiumPath(): string {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'ensure-chromium.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const path = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !path)
    throw new Error('No Chromium for the browser tests (see the message of scripts/ensure-chromium.mjs above).');
  return path;
}

/** Launches headless Chromium with the flags that keep it quiet and offline. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context (own cookies and localStorage) and page. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  viewport: { width: number; height: number } = viewports.desktop,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Saves a full-page screenshot as .tmp/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Logs in through the form on the current /login page (labels are the Chinese ones). */
export async function fillLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Opens /login?next=<path>, logs in and waits to arrive at the path. */
export async function loginAs(page: Page, username: string, next = '/me'): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await fillLogin(page, username);
  await page.waitForURL((url) => url.pathname === next);
}

/** The page's horizontal overflow: scrollWidth of the scrolling element. */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);
}

/**
 * Waits until the application has replaced the HTML the server sent before the JavaScript
 * (the public pages' `.tb-prerendered` frame, src/server/platform/web-pages.ts). The public pages load
 * the app on the visitor's first interaction (src/web/public/boot.js): the mouse moves, as a visitor's would.
 */
export async function waitForApp(page: Page): Promise<void> {
  await page.mouse.move(3, 3);
  await page.mouse.move(6, 6);
  await page.locator('#root > .tb-app').first().waitFor();
  await page.locator('.tb-prerendered').waitFor({ state: 'detached' });
}
