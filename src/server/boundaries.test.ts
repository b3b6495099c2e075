import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The module boundaries (docs/ARCHITECTURE.md "Modules and their public faces"): dependency-cruiser with the rules
 * of .dependency-cruiser.cjs, plus cycles between modules (a file-level cycle check misses cases → evaluations →
 * cases when the files differ). Each failure names the offending import.
 */
type Cruise = {
  modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
  summary: { violations: { from: string; to: string; rule: { name: string } }[] };
};

const bin = join(process.cwd(), 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const result: Cruise = JSON.parse(
  execFileSync(process.execPath, [bin, 'src', 'seed', 'migrations', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }),
);

const moduleOf = (path: string) => /^src\/server\/modules\/([^/]+)\//.exec(path)?.[1] ?? null;

/** Cycles in the graph of modules (an edge a → b when a file of a imports a file of b). */
function moduleCycles(): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const m of result.modules) {
    const from = moduleOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = moduleOf(d.resolved);
      if (to && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const walk = (node: string, path: string[]) => {
    const at = path.indexOf(node);
    if (at >= 0) {
      const cycle = path.slice(at);
      const key = [...cycle].sort().join('>');
      if (!seen.has(key)) {
        seen.add(key);
        cycles.push([...cycle, node]);
      }
      return;
    }
    for (const next of edges.get(node) ?? []) walk(next, [...path, node]);
  };
  for (const start of edges.keys()) walk(start, []);
  return cycles;
}

/** Known exceptions, each with its reason; empty is the goal. */
const allowed = new Set<string>([]);

describe('module boundaries', () => {
  it('no import breaks a rule of .dependency-cruiser.cjs (public faces, platform below modules, frozen migrations, no cycles)', () => {
    const broken = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).filter((v) => !allowed.has(v));
    expect(broken, `imports that break the module boundaries:\n${broken.join('\n')}`).toEqual([]);
  });

  it('no cycle between modules', () => {
    const cycles = moduleCycles().map((c) => c.join(' → '));
    expect(cycles, `module cycles:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('every module that another imports has an index.ts', () => {
    const imported = new Set(
      result.modules
        .flatMap((m) => m.dependencies.map((d) => d.resolved))
        .filter((p) => /^src\/server\/modules\/[^/]+\/index[.]ts$/.test(p)),
    );
    expect(imported.size).toBeGreaterThan(5);
  });
});
