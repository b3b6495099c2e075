/**
 * The round trips of a case step, pinned (issue 24, item 2): the statements Kysely sends for one
 * submission, one staff step and the hot reads, counted in the request's async scope
 * (platform/db.ts countStatements, with the sealer and job handlers quiet). The bounds are upper bounds a reader can check against the
 * code: a change that adds a statement to these paths must raise them here, on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements } from '../../src/server/platform/db.ts';
import { login, makeCitizen, type Client } from './client.ts';
import { companyForm, publishItem, upload } from './factories/case.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
let citizen: Client;
let clerk: Client;
let reviewer: Client;
let approver: Client;
let code: string;

beforeAll(async () => {
  // Nothing else sends statements meanwhile: the sealer stopped, SMS jobs taken by a handler that writes nothing.
  p = await startTestPlatform({ handlers: { 'sms.send': async () => {} } });
  await p.sealer.stop();
  const c = await makeCitizen(p.ctx);
  citizen = await login(p.app, c.username, c.password);
  clerk = await login(p.app, 'clerk1');
  reviewer = await login(p.app, 'reviewer1');
  approver = await login(p.app, 'approver1');
  code = (await publishItem(p)).code;
});
afterAll(async () => {
  await p?.close();
});

const show = (label: string, statements: string[]) => {
  if (process.env.SHOW_STATEMENTS === '1')
    console.log(`${label}: ${statements.length}\n${statements.map((s) => `  ${s.replace(/\s+/g, ' ').slice(0, 200)}`).join('\n')}`);
  return statements.length;
};

describe(`statements per case step (${testDb})`, () => {
  it('a submission and each staff step stay within their pinned round trips', async () => {
    const materials = [];
    for (const k of ['application', 'articles', 'idCard'])
      materials.push({ requirementKey: k, materialId: await upload(p, citizen, `${k}.pdf`) });
    const body = {
      itemCode: code,
      situationKey: 'limitedCompany',
      formData: companyForm,
      materials,
      conditionCommitments: [],
      submit: true,
    };
    // Warm the caches a first request fills (guide versions, calendars) so the count is the steady state.
    expect((await citizen.post('/api/v1/cases', body)).statusCode).toBe(201);
    const submitted = await countStatements(() => citizen.post('/api/v1/cases', body, { 'idempotency-key': `count-${Date.now()}` }));
    expect(submitted.result.statusCode, submitted.result.body).toBe(201);
    const counts: Record<string, number> = { submit: show('submit', submitted.statements) };
    let c = submitted.result.json();
    for (const [who, action, extra] of [
      [clerk, 'accept', {}],
      [reviewer, 'review', { opinion: 'approve', comment: '同意' }],
      [approver, 'decide', { decision: 'approved' }],
      [approver, 'complete', {}],
    ] as const) {
      const r = await countStatements(() => who.post(`/api/v1/cases/${c.id}/${action}`, { version: c.version, ...extra }));
      expect(r.result.statusCode, r.result.body).toBe(200);
      counts[action] = show(action, r.statements);
      c = r.result.json();
    }
    for (const [label, client, path] of [
      ['detail', citizen, `/api/v1/cases/${c.id}`],
      ['myCases', citizen, '/api/v1/cases?pageSize=20'],
      ['staffQueue', clerk, '/api/v1/staff/cases?queue=toAccept&pageSize=20'],
    ] as const) {
      const r = await countStatements(() => client.get(path));
      expect(r.result.statusCode, r.result.body).toBe(200);
      counts[label] = show(label, r.statements);
    }
    if (process.env.SHOW_STATEMENTS === '1') console.log(JSON.stringify(counts));
    // Every request: the session (1). A step: the case peeked for authorization and its calendar (1), begin, the
    // case locked with its suspensions and the applicant's phone (1), the step's own reads, every write of the step
    // as one statement (case, timeline, notices, SMS and outbox jobs, audit events), commit, the answer read (1).
    const bounds: Record<string, number> = {
      // + idempotency key (1), item version (1), person (1), materials (1), 免提交 licenses (1), case number (1),
      //   phone (1), the one write statement, the answer (1), the idempotency record (1): no transaction.
      submit: 11,
      // + materials, commitments, material statuses, the back office's staff (4).
      accept: 11,
      review: 7,
      // + who reviewed, open 容缺 and pending countersigns in one read (1); the answer also reads the department's seal
      //   (whether the result can be issued) (1).
      decide: 9,
      // + the license issued with the department's seal (its first use creates the seal and the platform key).
      complete: 23,
      detail: 2,
      myCases: 3,
      staffQueue: 3,
    };
    for (const [step, bound] of Object.entries(bounds))
      expect(counts[step], `${step}: ${counts[step]} statements`).toBeLessThanOrEqual(bound);
  });
});
