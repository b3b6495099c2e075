import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/policies.ts';
import { type Guide, missingElements } from '../catalog/index.ts';
import { computeIndicators, definitionOf, indicatorDefinitions, judge, ratio, targetForPeriod, type ItemFigures } from './indicators.ts';
import * as repo from './repo.ts';

export type ScopeQuery = { regionCode?: string; from?: string; to?: string; departmentId?: string; itemId?: string; windowId?: string };

const MAX_PERIOD_DAYS = 3 * 366;

/** The region (default: the actor's), the period (default: this year up to today) and the filters; authorized to read. */
async function resolve(ctx: AppContext, actor: Actor, q: ScopeQuery) {
  const regionCode = q.regionCode ?? actor.regionCode ?? '';
  authorize(actor, 'supervision.read', { type: 'region', code: regionCode });
  const region = await repo.findRegion(ctx.db, regionCode);
  if (!region) throw new AppError('REGION_NOT_FOUND');
  const today = shanghaiDate(ctx.now());
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(days >= 0) || days > MAX_PERIOD_DAYS) throw new AppError('SUPERVISION_PERIOD_INVALID', { fields: ['from', 'to'], from, to });
  const scope: repo.Scope = { regionCode, departmentId: q.departmentId, itemId: q.itemId, windowId: q.windowId };
  return { region, scope, period: { from, to } };
}

async function itemFiguresOf(ctx: AppContext, scope: repo.Scope): Promise<ItemFigures> {
  const base = await repo.itemFigures(ctx.db, scope);
  const guides = await repo.publishedGuides(ctx.db, scope);
  const complete = guides.filter((g) => missingElements(g as Guide).length === 0).length;
  return { ...base, complete };
}

/** Every indicator of the region and period, with its definition and, where one applies, the target met or missed. */
export async function getIndicators(ctx: AppContext, actor: Actor, q: ScopeQuery) {
  const { region, scope, period } = await resolve(ctx, actor, q);
  const [items, figures, targets] = await Promise.all([
    itemFiguresOf(ctx, scope),
    repo.periodFigures(ctx.db, scope, period),
    repo.applicableTargets(ctx.db, region.code, Number(period.to.slice(0, 4))),
  ]);
  const byKey = new Map(targets.map((t) => [t.indicator, t]));
  const indicators = computeIndicators(items, figures).map((v) => {
    const def = definitionOf(v.key)!;
    const t = byKey.get(v.key);
    // The annual target as it applies to the period: rates as they are, flows pro-rated (TargetBasis).
    const applied = t ? targetForPeriod(def, Number(t.value), period) : null;
    const target =
      t && applied
        ? {
            ...applied,
            comparator: t.comparator,
            year: t.year,
            regionCode: t.region_code,
            ...judge(v.value, { comparator: t.comparator, value: applied.value }),
          }
        : null;
    return { ...def, ...v, target };
  });
  return { region: { code: region.code, name: region.name, level: region.level }, period, indicators };
}

/** The definitions alone (for the UI's tooltips and the API docs). */
export function listDefinitions() {
  return indicatorDefinitions.map((d) => ({ ...d }));
}

/** Figures by region (the children of the region: townships of a county), department, item, window or staff member. */
export async function getBreakdown(ctx: AppContext, actor: Actor, q: ScopeQuery & { by: repo.BreakdownBy; limit?: number }) {
  const { region, scope, period } = await resolve(ctx, actor, q);
  const children = q.by === 'region' ? await repo.childRegions(ctx.db, region.code) : [];
  const childLength = children[0]?.code.length ?? region.code.length;
  const rows = await repo.breakdown(ctx.db, scope, period, q.by, childLength);
  const names =
    q.by === 'region'
      ? new Map(children.map((c) => [c.code, c.name]))
      : await repo.namesOf(
          ctx.db,
          q.by,
          rows.map((r) => r.key),
        );
  if (q.by === 'region') names.set(region.code, `${region.name}（本级）`);
  const present = rows.map((r) => ({
    key: r.key,
    name: r.key === repo.NONE ? null : (names.get(r.key) ?? null),
    received: r.received,
    completed: r.completed,
    accepted: r.accepted,
    ratings: r.ratings,
    badRatings: r.bad,
    // Staff rows carry counts and ratings only (the staff rollup has no clock or rated figures).
    onTimeRate: q.by === 'staff' ? null : ratio(r.completedOnTime, r.completed),
    avgHandlingWorkdays: q.by === 'staff' ? null : ratio(r.workDays, r.completed),
    activeRatingRate: q.by === 'staff' ? null : ratio(r.rated, r.completed),
    averageScore: ratio(r.scoreSum, r.ratings),
  }));
  // Townships without cases still belong in the tree.
  if (q.by === 'region')
    for (const c of children)
      if (!present.some((p) => p.key === c.code))
        present.push({
          key: c.code,
          name: c.name,
          received: 0,
          completed: 0,
          accepted: 0,
          ratings: 0,
          badRatings: 0,
          onTimeRate: null,
          avgHandlingWorkdays: null,
          activeRatingRate: null,
          averageScore: null,
        });
  present.sort((a, b) => b.received - a.received || b.completed - a.completed || b.ratings - a.ratings || a.key.localeCompare(b.key));
  return { region: { code: region.code, name: region.name }, period, by: q.by, rows: present.slice(0, q.limit ?? 200) };
}

/** Figures per month (or day) of the period. */
export async function getTrend(ctx: AppContext, actor: Actor, q: ScopeQuery & { granularity: 'month' | 'day' }) {
  const { scope, period } = await resolve(ctx, actor, q);
  const rows = await repo.trend(ctx.db, scope, period, q.granularity);
  return {
    period,
    granularity: q.granularity,
    points: rows.map((r) => ({
      bucket: r.bucket,
      received: r.received,
      completed: r.completed,
      ratings: r.ratings,
      badRatings: r.bad,
      onTimeRate: ratio(r.completedOnTime, r.completed),
      satisfactionRate: ratio(r.satisfied, r.ratings),
      activeRatingRate: ratio(r.rated, r.completed),
    })),
  };
}

/** Overdue (red) and near-due (yellow) open cases of the region. */
export async function getWarnedCases(ctx: AppContext, actor: Actor, q: ScopeQuery & { limit?: number }) {
  const { scope } = await resolve(ctx, actor, q);
  const r = await repo.warnedCases(ctx.db, scope, q.limit ?? 50);
  return {
    overdue: r.red,
    nearDue: r.yellow,
    items: r.rows.map((c) => ({
      id: c.id,
      number: c.number,
      itemName: c.item_name,
      status: c.status,
      warningLevel: c.warning_level,
      promisedDueOn: c.promised_due_on,
      applicantName: c.applicant_name_masked,
      departmentName: c.department_name,
      handlerName: c.handler_name,
    })),
  };
}

/** The bad-rating board of the period. */
export async function getBadRatings(ctx: AppContext, actor: Actor, q: ScopeQuery & { limit?: number }) {
  const { scope, period } = await resolve(ctx, actor, q);
  const rows = await repo.badRatings(ctx.db, scope, period, q.limit ?? 50);
  return {
    items: rows.map((e) => ({
      id: e.id,
      score: e.score,
      channel: e.channel,
      tags: e.tags,
      comment: e.comment,
      excluded: e.excluded,
      createdAt: new Date(e.created_at).toISOString(),
      departmentName: e.department_name,
      itemName: e.item_name,
      caseNumber: e.case_number,
      window: e.window_number ? `${e.window_number}号 ${e.window_name ?? ''}`.trim() : null,
      rectification: e.rectification_id
        ? { id: e.rectification_id, status: e.rectification_status, dueOn: e.rectification_due_on, calledBack: e.callback_at !== null }
        : null,
    })),
  };
}

// ------------------------------------------------------------------ targets (考核)

const presentTarget = (t: repo.TargetRow) => ({
  id: t.id,
  regionCode: t.region_code,
  year: t.year,
  indicator: t.indicator,
  comparator: t.comparator,
  value: Number(t.value),
  note: t.note,
  version: t.version,
  name: definitionOf(t.indicator)?.zh ?? t.indicator,
});

export async function listTargets(ctx: AppContext, actor: Actor, q: { regionCode?: string; year?: number }) {
  const regionCode = q.regionCode ?? actor.regionCode ?? '';
  authorize(actor, 'supervision.read', { type: 'region', code: regionCode });
  return { items: (await repo.listTargets(ctx.db, regionCode, q.year)).map(presentTarget) };
}

export type SetTargetInput = {
  regionCode: string;
  year: number;
  indicator: string;
  value: number;
  comparator?: 'gte' | 'lte';
  note?: string | null;
  version?: number;
};

/** Sets (creates or replaces) the target of an indicator for a region and year; audited. */
export async function setTarget(ctx: AppContext, actor: Actor, input: SetTargetInput) {
  authorize(actor, 'supervision.setTarget', { type: 'region', code: input.regionCode });
  if (!(await repo.findRegion(ctx.db, input.regionCode))) throw new AppError('REGION_NOT_FOUND');
  const def = definitionOf(input.indicator);
  if (!def) throw new AppError('SUPERVISION_INDICATOR_UNKNOWN', { indicator: input.indicator });
  if (input.value < 0 || (def.unit === 'ratio' && input.value > 1))
    throw new AppError('SUPERVISION_TARGET_INVALID', { indicator: input.indicator, unit: def.unit, value: input.value });
  const comparator = input.comparator ?? (def.better === 'higher' ? 'gte' : 'lte');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.findTarget(trx, input.regionCode, input.year, input.indicator);
    const fields = { comparator, value: input.value, note: input.note ?? null, updated_by: actor.accountId, updated_at: now };
    let row: repo.TargetRow | undefined;
    if (existing) {
      if (input.version !== undefined && input.version !== existing.version)
        throw new AppError('VERSION_CONFLICT', { currentVersion: existing.version });
      row = await repo.updateTarget(trx, existing.id, existing.version, fields);
      if (!row) throw new AppError('VERSION_CONFLICT', { currentVersion: existing.version });
    } else {
      row = await repo.insertTarget(trx, { region_code: input.regionCode, year: input.year, indicator: input.indicator, ...fields });
    }
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'supervision.target.set',
      entityType: 'assessmentTarget',
      entityId: row.id,
      before: existing ? presentTarget(existing) : null,
      after: presentTarget(row),
      ip: actor.ip,
    });
    return { target: presentTarget(row), created: !existing };
  });
}

/** Removes a target; audited. */
export async function deleteTarget(ctx: AppContext, actor: Actor, id: string, version: number) {
  const t = await repo.findTargetById(ctx.db, id);
  if (!t || !actor.regionCode || !t.region_code.startsWith(actor.regionCode)) throw new AppError('SUPERVISION_TARGET_NOT_FOUND');
  authorize(actor, 'supervision.setTarget', { type: 'region', code: t.region_code });
  await ctx.db.transaction().execute(async (trx) => {
    const r = await repo.deleteTarget(trx, id, version);
    if (Number(r.numDeletedRows) !== 1) throw new AppError('VERSION_CONFLICT', { currentVersion: t.version });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'supervision.target.delete',
      entityType: 'assessmentTarget',
      entityId: id,
      before: presentTarget(t),
      after: null,
      ip: actor.ip,
    });
  });
}
