#!/usr/bin/env node
/**
 * `npm test`: every tier, in order, each saying what it runs.
 *   1. typecheck (tsc --noEmit), then format and lint (biome ci: no writes; `npm run fix` writes)
 *   2. unit tests (colocated *.test.ts)
 *   3. API tests on the embedded database (PGlite)
 *   4. API tests on PostgreSQL (TEST_DATABASE_URL; default postgres://postgres@127.0.0.1:5432/postgres)
 *      and the fault tests (test/faults: kill -9, a PostgreSQL restart, two nodes) against the same server
 *   5. browser tests in a real Chromium (installed with apt-get when missing and running as root)
 * Ends with one line "tests: N passed, N failed" and a non-zero exit code on any failure.
 * `--faults` (npm run test:faults) runs the fault tier instead: test/faults against PostgreSQL.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';

const results = [];
let failedSteps = 0;
mkdirSync('.tmp', { recursive: true });

function banner(text) {
  process.stdout.write(`\n━━ ${text}\n`);
}

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function vitest(label, env) {
  const out = `.tmp/vitest-${label}.json`;
  rmSync(out, { force: true });
  banner(label);
  const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(readFileSync(out, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests;
  } catch {
    failed = 1;
  }
  if (code !== 0 && failed === 0) failed = 1;
  if (code !== 0) failedSteps++;
  results.push({ label, passed, failed });
}

function reachable(url) {
  return new Promise((resolve) => {
    const u = new URL(url);
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 5432) });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

if (process.argv.includes('--faults')) {
  // `npm run test:faults`: the fault tier alone (kill -9, a PostgreSQL restart, two nodes on one database).
  vitest('faults', { TEST_TIER: 'faults' });
  for (const r of results) process.stdout.write(`  ${r.label.padEnd(14)} ${r.passed} passed, ${r.failed} failed\n`);
  const failedFaults = results.reduce((a, r) => a + r.failed, 0);
  process.stdout.write(`\ntests: ${results.reduce((a, r) => a + r.passed, 0)} passed, ${failedFaults} failed\n`);
  process.exit(failedSteps > 0 || failedFaults > 0 ? 1 : 0);
}

banner('typecheck (tsc --noEmit)');
if (run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) !== 0) {
  failedSteps++;
  results.push({ label: 'typecheck', passed: 0, failed: 1 });
}

banner('format and lint (biome ci)');
if (run('npx', ['biome', 'ci', '.']) !== 0) {
  failedSteps++;
  results.push({ label: 'lint', passed: 0, failed: 1 });
}

vitest('unit', { TEST_TIER: 'unit' });
vitest('api-pglite', { TEST_TIER: 'api', TEST_DB: 'pglite' });

const pgUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
if (await reachable(pgUrl)) {
  vitest('api-postgres', { TEST_TIER: 'api', TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl });
  // kill -9 under load, a PostgreSQL restart under load, two nodes on one database (about 2.5 minutes).
  vitest('faults', { TEST_TIER: 'faults', TEST_DATABASE_URL: pgUrl });
} else if (process.env.TEST_DATABASE_URL) {
  banner(`api-postgres: TEST_DATABASE_URL=${pgUrl} is not reachable`);
  failedSteps++;
  results.push({ label: 'api-postgres', passed: 0, failed: 1 });
} else {
  banner(`api-postgres: NOT RUN — no PostgreSQL at ${pgUrl}; set TEST_DATABASE_URL to run the API tier on PostgreSQL`);
}

banner('browser: finding or installing Chromium');
const chromium = spawnSync('node', ['scripts/ensure-chromium.mjs'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const chromiumPath = chromium.stdout.trim().split('\n').pop();
if (chromium.status !== 0 || !chromiumPath) {
  banner('browser: no Chromium could be found or installed; the browser tests FAILED to run');
  failedSteps++;
  results.push({ label: 'browser', passed: 0, failed: 1 });
} else {
  process.stdout.write(`using Chromium at ${chromiumPath}\n`);
  vitest('browser', { TEST_TIER: 'e2e', CHROMIUM_PATH: chromiumPath });
}

banner('summary');
for (const r of results) process.stdout.write(`  ${r.label.padEnd(14)} ${r.passed} passed, ${r.failed} failed\n`);
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
