import { defineConfig } from 'vitest/config';

/**
 * Test tiers: unit (colocated *.test.ts), api (test/api, run once per database), e2e (test/e2e, real
 * Chromium), faults (test/faults: kill -9, database restarts, two nodes; `npm run test:faults`).
 */
const tier = process.env.TEST_TIER ?? 'unit';
const include =
  tier === 'api'
    ? ['test/api/**/*.test.ts']
    : tier === 'e2e'
      ? ['test/e2e/**/*.test.ts']
      : tier === 'faults'
        ? ['test/faults/**/*.test.ts']
        : ['src/**/*.test.ts', 'seed/**/*.test.ts'];

export default defineConfig({
  test: {
    include,
    environment: 'node',
    testTimeout: tier === 'unit' ? 20_000 : tier === 'faults' ? 600_000 : 120_000,
    hookTimeout: tier === 'faults' ? 600_000 : 180_000,
    // Unit and API files run two at a time (each API file has its own database, data directory and clock; the
    // machine has 2 cores); the browser and fault tiers one at a time (fixed ports, a shared PostgreSQL server to restart).
    fileParallelism: tier === 'unit' || tier === 'api',
    maxWorkers: tier === 'unit' || tier === 'api' ? Number(process.env.TEST_WORKERS ?? 2) : 1,
  },
});
