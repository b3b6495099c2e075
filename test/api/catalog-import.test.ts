import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemColumns, materialColumns } from '../../src/server/modules/catalog/spreadsheet.ts';
import { login, type Client } from './client.ts';
import { makeGuide } from './factories/guide.ts';
import { multipartFile } from './factories/multipart.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

let p: TestPlatform;
let admin: Client;
let market: { id: string; creditCode: string };

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await login(p.app, 'admin1');
  market = (await admin.get('/api/v1/departments?regionCode=610922&pageSize=100'))
    .json()
    .items.find((d: { key: string }) => d.key === 'market');
});
afterAll(async () => {
  await p?.close();
});

function row(over: Record<string, string> = {}) {
  const base: Record<string, string> = {
    creditCode: market.creditCode,
    name: '导入测试事项',
    basicCode: 'IMP000000001',
    itemType: '01',
    exerciseLevel: '4',
    legalBasis: '《中华人民共和国行政许可法》',
    conditions: '符合法定条件',
    process: '申请、受理、审查、决定',
    legalDays: '20',
    promisedDays: '5',
    handlingType: '承诺件',
    maxVisits: '1',
    onlineDepth: '3',
    places: '石泉县政务服务中心',
    hours: '工作日',
    consultPhone: '0915-6320000',
    complaintPhone: '0915-12345',
    resultName: '批准文书',
    canBookOnline: '是',
    serviceObjects: '企业法人、自然人',
    keywords: '导入、测试',
  };
  return { ...base, ...over };
}

async function workbook(rows: Record<string, string>[], materials: string[][] = []) {
  const wb = new ExcelJS.Workbook();
  const items = wb.addWorksheet('事项');
  items.addRow(itemColumns.map(([, label]) => label));
  for (const r of rows) items.addRow(itemColumns.map(([k]) => r[k]));
  const mats = wb.addWorksheet('材料');
  mats.addRow(materialColumns.map(([, label]) => label));
  for (const m of materials) mats.addRow(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(bytes: Buffer, filename: string, dryRun: boolean) {
  const body = multipartFile(filename, bytes);
  return p.app.inject({
    method: 'POST',
    url: `/api/v1/catalog/import?dryRun=${dryRun}`,
    headers: { authorization: `Bearer ${admin.token}`, ...body.headers },
    payload: body.payload,
  });
}

async function countItems() {
  return Number(
    (
      await p.ctx.db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

describe(`catalog import and export (${testDb})`, () => {
  it('imports nothing when one row is bad, and names the sheet, row and column', async () => {
    const before = await countItems();
    const bytes = await workbook(
      [
        row({ basicCode: 'IMP000000001' }),
        row({ basicCode: 'IMP000000002', name: '导入测试事项二' }),
        row({ basicCode: 'IMP000000003', promisedDays: '30' }),
        row({ basicCode: 'IMP000000004', creditCode: '91350200776049653A' }),
      ],
      [
        ['IMP000000001', '申请书', '申请人', '1', '0', '是', '否'],
        ['IMP000000002', '身份证明', '公安机关', 'x', '1', '是', '否'],
      ],
    );
    const res = await upload(bytes, '实施清单.xlsx', false);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IMPORT_INVALID');
    expect(res.json().error.details.errors).toEqual(
      expect.arrayContaining([
        { sheet: '事项', row: 4, column: '承诺办结时限（工作日）', reason: 'promisedExceedsLegal' },
        { sheet: '事项', row: 5, column: '实施主体统一社会信用代码', reason: 'unknownDepartment' },
        expect.objectContaining({ sheet: '材料', row: 3, column: '原件份数' }),
      ]),
    );
    expect(await countItems()).toBe(before);
  });

  it('a dry run of a good file lists what it would do; the real run creates drafts', async () => {
    const bytes = await workbook(
      [row({ basicCode: 'IMP000000011' }), row({ basicCode: 'IMP000000012', name: '导入测试事项二' })],
      [['IMP000000011', '申请书', '申请人', '1', '0', '是', '否']],
    );
    const dry = (await upload(bytes, 'list.xlsx', true)).json();
    expect(dry).toMatchObject({ dryRun: true, rows: 2, errors: [], imported: 0 });
    expect(dry.actions.map((a: { action: string }) => a.action)).toEqual(['create', 'create']);
    const before = await countItems();
    const real = (await upload(bytes, 'list.xlsx', false)).json();
    expect(real.imported).toBe(2);
    expect(await countItems()).toBe(before + 2);
    const drafts = (await admin.get(`/api/v1/catalog/items?status=draft&q=${encodeURIComponent('导入测试')}`)).json();
    expect(drafts.total).toBeGreaterThanOrEqual(2);
    const code = `${market.creditCode}4IMP000000011`;
    const v = (await admin.get(`/api/v1/items/${code}/versions/1`)).json();
    expect(v.guide.materials).toEqual([expect.objectContaining({ name: '申请书', source: '申请人', originals: 1 })]);
  });

  it('refuses a disguised file', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
    const res = await upload(exe, 'list.xlsx', true);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('FILE_TYPE_MISMATCH');
    expect((await upload(await workbook([row()]), 'list.csv', true)).json().error.code).toBe('FILE_TYPE_MISMATCH');
  });

  it('exports published guides safely against formula injection, and the export imports again', async () => {
    const guide = makeGuide({ name: '=HYPERLINK("http://x","点我")', basicCode: 'EXP000000001' });
    const code = (await admin.post('/api/v1/items', { departmentId: market.id, guide })).json().implementationCode;
    await admin.post(`/api/v1/items/${code}/submit`);
    await admin.post(`/api/v1/items/${code}/publish`);
    const csv = await p.app.inject({ url: '/api/v1/catalog/export?regionCode=610922&format=csv' });
    expect(csv.headers['content-disposition']).toBe('attachment; filename="catalog-610922.csv"');
    expect(csv.body).toContain(`'=HYPERLINK`);
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
    const xlsx = await p.app.inject({ url: '/api/v1/catalog/export?regionCode=610922&format=xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const names = wb.getWorksheet('事项')!.getColumn(2).values;
    expect(names).toContain(`'=HYPERLINK("http://x","点我")`);
    const again = (await upload(xlsx.rawPayload, 'export.xlsx', true)).json();
    expect(again.errors).toEqual([]);
    expect(again.actions.find((a: { implementationCode: string }) => a.implementationCode === code).action).toBe('update');
    const back = (await admin.get(`/api/v1/items/${code}`)).json();
    expect(back.guide.name).toBe('=HYPERLINK("http://x","点我")');
  });
});
