import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { reasonOf } from '../../platform/field-problems.ts';
import { can } from '../../platform/policies.ts';
import { findDepartmentByCreditCode } from '../org/index.ts';
import { checkGuideConsistency } from './completeness.ts';
import { guide as guideSchema, type Guide } from './guide-schema.ts';
import * as repo from './repo.ts';
import { implementationCodeOf, summaryOf } from './service.ts';
import { guideFromRows, itemColumns, materialColumns, readWorkbook, writeWorkbook, type Row, type RowError } from './spreadsheet.ts';

const itemLabel = Object.fromEntries(itemColumns) as Record<string, string>;
const materialLabel = Object.fromEntries(materialColumns) as Record<string, string>;
/** Guide paths → the column that produced them. */
const pathColumn: Record<string, string> = {
  name: 'name',
  basicCode: 'basicCode',
  itemType: 'itemType',
  exerciseLevel: 'exerciseLevel',
  legalBasis: 'legalBasis',
  conditions: 'conditions',
  process: 'process',
  legalLimit: 'legalDays',
  promisedLimit: 'promisedDays',
  handlingType: 'handlingType',
  maxVisits: 'maxVisits',
  onlineDepth: 'onlineDepth',
  places: 'places',
  hours: 'hours',
  consultPhone: 'consultPhone',
  complaintPhone: 'complaintPhone',
  result: 'resultName',
  canBookOnline: 'canBookOnline',
  serviceObjects: 'serviceObjects',
  keywords: 'keywords',
};

/** Tells .xlsx (a zip: PK\x03\x04) from .csv (UTF-8 text) by content, and refuses a name that lies. */
export function detectKind(bytes: Buffer, filename: string): 'xlsx' | 'csv' {
  const ext = filename.toLowerCase().split('.').pop();
  const isZip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const isText = !isZip && !bytes.subarray(0, 4096).includes(0) && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
  if (ext === 'xlsx' && isZip) return 'xlsx';
  if (ext === 'csv' && isText) return 'csv';
  throw new AppError('FILE_TYPE_MISMATCH', { filename, expected: ['.xlsx', '.csv'] });
}

type Planned = {
  row: number;
  implementationCode: string;
  name: string;
  action: 'create' | 'update';
  departmentId: string;
  departmentShortName: string;
  regionCode: string;
  guide: Guide;
};

/**
 * Imports an implementation list as drafts. Every row is checked first; with any error, or on a
 * dry run, nothing is written and the answer lists every error by sheet, row and column.
 */
export async function importCatalog(ctx: AppContext, actor: Actor, input: { bytes: Buffer; filename: string; dryRun: boolean }) {
  const { items, materials } = await readWorkbook(input.bytes, detectKind(input.bytes, input.filename));
  const errors: RowError[] = [
    ...items.missing.map((c) => ({ sheet: '事项', row: 1, column: c, reason: 'missingColumn' })),
    ...materials.missing.map((c) => ({ sheet: '材料', row: 1, column: c, reason: 'missingColumn' })),
  ];
  if (items.rows.length === 0) errors.push({ sheet: '事项', row: 2, column: itemLabel.name, reason: 'noRows' });
  const byCode = new Map<string, Row[]>();
  for (const m of materials.rows) byCode.set(m.cells.basicCode, [...(byCode.get(m.cells.basicCode) ?? []), m]);
  const planned: Planned[] = [];
  const seen = new Set<string>();
  for (const row of items.rows) {
    const err = (column: string, reason: string) =>
      errors.push({ sheet: '事项', row: row.row, column: itemLabel[column] ?? column, reason });
    const dept = await findDepartmentByCreditCode(ctx.db, row.cells.creditCode);
    if (!dept) {
      err('creditCode', 'unknownDepartment');
      continue;
    }
    if (!can(actor, 'catalog.edit', { type: 'department', id: dept.id, regionCode: dept.region_code })) {
      err('creditCode', 'notAllowed');
      continue;
    }
    const mats = byCode.get(row.cells.basicCode) ?? [];
    const parsed = guideSchema.safeParse(guideFromRows(row, mats), { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [top, index, field] = issue.path.map(String);
        if (top === 'materials' && mats[Number(index)])
          errors.push({
            sheet: '材料',
            row: mats[Number(index)].row,
            column: materialLabel[field] ?? field,
            reason: reasonOf(issue).reason,
          });
        else err(pathColumn[top] ?? top, reasonOf(issue).reason);
      }
      continue;
    }
    for (const p of checkGuideConsistency(parsed.data)) err(pathColumn[p.element.split(/[.[]/)[0]] ?? p.element, p.reason);
    const code = implementationCodeOf(dept.credit_code, parsed.data);
    if (seen.has(code)) err('basicCode', 'duplicateInFile');
    seen.add(code);
    const existing = await repo.itemCodeExists(ctx.db, code);
    planned.push({
      row: row.row,
      implementationCode: code,
      name: parsed.data.name,
      action: existing ? 'update' : 'create',
      departmentId: dept.id,
      departmentShortName: dept.short_name,
      regionCode: dept.region_code,
      guide: parsed.data,
    });
  }
  const report = {
    dryRun: input.dryRun,
    rows: items.rows.length,
    errors,
    actions: planned.map(({ row, implementationCode, name, action }) => ({ row, implementationCode, name, action })),
  };
  if (errors.length > 0 && !input.dryRun) throw new AppError('IMPORT_INVALID', report);
  if (input.dryRun || errors.length > 0) return { ...report, imported: 0 };
  await ctx.db.transaction().execute(async (trx) => {
    for (const p of planned) await applyRow(ctx, trx, actor, p);
  });
  return { ...report, imported: planned.length };
}

async function applyRow(ctx: AppContext, trx: AppContext['db'], actor: Actor, p: Planned) {
  let item = await repo.findItemByCode(trx, p.implementationCode);
  if (!item) {
    await repo.insertItem(trx, {
      ...summaryOf(p.guide, p.departmentShortName),
      implementation_code: p.implementationCode,
      basic_code: p.guide.basicCode,
      region_code: p.regionCode,
      department_id: p.departmentId,
    });
    item = (await repo.findItemByCode(trx, p.implementationCode))!;
  }
  const open = await repo.findOpenVersion(trx, item.id);
  if (open) await repo.updateVersion(trx, open.id, open.status, { guide: p.guide, status: 'draft' });
  else
    await repo.insertVersion(trx, {
      item_id: item.id,
      number: (await repo.latestVersionNumber(trx, item.id)) + 1,
      status: 'draft',
      guide: p.guide,
      created_by: actor.accountId,
    });
  await appendAuditEvent(trx, ctx.auditKey, {
    actor: { accountId: actor.accountId, kind: actor.kind },
    action: 'item.import',
    entityType: 'item',
    entityId: p.implementationCode,
    after: { action: p.action, row: p.row },
    ip: actor.ip,
  });
}

/** Exports the published guides of a region in the import format. */
export async function exportCatalog(ctx: AppContext, regionCode: string, kind: 'xlsx' | 'csv'): Promise<Buffer> {
  const rows = await repo.publishedGuides(ctx.db, regionCode);
  return writeWorkbook(
    rows.map((r) => ({ creditCode: r.implementation_code.slice(0, 18), guide: guideSchema.parse(r.guide) })),
    kind,
  );
}
