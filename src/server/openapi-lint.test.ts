import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi-document.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const redocly = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

let doc: Record<string, unknown>;
beforeAll(async () => {
  doc = await buildOpenApiDocument();
}, 120_000);

type Problem = { ruleId: string; severity: string; message: string; location: { pointer: string }[] };

/**
 * The document third parties generate clients from passes `redocly lint` (@redocly/cli, pinned; the
 * recommended rules in redocly.yaml) with zero errors: every operation has an id, a summary and a
 * security requirement (the session, or `security: []` on the public routes), the servers are named.
 */
it('lints the OpenAPI document with zero errors (Redocly, recommended rules)', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-openapi-lint-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const run = spawnSync(process.execPath, [redocly, 'lint', file, '--format=json', '--config', join(repoRoot, 'redocly.yaml')], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: Problem[] };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    console.info(`redocly lint: ${report.totals.errors} errors, ${report.totals.warnings} warnings`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('gives every operation a unique id, and marks exactly the public routes as needing no session', async () => {
  const { security, paths } = doc as {
    security?: unknown;
    paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
  };
  const ops = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method, path, op })));
  const ids = ops.map((o) => o.op.operationId);
  expect(ids.every((id) => typeof id === 'string' && /^[a-z]+[A-Za-z0-9]*$/.test(id))).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ops.find((o) => o.path === '/api/v1/cases/{id}/documents/{kind}' && o.method === 'get')?.op.operationId).toBe(
    'getCasesByIdDocumentsByKind',
  );
  expect(security).toEqual([{ bearer: [] }, { cookie: [] }]);
  // Public operations say so; the authorization matrix (test/api) checks each answers anonymously and every other one says 401.
  const open = ops
    .filter((o) => Array.isArray(o.op.security) && o.op.security.length === 0)
    .map((o) => `${o.method.toUpperCase()} ${o.path}`);
  expect(open).toContain('POST /api/v1/auth/login');
  expect(open).toContain('POST /api/v1/case-progress');
  expect(open).not.toContain('GET /api/v1/cases');
});
