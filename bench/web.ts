/**
 * `npm run bench -- web`: the web application's budgets (issue 6), measured, never asserted:
 *   - the portal's entry: the JavaScript and CSS that index.html loads before any route (script +
 *     modulepreload + stylesheets), raw and gzip (level 6, what a reverse proxy sends); the staff and
 *     admin areas are lazy chunks and are listed apart. Budget: entry JavaScript ≤ 250 KB gzip.
 *   - a guide page interactive: a fresh browser context (empty cache) opens /items/<code> of the real
 *     platform (`npm start`'s process, embedded database, demo data) until the guide's heading and its
 *     enabled 在线办理 button are on screen; cold (new context) and warm (same context, second visit).
 *     Baseline in the same run: the same browser opening a bare HTML page with one heading from a
 *     plain node:http server on this machine. Budget: under 1 s on localhost.
 */
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/browser.ts';
import { repoRoot, startPlatform } from '../test/e2e/server.ts';
import { writeReport } from './support.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const webDir = join(repoRoot, 'dist', 'web');

function kb(bytes: number): number {
  return Math.round((bytes / 1024) * 10) / 10;
}

/** The files index.html pulls in before any lazy route, with their raw and gzip sizes. */
function entrySizes() {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const files = [...new Set(refs)].map((ref) => {
    const bytes = readFileSync(join(webDir, ref));
    return { file: ref, rawKB: kb(bytes.length), gzipKB: kb(gzipSync(bytes, { level: 6 }).length) };
  });
  const sum = (kind: string, key: 'rawKB' | 'gzipKB') =>
    Math.round(files.filter((f) => f.file.endsWith(kind)).reduce((s, f) => s + f[key], 0) * 10) / 10;
  const all = readdirSync(join(webDir, 'assets')).filter((f) => f.endsWith('.js'));
  const lazyGzipKB = kb(
    all
      .filter((f) => !refs.includes(`assets/${f}`))
      .reduce((s, f) => s + gzipSync(readFileSync(join(webDir, 'assets', f)), { level: 6 }).length, 0),
  );
  return {
    files,
    entryJsRawKB: sum('.js', 'rawKB'),
    entryJsGzipKB: sum('.js', 'gzipKB'),
    entryCssGzipKB: sum('.css', 'gzipKB'),
    lazyChunks: all.length - files.filter((f) => f.file.endsWith('.js')).length,
    lazyJsGzipKB: lazyGzipKB,
    totalAssetsKB: kb(all.reduce((s, f) => s + statSync(join(webDir, 'assets', f)).size, 0)),
  };
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]);
  return { n: s.length, medianMs: q(0.5), p90Ms: q(0.9), minMs: Math.round(s[0]) };
}

/** Milliseconds from navigation start until `ready` resolves, read from the page's own clock. */
async function timeTo(page: Page, url: string, ready: (page: Page) => Promise<void>): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  return page.evaluate(() => performance.now());
}

async function measure(browser: Browser, baseUrl: string, path: string, ready: (page: Page) => Promise<void>) {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    cold.push(await timeTo(page, path, ready));
    warm.push(await timeTo(page, path, ready));
    await context.close();
  }
  return { cold: stats(cold), warm: stats(warm) };
}

async function main() {
  const sizes = entrySizes();
  console.log(
    `portal entry JavaScript: ${sizes.entryJsGzipKB} KB gzip (${sizes.entryJsRawKB} KB raw) in ${sizes.files.filter((f) => f.file.endsWith('.js')).length} files; CSS ${sizes.entryCssGzipKB} KB gzip; budget 250 KB gzip`,
  );
  console.log(`lazy chunks (staff, admin, pages): ${sizes.lazyChunks} files, ${sizes.lazyJsGzipKB} KB gzip`);

  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>bare</title><h1>办事指南</h1></html>');
  });
  await new Promise<void>((done) => bare.listen(0, '127.0.0.1', done));
  const address = bare.address();
  const bareUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const platform = await startPlatform({ timeoutMs: 300_000 });
  const browser = await launchBrowser();
  try {
    const found = (await (await fetch(`${platform.baseUrl}/api/v1/items?q=${encodeURIComponent('开公司')}&pageSize=1`)).json()) as {
      items: Array<{ implementationCode: string; name: string }>;
    };
    const item = found.items[0];
    const guideReady = async (page: Page) => {
      await page.getByRole('heading', { level: 1, name: item.name }).waitFor({ timeout: 30_000 });
      await page.getByTestId('apply-online').and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
    };
    const baseline = await measure(browser, bareUrl, '/', async (page) => {
      await page.locator('h1').waitFor();
    });
    const guide = await measure(browser, platform.baseUrl, `/items/${item.implementationCode}`, guideReady);
    const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;
    console.log(`\nguide page ${item.name} (/items/${item.implementationCode}), ${RUNS} runs:`);
    console.log(
      `  cold: median ${guide.cold.medianMs} ms, p90 ${guide.cold.p90Ms} ms  (bare page ${baseline.cold.medianMs} ms; ×${ratio(guide.cold.medianMs, baseline.cold.medianMs)})`,
    );
    console.log(
      `  warm: median ${guide.warm.medianMs} ms, p90 ${guide.warm.p90Ms} ms  (bare page ${baseline.warm.medianMs} ms; ×${ratio(guide.warm.medianMs, baseline.warm.medianMs)})`,
    );
    console.log(`  budget: interactive under 1000 ms → cold median ${guide.cold.medianMs < 1000 ? 'within' : 'OVER'} budget`);
    writeReport('web', { at: new Date().toISOString(), runs: RUNS, sizes, item: item.implementationCode, guide, baseline });
  } finally {
    await browser.close();
    await platform.stop();
    bare.close();
  }
}

await main();
