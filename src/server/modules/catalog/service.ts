import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/policies.ts';
import { findDepartmentById, findDepartmentByKey } from '../org/index.ts';
import { checkGuideConsistency, countersignDepartmentKeys, missingElements } from './completeness.ts';
import { diffGuides } from './diff.ts';
import { guide as guideSchema, type Guide } from './guide-schema.ts';
import * as repo from './repo.ts';
import { forgetPublishedItem } from './query-service.ts';
import { grams } from './search-text.ts';

/** 实施编码 = the implementing department's credit code (18) + 行使层级 (1) + 基本编码 (12). */
export function implementationCodeOf(creditCode: string, g: Pick<Guide, 'exerciseLevel' | 'basicCode'>): string {
  return `${creditCode}${g.exerciseLevel}${g.basicCode}`;
}

/** The columns copied from the published guide to the item, for filtering and search. */
export function summaryOf(g: Guide, departmentShortName: string): repo.ItemSummaryColumns {
  const searchable = [g.name, ...g.keywords, ...g.situations.map((s) => s.name), g.result.name, departmentShortName].join(' ');
  return {
    name: g.name,
    item_type: g.itemType,
    handling_type: g.handlingType,
    max_visits: g.maxVisits,
    online_depth: g.onlineDepth,
    can_book_online: g.canBookOnline,
    themes: g.themes,
    name_grams: grams(g.name),
    search_grams: grams(searchable),
  };
}

function assertConsistent(g: Guide) {
  const problems = checkGuideConsistency(g);
  if (problems.length > 0) throw new AppError('GUIDE_INVALID', { problems });
}

/** The departments a 会签 step names exist in the item's region. */
async function assertCountersignDepartments(ctx: AppContext, g: Guide, regionCode: string) {
  const unknown: string[] = [];
  for (const k of countersignDepartmentKeys(g)) if (!(await findDepartmentByKey(ctx.db, regionCode, k))) unknown.push(k);
  if (unknown.length)
    throw new AppError('GUIDE_INVALID', { problems: unknown.map((k) => ({ element: 'workflow', reason: `unknownDepartment:${k}` })) });
}

function assertComplete(g: Guide) {
  const missing = missingElements(g);
  if (missing.length > 0) throw new AppError('GUIDE_INCOMPLETE', { missing });
}

const audit = (actor: Actor | null) => (actor ? { accountId: actor.accountId, kind: actor.kind } : null);

async function itemInScope(ctx: AppContext, actor: Actor | null, code: string, action: 'catalog.edit' | 'catalog.publish') {
  const item = await repo.findItemByCode(ctx.db, code);
  if (!item) throw new AppError('ITEM_NOT_FOUND');
  if (actor) authorize(actor, action, { type: 'department', id: item.department_id, regionCode: item.region_code });
  return item;
}

/** Creates an item of a department with its first draft. `actor` null is the seed. */
export async function createItem(ctx: AppContext, actor: Actor | null, input: { departmentId: string; guide: Guide; popularity?: number }) {
  const dept = await findDepartmentById(ctx.db, input.departmentId);
  if (!dept) throw new AppError('DEPARTMENT_NOT_FOUND');
  if (actor) authorize(actor, 'catalog.edit', { type: 'department', id: dept.id, regionCode: dept.region_code });
  assertConsistent(input.guide);
  await assertCountersignDepartments(ctx, input.guide, dept.region_code);
  const code = implementationCodeOf(dept.credit_code, input.guide);
  if (await repo.itemCodeExists(ctx.db, code)) throw new AppError('ITEM_CODE_TAKEN', { implementationCode: code });
  return ctx.db.transaction().execute(async (trx) => {
    const item = await repo.insertItem(trx, {
      ...summaryOf(input.guide, dept.short_name),
      implementation_code: code,
      basic_code: input.guide.basicCode,
      region_code: dept.region_code,
      department_id: dept.id,
      popularity: input.popularity ?? 0,
    });
    await repo.insertVersion(trx, {
      item_id: item.id,
      number: 1,
      status: 'draft',
      guide: input.guide,
      created_by: actor?.accountId ?? null,
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: audit(actor),
      action: 'item.create',
      entityType: 'item',
      entityId: code,
      after: { name: input.guide.name, departmentId: dept.id },
      ip: actor?.ip,
    });
    return { ...item, department_name: dept.name };
  });
}

/**
 * Saves the draft. Editing a published item opens a new draft version; a version in review
 * goes back to draft. The item's `version` guards against concurrent edits.
 */
export async function saveDraft(ctx: AppContext, actor: Actor, code: string, g: Guide, itemVersion: number) {
  const item = await itemInScope(ctx, actor, code, 'catalog.edit');
  assertConsistent(g);
  await assertCountersignDepartments(ctx, g, item.region_code);
  if (g.basicCode !== item.basic_code || implementationCodeOf(item.implementation_code.slice(0, 18), g) !== code) {
    throw new AppError('GUIDE_INVALID', { problems: [{ element: 'basicCode', reason: 'codesCannotChange' }] });
  }
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.touchItem(trx, item.id, itemVersion))) throw new AppError('VERSION_CONFLICT', { currentVersion: item.version });
    const open = await repo.findOpenVersion(trx, item.id);
    const saved = open
      ? await repo.updateVersion(trx, open.id, open.status, { guide: g, status: 'draft' })
      : await repo.insertVersion(trx, {
          item_id: item.id,
          number: (await repo.latestVersionNumber(trx, item.id)) + 1,
          status: 'draft',
          guide: g,
          created_by: actor.accountId,
        });
    if (!saved) throw new AppError('VERSION_CONFLICT');
    const before = open?.guide ?? (item.published_version ? (await repo.findVersion(trx, item.id, item.published_version))?.guide : null);
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: audit(actor),
      action: 'item.draft.save',
      entityType: 'item',
      entityId: code,
      after: { version: saved.number, changes: before ? diffGuides(before, g).map((c) => c.path) : [] },
      ip: actor.ip,
    });
    return saved;
  });
}

/** draft → review: every required element must be there. */
export async function submitForReview(ctx: AppContext, actor: Actor, code: string) {
  const item = await itemInScope(ctx, actor, code, 'catalog.edit');
  const open = await repo.findOpenVersion(ctx.db, item.id);
  if (!open || open.status !== 'draft')
    throw new AppError('ITEM_STATE_INVALID', { expected: 'draft', actual: open?.status ?? item.status });
  assertComplete(guideSchema.parse(open.guide));
  return ctx.db.transaction().execute(async (trx) => {
    const v = await repo.updateVersion(trx, open.id, 'draft', { status: 'review', submitted_at: new Date() });
    if (!v) throw new AppError('VERSION_CONFLICT');
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: audit(actor),
      action: 'item.submit',
      entityType: 'item',
      entityId: code,
      after: { version: v.number },
      ip: actor.ip,
    });
    return v;
  });
}

/** review → published (the seed may publish a draft directly with actor null). The old published version is superseded. */
export async function publish(ctx: AppContext, actor: Actor | null, code: string) {
  const item = await itemInScope(ctx, actor, code, 'catalog.publish');
  const open = await repo.findOpenVersion(ctx.db, item.id);
  if (!open || (actor && open.status !== 'review'))
    throw new AppError('ITEM_STATE_INVALID', { expected: 'review', actual: open?.status ?? item.status });
  const g = guideSchema.parse(open.guide);
  assertComplete(g);
  assertConsistent(g);
  return ctx.db
    .transaction()
    .execute(async (trx) => {
      const updated = await repo.publishVersion(
        trx,
        item.id,
        open.number,
        actor?.accountId ?? null,
        summaryOf(g, item.department_short_name),
      );
      await appendAuditEvent(trx, ctx.auditKey, {
        actor: audit(actor),
        action: 'item.publish',
        entityType: 'item',
        entityId: code,
        before: { publishedVersion: item.published_version },
        after: { publishedVersion: open.number },
        ip: actor?.ip,
      });
      return { ...updated, department_name: item.department_name };
    })
    .finally(() => forgetPublishedItem(ctx, code));
}

/** published → withdrawn (no longer applied for; cases keep their version). */
export async function withdraw(ctx: AppContext, actor: Actor, code: string, reason: string) {
  const item = await itemInScope(ctx, actor, code, 'catalog.publish');
  if (item.status !== 'published') throw new AppError('ITEM_STATE_INVALID', { expected: 'published', actual: item.status });
  return ctx.db
    .transaction()
    .execute(async (trx) => {
      const updated = await repo.withdrawItem(trx, item.id);
      await appendAuditEvent(trx, ctx.auditKey, {
        actor: audit(actor),
        action: 'item.withdraw',
        entityType: 'item',
        entityId: code,
        before: { status: 'published' },
        after: { status: 'withdrawn', reason },
        ip: actor.ip,
      });
      return { ...updated, department_name: item.department_name };
    })
    .finally(() => forgetPublishedItem(ctx, code));
}
