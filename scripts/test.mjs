#!/usr/bin/env node
/**
 * `npm test`: every tier, in order, each saying what it runs.
 *   1. typecheck (tsc --noEmit), then format and lint (biome ci: no writes; `npm run fix` writes)
 *   2. unit tests (colocated *.test.ts), after making sure pdftoppm and openssl are there (apt-get as root)
 *   3. API tests on the embedded database (PGlite)
 *   4. API tests on PostgreSQL (TEST_DATABASE_URL; default postgres://postgres@127.0.0.1:5432/postgres)
 *      and the fault tests (test/faults: kill -9, a PostgreSQL restart, two nodes) against the same server.
 *      No PostgreSQL there is a FAILURE, unless TONGBAN_SKIP_POSTGRES=1 says to skip both tiers; skipped
 *      tiers are listed and their tests counted as skipped.
 *   5. browser tests in a real Chromium (installed with apt-get when missing and running as root)
 * Ends with one line "tests: N passed, N failed, N skipped" (skipped: tests vitest skipped, such as the
 * PostgreSQL-only ones on PGlite, plus every test of a skipped tier) and a non-zero exit code on any failure.
 *
 * Flags:
 *   --only=<tier>[,<tier>…]  run only these tiers (typecheck, lint, unit, api-pglite, api-postgres, faults, browser)
 *   --faults                 the fault tier alone (npm run test:faults), the same as --only=faults
 *   --dry                    say what would run, skip or fail, and run nothing (PostgreSQL is still probed)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';

const TIERS = ['typecheck', 'lint', 'unit', 'api-pglite', 'api-postgres', 'faults', 'browser'];
const args = process.argv.slice(2);
const dry = args.includes('--dry');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = args.includes('--faults') ? ['faults'] : onlyArg ? onlyArg.slice('--only='.length).split(',').filter(Boolean) : null;
const unknownArgs = args.filter((a) => a !== '--dry' && a !== '--faults' && !a.startsWith('--only='));
const unknownTiers = (only ?? []).filter((t) => !TIERS.includes(t));
if (unknownArgs.length > 0 || unknownTiers.length > 0) {
  process.stderr.write(
    `unknown ${unknownArgs.length ? `argument ${unknownArgs.join(' ')}` : `tier ${unknownTiers.join(', ')}`}; tiers: ${TIERS.join(', ')}\n`,
  );
  process.exit(2);
}
const wanted = (tier) => !only || only.includes(tier);

/** @type {{ label: string; passed: number; failed: number; skipped: number; note?: string }[]} */
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

function step(label, cmd, args) {
  banner(`${label} (${[cmd, ...args].join(' ')})`);
  if (dry) return results.push({ label, passed: 0, failed: 0, skipped: 0, note: 'dry run: not run' });
  if (run(cmd, args) !== 0) {
    failedSteps++;
    results.push({ label, passed: 0, failed: 1, skipped: 0 });
  } else results.push({ label, passed: 1, failed: 0, skipped: 0 });
}

function vitest(label, env) {
  const out = `.tmp/vitest-${label}.json`;
  rmSync(out, { force: true });
  banner(
    `${label} (${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')} vitest run)`,
  );
  if (dry) return results.push({ label, passed: 0, failed: 0, skipped: 0, note: 'dry run: not run' });
  const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    const json = JSON.parse(readFileSync(out, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests;
    skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  } catch {
    failed = 1;
  }
  if (code !== 0 && failed === 0) failed = 1;
  if (code !== 0) failedSteps++;
  results.push({ label, passed, failed, skipped });
}

/** A tier skipped on purpose: its tests (collected, not run) are counted as skipped. */
function skipTier(label, env, reason) {
  banner(`${label}: SKIPPED — ${reason}`);
  const listed = spawnSync('npx', ['vitest', 'list', '--json'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  let skipped = 0;
  let note = reason;
  try {
    skipped = JSON.parse(listed.stdout).length;
  } catch {
    note = `${reason}; its tests could not be listed`;
  }
  results.push({ label, passed: 0, failed: 0, skipped, note });
}

function fail(label, reason, note = reason) {
  banner(`${label}: FAILED — ${reason}`);
  failedSteps++;
  results.push({ label, passed: 0, failed: 1, skipped: 0, note });
}

function reachable(url) {
  return new Promise((resolve) => {
    let u;
    try {
      u = new URL(url);
    } catch {
      return resolve(false);
    }
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

if (wanted('typecheck')) step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (wanted('lint')) step('lint', 'npx', ['biome', 'ci', '.']);

if (['unit', 'api-pglite', 'api-postgres', 'faults'].some(wanted)) {
  // The SM2 interoperability, seal-rendering and PDF-text tests (unit and API tiers) use the openssl, pdftoppm and
  // pdftotext command lines; they fail (never skip) without them, so install them first where we can (root, as on CI).
  banner('tools: finding or installing openssl, pdftoppm and pdftotext (poppler-utils)');
  if (!dry && run('node', ['scripts/ensure-chromium.mjs', '--tools']) !== 0) {
    process.stdout.write('openssl or poppler-utils is missing and could not be installed: the tests that use them will fail\n');
  }
}
if (wanted('unit')) vitest('unit', { TEST_TIER: 'unit' });
if (wanted('api-pglite')) vitest('api-pglite', { TEST_TIER: 'api', TEST_DB: 'pglite' });

const pgTiers = ['api-postgres', 'faults'].filter(wanted);
if (pgTiers.length > 0) {
  const pgUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const envOf = (tier) =>
    tier === 'faults'
      ? { TEST_TIER: 'faults', TEST_DATABASE_URL: pgUrl }
      : { TEST_TIER: 'api', TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl };
  if (process.env.TONGBAN_SKIP_POSTGRES === '1') {
    for (const tier of pgTiers) skipTier(tier, envOf(tier), 'TONGBAN_SKIP_POSTGRES=1');
  } else if (await reachable(pgUrl)) {
    // faults: kill -9 under load, a PostgreSQL restart under load, two nodes on one database (about 2.5 minutes).
    for (const tier of pgTiers) vitest(tier, envOf(tier));
  } else {
    for (const tier of pgTiers)
      fail(
        tier,
        `no PostgreSQL at ${pgUrl} (TEST_DATABASE_URL); start one, or set TONGBAN_SKIP_POSTGRES=1 to skip this tier on purpose`,
        `not run: no PostgreSQL at ${pgUrl}`,
      );
  }
}

if (wanted('browser')) {
  banner('browser: finding or installing Chromium');
  const chromium = dry
    ? { status: 0, stdout: 'chromium (dry run: not looked for)' }
    : spawnSync('node', ['scripts/ensure-chromium.mjs'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const chromiumPath = chromium.stdout.trim().split('\n').pop();
  if (chromium.status !== 0 || !chromiumPath) {
    fail('browser', 'no Chromium could be found or installed; the browser tests did not run');
  } else {
    process.stdout.write(`using Chromium at ${chromiumPath}\n`);
    vitest('browser', { TEST_TIER: 'e2e', CHROMIUM_PATH: chromiumPath });
  }
}

banner('summary');
for (const r of results) {
  process.stdout.write(
    `  ${r.label.padEnd(14)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.note ? `  (${r.note})` : ''}\n`,
  );
}
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
const skipped = results.reduce((a, r) => a + r.skipped, 0);
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
