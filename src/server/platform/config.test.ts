import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoBindingProblem, isLoopback, loadConfig } from './config.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tongban-config-'));
const env = (over: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, TONGBAN_MASTER_KEY: 'ab'.repeat(32), ...over });

describe('demo or production', () => {
  it('the embedded mode is the demo, listening on loopback unless told otherwise', () => {
    const c = env({});
    expect(c).toMatchObject({ demo: true, demoExplicit: false, host: '127.0.0.1' });
    expect(demoBindingProblem(c)).toBeNull();
  });

  it('refuses to show the implicit demo on a network address; TONGBAN_DEMO=1 allows it', () => {
    expect(demoBindingProblem(env({ HOST: '0.0.0.0' }))).toMatch(/refusing to listen on 0\.0\.0\.0: this is the demo/);
    expect(demoBindingProblem(env({ HOST: '0.0.0.0', TONGBAN_DEMO: '1' }))).toBeNull();
    expect(demoBindingProblem(env({ HOST: '0.0.0.0', TONGBAN_DEMO: '0' }))).toBeNull();
  });

  it('production (DATABASE_URL, or TONGBAN_DEMO=0) listens everywhere and has no demo stand-ins', () => {
    const c = env({ DATABASE_URL: 'postgres://x@127.0.0.1/y' });
    expect(c).toMatchObject({ demo: false, host: '0.0.0.0', enterpriseIdentity: { mode: 'none' }, adminUsername: 'admin' });
    expect(env({ TONGBAN_DEMO: '0' }).demo).toBe(false);
    expect(env({ TONGBAN_DEMO: '0', ENTERPRISE_IDENTITY_URL: 'https://gw.example/ei/' }).enterpriseIdentity).toEqual({
      mode: 'http',
      url: 'https://gw.example/ei',
      token: null,
      timeoutMs: 5000,
    });
    expect(() => env({ TONGBAN_ADMIN_REGION: '61x' })).toThrow(/TONGBAN_ADMIN_REGION/);
  });

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1']) expect(isLoopback(h)).toBe(false);
  });
});
