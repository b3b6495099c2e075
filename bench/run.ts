/**
 * `npm run bench [-- name…]`: runs each benchmark in its own process (foundation, catalog) and
 * prints what they report. Each benchmark measures its own baseline in the same run.
 */
import { spawnSync } from 'node:child_process';

const all = { foundation: 'bench/foundation.ts', catalog: 'bench/catalog-search.ts', cases: 'bench/cases.ts', licenses: 'bench/licenses.ts', web: 'bench/web.ts', opening: 'bench/opening.ts', indicators: 'bench/indicators.ts' } as const;
const argv = process.argv.slice(2);
const firstOption = argv.findIndex((a) => a.startsWith('--'));
const wanted = firstOption < 0 ? argv : argv.slice(0, firstOption);
const options = firstOption < 0 ? [] : argv.slice(firstOption);
const names = (wanted.length ? wanted : Object.keys(all)) as (keyof typeof all)[];
let failed = 0;
for (const name of names) {
  if (!all[name]) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(all).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n━━ bench: ${name}`);
  const r = spawnSync('npx', ['tsx', all[name], ...options], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
