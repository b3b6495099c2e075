import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { buildApp } from './app.ts';
import { loadConfig } from './platform/config.ts';
import { createContext } from './platform/context.ts';
import type { DB } from './platform/db-types.ts';
import type { Jobs } from './platform/jobs.ts';
import { createLogger } from './platform/logger.ts';

/**
 * The OpenAPI document that `/api/openapi.json` serves, built in-process without a database or a
 * network: the routes are registered against a Kysely that never runs a query (DummyDriver) and a
 * job queue that is never called. Used by `npm run gen:api-types` and its staleness test.
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const config = loadConfig({ DATA_DIR: join(tmpdir(), 'tongban-openapi'), TONGBAN_MASTER_KEY: '00'.repeat(32), LOG_LEVEL: 'silent' });
  const jobs = new Proxy({} as Jobs, {
    get: () => {
      throw new Error('the OpenAPI document is built without a job queue');
    },
  });
  const app = await buildApp(createContext({ db, config, jobs, log: createLogger('silent') }));
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
