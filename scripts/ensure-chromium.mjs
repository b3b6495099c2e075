#!/usr/bin/env node
/**
 * Finds a Chromium for the browser tests and prints its path.
 *
 * Order: $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser.
 * When none exists and we run as root, installs Debian's `chromium` and `fonts-noto-cjk`
 * with apt-get (visible output). When a Chromium exists but no CJK font does, installs
 * `fonts-noto-cjk` (as root). Otherwise exits non-zero: browser tests are never skipped silently.
 *
 * Use as a script (`node scripts/ensure-chromium.mjs` prints the path) or import `ensureChromium()`.
 *
 * `node scripts/ensure-chromium.mjs --tools` (or `ensureTestTools()`) does the same for the command
 * lines the unit tests check against: `openssl` (SM2 interoperability) and `pdftoppm` from
 * `poppler-utils` (the seal rendered on a PDF page). Those tests fail, never skip, without them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** @param {string} message */
function say(message) {
  process.stderr.write(`[ensure-chromium] ${message}\n`);
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** @returns {string | undefined} */
function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file exists there.`);
  }
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

function hasCjkFont() {
  try {
    const out = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
    return out.trim().length > 0;
  } catch {
    return false;
  }
}

/** @param {string[]} packages */
function aptInstall(packages) {
  say(`running as root: installing ${packages.join(' ')} with apt-get (this can take a few minutes)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
    say(`$ apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (result.status !== 0) {
      throw new Error(`apt-get ${args[0]} failed with exit code ${result.status ?? result.signal}`);
    }
  }
}

/**
 * Returns the path of a usable Chromium, installing it (and a CJK font) when running as root.
 * Throws with a clear message when that is impossible.
 * @returns {string}
 */
export function ensureChromium() {
  let path = findChromium();
  if (!path) {
    if (!isRoot()) {
      throw new Error(
        'No Chromium found (looked at $CHROMIUM_PATH, ' +
          CANDIDATES.join(', ') +
          '). ' +
          'Install it (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk) ' +
          'or set CHROMIUM_PATH to a Chromium/Chrome binary.',
      );
    }
    aptInstall(['chromium', 'fonts-noto-cjk']);
    path = findChromium();
    if (!path) throw new Error(`apt-get installed chromium, but no binary appeared at ${CANDIDATES.join(' or ')}`);
  }
  if (!hasCjkFont()) {
    if (isRoot()) {
      aptInstall(['fonts-noto-cjk']);
    } else {
      say('warning: no CJK font found (fc-list :lang=zh is empty); Chinese text will render as boxes. ' + 'Install fonts-noto-cjk.');
    }
  }
  return path;
}

/** @param {string} cmd @param {string[]} args */
function runs(cmd, args) {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

/**
 * Makes sure `openssl` and `pdftoppm` run, installing `openssl` / `poppler-utils` with apt-get when
 * running as root. Throws naming what is missing otherwise.
 */
export function ensureTestTools() {
  const tools = [
    { name: 'openssl', check: () => runs('openssl', ['version']), pkg: 'openssl' },
    { name: 'pdftoppm', check: () => runs('pdftoppm', ['-v']), pkg: 'poppler-utils' },
  ];
  const missing = tools.filter((t) => !t.check());
  if (missing.length === 0) return;
  if (!isRoot()) {
    throw new Error(
      `${missing.map((t) => t.name).join(' and ')} not found; install ${missing.map((t) => t.pkg).join(' ')} ` +
        `(Debian/Ubuntu: sudo apt-get install ${missing.map((t) => t.pkg).join(' ')})`,
    );
  }
  aptInstall(missing.map((t) => t.pkg));
  const still = missing.filter((t) => !t.check());
  if (still.length > 0)
    throw new Error(
      `apt-get installed ${still.map((t) => t.pkg).join(' ')}, but ${still.map((t) => t.name).join(' and ')} still does not run`,
    );
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  try {
    if (process.argv.includes('--tools')) {
      ensureTestTools();
      say('openssl and pdftoppm are available');
    } else process.stdout.write(`${ensureChromium()}\n`);
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
