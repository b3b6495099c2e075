/**
 * `npm run bench indicators [-- --db postgres] [--steps 1000000,10000000]`: indicators for a month
 * over millions of cases, read from the daily rollups, against the same figures computed from
 * scratch over the cases table (the baseline), and how both grow from 1 M to 10 M cases.
 *
 * Cases are generated with bulk `INSERT … SELECT … FROM generate_series` (1 M rows per statement) in
 * the bench's own database; the rollup triggers count each statement as it commits, exactly as they
 * count the engine's single-row changes. Every step checks that the rollups agree with the scratch
 * count. PGlite runs 1 M cases by default (its WASM heap grows with the data: 9 M cases took 22 GB and
 * were killed); --steps changes the steps. On PostgreSQL the foreign-key checks are skipped while
 * generating (replica role; the rollup triggers are ENABLE ALWAYS).
 *
 *   npm run bench indicators -- --db pglite
 *   TEST_DB=postgres TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench indicators -- --db postgres
 */
import { sql } from 'kysely';
import { periodCaseFiguresFromScratch, periodFigures } from '../src/server/modules/supervision/repo.ts';
import { login } from '../test/api/client.ts';
import type { TestPlatform } from '../test/api/platform.ts';
import { onEachDatabase, writeReport } from './support.ts';

const REGION = '610922';
const MONTH = { from: '2026-06-01', to: '2026-06-30' };
const YEAR_START = '2025-12-01';

function stepsFor(target: 'pglite' | 'postgres'): number[] {
  const i = process.argv.indexOf('--steps');
  if (i >= 0) return process.argv[i + 1].split(',').map(Number);
  return target === 'postgres' ? [1_000_000, 10_000_000] : [1_000_000];
}

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 10) / 10;
}

/** The lookup tables the generator draws from: the county's items, its halls and their windows. */
async function prepare(p: TestPlatform) {
  const db = p.ctx.db;
  await sql`CREATE TABLE bench_items AS
    SELECT (row_number() OVER (ORDER BY i.implementation_code))::int - 1 AS idx, i.id, v.id AS version_id, i.implementation_code, i.name, i.department_id,
      i.handling_type, greatest(coalesce((v.guide->'promisedLimit'->>'value')::int, 0), CASE WHEN i.handling_type = 'immediate' THEN 0 ELSE 1 END) AS promised
    FROM items i JOIN item_versions v ON v.item_id = i.id AND v.status = 'published' WHERE i.region_code = ${REGION} AND i.status = 'published'`.execute(
    db,
  );
  await sql`CREATE TABLE bench_halls AS
    SELECT (row_number() OVER (ORDER BY h.key))::int - 1 AS idx, h.id AS hall_id,
      (SELECT w.id FROM windows w WHERE w.hall_id = h.id ORDER BY w.number LIMIT 1) AS window_id
    FROM halls h WHERE h.region_code LIKE ${`${REGION}%`} AND h.level IN ('county', 'township')`.execute(db);
  for (const kind of ['insert', 'update', 'delete'])
    await sql.raw(`ALTER TABLE cases ENABLE ALWAYS TRIGGER supervision_rollup_cases_${kind}`).execute(db);
  const counts = (
    await sql<{
      items: number;
      halls: number;
    }>`SELECT (SELECT count(*) FROM bench_items)::int AS items, (SELECT count(*) FROM bench_halls)::int AS halls`.execute(db)
  ).rows[0];
  const who = await db
    .selectFrom('accounts as a')
    .innerJoin('persons as p', 'p.account_id', 'a.id')
    .select(['a.id as account', 'p.id as person'])
    .where('a.username', '=', 'citizen1')
    .executeTakeFirstOrThrow();
  return { ...counts, who, form: p.ctx.cipher.encrypt('{}') };
}

/**
 * Inserts cases [from, to) in one statement: an item by g, a day of the year by g, 60 % online, the
 * rest at a hall; 92 % completed (4 % late), the rest open. Dates are plain arithmetic on g.
 */
async function generate(
  p: TestPlatform,
  ctx: Awaited<ReturnType<typeof prepare>>,
  from: number,
  to: number,
  target: 'pglite' | 'postgres',
): Promise<void> {
  await p.ctx.db.transaction().execute(async (trx) => {
    // Generated rows reference only existing rows: skip the foreign-key checks (replica role) on
    // PostgreSQL; the rollup triggers are ENABLE ALWAYS (see prepare), so they still count every row.
    if (target === 'postgres') await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await sql`
    INSERT INTO cases (number, item_id, item_version_id, implementation_code, item_name, situation_key, department_id, region_code, accept_region_code,
      channel, hall_id, window_id, applicant_kind, applicant_person_id, applicant_account_id, applicant_name_masked, created_by, form_data_enc,
      status, workflow, handling_type, limit_unit, legal_days, promised_days, submitted_at, accepted_at, accepted_on, decided_at, decided_on, decision,
      completed_at, promised_due_on, legal_due_on, warning_level, accept_clerk_id, handler_id, created_at, updated_at)
    SELECT 'B' || g, i.id, i.version_id, i.implementation_code, i.name, 'apply', i.department_id, ${REGION}, ${REGION},
      CASE WHEN g % 10 < 6 THEN 'online' ELSE 'window' END, CASE WHEN g % 10 < 6 THEN NULL ELSE h.hall_id END, CASE WHEN g % 10 < 6 THEN NULL ELSE h.window_id END,
      'person', ${ctx.who.person}::uuid, ${ctx.who.account}::uuid, '王*英', ${ctx.who.account}::uuid, ${ctx.form},
      CASE WHEN g % 25 = 0 THEN 'review' WHEN g % 3 = 0 THEN 'issued' ELSE 'completed' END, '[]'::jsonb, i.handling_type, 'workday', 20, i.promised,
      x.submitted, x.submitted, x.day, CASE WHEN g % 25 = 0 THEN NULL ELSE x.submitted END, CASE WHEN g % 25 = 0 THEN NULL ELSE x.day + x.used END,
      CASE WHEN g % 25 = 0 THEN NULL ELSE 'approved' END,
      CASE WHEN g % 25 = 0 THEN NULL ELSE x.submitted + make_interval(days => x.used, hours => 3) END,
      x.day + i.promised, x.day + 20, 'none', ${ctx.who.account}::uuid, ${ctx.who.account}::uuid, x.submitted, x.submitted
    FROM generate_series(${from}::bigint, ${to - 1}::bigint) g
    JOIN bench_items i ON i.idx = (g * 7919) % ${ctx.items}
    JOIN bench_halls h ON h.idx = g % ${ctx.halls}
    CROSS JOIN LATERAL (SELECT ${YEAR_START}::date + ((g * 31) % 365)::int AS day,
      (${YEAR_START}::date + ((g * 31) % 365)::int)::timestamp AT TIME ZONE 'Asia/Shanghai' + make_interval(mins => 510 + (g % 480)::int) AS submitted,
      (CASE WHEN g % 25 = 1 THEN i.promised + 2 ELSE (i.promised * ((g % 4) + 1)) / 4 END)::int AS used) x`.execute(trx);
  });
}

async function measure(p: TestPlatform, cases: number) {
  const db = p.ctx.db;
  const scope = { regionCode: REGION };
  const rollup = await periodFigures(db, scope, MONTH);
  const scratch = await periodCaseFiguresFromScratch(db, scope, MONTH);
  const agree =
    rollup.received === scratch.received && rollup.completed === scratch.completed && rollup.completedOnTime === scratch.completedOnTime;
  if (!agree) throw new Error(`rollups disagree with the scratch count: ${JSON.stringify({ rollup, scratch })}`);
  const rollupMs = await median(5, () => periodFigures(db, scope, MONTH));
  const scratchMs = await median(3, () => periodCaseFiguresFromScratch(db, scope, MONTH));
  const supervisor = await login(p.app, 'supervisor1');
  const apiMs = await median(5, async () => {
    const res = await supervisor.get(`/api/v1/supervision/indicators?regionCode=${REGION}&from=${MONTH.from}&to=${MONTH.to}`);
    if (res.statusCode !== 200) throw new Error(res.body);
  });
  const rollupRows = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM supervision_case_daily`.execute(db)).rows[0].n;
  const monthRows = (
    await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM supervision_case_daily WHERE day BETWEEN ${MONTH.from}::date AND ${MONTH.to}::date`.execute(db)
  ).rows[0].n;
  return {
    cases,
    monthReceived: rollup.received,
    monthCompleted: rollup.completed,
    rollupRows,
    monthRollupRows: monthRows,
    rollupMs,
    apiMs,
    scratchMs,
    speedup: Math.round((scratchMs / rollupMs) * 10) / 10,
  };
}

const results = await onEachDatabase(async (p, asked) => {
  // support.ts sets TEST_DB after test/api/platform.ts has read it: trust the database actually opened
  // (run the PostgreSQL step as `TEST_DB=postgres npm run bench indicators -- --db postgres`).
  const target = p.database.mode === 'postgres' ? 'postgres' : 'pglite';
  if (target !== asked) console.log(`  (asked for ${asked}, running on ${target}: set TEST_DB=${asked})`);
  const ctx = await prepare(p);
  const steps = stepsFor(target);
  const rows: Awaited<ReturnType<typeof measure>>[] = [];
  const inserts: { from: number; to: number; ms: number }[] = [];
  let have = 0;
  for (const step of steps) {
    while (have < step) {
      const next = Math.min(step, have + 1_000_000);
      const t = performance.now();
      await generate(p, ctx, have, next, target);
      inserts.push({ from: have, to: next, ms: Math.round(performance.now() - t) });
      console.log(
        `  ${target}: ${next.toLocaleString()} cases (+${(next - have).toLocaleString()} in ${Math.round(performance.now() - t)} ms, rollups kept by the triggers)`,
      );
      have = next;
    }
    await sql`ANALYZE`.execute(p.ctx.db);
    const m = await measure(p, have);
    rows.push(m);
    console.log(
      `  ${target} ${have.toLocaleString()} cases: month from rollups ${m.rollupMs} ms (API ${m.apiMs} ms, ${m.monthRollupRows} rollup rows), from scratch ${m.scratchMs} ms → ${m.speedup}×`,
    );
  }
  return { steps: rows, inserts };
});

console.log('\nindicators for one month (June 2026) of 石泉县:');
for (const [target, r] of Object.entries(results)) {
  for (const s of r.steps) {
    console.log(
      `  ${target.padEnd(8)} ${s.cases.toLocaleString().padStart(11)} cases   rollups ${String(s.rollupMs).padStart(7)} ms   API ${String(s.apiMs).padStart(7)} ms   scratch ${String(s.scratchMs).padStart(8)} ms   ${s.speedup}×`,
    );
  }
  if (r.steps.length > 1) {
    const [a, b] = [r.steps[0], r.steps.at(-1)!];
    console.log(
      `  ${target}: ${a.cases.toLocaleString()} → ${b.cases.toLocaleString()} cases: rollups ×${(b.rollupMs / a.rollupMs).toFixed(2)}, scratch ×${(b.scratchMs / a.scratchMs).toFixed(2)}`,
    );
  }
}
writeReport('indicators', { month: MONTH, region: REGION, results });
