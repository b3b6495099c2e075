import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, clientFor, login, makeCitizen, type Client } from './client.ts';
import { act, makeCase, publishItem, upload } from './factories/case.ts';
import { operationsOf, type ExampleRequest, type OpenApi } from './route-table.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * The authorization matrix, generated from the route table (the OpenAPI document of every route):
 *   1. anonymous × every route: every route not listed public answers 401 AUTH_REQUIRED — never a 400:
 *      each route's example request (route-table.ts) validates, counted and reported — and every route
 *      listed public answers without a session;
 *   2. intruders × every route that names a citizen's case, material or license: another citizen, a
 *      clerk of another department of the same county and a clerk of the same department in another
 *      county get 404 or 403, never 2xx or 400, and the object is unchanged.
 * A new route is in the matrix without anyone writing a test for it; a new public route must be listed.
 */
const PUBLIC = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/sms-codes',
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/activation',
  'POST /api/v1/auth/activation/complete',
  'GET /api/v1/demo/sms',
  'GET /api/v1/platform',
  'GET /api/v1/regions',
  'GET /api/v1/regions/{code}',
  'GET /api/v1/departments',
  'GET /api/v1/departments/{id}',
  'GET /api/v1/halls',
  'GET /api/v1/halls/{id}',
  'GET /api/v1/items',
  'GET /api/v1/search',
  'GET /api/v1/items/{code}',
  'GET /api/v1/items/{code}/guide.pdf',
  'POST /api/v1/items/{code}/form/validate',
  'GET /api/v1/item-themes',
  'GET /api/v1/fees',
  'GET /api/v1/catalog/export',
  'GET /api/v1/bundles',
  'GET /api/v1/bundles/{id}',
  'POST /api/v1/bundles/{id}/evaluate',
  'GET /api/v1/bundles/reduction',
  'GET /api/v1/license-types',
  'GET /api/v1/licenses/{identifier}/verify',
  'POST /api/v1/license-verifications',
  'GET /api/v1/license-presentations/{token}',
  'GET /api/v1/seal-maker/certificate',
  'GET /api/v1/audit-checkpoints/certificate',
  'GET /api/v1/calendar',
  'GET /api/v1/calendar/working-days',
  'GET /api/v1/calendar/years',
  'GET /api/v1/calendar/notices/{year}',
  'GET /api/v1/rate/{token}',
  'POST /api/v1/rate/{token}',
  // 办件进度查询: case number + the applicant's ID number (rate-limited, audited; one 404 for either wrong).
  'POST /api/v1/case-progress',
  // 网上预约: a hall's booking configuration and free places are public (the guide page shows them before login).
  'GET /api/v1/halls/{id}/booking-config',
  'GET /api/v1/halls/{id}/availability',
  // 大厅显示屏: the hall display's stream of calls (ticket numbers and windows only; no person).
  'GET /api/v1/halls/{id}/calls/stream',
]);

let p: TestPlatform;
let doc: OpenApi;
let owner: Client;
let intruders: Array<{ who: string; client: Client }>;
let caseId: string;
let materialId: string;
let licenseId: string;

async function staffIn(username: string, deptKey: string, region: string, roles: string[]): Promise<Client> {
  const dept = await p.ctx.db
    .selectFrom('departments')
    .select('id')
    .where('key', '=', deptKey)
    .where('region_code', '=', region)
    .executeTakeFirstOrThrow();
  const sec = await login(p.app, 'secadmin1');
  const res = await sec.post('/api/v1/staff', { username, displayName: username, departmentId: dept.id, roles });
  if (res.statusCode === 201) {
    await activate(p.app, username, res.json().activation.code, 'Staff#2026x', p.ctx.now());
    await p.ctx.db.updateTable('accounts').set({ totp_required: false }).where('username', '=', username).execute();
  } else {
    // Outside secadmin1's region (德昌县): the same account made through the database, as the seed does.
    const hash = (await p.ctx.db.selectFrom('accounts').select('password_hash').where('username', '=', 'clerk1').executeTakeFirstOrThrow())
      .password_hash;
    await p.ctx.db
      .insertInto('accounts')
      .values({
        username,
        password_hash: hash,
        kind: 'staff',
        display_name: username,
        roles,
        department_id: dept.id,
        region_code: region,
        totp_required: false,
      })
      .execute();
    return login(p.app, username);
  }
  return login(p.app, username, 'Staff#2026x');
}

beforeAll(async () => {
  p = await startTestPlatform();
  doc = (await p.app.inject({ url: '/api/openapi.json' })).json();
  const a = await makeCitizen(p.ctx, { name: '物主' });
  owner = clientFor(
    p.app,
    (await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: a.username, password: a.password } })).json()
      .token,
  );
  const b = await makeCitizen(p.ctx, { name: '他人' });
  const other = clientFor(
    p.app,
    (await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: b.username, password: b.password } })).json()
      .token,
  );
  intruders = [
    { who: 'another citizen', client: other },
    {
      who: 'a clerk of another department (石泉县 police)',
      client: await staffIn('matrixpolice', 'police', '610922', ['clerk', 'reviewer']),
    },
    {
      who: 'a clerk of the same department in another county (德昌县 market)',
      client: await staffIn('matrixdechang', 'market', '513424', ['clerk', 'reviewer', 'approver']),
    },
  ];
  // The owner's objects: a submitted case, a stored material, and a license from an earlier completed case.
  const withLicense = (await publishItem(p, { result: { name: '营业执照', type: 'license', licenseType: '营业执照' } })).code;
  let done = await makeCase(p, owner, withLicense);
  const [clerk, reviewer, approver] = await Promise.all(['clerk1', 'reviewer1', 'approver1'].map((u) => login(p.app, u)));
  done = (await act(clerk, done, 'accept')).json();
  done = (await act(reviewer, done, 'review', { opinion: 'approve', comment: '同意' })).json();
  done = (await act(approver, done, 'decide', { decision: 'approved' })).json();
  done = (await act(approver, done, 'complete')).json();
  licenseId = done.timeline.at(-1).data.license;
  caseId = (await makeCase(p, owner, withLicense)).id;
  materialId = await upload(p, owner, 'mine.pdf');
});
afterAll(async () => {
  await p?.close();
});

const snapshot = async () => ({
  case: await p.ctx.db.selectFrom('cases').select(['status', 'version', 'handler_id']).where('id', '=', caseId).executeTakeFirstOrThrow(),
  events: (await p.ctx.db.selectFrom('case_events').select('id').where('case_id', '=', caseId).execute()).length,
  license: await p.ctx.db.selectFrom('licenses').select(['status']).where('identifier', '=', licenseId).executeTakeFirstOrThrow(),
  materials: (await p.ctx.db.selectFrom('materials').select('id').where('id', '=', materialId).execute()).length,
});

/** Codes that mean the generated request itself was refused (its example does not validate), not the caller. */
const INVALID_EXAMPLE = new Set(['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'MALFORMED_BODY', 'UNSUPPORTED_MEDIA_TYPE']);

const send = (client: Client | null, op: ExampleRequest, url = op.url, headers: Record<string, string> = {}) =>
  p.app.inject({
    method: op.method as 'GET',
    url,
    headers: { ...(client ? { authorization: `Bearer ${client.token}` } : {}), ...op.headers, ...headers },
    ...(op.payload !== undefined ? { payload: op.payload } : op.body !== undefined ? { payload: op.body as object } : {}),
  });

describe(`the authorization matrix, generated from the route table (${testDb})`, () => {
  it('answers 401 to anonymous requests on every route not listed public, each with a valid example request', async () => {
    const wrong: string[] = [];
    const invalid: string[] = [];
    const ops = operationsOf(doc);
    for (const op of ops) {
      const name = `${op.method} ${op.path}`;
      if (PUBLIC.has(name)) continue;
      const res = await send(null, op);
      const code = res.statusCode >= 400 ? res.json().error?.code : '';
      // Validation runs before the handler asks for a session: a 400 here is the example's fault, never a pass.
      if (INVALID_EXAMPLE.has(code)) invalid.push(`${name} → ${res.statusCode} ${code} ${JSON.stringify(res.json().error?.details ?? {})}`);
      else if (!(res.statusCode === 401 && code === 'AUTH_REQUIRED')) wrong.push(`${name} → ${res.statusCode} ${code}`);
    }
    const checked = ops.filter((op) => !PUBLIC.has(`${op.method} ${op.path}`)).length;
    console.info(`authorization matrix: ${checked} routes, ${checked - invalid.length} example bodies valid`);
    expect(invalid).toEqual([]);
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(80);
    // Every public route exists (the list must not keep names of routes that are gone).
    const all = new Set(ops.map((op) => `${op.method} ${op.path}`));
    expect([...PUBLIC].filter((name) => !all.has(name))).toEqual([]);
  });

  it('answers every route listed public without a session, with a valid example request', async () => {
    const wrong: string[] = [];
    const publicOps = operationsOf(doc).filter((op) => PUBLIC.has(`${op.method} ${op.path}`));
    for (const op of publicOps) {
      const res = await send(null, op);
      const code = res.statusCode >= 400 ? res.json().error?.code : '';
      // A domain answer (unknown code, wrong password, not found) is an answer; asking for a session or refusing the example is not.
      if (code === 'AUTH_REQUIRED' || INVALID_EXAMPLE.has(code) || res.statusCode >= 500)
        wrong.push(`${op.method} ${op.path} → ${res.statusCode} ${code}`);
    }
    console.info(`authorization matrix: ${publicOps.length} public routes, ${publicOps.length - wrong.length} answer without a session`);
    expect(wrong).toEqual([]);
    expect(publicOps).toHaveLength(PUBLIC.size);
    // The OpenAPI document says the same: exactly these operations declare `security: []` (no session needed).
    const declaredOpen = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(
          ([, op]) => Array.isArray((op as { security?: unknown[] }).security) && (op as { security: unknown[] }).security.length === 0,
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(declaredOpen.sort()).toEqual([...PUBLIC].sort());
  });

  it("refuses every intruder on every route that names the owner's case, material or license, and changes nothing", async () => {
    const params = { id: caseId, identifier: licenseId };
    const ops = operationsOf(doc, params).filter(
      (op) =>
        /^\/api\/v1\/(cases\/\{id\}|materials\/\{id\}|licenses\/\{identifier\})/.test(op.path) && !PUBLIC.has(`${op.method} ${op.path}`),
    );
    expect(ops.length).toBeGreaterThan(25);
    const before = await snapshot();
    const wrong: string[] = [];
    for (const { who, client } of intruders) {
      for (const op of ops) {
        const url = op.path.startsWith('/api/v1/materials/') ? op.url.replace(encodeURIComponent(caseId), materialId) : op.url;
        // The current version in If-Match: the intruder is refused for who they are, not for a stale or missing version.
        const res = await send(client, op, url, { 'if-match': `"${before.case.version}"` });
        const code = res.statusCode >= 400 ? res.json().error?.code : '';
        // No 400 passes: the example requests validate (the test above), so a refusal must be 403 or 404.
        if (![403, 404].includes(res.statusCode)) wrong.push(`${who}: ${op.method} ${op.path} → ${res.statusCode} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
    // The owner is not refused: the same routes answer them (a sample of reads).
    expect((await owner.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await owner.get(`/api/v1/materials/${materialId}/content`)).statusCode).toBe(200);
    expect((await owner.get(`/api/v1/licenses/${encodeURIComponent(licenseId)}/pdf`)).statusCode).toBe(200);
  });
});
