import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../e2e/server.ts';
import {
  postgresBin,
  prepareSubmission,
  query,
  readyStatus,
  ServerNode,
  sleep,
  submit,
  submitUntilDone,
  type Submission,
} from './support.ts';

/**
 * PostgreSQL restarts under load: the node is not restarted; /readyz turns red while the database is
 * down and green again after; no acknowledged submission is lost, and the clients' retries (same
 * Idempotency-Key) complete once the database is back.
 *
 * A private PostgreSQL cluster (initdb in a temporary directory, its own port) is restarted, never the
 * machine's shared server. PostgreSQL refuses to run as root, so the cluster runs as the `postgres` user.
 */
const bin = postgresBin();
const asPostgres = (args: string[]) => spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8' });

let dir = '';
let port = 0;
let node: ServerNode;

function pgCtl(action: 'start' | 'stop') {
  const args =
    action === 'start'
      ? [
          `${bin}/pg_ctl`,
          '-D',
          dir,
          '-w',
          '-l',
          join(dir, 'server.log'),
          '-o',
          `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
          'start',
        ]
      : [`${bin}/pg_ctl`, '-D', dir, '-w', '-m', 'fast', 'stop'];
  const r = asPostgres(args);
  if (r.status !== 0) throw new Error(`pg_ctl ${action}: ${r.stdout}${r.stderr}`);
}

beforeAll(async () => {
  if (!bin) throw new Error('PostgreSQL server programs (initdb, pg_ctl) are not installed: the fault tier needs them');
  dir = mkdtempSync(join(tmpdir(), 'tongban-pg-'));
  chownSync(
    dir,
    Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
    Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
  );
  const init = asPostgres([`${bin}/initdb`, '-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  if (init.status !== 0) throw new Error(`initdb: ${init.stdout}${init.stderr}`);
  port = await freePort();
  pgCtl('start');
  node = await ServerNode.create({
    DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`,
    TONGBAN_MASTER_KEY: randomBytes(32).toString('hex'),
    LOGIN_RATE_PER_MINUTE: '100000',
  });
});

afterAll(async () => {
  await node?.destroy();
  if (dir) {
    asPostgres([`${bin}/pg_ctl`, '-D', dir, '-m', 'immediate', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('a PostgreSQL restart under load', () => {
  it('turns /readyz red then green without restarting the node, and loses no acknowledged submission', async () => {
    await node.start({ TONGBAN_DEMO: '1' });
    const pid = node.pid;
    const s: Submission = await prepareSubmission(node.baseUrl);
    const acknowledged = new Map<string, string>();
    const pending = new Set<string>();
    let stop = false;
    const client = async (c: number) => {
      for (let n = 0; !stop; n++) {
        const key = `pgr-${c}-${n}`;
        const a = await submit(node.baseUrl, s, key);
        if (a.status === 201 && a.id) acknowledged.set(key, a.id);
        else {
          // Down or refused: the client keeps the key and retries it later.
          expect([0, 409, 500, 503], `answer ${a.status} for ${key}`).toContain(a.status);
          pending.add(key);
          await sleep(300);
        }
      }
    };
    const load = Promise.all(Array.from({ length: 16 }, (_, c) => client(c)));
    while (acknowledged.size < 40) await sleep(100);

    pgCtl('stop');
    const red = Date.now() + 30_000;
    let sawRed = false;
    const seen: number[] = [];
    while (Date.now() < red) {
      const status = await readyStatus(node.baseUrl);
      seen.push(status);
      if (status === 503) {
        sawRed = true;
        break;
      }
      await sleep(200);
    }
    expect(sawRed, `readyz answered ${[...new Set(seen)].join(', ')} (0: no answer); node output:\n${node.output().slice(-3000)}`).toBe(
      true,
    );
    await sleep(2_000);
    pgCtl('start');
    const green = Date.now() + 60_000;
    let sawGreen = false;
    while (Date.now() < green) {
      if ((await readyStatus(node.baseUrl)) === 200) {
        sawGreen = true;
        break;
      }
      await sleep(200);
    }
    expect(sawGreen).toBe(true);
    // Let the load run on the recovered database, then stop it.
    const before = acknowledged.size;
    const more = Date.now() + 60_000;
    while (acknowledged.size < before + 40 && Date.now() < more) await sleep(100);
    stop = true;
    await load;
    expect(acknowledged.size).toBeGreaterThanOrEqual(before + 40);
    expect(node.pid).toBe(pid);

    const deadline = Date.now() + 120_000;
    for (const key of pending) {
      if (acknowledged.has(key)) continue;
      const a = await submitUntilDone(node.baseUrl, s, key, deadline);
      expect(a.status, `retry of ${key}`).toBe(201);
      acknowledged.set(key, a.id as string);
    }
    const ids = [...acknowledged.values()];
    expect(new Set(ids).size).toBe(ids.length);
    const stored = await query<{ id: string }>(
      `postgres://postgres@127.0.0.1:${port}/postgres`,
      'SELECT id FROM cases WHERE implementation_code = $1',
      [s.code],
    );
    expect(new Set(stored.map((r) => r.id))).toEqual(new Set(ids));
    console.log(
      `PostgreSQL restart: ${before} acknowledged before, ${ids.length} in all after the retries of ${pending.size} refused or failed requests; ${stored.length} stored; node pid unchanged`,
    );
  });
});
