import ExcelJS from 'exceljs';
import { safeCell } from '../../platform/spreadsheet.ts';
import type { Guide, GuideInput } from './guide-schema.ts';

/**
 * The spreadsheet format of implementation lists (实施清单), as provinces hand them out: sheet
 * 事项 (one row an item) and sheet 材料 (one row a material, by 基本编码). The same columns are
 * written by the export, so an export imports again unchanged.
 */
export const itemColumns = [
  ['creditCode', '实施主体统一社会信用代码'],
  ['name', '事项名称'],
  ['basicCode', '基本编码'],
  ['itemType', '事项类型代码'],
  ['exerciseLevel', '行使层级代码'],
  ['legalBasis', '设定依据'],
  ['conditions', '受理条件'],
  ['process', '办理流程'],
  ['legalDays', '法定办结时限（工作日）'],
  ['promisedDays', '承诺办结时限（工作日）'],
  ['handlingType', '办件类型'],
  ['maxVisits', '到现场次数'],
  ['onlineDepth', '网办深度'],
  ['places', '办理地点'],
  ['hours', '办理时间'],
  ['consultPhone', '咨询电话'],
  ['complaintPhone', '监督投诉电话'],
  ['resultName', '结果名称'],
  ['canBookOnline', '支持网上预约'],
  ['serviceObjects', '服务对象'],
  ['keywords', '关键词'],
] as const;
export const materialColumns = [
  ['basicCode', '基本编码'],
  ['name', '材料名称'],
  ['source', '出具机构'],
  ['originals', '原件份数'],
  ['copies', '复印件份数'],
  ['required', '是否必要'],
  ['deferrable', '是否容缺'],
] as const;

export type Row = { row: number; cells: Record<string, string> };
export type RowError = { sheet: string; row: number; column: string; reason: string };

const objectNames = {
  person: '自然人',
  enterprise: '企业法人',
  institution: '事业法人',
  socialOrganization: '社会组织法人',
  government: '行政机关',
  otherOrganization: '其他组织',
} as const;
const yes = (v: string) => ['是', 'y', 'yes', 'true', '1'].includes(v.trim().toLowerCase());

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

function readSheet(ws: ExcelJS.Worksheet | undefined, columns: readonly (readonly [string, string])[]): { rows: Row[]; missing: string[] } {
  if (!ws) return { rows: [], missing: [] };
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map(cellText);
  const index = new Map(columns.map(([k, label]) => [k, header.indexOf(label)]));
  const missing = columns.filter(([k]) => (index.get(k) ?? -1) < 1).map(([, label]) => label);
  const rows: Row[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const values = r.values as ExcelJS.CellValue[];
    const cells: Record<string, string> = {};
    for (const [k] of columns)
      cells[k] = cellText(values[index.get(k) ?? -1])
        .trim()
        .replace(/^'(?=[=+\-@＝＋－＠])/, '');
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: n, cells });
  });
  return { rows, missing };
}

/** Reads an .xlsx or .csv upload into item and material rows. */
export async function readWorkbook(bytes: Buffer, kind: 'xlsx' | 'csv') {
  const wb = new ExcelJS.Workbook();
  if (kind === 'xlsx') await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  else {
    const { Readable } = await import('node:stream');
    const ws = await wb.csv.read(Readable.from([bytes.toString('utf8').replace(/^\uFEFF/, '')]));
    ws.name = '事项';
  }
  const items = readSheet(wb.getWorksheet('事项') ?? wb.worksheets[0], itemColumns);
  const materials = readSheet(wb.getWorksheet('材料'), materialColumns);
  return { items, materials };
}

/** Builds a guide from one item row and its material rows (one situation, 首次申请, with all materials). */
export function guideFromRows(item: Row, materials: Row[]): GuideInput {
  const c = item.cells;
  const num = (v: string) => (v === '' ? NaN : Number(v));
  const objects = c.serviceObjects
    .split(/[、,，;；\s]+/)
    .filter(Boolean)
    .map((name) => Object.entries(objectNames).find(([, n]) => n === name)?.[0] ?? name) as GuideInput['serviceObjects'];
  const mats = materials.map((m, i) => ({
    key: `m${i + 1}`,
    name: m.cells.name,
    source: m.cells.source,
    originals: num(m.cells.originals || '0'),
    copies: num(m.cells.copies || '0'),
    required: yes(m.cells.required),
    deferrable: yes(m.cells.deferrable),
    fileTypes: ['pdf', 'jpg', 'png'] as ('pdf' | 'jpg' | 'png')[],
    maxSizeMb: 10,
  }));
  return {
    name: c.name,
    basicCode: c.basicCode,
    itemType: c.itemType as GuideInput['itemType'],
    exerciseLevel: num(c.exerciseLevel),
    legalBasis: c.legalBasis,
    conditions: c.conditions,
    process: c.process,
    legalLimit: { value: num(c.legalDays), unit: 'workday' },
    promisedLimit: { value: num(c.promisedDays), unit: 'workday' },
    handlingType: c.handlingType === '即办件' ? 'immediate' : c.handlingType === '承诺件' ? 'promised' : (c.handlingType as 'promised'),
    maxVisits: num(c.maxVisits),
    onlineDepth: num(c.onlineDepth),
    handlingForms: ['window', 'pc'],
    crossRegionScope: 'none',
    serviceObjects: objects,
    places: c.places,
    hours: c.hours,
    consultPhone: c.consultPhone,
    complaintPhone: c.complaintPhone,
    canBookOnline: yes(c.canBookOnline),
    supportsOnlinePayment: false,
    supportsExpress: false,
    keywords: c.keywords.split(/[、,，;；\s]+/).filter(Boolean),
    result: { name: c.resultName, type: 'document' },
    situations: [{ key: 'first', name: '首次申请', materialKeys: mats.map((m) => m.key) }],
    materials: mats,
  };
}

/** Writes items (with their credit codes) in the import format. */
export async function writeWorkbook(rows: { creditCode: string; guide: Guide }[], kind: 'xlsx' | 'csv'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const items = wb.addWorksheet('事项');
  items.addRow(itemColumns.map(([, label]) => label));
  const mats = wb.addWorksheet('材料');
  mats.addRow(materialColumns.map(([, label]) => label));
  for (const { creditCode, guide: g } of rows) {
    const values: Record<(typeof itemColumns)[number][0], string> = {
      creditCode,
      name: g.name,
      basicCode: g.basicCode,
      itemType: g.itemType,
      exerciseLevel: String(g.exerciseLevel),
      legalBasis: g.legalBasis,
      conditions: g.conditions,
      process: g.process,
      legalDays: String(g.legalLimit.value),
      promisedDays: String(g.promisedLimit.value),
      handlingType: g.handlingType === 'immediate' ? '即办件' : '承诺件',
      maxVisits: String(g.maxVisits),
      onlineDepth: String(g.onlineDepth),
      places: g.places,
      hours: g.hours,
      consultPhone: g.consultPhone,
      complaintPhone: g.complaintPhone,
      resultName: g.result.name,
      canBookOnline: g.canBookOnline ? '是' : '否',
      serviceObjects: g.serviceObjects.map((o) => objectNames[o]).join('、'),
      keywords: g.keywords.join('、'),
    };
    items.addRow(itemColumns.map(([k]) => safeCell(values[k])));
    for (const m of g.materials) {
      mats.addRow(
        [g.basicCode, m.name, m.source, String(m.originals), String(m.copies), m.required ? '是' : '否', m.deferrable ? '是' : '否'].map(
          safeCell,
        ),
      );
    }
  }
  if (kind === 'csv') return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(await wb.csv.writeBuffer({ sheetName: '事项' }))]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
