import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Client } from './client.ts';
import { companyForm, pdfBytes, publishItem, upload } from './factories/case.ts';
import { multipartFile } from './factories/multipart.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * The bad-input catalog of ../shared/reference/SECURITY.md §6, the parts not already covered by
 * their feature's tests (IDOR: authorization-matrix; forged transitions and races: cases-guard,
 * cases-property; disguised and oversize uploads: cases-flow; SQL injection in search: catalog-search;
 * formula injection: catalog-import; ID numbers: registration and identifiers): each input gets a
 * stable error code, or is stored harmlessly, and nothing else changes.
 */
let p: TestPlatform;
let citizen: Client;
let code: string;
let materials: Array<{ requirementKey: string; materialId: string }>;
beforeAll(async () => {
  p = await startTestPlatform();
  citizen = await login(p.app, 'citizen1');
  code = (await publishItem(p, {})).code;
  materials = [];
  for (const k of ['application', 'articles', 'idCard'])
    materials.push({ requirementKey: k, materialId: await upload(p, citizen, `${k}.pdf`) });
});
afterAll(async () => {
  await p?.close();
});

const countCases = () =>
  p.ctx.db
    .selectFrom('cases')
    .select(p.ctx.db.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

describe(`the bad-input catalog (${testDb})`, () => {
  it('refuses mass assignment of status, owner, department, number and timestamps on a new case, creating nothing', async () => {
    const before = await countCases();
    const base = { itemCode: code, situationKey: 'limitedCompany', formData: companyForm, materials, submit: true };
    for (const extra of [
      { status: 'completed' },
      { createdBy: '00000000-0000-4000-8000-000000000000' },
      { departmentId: '00000000-0000-4000-8000-000000000000' },
      { applicantPersonId: '00000000-0000-4000-8000-000000000000' },
      { number: '6109222026010100001' },
      { acceptedAt: '2026-01-01T00:00:00Z' },
      { licenseNo: 'X' },
    ]) {
      const res = await citizen.post('/api/v1/cases', { ...base, ...extra });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().error.code).toBe('UNKNOWN_FIELD');
    }
    expect(await countCases()).toBe(before);
  });

  it('keeps only a harmless file name: no path, bidirectional override; long names cut; CJK kept', async () => {
    const names: Array<[string, (stored: string) => void]> = [
      ['../../etc/passwd.pdf', (s) => expect(s).not.toContain('/')],
      ['..\\..\\windows\\win.ini.pdf', (s) => expect(s).not.toContain('\\')],
      ['a\u0001b.pdf', (s) => expect(s).not.toContain('\u0001')],
      ['报告\u202Eexe.pdf', (s) => expect(s).not.toMatch(/[\u202a-\u202e]/)],
      [`${'长'.repeat(300)}.pdf`, (s) => expect(s.length).toBeLessThanOrEqual(200)],
      ['营业执照副本（2026）.pdf', (s) => expect(s).toBe('营业执照副本（2026）.pdf')],
    ];
    for (const [name, check] of names) {
      const { payload, headers } = multipartFile(name, pdfBytes());
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/materials',
        payload,
        headers: { ...headers, authorization: `Bearer ${citizen.token}` },
      });
      expect(res.statusCode, name).toBe(201);
      const row = await p.ctx.db
        .selectFrom('materials')
        .select(['filename', 'kind'])
        .where('id', '=', res.json().id)
        .executeTakeFirstOrThrow();
      check(row.filename);
      expect(row.kind).toBe('pdf');
    }
    // A name that ends in .exe behind a bidirectional override is refused as what it ends in; behind a
    // NUL it is refused at the edge (NUL_CHARACTER, test/api/robustness.test.ts).
    for (const [name, status] of [
      ['a.pdf\u0000.exe', 400],
      ['报告\u202Efdp.exe', 415],
    ] as const) {
      const { payload, headers } = multipartFile(name, pdfBytes());
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/materials',
        payload,
        headers: { ...headers, authorization: `Bearer ${citizen.token}` },
      });
      expect(res.statusCode, name).toBe(status);
    }
    // An executable called .pdf is judged by its bytes, whatever the name says.
    const exe = multipartFile('合同.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]));
    const refused = await p.app.inject({
      method: 'POST',
      url: '/api/v1/materials',
      payload: exe.payload,
      headers: { ...exe.headers, authorization: `Bearer ${citizen.token}` },
    });
    expect(refused.statusCode).toBe(415);
  });

  it('stores script and full-width tricks in Chinese text as text, and answers JSON that no browser sniffs as HTML', async () => {
    const form = {
      ...companyForm,
      companyName: '张三<img src=x onerror=alert(1)>＜ｓｃｒｉｐｔ＞有限公司\u200b😀',
      legalRep: '李\u202E四',
    };
    const res = await citizen.post('/api/v1/cases', {
      itemCode: code,
      situationKey: 'limitedCompany',
      formData: form,
      materials,
      submit: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const shown = (await citizen.get(`/api/v1/cases/${res.json().id}`)).json();
    expect(shown.formData.companyName).toBe(form.companyName);
    // The receipt PDF is drawn as text (no HTML engine); it renders and is a PDF.
    const receipt = await citizen.get(`/api/v1/cases/${res.json().id}/documents/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers 400 to a page size of a million and to pages beyond the limit', async () => {
    for (const url of [
      '/api/v1/cases?pageSize=1000000',
      '/api/v1/items?pageSize=1000000',
      '/api/v1/cases?page=0',
      '/api/v1/cases?page=-1',
      '/api/v1/items?page=1e9',
    ]) {
      const res = await citizen.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('treats LIKE wildcards and SQL in a search as plain text', async () => {
    const all = (await citizen.get('/api/v1/items?pageSize=1')).json().total as number;
    for (const q of ['%', '_', '%%', '\\', "' OR 1=1 --", "'; SELECT pg_sleep(5)--"]) {
      const res = await citizen.get(`/api/v1/items?q=${encodeURIComponent(q)}&pageSize=1`);
      expect(res.statusCode, q).toBe(200);
      expect(res.json().total, q).toBeLessThan(all);
    }
  });
});
