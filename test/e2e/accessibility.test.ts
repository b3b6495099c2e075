import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs, screenshot, viewports, waitForApp } from './browser.ts';
import { usePlatformAndBrowser } from './setup.ts';

const env = usePlatformAndBrowser();
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** HTML_CodeSniffer, the engine pa11y runs (pa11y itself would pull puppeteer and its browser download). */
const htmlcsPath = createRequire(import.meta.url).resolve('html_codesniffer/build/HTMLCS.js');

/** A fresh page whose CSP lets the test inject axe-core (the platform's CSP rightly forbids inline scripts). */
async function openPage(browser: Browser, baseUrl: string, viewport: { width: number; height: number } = viewports.desktop) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}

type Violation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; any: Array<{ data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } }> }>;
};

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page and returns the serious and critical violations. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' ') + colours(n.any[0]?.data))
          .join(', ')}`,
    );
}

/** Runs HTML_CodeSniffer's WCAG2AA standard on the page and returns its errors (pa11y's default: errors only). */
async function htmlcsErrors(page: Page): Promise<string[]> {
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  await page.addScriptTag({ path: htmlcsPath });
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        type Message = { type: number; code: string; msg: string; element: Element };
        const htmlcs = (
          window as unknown as { HTMLCS: { process: (s: string, d: Document, done: () => void) => void; getMessages: () => Message[] } }
        ).HTMLCS;
        htmlcs.process('WCAG2AA', document, () => {
          const describe = (element: Element) => {
            const id = element.id ? `#${element.id}` : '';
            const cls =
              typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
            return `${element.tagName.toLowerCase()}${id}${cls}`;
          };
          resolve(
            htmlcs
              .getMessages()
              .filter((m) => m.type === 1)
              .map((m) => `${m.code}: ${m.msg} — ${describe(m.element)}`),
          );
        });
      }),
  );
}

/** For a contrast failure: the colours and the ratio axe measured. */
function colours(data?: { fgColor?: string; bgColor?: string; contrastRatio?: number }): string {
  return data?.fgColor ? ` [${data.fgColor} on ${data.bgColor}: ${data.contrastRatio}]` : '';
}

/** The code of a published guide to open: the first hit of a search for 开公司. */
async function aGuideCode(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/items?q=%E5%BC%80%E5%85%AC%E5%8F%B8&pageSize=1');
  const body = (await res.json()) as { items: Array<{ implementationCode: string; code?: string }> };
  const first = body.items[0];
  return first.implementationCode ?? first.code ?? '';
}

describe("accessibility (axe-core WCAG 2.1 AA and HTML_CodeSniffer WCAG2AA): no serious or critical violations, no HTMLCS errors on the portal's main pages", () => {
  const pages = ['/', '/search?q=开公司', '/login', '/register', '/verify', '/progress'];
  for (const width of ['desktop', 'phone'] as const) {
    it(`public pages at ${width} width, normal and care mode`, async () => {
      const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports[width]);
      const found: Record<string, string[]> = {};
      const guide = `/items/${await aGuideCode(page)}`;
      for (const care of [false, true]) {
        await page.goto('/');
        await page.evaluate((on) => localStorage.setItem('tongban.careMode', on ? '1' : '0'), care);
        for (const path of [...pages, guide]) {
          await page.goto(path);
          // The server's HTML as a visitor meets it before any interaction loads the app (src/web/public/boot.js).
          if (!care && (await page.locator('.tb-prerendered').count()) > 0) {
            const before = [...(await seriousViolations(page)), ...(await htmlcsErrors(page)).map((e) => `HTMLCS ${e}`)];
            if (before.length > 0) found[`${path} (server HTML)`] = before;
          }
          await waitForApp(page);
          await page.locator('main').first().waitFor();
          await page.locator('h1').first().waitFor();
          const problems = [...(await seriousViolations(page)), ...(await htmlcsErrors(page)).map((e) => `HTMLCS ${e}`)];
          if (problems.length > 0) found[`${path}${care ? ' (care mode)' : ''}`] = problems;
        }
      }
      await screenshot(page, `a11y-guide-${width}-care`);
      expect(found).toEqual({});
      await context.close();
    });
  }

  it('the signed-in pages of a citizen and the staff workbench', async () => {
    const found: Record<string, string[]> = {};
    const citizen = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(citizen.page, 'citizen1', '/me/cases');
    for (const path of ['/me', '/me/cases', '/me/licenses']) {
      await citizen.page.goto(path);
      await citizen.page.locator('h1').first().waitFor();
      const problems = await seriousViolations(citizen.page);
      if (problems.length > 0) found[path] = problems;
    }
    await citizen.context.close();
    const clerk = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(clerk.page, 'clerk1', '/staff');
    await clerk.page.getByTestId('queue-toAccept').waitFor();
    const problems = await seriousViolations(clerk.page);
    if (problems.length > 0) found['/staff'] = problems;
    await clerk.context.close();
    expect(found).toEqual({});
  });

  it('every staff, supervisor and admin page (axe: no serious or critical violations)', async () => {
    const found: Record<string, string[]> = {};
    const areas: Array<[string, string[]]> = [
      ['clerk1', ['/staff', '/staff/evaluations', '/staff/bundles']],
      ['supervisor1', ['/dashboard', '/dashboard/reports']],
      ['admin1', ['/admin', '/admin/items', '/admin/items/new', '/admin/calendar', '/admin/staff', '/admin/licenses', '/admin/windows']],
    ];
    for (const [username, paths] of areas) {
      const { context, page } = await openPage(env.browser, env.platform.baseUrl);
      await loginAs(page, username, paths[0]);
      for (const path of paths) {
        await page.goto(path);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        const problems = await seriousViolations(page);
        if (problems.length > 0) found[`${path} (${username})`] = problems;
      }
      await context.close();
    }
    // The clerk's case page (materials beside the form, the accept / 一次性告知 / reject actions).
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'clerk1', '/staff');
    const queue = (await (await page.request.get('/api/v1/staff/cases?queue=toAccept&pageSize=1')).json()) as {
      items: Array<{ id: string }>;
    };
    expect(queue.items.length).toBeGreaterThan(0);
    const casePath = `/staff/cases/${queue.items[0].id}`;
    await page.goto(casePath);
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    const problems = await seriousViolations(page);
    if (problems.length > 0) found[`${casePath} (clerk1)`] = problems;
    await context.close();
    expect(found).toEqual({});
  });
});
