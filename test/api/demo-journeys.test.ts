import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Client } from './client.ts';
import { act, pdfBytes, upload } from './factories/case.ts';
import { fillForm, uploadMaterials, valueFor } from './factories/bundle.ts';
import { caseEventHandlers } from '../../src/server/events.ts';
import { eventually, startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Every journey the demo offers, walked through the API by the demo's own people (issue 25.10): each seeded
 * bundle (一件事) applied for by citizen1 or company1, every sub-case accepted, reviewed, decided and completed
 * by the staff of its own department (`<department>.clerk / .reviewer / .approver`, seeded by seed/demo.ts),
 * and the whole bundle handed over at the 统一出件 window by clerk2; and each seeded 告知承诺 item the same way.
 * No staff is made by the test: what the demo lacks, the test finds.
 */
let p: TestPlatform;
let citizen: Client;
let company: Client;
let companyOrg: string;
let clerk2: Client;
/** Department id → key, of 石泉县. */
const deptKeys = new Map<string, string>();
const staffClients = new Map<string, Client>();

const DUTIES = ['clerk', 'reviewer', 'approver'] as const;
type Duty = (typeof DUTIES)[number];
type CaseView = {
  id: string;
  version: number;
  status: string;
  itemName: string;
  departmentId: string;
  allowedActions: string[];
  workflow: { key: string; kind: string; role: string }[];
  postCheck: { sampled: boolean; status: string } | null;
};

async function staff(deptKey: string, duty: Duty): Promise<Client> {
  const username = `${deptKey.toLowerCase()}.${duty}`;
  let c = staffClients.get(username);
  if (!c) {
    c = await login(p.app, username);
    staffClients.set(username, c);
  }
  return c;
}

/** The moves that take a case forward, in order, each with the duties that would normally make it and its body. */
const moves: { action: string; path: string; duties: Duty[]; body: Record<string, unknown> }[] = [
  { action: 'handleImmediately', path: 'handle-immediately', duties: ['clerk'], body: {} },
  { action: 'accept', path: 'accept', duties: ['clerk'], body: { deferred: [] } },
  { action: 'review', path: 'review', duties: ['reviewer'], body: { opinion: 'approve', comment: '材料齐全，符合法定条件，建议准予' } },
  { action: 'decide', path: 'decide', duties: ['approver', 'clerk'], body: { decision: 'approved' } },
  { action: 'complete', path: 'complete', duties: ['approver', 'clerk'], body: {} },
];
const done = (status: string) => ['completed', 'issued', 'delivered'].includes(status);

/**
 * Walks one case to its result with its department's demo staff: at each step, the first move one of them is
 * offered (allowedActions, as the staff screen shows it) is made. Returns who did what; fails naming the case,
 * its state and step when nobody of the department can move it.
 */
async function walk(caseId: string): Promise<{ view: CaseView; steps: string[] }> {
  const steps: string[] = [];
  // 办理顺序: a sub-case waiting for another's result (walked before it) reaches its department when that result exists.
  await eventually(async () => (await citizenOrCompanyView(caseId)).status !== 'waiting');
  for (let round = 0; round < 8; round++) {
    const views = new Map<Duty, { client: Client; view: CaseView }>();
    let deptKey = '';
    for (const duty of DUTIES) {
      // The department is known from the applicant's view of the case.
      if (!deptKey) deptKey = deptKeys.get((await citizenOrCompanyView(caseId)).departmentId)!;
      const client = await staff(deptKey, duty);
      const res = await client.get(`/api/v1/cases/${caseId}`);
      expect(res.statusCode, `${deptKey}.${duty} opens the case: ${res.body}`).toBe(200);
      views.set(duty, { client, view: res.json() });
    }
    const current = views.get('clerk')!.view;
    if (done(current.status)) return { view: current, steps };
    const next = moves
      .flatMap((m) => m.duties.map((d) => ({ ...m, duty: d })))
      .find((m) => views.get(m.duty)!.view.allowedActions.includes(m.action));
    if (!next) {
      const offered = DUTIES.map((d) => `${d}: ${views.get(d)!.view.allowedActions.join(',') || '—'}`).join('; ');
      throw new Error(`nobody of ${deptKey} can move “${current.itemName}” (${current.status}); offered ${offered}`);
    }
    const { client, view } = views.get(next.duty)!;
    const res = await act(client, view, next.path, next.body);
    expect(res.statusCode, `${deptKey}.${next.duty} ${next.action} “${view.itemName}”: ${res.body}`).toBe(200);
    steps.push(`${deptKey}.${next.duty}:${next.action}`);
  }
  throw new Error(`case ${caseId} not finished after 8 moves: ${steps.join(' → ')}`);
}

/** The applicant's view (citizen1 or company1 filed every case of this file). */
async function citizenOrCompanyView(caseId: string): Promise<CaseView> {
  for (const c of [citizen, company]) {
    const res = await c.get(`/api/v1/cases/${caseId}`);
    if (res.statusCode === 200) return res.json();
  }
  throw new Error(`neither citizen1 nor company1 can read case ${caseId}`);
}

/** Answers choosing every service of a bundle: all options of a multiple-choice question, the first of the others. */
function everything(questionnaire: { key: string; multiple: boolean; options: { key: string }[] }[]) {
  return Object.fromEntries(questionnaire.map((q) => [q.key, q.multiple ? q.options.map((o) => o.key) : q.options[0].key]));
}

beforeAll(async () => {
  // The server's wiring of case events: a sub-case waiting for another's result is released when it exists.
  p = await startTestPlatform({ handlers: caseEventHandlers });
  p.clock.set('2026-11-23T02:00:00Z'); // Mon 10:00 Shanghai
  citizen = await login(p.app, 'citizen1');
  company = await login(p.app, 'company1');
  clerk2 = await login(p.app, 'clerk2');
  companyOrg = (await company.get('/api/v1/auth/me')).json().organizations[0].id;
  for (const d of (await citizen.get('/api/v1/departments?regionCode=610922&pageSize=100')).json().items)
    if (d.regionCode === '610922') deptKeys.set(d.id, d.key);
}, 120_000);
afterAll(async () => {
  await p?.close();
});

describe(`the demo's journeys, walked by the demo's people (${testDb})`, () => {
  it('every 石泉县 department has a clerk, a reviewer and an approver who can log in with the demo password', async () => {
    expect(deptKeys.size).toBeGreaterThanOrEqual(30);
    for (const key of ['health', 'police', 'medicalInsurance', 'hrss', 'market', 'tax', 'housingFund', 'civil', 'realEstate', 'transport'])
      for (const duty of DUTIES) {
        const me = (await (await staff(key, duty)).get('/api/v1/auth/me')).json();
        expect(me).toMatchObject({ username: `${key.toLowerCase()}.${duty}`, kind: 'staff', roles: [duty] });
        expect(deptKeys.get(me.department.id)).toBe(key);
      }
    const accounts = await p.ctx.db
      .selectFrom('accounts')
      .select(['username', 'department_id', 'hall_id'])
      .where('username', 'like', '%.%')
      .execute();
    expect(accounts.length).toBe(deptKeys.size * 3);
    // Back-office staff of their department, not front desks of the county.
    expect(accounts.every((a) => a.hall_id === null)).toBe(true);
  });

  const bundleKeys = ['newborn', 'businessStartup', 'afterDeath', 'homeTransfer', 'marriageMove'];
  it.each(bundleKeys)('bundle %s: applied for once, every sub-case handled by its department, handed over by clerk2', async (key) => {
    const list = (await citizen.get('/api/v1/bundles?regionCode=610922')).json().items;
    const bundle = list.find((b: { key: string }) => b.key === key);
    expect(bundle, key).toBeTruthy();
    const detail = (await citizen.get(`/api/v1/bundles/${bundle.id}`)).json();
    const answers = everything(detail.questionnaire);
    const business = key === 'businessStartup';
    const applicant = business ? company : citizen;
    const sel = (await applicant.post(`/api/v1/bundles/${bundle.id}/evaluate`, { answers })).json();
    expect(sel.items.length, 'every item chosen').toBe(detail.full.items.length);
    const res = await applicant.post(`/api/v1/bundles/${bundle.id}/cases`, {
      answers,
      formData: fillForm(sel.form),
      materials: await uploadMaterials(p, applicant, sel.materials),
      ...(business ? { organizationId: companyOrg } : {}),
    });
    expect(res.statusCode, res.body).toBe(201);
    const bc = res.json();
    const log: string[] = [];
    for (const sub of bc.subCases as { id: string; itemName: string }[]) {
      const { view, steps } = await walk(sub.id);
      expect(done(view.status), sub.itemName).toBe(true);
      log.push(`${sub.itemName}: ${steps.join(' → ')}`);
    }
    const after = (await applicant.get(`/api/v1/bundle-cases/${bc.id}`)).json();
    expect(after.status, log.join('\n')).toBe('completed');
    expect(after.package.ready).toBe(true);
    expect((await clerk2.get('/api/v1/staff/bundle-cases?queue=toHandOver')).json().items.map((x: { id: string }) => x.id)).toContain(
      bc.id,
    );
    const handed = await clerk2.post(`/api/v1/bundle-cases/${bc.id}/hand-over`, {
      version: after.version,
      recipientName: '王秀英',
      method: 'window',
    });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json().status).toBe('delivered');
    expect(handed.json().subCases.every((c: { status: string }) => c.status === 'delivered')).toBe(true);
  });

  it('every seeded 告知承诺 item: filed on commitments by company1, decided and sealed by its department, post-checked, handed over', async () => {
    const items = await p.ctx.db
      .selectFrom('items')
      .innerJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'items.id').on('v.status', '=', 'published'))
      .select(['items.implementation_code as code', 'items.name'])
      .where('items.region_code', '=', '610922')
      .where(sql<boolean>`(v.guide->>'reformMode' = 'commitment' OR jsonb_array_length(v.guide->'commitmentConditions') > 0)`)
      .orderBy('items.name')
      .execute();
    expect(items.map((i) => i.name)).toEqual(['公共场所卫生许可', '道路运输经营许可（道路普通货物运输）']);
    for (const it of items) {
      const guide = (await company.get(`/api/v1/items/${it.code}`)).json().guide;
      expect(guide.commitmentConditions.length, `${it.name} offers commitments (告知承诺) to sign`).toBeGreaterThan(0);
      const situation = guide.situations[0];
      const replaced = new Set(guide.commitmentConditions.map((c: { replacesMaterialKey?: string }) => c.replacesMaterialKey));
      const materials = [];
      for (const key of situation.materialKeys) {
        const m = guide.materials.find((x: { key: string }) => x.key === key);
        if (!m.required || replaced.has(key)) continue;
        const bytes = m.fileTypes.includes('pdf') ? pdfBytes(m.name) : PNG_1PX;
        materials.push({
          requirementKey: key,
          materialId: await upload(p, company, `${key}.${m.fileTypes.includes('pdf') ? 'pdf' : 'png'}`, bytes),
        });
      }
      const formData = Object.fromEntries(
        guide.form
          .filter((f: { required: boolean }) => f.required)
          .map((f: Parameters<typeof valueFor>[0], i: number) => [f.key, valueFor(f, i)]),
      );
      const res = await company.post('/api/v1/cases', {
        itemCode: it.code,
        situationKey: situation.key,
        formData,
        materials,
        conditionCommitments: guide.commitmentConditions.map((c: { key: string }) => c.key),
        submit: true,
        organizationId: companyOrg,
      });
      expect(res.statusCode, `${it.name}: ${res.body}`).toBe(201);
      expect(res.json().commitmentMode).toBe(true);
      const { view, steps } = await walk(res.json().id);
      expect(done(view.status), `${it.name}: ${steps.join(' → ')}`).toBe(true);
      const deptKey = deptKeys.get(view.departmentId)!;
      if (view.postCheck?.status === 'pending') {
        const reviewer = await staff(deptKey, 'reviewer');
        const seen = (await reviewer.get(`/api/v1/cases/${view.id}`)).json();
        expect(seen.allowedActions).toContain('postCheck');
        const checked = await act(reviewer, seen, 'post-check', { passed: true, findings: '现场核查，承诺内容属实' });
        expect(checked.statusCode, checked.body).toBe(200);
      }
      const pickup = (await clerk2.get('/api/v1/staff/cases?queue=toHandOver&pageSize=100')).json().items.map((x: { id: string }) => x.id);
      expect(pickup).toContain(view.id);
      const latest = (await clerk2.get(`/api/v1/cases/${view.id}`)).json();
      const handed = await act(clerk2, latest, 'hand-over', { recipientName: '张建国', method: 'window' });
      expect(handed.statusCode, handed.body).toBe(200);
      expect(handed.json().status).toBe('delivered');
    }
  });
});

const PNG_1PX = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
