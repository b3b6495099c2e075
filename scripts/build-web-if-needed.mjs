#!/usr/bin/env node
/**
 * Builds the web application (dist/web) when it is missing or older than any file in src/web,
 * and says what it does. `npm start` runs it before starting the server.
 * `--force` builds regardless.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const webSource = join(repoRoot, 'src', 'web');
const builtIndex = join(repoRoot, 'dist', 'web', 'index.html');
/** Files outside src/web that change the build too. */
const extraInputs = ['package.json', 'package-lock.json'].map((name) => join(repoRoot, name));

/** @param {string} message */
function say(message) {
  process.stdout.write(`[build-web] ${message}\n`);
}

/**
 * The newest file under a directory (skipping test files, which do not enter the bundle).
 * @param {string} dir
 * @returns {{ path: string, mtimeMs: number } | null}
 */
function newestFile(dir) {
  let newest = null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory()
      ? newestFile(path)
      : entry.name.endsWith('.test.ts') || entry.name.endsWith('.test.tsx')
        ? null
        : { path, mtimeMs: statSync(path).mtimeMs };
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

/** @returns {string | null} why a build is needed, or null when dist/web is up to date */
function reasonToBuild() {
  if (process.argv.includes('--force')) return 'asked to (--force)';
  let builtAt;
  try {
    builtAt = statSync(builtIndex).mtimeMs;
  } catch {
    return `${relative(repoRoot, builtIndex)} is missing`;
  }
  const newest = newestFile(webSource);
  if (newest && newest.mtimeMs > builtAt) return `${relative(repoRoot, newest.path)} changed after the last build`;
  for (const path of extraInputs) {
    try {
      if (statSync(path).mtimeMs > builtAt) return `${relative(repoRoot, path)} changed after the last build`;
    } catch {
      // optional input
    }
  }
  return null;
}

const reason = reasonToBuild();
if (!reason) {
  say('dist/web is up to date with src/web; not building');
} else {
  say(`building the web application: ${reason}`);
  say('$ vite build --config src/web/vite.config.ts');
  const viteBin = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const started = Date.now();
  const result = spawnSync(process.execPath, [viteBin, 'build', '--config', 'src/web/vite.config.ts'], {
    cwd: repoRoot,
    stdio: 'inherit',
    // A production bundle whatever the caller's NODE_ENV (vitest sets it to 'test').
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    say(`the web build failed (exit code ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  say(`built dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
