/**
 * `npm run bench [-- name… [--option …]]`: runs each benchmark in its own process and prints what it
 * reports; each measures its own baseline in the same run. At the end it writes
 * bench/results/<date>-<commit>.json (every report of this run, with the machine) and a Markdown
 * summary beside it (each benchmark's printed table). Results are not committed; docs/BENCHMARKS.md is.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const all = {
  foundation: 'bench/foundation.ts',
  catalog: 'bench/catalog-search.ts',
  cases: 'bench/cases.ts',
  licenses: 'bench/licenses.ts',
  web: 'bench/web.ts',
  http: 'bench/http.ts',
  opening: 'bench/opening.ts',
  indicators: 'bench/indicators.ts',
  lists: 'bench/lists.ts',
  lighthouse: 'bench/lighthouse.ts',
} as const;
const argv = process.argv.slice(2);
const firstOption = argv.findIndex((a) => a.startsWith('--'));
const wanted = firstOption < 0 ? argv : argv.slice(0, firstOption);
const options = firstOption < 0 ? [] : argv.slice(firstOption);
const names = (wanted.length ? wanted : Object.keys(all)) as (keyof typeof all)[];
for (const name of names) {
  if (!all[name]) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(all).join(', ')}`);
    process.exit(2);
  }
}

/** Runs one benchmark, showing its output as it comes and keeping it for the summary. */
function runOne(file: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', file, ...options], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString('utf8');
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const resultsDir = 'bench/results';
mkdirSync(resultsDir, { recursive: true });
const started = Date.now();
const outputs: Array<{ name: string; code: number; output: string }> = [];
for (const name of names) {
  console.log(`\n━━ bench: ${name}`);
  outputs.push({ name, ...(await runOne(all[name])) });
}

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || 'nogit';
const date = new Date().toISOString().slice(0, 10);
const stem = join(resultsDir, `${date}-${commit}`);
// The reports the benchmarks wrote during this run (bench/support.ts writeReport).
const reports: Record<string, unknown[]> = {};
for (const f of readdirSync(resultsDir)) {
  const m = /^([a-z]+)-[0-9a-f]{6}\.json$/.exec(f);
  if (!m || !(names as string[]).includes(m[1]) || statSync(join(resultsDir, f)).mtimeMs < started) continue;
  (reports[m[1]] ??= []).push(JSON.parse(readFileSync(join(resultsDir, f), 'utf8')));
}
const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? '',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: process.platform,
};
writeFileSync(`${stem}.json`, JSON.stringify({ date, commit, machine, options, benchmarks: names, reports }, null, 2));
const strip = (s: string) =>
  s
    .replace(/\x1b\[[0-9;]*m/g, '')
    .replace(/^npm warn .*\n/gm, '')
    .trim();
const md = [
  `# Benchmarks ${date} (${commit})`,
  '',
  `Machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}. Command: \`npm run bench${names.length < Object.keys(all).length ? ` -- ${names.join(' ')}` : ''}${options.length ? ` ${options.join(' ')}` : ''}\`.`,
  'Each figure beside its baseline measured in the same run; see docs/BENCHMARKS.md for what each measures.',
  '',
  ...outputs.flatMap((o) => [`## ${o.name}${o.code === 0 ? '' : ' (FAILED)'}`, '', '```', strip(o.output), '```', '']),
].join('\n');
writeFileSync(`${stem}.md`, md);
console.log(`\nall results: ${stem}.json and ${stem}.md`);
process.exit(outputs.some((o) => o.code !== 0) ? 1 : 0);
