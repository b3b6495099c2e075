/**
 * `npm run bench -- lighthouse [--url http://127.0.0.1:4321] [--desktop]`: Lighthouse 12.2.3 (pinned in
 * package.json) on the four public pages of the built platform with the demo data: home, search, a guide
 * (开公司's first item) and 证照核验. Mobile preset (Lighthouse's default: simulated slow 4G, 4× CPU
 * slowdown, a 412 px phone); `--desktop` adds the desktop preset (CLS of the wide layout).
 *
 * Reports, per page, the median of LH_RUNS runs (default 3) by performance score: performance, LCP,
 * CLS, TBT, FCP. Goal (issue 28): performance ≥ 90, LCP ≤ 2.5 s, CLS < 0.1.
 *
 * Chromium: the one the browser tests use (scripts/ensure-chromium.mjs, /usr/bin/chromium), started by
 * chrome-launcher; Lighthouse never downloads a browser. Without `--url` it starts the platform itself
 * (`node src/server/main.ts start`, embedded database, TONGBAN_DEMO=1, fresh data directory, free port).
 * Run it alone on the machine (it is CPU-bound): `flock /tmp/tb-heavy.lock npm run bench -- lighthouse`.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromiumPath } from '../test/e2e/browser.ts';
import { type TestPlatform, startPlatform } from '../test/e2e/server.ts';
import { writeReport } from './support.ts';

const RUNS = Number(process.env.LH_RUNS ?? 3);
const argv = process.argv.slice(2);
const urlArg = argv.includes('--url') ? argv[argv.indexOf('--url') + 1] : undefined;
const withDesktop = argv.includes('--desktop');

type Figures = { performance: number; lcpMs: number; cls: number; tbtMs: number; fcpMs: number; siMs: number };

function median(runs: Figures[]): Figures {
  const sorted = [...runs].sort((a, b) => a.performance - b.performance);
  return sorted[Math.floor(sorted.length / 2)];
}

async function runOnce(url: string, port: number, preset: 'mobile' | 'desktop'): Promise<Figures> {
  const result = await lighthouse(
    url,
    { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] },
    preset === 'desktop' ? desktopConfig : undefined,
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const num = (id: string) => Number(lhr.audits[id]?.numericValue ?? Number.NaN);
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcpMs: Math.round(num('largest-contentful-paint')),
    cls: Math.round(num('cumulative-layout-shift') * 1000) / 1000,
    tbtMs: Math.round(num('total-blocking-time')),
    fcpMs: Math.round(num('first-contentful-paint')),
    siMs: Math.round(num('speed-index')),
  };
}

async function main() {
  let platform: TestPlatform | undefined;
  const baseUrl = urlArg ?? (platform = await startPlatform({ timeoutMs: 300_000, env: { TONGBAN_DEMO: '1' } })).baseUrl;
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const found = (await (await fetch(`${baseUrl}/api/v1/items?q=${encodeURIComponent('开公司')}&pageSize=1`)).json()) as {
      items: Array<{ implementationCode: string; name: string }>;
    };
    const guide = found.items[0];
    if (!guide) throw new Error('no item for 开公司: is the demo catalog loaded (TONGBAN_DEMO=1)?');
    const pages = [
      { name: 'home', path: '/' },
      { name: 'search', path: `/search?q=${encodeURIComponent('营业执照')}` },
      { name: 'guide', path: `/items/${guide.implementationCode}` },
      { name: 'verify', path: '/verify' },
    ];
    const presets: Array<'mobile' | 'desktop'> = withDesktop ? ['mobile', 'desktop'] : ['mobile'];
    const rows: Array<{ preset: string; page: string; path: string } & Figures & { runs: Figures[] }> = [];
    for (const preset of presets) {
      for (const page of pages) {
        // One unmeasured load first: the server's first answer warms its caches (catalog, compiled routes).
        await fetch(`${baseUrl}${page.path}`);
        const runs: Figures[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await runOnce(`${baseUrl}${page.path}`, chrome.port, preset));
        const m = median(runs);
        rows.push({ preset, page: page.name, path: page.path, ...m, runs });
        console.log(
          `${preset.padEnd(7)} ${page.name.padEnd(7)} performance ${String(m.performance).padStart(3)}  LCP ${(m.lcpMs / 1000).toFixed(2)} s  CLS ${m.cls.toFixed(3)}  TBT ${m.tbtMs} ms  FCP ${(m.fcpMs / 1000).toFixed(2)} s  SI ${(m.siMs / 1000).toFixed(2)} s  (median of ${RUNS}; scores ${runs.map((r) => r.performance).join(', ')})`,
        );
      }
    }
    const mobile = rows.filter((r) => r.preset === 'mobile');
    const ok = mobile.every((r) => r.performance >= 90 && r.lcpMs <= 2500) && rows.every((r) => r.cls < 0.1);
    console.log(`\ngoal (mobile performance ≥ 90, LCP ≤ 2.5 s, CLS < 0.1): ${ok ? 'met' : 'NOT met'}`);
    writeReport('lighthouse', { at: new Date().toISOString(), lighthouse: '12.2.3', runs: RUNS, baseUrl, rows });
  } finally {
    chrome.kill();
    await platform?.stop();
  }
}

await main();
