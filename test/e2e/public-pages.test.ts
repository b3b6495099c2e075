import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openPage, screenshot, screenshotDir, scrollWidth, viewports, waitForApp } from './browser.ts';
import { usePlatformAndBrowser } from './setup.ts';

const env = usePlatformAndBrowser();

/** The first item found for 开公司 (企业设立登记 in the demo catalog) with its published guide. */
async function aGuide(baseUrl: string) {
  const found = (await (await fetch(`${baseUrl}/api/v1/items?q=${encodeURIComponent('开公司')}&pageSize=1`)).json()) as {
    items: Array<{ implementationCode: string; name: string }>;
  };
  const code = found.items[0].implementationCode;
  const item = (await (await fetch(`${baseUrl}/api/v1/items/${code}`)).json()) as {
    name: string;
    guide: { conditions: string; process: string; places: string; hours: string; materials: Array<{ name: string }> };
  };
  return { code, item };
}

/** Layout shift accumulated since navigation (the CLS of the page so far, without the session windows). */
async function layoutShift(page: import('playwright-core').Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>)
            if (!entry.hadRecentInput) sum += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(sum), 300);
      }),
  );
}

describe('the public pages arrive fast and readable (issue 28.1)', () => {
  it('sends the hashed assets brotli- or gzip-compressed and immutable, the page itself no-cache', async () => {
    const base = env.platform.baseUrl;
    const page = await fetch(`${base}/`, { headers: { 'accept-encoding': 'br' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-encoding')).toBe('br');
    const html = await page.text();
    const entry = /data-entry="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeTruthy();
    for (const encoding of ['br', 'gzip'] as const) {
      const asset = await fetch(`${base}${entry}`, { headers: { 'accept-encoding': encoding } });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-encoding')).toBe(encoding);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('vary')).toMatch(/accept-encoding/i);
    }
  });

  it('puts the guide (受理条件, materials, 办理流程, address and hours) in the HTML before any JavaScript', async () => {
    const { code, item } = await aGuide(env.platform.baseUrl);
    const html = await (await fetch(`${env.platform.baseUrl}/items/${code}`)).text();
    expect(html).toContain(`<h1 id="guide-title" class="tb-pre-title">${item.name}</h1>`);
    const firstLine = (text: string) => text.split('\n')[0].replace(/^\d+[.、]/, '');
    for (const text of [
      '受理条件',
      firstLine(item.guide.conditions),
      item.guide.materials[0].name,
      '办理流程',
      firstLine(item.guide.process),
    ])
      expect(html).toContain(text.replace(/"/g, '&quot;'));
    expect(html).toContain(item.guide.hours);
    expect(html).toContain('id="tb-preload"');

    // With JavaScript off a resident still reads it.
    const context = await env.browser.newContext({ baseURL: env.platform.baseUrl, javaScriptEnabled: false, viewport: viewports.phone });
    const page = await context.newPage();
    await page.goto(`/items/${code}`);
    await page.getByRole('heading', { level: 1, name: item.name }).waitFor();
    await page.getByRole('heading', { name: '办理地点和时间' }).waitFor();
    await screenshot(page, 'public-guide-phone-no-js');
    await context.close();
  });

  it('loads no application code until the visitor does something; 在线申请 is a link that works before it', async () => {
    const { code } = await aGuide(env.platform.baseUrl);
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.phone);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script' && r.url().includes('/assets/')) scripts.push(r.url());
    });
    await page.goto(`/items/${code}`);
    await page.waitForLoadState('networkidle');
    expect(scripts).toEqual([]);
    expect(await page.locator('.tb-prerendered').count()).toBe(1);
    await page.locator('.tb-apply-bar').getByRole('link', { name: '在线申请' }).click();
    await page.waitForURL((url) => url.pathname === `/apply/${code}` || url.pathname === '/login');
    await context.close();
  });

  it('a keyboard user keeps their place when the app takes over after their first key press', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.desktop);
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(
        () =>
          `${document.activeElement?.tagName} ${document.activeElement?.getAttribute('href') ?? document.activeElement?.textContent?.trim()}`,
      );
    const before = await focused();
    expect(before).not.toMatch(/^BODY/);
    await page.locator('#root > .tb-app').first().waitFor();
    await page.locator('.tb-prerendered').waitFor({ state: 'detached' });
    await expect.poll(focused).toBe(before);
    await context.close();
  });

  it('does not shift the guide or the home page when the app takes over (CLS < 0.1 on a desktop)', async () => {
    const { code } = await aGuide(env.platform.baseUrl);
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.desktop);
    for (const path of ['/', `/items/${code}`]) {
      await page.goto(path);
      await waitForApp(page);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await layoutShift(page), path).toBeLessThan(0.1);
    }
    await context.close();
  });
});

describe('the public pages read well (issue 28.4)', () => {
  it('a guide on a phone keeps 在线申请 at the bottom of the screen, lists its conditions and has a section navigation', async () => {
    const { code, item } = await aGuide(env.platform.baseUrl);
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.phone);
    await page.goto(`/items/${code}`);
    await waitForApp(page);
    await page.getByTestId('apply-online').waitFor();
    const bar = page.getByTestId('apply-bar');
    await page.getByRole('heading', { name: '设定依据' }).scrollIntoViewIfNeeded();
    const box = await bar.boundingBox();
    expect(box).not.toBeNull();
    expect(Math.round((box?.y ?? 0) + (box?.height ?? 0))).toBe(viewports.phone.height);
    expect(await page.locator('#guide-conditions ol.tb-steps > li').count()).toBeGreaterThan(1);
    await page.getByRole('navigation', { name: '指南目录' }).waitFor();
    // The questions' hint stands above the questions; situational materials say 视情形 until answered.
    const hint = await page.getByText('请先回答下面的问题').boundingBox();
    const question = await page.locator('.tb-question').first().boundingBox();
    expect(hint && question && hint.y < question.y).toBe(true);
    expect(await page.getByTestId('material').filter({ hasText: '视情形' }).count()).toBeGreaterThan(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await bar.getByRole('button', { name: '在线申请' }).click();
    await page.waitForURL((url) => url.pathname === `/apply/${code}` || url.pathname === '/login');
    await context.close();

    const desktop = await openPage(env.browser, env.platform.baseUrl, viewports.desktop);
    await desktop.page.goto(`/items/${code}`);
    await waitForApp(desktop.page);
    await desktop.page.getByTestId('apply-online').waitFor();
    expect(await desktop.page.getByTestId('apply-bar').isVisible()).toBe(false);
    expect(item.name).toBeTruthy();
    await desktop.context.close();
  });

  it('the home page leads with popular services and life events (开公司 → 企业开办一件事), 12345, 好差评, and the government footer', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.desktop);
    await page.goto('/');
    await waitForApp(page);
    await page.getByRole('heading', { name: '热门服务' }).waitFor();
    expect(await page.getByTestId('entry-12345').getAttribute('href')).toBe('tel:12345');
    await page.getByTestId('entry-rating').waitFor();
    const footer = page.getByRole('contentinfo');
    for (const text of ['主办单位：', '联系电话：', 'ICP备', '网站标识码：'])
      await footer.getByText(text, { exact: false }).first().waitFor();
    // The directory is folded: the halls do not take half the page.
    expect(await page.locator('.tb-hall-card').count()).toBe(0);
    await page
      .getByTestId('life-events')
      .getByRole('link', { name: /开公司/ })
      .click();
    await page.waitForURL((url) => url.pathname.startsWith('/bundles/'));
    await page.getByRole('heading', { level: 1, name: /企业开办一件事/ }).waitFor();
    await context.close();
  });

  it('the verify page speaks plainly, offers a QR scan, and folds the technical checks away', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.phone);
    await page.goto('/verify');
    await waitForApp(page);
    await page.getByTestId('verify-scan').waitFor();
    await page.getByTestId('verify-scan-photo').waitFor({ state: 'attached' });
    const visible = await page.locator('main').innerText();
    expect(visible).not.toMatch(/GB\/T 38540|\.sig|npm run/);
    await page.getByText('给技术人员：文件核验和离线核验').click();
    await page.getByTestId('seal-maker-certificate').waitFor();
    await context.close();
  });

  it('screenshots: home, guide and verify at desktop and 375 px, normal and care mode', async () => {
    const { code } = await aGuide(env.platform.baseUrl);
    for (const width of ['desktop', 'phone'] as const) {
      for (const care of [false, true]) {
        const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports[width]);
        await page.goto('/');
        await page.evaluate((on) => localStorage.setItem('tongban.careMode', on ? '1' : '0'), care);
        for (const [name, path] of [
          ['home', '/'],
          ['guide', `/items/${code}`],
          ['verify', '/verify'],
        ] as const) {
          await page.goto(path);
          await waitForApp(page);
          await page.locator('h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          expect(await scrollWidth(page), `${name} ${width}`).toBeLessThanOrEqual(viewports[width].width);
          await screenshot(page, `public-${name}-${width}${care ? '-care' : ''}`);
          // The first screen as a visitor sees it (with the phone's fixed 在线申请 bar).
          await page.screenshot({ path: join(screenshotDir, `public-${name}-${width}${care ? '-care' : ''}-first-screen.png`) });
        }
        await context.close();
      }
    }
  });
});
