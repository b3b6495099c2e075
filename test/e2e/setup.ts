import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startPlatform, type TestPlatform } from './server.ts';

export type BrowserPlatform = { platform: TestPlatform; browser: Browser };

/** Starts the real platform and Chromium once for a test file, and stops both after it. */
export function usePlatformAndBrowser(): BrowserPlatform {
  const env = {} as BrowserPlatform;
  beforeAll(async () => {
    env.platform = await startPlatform({ fromTemplate: true });
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.platform?.stop();
  });
  return env;
}
