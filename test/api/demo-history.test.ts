import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '../../seed/demo-cases.ts';
import { type HistoryReport, seedHistory } from '../../seed/history.ts';
import { buildApp } from '../../src/server/app.ts';
import { sweepCases } from '../../src/server/modules/cases/index.ts';
import { sweepEvaluations } from '../../src/server/modules/evaluations/index.ts';
import { login, type Client } from './client.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * The demo's generated history (seed/history.ts, run by `npm start` in demo mode) on a small scale: every
 * case it writes opens, none waits in a live queue, the dashboard still counts them (issue 25.10).
 * The test platform seeds the demo without history or demo cases; this file adds both as `npm start` does.
 */
let p: TestPlatform;
let report: HistoryReport;
let citizen: Client;
/** The history's cases (numbers 610922H…), and the live demo cases filed through the services. */
let history: { id: string; number: string | null; status: string; form_data_enc: string }[];
let live: string[];
const isHistory = (n: string | null) => /^\d{6}H\d+$/.test(n ?? '');
const FROM = '2026-09-24';
const YESTERDAY = '2026-11-22';

beforeAll(async () => {
  p = await startTestPlatform();
  p.clock.set('2026-11-23T02:00:00Z'); // Mon 10:00 Shanghai
  await seedDemoCases(p.ctx);
  report = await seedHistory(p.ctx, { days: 60, casesPerWorkday: 8 });
  history = await p.ctx.db
    .selectFrom('cases')
    .select(['id', 'number', 'status', 'form_data_enc'])
    .where('number', 'like', '610922H%')
    .orderBy('number')
    .execute();
  live = (await p.ctx.db.selectFrom('cases').select('number').execute()).map((c) => c.number ?? '').filter((n) => !isHistory(n));
  citizen = await login(p.app, 'citizen1');
}, 120_000);
afterAll(async () => {
  await p?.close();
});

describe(`the demo's history (${testDb})`, () => {
  it('writes cases, ratings and rectifications next to the live demo cases', () => {
    expect(report).toMatchObject({ skipped: false });
    expect(history.length).toBe(report.cases);
    expect(report.cases).toBeGreaterThan(250);
    expect(report.rectifications).toBeGreaterThan(0);
    expect(live.length).toBeGreaterThanOrEqual(4);
  });

  it('every history case’s form decrypts as the case engine reads it (context case.form)', () => {
    const broken = history.filter((c) => {
      try {
        JSON.parse(p.ctx.cipher.decrypt(c.form_data_enc, 'case.form'));
        return false;
      } catch {
        return true;
      }
    });
    expect(broken.map((c) => c.number)).toEqual([]);
  });

  it('citizen1 opens its history cases and their documents; its case list opens', async () => {
    const sample = [...history.filter((c) => c.status === 'rejected'), ...history.filter((_, i) => i % 25 === 0)];
    expect(sample.some((c) => c.status === 'rejected')).toBe(true);
    for (const c of sample) {
      const res = await citizen.get(`/api/v1/cases/${c.id}`);
      expect(res.statusCode, `${c.number}: ${res.body}`).toBe(200);
      const detail = res.json();
      expect(detail.formData).toEqual({});
      expect(detail.documents.length).toBeGreaterThan(0);
      for (const kind of detail.documents) {
        const doc = await citizen.get(`/api/v1/cases/${c.id}/documents/${kind}`);
        expect(doc.statusCode, `${c.number} ${kind}: ${doc.body.slice(0, 200)}`).toBe(200);
        expect(doc.headers['content-type']).toContain('application/pdf');
      }
      if (c.status === 'rejected') expect(detail.decisionReason).toBeTruthy();
    }
    const mine = await citizen.get('/api/v1/cases?pageSize=100');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().total).toBeGreaterThanOrEqual(history.length);
  });

  it('history is finished business: every case rejected or handed over, every rectification signed off', async () => {
    expect([...new Set(history.map((c) => c.status))].sort()).toEqual(['delivered', 'rejected']);
    const open = await p.ctx.db
      .selectFrom('rectifications')
      .select(['status', 'callback_at', 'feedback_at', 'signed_off_at', 'created_at'])
      .where('region_code', '=', '610922')
      .execute();
    expect(open.length).toBe(report.rectifications);
    for (const r of open) {
      expect(r.status).toBe('closed');
      expect(r.callback_at && r.feedback_at && r.signed_off_at).toBeTruthy();
      expect(new Date(r.signed_off_at!).getTime()).toBeLessThanOrEqual(p.ctx.now().getTime());
      expect(new Date(r.callback_at!).getTime()).toBeGreaterThanOrEqual(new Date(r.created_at).getTime());
    }
    // The sweeps find nothing of the history to warn about.
    await sweepCases(p.ctx);
    await sweepEvaluations(p.ctx);
    const warnings = await p.ctx.db.selectFrom('rectification_warnings').select('rectification_id').execute();
    expect(warnings).toEqual([]);
    const warned = await p.ctx.db.selectFrom('cases').select('number').where('warning_level', '!=', 'none').execute();
    expect(warned.filter((c) => isHistory(c.number))).toEqual([]);
  });

  it('the live queues of clerk1, clerk2, reviewer1, approver1, the supervisor and department staff hold only live demo cases', async () => {
    const queues = ['toAccept', 'toReview', 'toDecide', 'dueSoon', 'overdue', 'mine', 'open', 'toHandOver'];
    const seen = new Set<string>();
    for (const username of ['clerk1', 'clerk2', 'reviewer1', 'approver1', 'supervisor1', 'police.clerk', 'hrss.reviewer', 'tax.approver']) {
      const c = await login(p.app, username);
      for (const queue of queues) {
        const res = await c.get(`/api/v1/staff/cases?queue=${queue}&pageSize=100`);
        expect(res.statusCode, res.body).toBe(200);
        const { items, total } = res.json();
        expect(
          items.filter((x: { number: string }) => isHistory(x.number)).map((x: { number: string }) => x.number),
          `${username} ${queue}`,
        ).toEqual([]);
        expect(total, `${username} ${queue}`).toBe(items.length);
        for (const x of items) seen.add(x.number);
      }
      const checks = (await c.get('/api/v1/staff/post-checks?pageSize=100')).json();
      if (checks.items) expect(checks.items.filter((x: { number: string }) => isHistory(x.number))).toEqual([]);
    }
    // The live demo cases do show: the workbench is not empty.
    expect([...seen].length).toBeGreaterThan(0);
    expect([...seen].every((n) => live.includes(n))).toBe(true);
    // 统一出件: clerk2's pickup queue holds the live demo result only.
    const clerk2 = await login(p.app, 'clerk2');
    const pickup = (await clerk2.get('/api/v1/staff/cases?queue=toHandOver&pageSize=100')).json();
    expect(pickup.total).toBeLessThanOrEqual(live.length);
    const supervisor = await login(p.app, 'supervisor1');
    const warned = (await supervisor.get('/api/v1/supervision/warned-cases?regionCode=610922')).json();
    expect(warned).toMatchObject({ overdue: 0, nearDue: 0, items: [] });
    const rect = (await supervisor.get('/api/v1/rectifications?pageSize=100&overdue=true')).json();
    expect(rect.total).toBe(0);
    for (const status of ['open', 'verifying', 'rectifying', 'feedback', 'signOff'])
      expect((await supervisor.get(`/api/v1/rectifications?pageSize=100&status=${status}`)).json().total, status).toBe(0);
  });

  it('the dashboard counts the history: received and completed over its days, ratings and rectified bad ratings', async () => {
    const supervisor = await login(p.app, 'supervisor1');
    const res = await supervisor.get(`/api/v1/supervision/indicators?regionCode=610922&from=${FROM}&to=${YESTERDAY}`);
    expect(res.statusCode, res.body).toBe(200);
    const x = Object.fromEntries(
      res
        .json()
        .indicators.map((i: { key: string; value: number | null; numerator: number | null; denominator: number | null }) => [i.key, i]),
    ) as Record<string, { value: number | null; numerator: number | null; denominator: number | null }>;
    expect(x.received.value).toBe(report.cases);
    expect(x.completed.value).toBe(history.filter((c) => c.status === 'delivered').length);
    expect(x.ratings.value).toBe(report.ratings);
    expect(x.rectificationRate).toMatchObject({ numerator: report.rectifications, denominator: report.rectifications });
  });

  it('GET /platform tells the web whether this is the demo (the login page names demo accounts only then)', async () => {
    expect((await p.app.inject({ url: '/api/v1/platform' })).json()).toEqual({ demo: true });
    const production = await buildApp({ ...p.ctx, config: { ...p.ctx.config, demo: false, demoExplicit: false } });
    try {
      const res = await production.inject({ url: '/api/v1/platform' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ demo: false });
    } finally {
      await production.close();
    }
  });
});
