import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { AuditInput } from '../../platform/audit.ts';
import { addWorkingDays, shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { BundleCasesTable, DB } from '../../platform/db-types.ts';
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { can, type CaseResource } from '../../platform/policies.ts';
import { loadCalendar } from '../calendar/index.ts';
import { validateFormData } from '../catalog/index.ts';
import {
  appendAudit,
  assertWindowAccepts,
  type CaseRow,
  caseResource,
  checkApplication,
  createCase,
  currentStep,
  documentsOf,
  encryptForm,
  finalStatuses,
  guideOf,
  handOverCase,
  isComplete,
  licensedRequirements,
  nextCaseNumber,
  type RequirementMet,
  resolveParty,
  supplementCase,
} from '../cases/index.ts';
import { actorName } from '../identity/index.ts';
import { assignOwner, requireOwnMaterials } from '../materials/index.ts';
import { notifyAccounts, smsPerson } from '../notifications/index.ts';
import {
  askedFields,
  fieldKeyOf,
  fieldsFromResults,
  materialKeyOf,
  mergeMaterials,
  prerequisitesOf,
  type Answers,
  type BundleItem,
} from './definition.ts';
import * as repo from './repo.ts';
import type { ApplyBundleBody, BundleHandOverBody, BundleSupplementBody } from './schema.ts';
import type { SelectionEntry } from './sequence-service.ts';
import { evaluateAnswers, loadBundle, promisedDaysOf, type LoadedBundle } from './service.ts';

/**
 * Bundle cases (一件事办件): one application creates one parent (the bundle case) and one ordinary
 * sub-case per selected item in its department, all in one transaction; the departments decide in
 * parallel through the ordinary case actions; the bundle shows one status, clock and timeline,
 * takes one supplement for every open one-time notice, lists one result package and is handed over once.
 */

export type BundleCaseRow = Selectable<BundleCasesTable>;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The applicant side of a bundle case, as the case policy sees a case. */
function bundleResource(bc: BundleCaseRow): CaseResource {
  return {
    type: 'case',
    departmentId: '',
    regionCode: bc.region_code,
    acceptRegionCode: bc.region_code,
    createdBy: bc.created_by,
    applicantAccountId: bc.applicant_account_id,
    applicantPersonId: bc.applicant_person_id,
    applicantOrganizationId: bc.applicant_organization_id,
    agentAccountId: null,
  };
}

/** A bundle case the actor may read: its parties, front desks and supervisors of the region, and staff of a department handling one of its sub-cases. */
export async function readableBundleCase(ctx: AppContext, actor: Actor, id: string) {
  const bc = await repo.findBundleCase(ctx.db, id);
  if (!bc) throw new AppError('BUNDLE_CASE_NOT_FOUND');
  const subs = await repo.listSubCases(ctx.db, bc.id);
  const visible =
    can(actor, 'case.read', bundleResource(bc)) ||
    (actor.kind === 'staff' && actor.departmentId !== null && subs.some((c) => c.department_id === actor.departmentId));
  if (!visible) throw new AppError('BUNDLE_CASE_NOT_FOUND');
  return { bc, subs };
}

// ------------------------------------------------------------------ apply

/** A field problem of the merged form, with the items (names) whose forms refused it. */
type FormProblem = FieldProblem & { items: string[] };

/**
 * Splits the merged form into each item's form data and checks each against the fields its item asks (those taken from
 * another item's result come later); every problem at once.
 */
function formsPerItem(loaded: LoadedBundle, selected: ReturnType<typeof evaluateAnswers>, formData: Record<string, unknown>) {
  const known = new Set(selected.flatMap((s) => askedFields(s, selected).map((f) => fieldKeyOf(s.item, f.key))));
  const problems = new Map<string, FormProblem>();
  const add = (problem: FieldProblem, item?: string) => {
    const key = `${problem.field}|${problem.reason}|${JSON.stringify(problem.params ?? {})}`;
    const p = problems.get(key) ?? { ...problem, items: [] };
    if (item) p.items.push(item);
    problems.set(key, p);
  };
  for (const k of Object.keys(formData)) if (!known.has(k)) add({ field: k, reason: 'unknownField' });
  const data = new Map<string, Record<string, unknown>>();
  for (const s of selected) {
    const own: Record<string, unknown> = {};
    const asked = askedFields(s, selected);
    for (const f of asked) {
      const v = formData[fieldKeyOf(s.item, f.key)];
      if (v !== undefined) own[f.key] = v;
    }
    for (const e of validateFormData(asked, own)) {
      const [head, ...rest] = e.field.split('.');
      add({ ...e, field: [fieldKeyOf(s.item, head), ...rest].join('.') }, loaded.items.get(s.item.key)!.name);
    }
    data.set(s.item.key, own);
  }
  if (problems.size) throw new AppError('BUNDLE_FORM_INVALID', { errors: [...problems.values()] });
  return data;
}

/** Applies for a bundle: answers, one merged form, one set of materials; creates the bundle case and its sub-cases in one transaction. */
export async function applyForBundle(ctx: AppContext, actor: Actor, bundleId: string, input: ApplyBundleBody) {
  const loaded = await loadBundle(ctx, bundleId);
  const selected = evaluateAnswers(loaded, input.answers as Answers);
  const party = await resolveParty(
    ctx,
    actor,
    input,
    loaded.bundle.region_code,
    selected.map((s) => loaded.items.get(s.item.key)!.code),
  );
  for (const s of selected) {
    const info = loaded.items.get(s.item.key)!;
    assertWindowAccepts(actor, party, { id: info.id, department_id: info.departmentId, implementation_code: info.code, name: info.name });
  }
  const forms = formsPerItem(loaded, selected, input.formData);

  const merged = mergeMaterials(loaded.def, selected);
  const byKey = new Map(merged.map((m) => [m.key, m]));
  const given = new Map<string, string>();
  const unknown: { key: string; reason: string }[] = [];
  for (const r of input.materials) {
    const m = byKey.get(r.key);
    if (!m) unknown.push({ key: r.key, reason: 'notInBundle' });
    else if (m.sharedFrom) unknown.push({ key: r.key, reason: 'sharedFromResult' });
    else if (given.has(r.key)) unknown.push({ key: r.key, reason: 'duplicate' });
    else given.set(r.key, r.materialId);
  }
  if (unknown.length) throw new AppError('BUNDLE_MATERIAL_UNKNOWN', { keys: unknown });
  const files = await requireOwnMaterials(ctx, actor, [...given.values()]);

  type Plan = {
    item: BundleItem;
    situationKey: string;
    refs: { requirementKey: string; materialId: string }[];
    /** Requirement key → the item (key) whose result provides it. */
    shared: Map<string, string>;
    licensed: Awaited<ReturnType<typeof licensedRequirements>>;
  };
  const waits = prerequisitesOf(loaded.def, selected);
  const plans: Plan[] = [];
  const missing = new Map<string, { key: string; name: string; items: string[] }>();
  for (const s of selected) {
    const name = loaded.items.get(s.item.key)!.name;
    const refs: Plan['refs'] = [];
    const shared = new Map<string, string>();
    for (const m of merged) {
      for (const use of m.items.filter((i) => i.item === s.item.key)) {
        if (m.sharedFrom) shared.set(use.requirementKey, m.sharedFrom);
        else if (given.has(m.key)) refs.push({ requirementKey: use.requirementKey, materialId: given.get(m.key)! });
      }
    }
    const licensed = await licensedRequirements(ctx, s.guide, s.situationKey, party, refs);
    const situation = s.guide.situations.find((x) => x.key === s.situationKey)!;
    for (const rk of situation.materialKeys) {
      const req = s.guide.materials.find((x) => x.key === rk)!;
      const bk = materialKeyOf(s.item, rk);
      if (!req.required || req.deferrable || shared.has(rk) || licensed.has(rk) || given.has(bk)) continue;
      const entry = missing.get(bk) ?? { key: bk, name: byKey.get(bk)?.name ?? req.name, items: [] };
      entry.items.push(name);
      missing.set(bk, entry);
    }
    plans.push({ item: s.item, situationKey: s.situationKey, refs, shared, licensed });
  }
  if (missing.size) throw new AppError('BUNDLE_MATERIALS_MISSING', { missing: [...missing.values()] });
  for (const p of plans) {
    const g = loaded.items.get(p.item.key)!.guide;
    checkApplication(
      { ...g, form: askedFields({ item: p.item, guide: g }, selected) },
      { situationKey: p.situationKey, formData: forms.get(p.item.key)!, materials: p.refs, conditionCommitments: [] },
      files,
      true,
      new Map<string, RequirementMet>([
        ...[...p.licensed.keys()].map((k) => [k, 'license'] as const),
        ...[...p.shared.keys()].map((k) => [k, 'shared'] as const),
      ]),
    );
  }

  const now = ctx.now();
  const today = shanghaiDate(now);
  const region = loaded.bundle.region_code;
  const calendar = await loadCalendar(ctx, region);
  const promisedDays = promisedDaysOf(loaded.def, selected);
  const windowId = party.channel === 'window' ? (actor.window?.id ?? null) : null;
  const plansByKey = new Map(plans.map((p) => [p.item.key, p]));
  const selection: SelectionEntry[] = selected.map((s) => ({
    item: s.item.key,
    itemCode: loaded.items.get(s.item.key)!.code,
    situationKey: s.situationKey,
    waitsFor: waits.get(s.item.key) ?? [],
    fromResults: fieldsFromResults(s, selected),
    shared: Object.fromEntries(plansByKey.get(s.item.key)!.shared),
  }));
  // Numbers first, each in its own statement (outside the transaction: no counter row is held while the cases are written).
  const number = await nextCaseNumber(ctx.db, `B${region}`, today);
  const numbers: string[] = [];
  for (const p of plans) numbers.push(await nextCaseNumber(ctx.db, loaded.items.get(p.item.key)!.regionCode, today));
  return ctx.db.transaction().execute(async (trx) => {
    const bc = await repo.insertBundleCase(trx, {
      number,
      bundle_id: loaded.bundle.id,
      bundle_version: loaded.bundle.version,
      bundle_name: loaded.bundle.name,
      region_code: region,
      channel: party.channel,
      hall_id: party.hall_id,
      window_id: windowId,
      applicant_kind: party.applicant_kind,
      applicant_person_id: party.applicant_person_id,
      applicant_organization_id: party.applicant_organization_id,
      applicant_account_id: party.applicant_account_id,
      applicant_name_masked: party.applicant_name_masked,
      created_by: actor.accountId,
      answers: JSON.stringify(input.answers),
      selection: JSON.stringify(selection),
      form_data_enc: encryptForm(ctx, input.formData),
      promised_days: promisedDays,
      limit_unit: 'workday',
      submitted_at: now,
      submitted_on: today,
      promised_due_on: addWorkingDays(calendar, today, promisedDays),
    });
    const audit: AuditInput[] = [];
    for (const [i, p] of plans.entries()) {
      const info = loaded.items.get(p.item.key)!;
      const created = await createCase(
        ctx,
        trx,
        actor,
        {
          item: {
            id: info.id,
            versionId: info.versionId,
            code: info.code,
            departmentId: info.departmentId,
            regionCode: info.regionCode,
            guide: info.guide,
          },
          situationKey: p.situationKey,
          party: { ...party, mandate: null },
          formData: forms.get(p.item.key)!,
          materials: p.refs,
          licensed: p.licensed,
          shared: new Map([...p.shared].map(([rk, key]) => [rk, loaded.items.get(key)!.name])),
          conditionCommitments: [],
          submit: true,
          number: numbers[i],
          windowId,
          bundle: { caseId: bc.id, number },
          waitingFor: (waits.get(p.item.key) ?? []).map((k) => loaded.items.get(k)!.name),
        },
        now,
      );
      audit.push(created.audit);
    }
    await repo.upsertBundleMaterials(
      trx,
      bc.id,
      [...given].map(([material_key, material_id]) => ({ material_key, material_id })),
      now,
    );
    if (actor.kind === 'staff') await assignOwner(trx, [...given.values()], { personId: party.applicant_person_id, organizationId: null });
    await repo.insertBundleEvent(trx, {
      bundle_case_id: bc.id,
      at: now,
      action: 'submit',
      actor_id: actor.accountId,
      actor_name: await actorName(trx, actor),
      data: { channel: party.channel, cases: numbers },
    });
    await notifyApplicant(
      ctx,
      trx,
      bc,
      'bundleSubmitted',
      '“一件事”申请已提交',
      `您申请的“${bc.bundle_name}”已提交（编号 ${number}），共${plans.length}个事项由各部门并联办理，承诺于${bc.promised_due_on}前办结。`,
    );
    await appendAudit(ctx, trx, [
      ...audit,
      bundleAuditEvent(actor, 'submit', bc.id, { number, bundle: loaded.bundle.key, cases: numbers, channel: party.channel }),
    ]);
    return bc;
  });
}

/** The audit event of a bundle case step. */
function bundleAuditEvent(actor: Actor, action: string, id: string, after: unknown): AuditInput {
  return {
    actor: { accountId: actor.accountId, kind: actor.kind },
    action: `bundle.${action}`,
    entityType: 'bundleCase',
    entityId: id,
    after,
    ip: actor.ip,
  };
}

/** One in-app notice to the applicant side and one SMS (outbox) for the whole bundle. */
async function notifyApplicant(ctx: AppContext, trx: Kysely<DB>, bc: BundleCaseRow, kind: string, title: string, body: string) {
  await notifyAccounts(trx, [bc.applicant_account_id, bc.created_by], { caseId: null, kind, title, body });
  await smsPerson(ctx, trx, bc.applicant_person_id, `${title}：${body}`, `bundle.${kind}`);
}

// ------------------------------------------------------------------ read

export type BundleStatus = 'submitted' | 'inProgress' | 'correction' | 'completed' | 'closed' | 'delivered';

/** The bundle's one status, from its sub-cases: correction wins (the applicant must act); all final → completed (some result) or closed; delivered once handed over. */
export function bundleStatusOf(subs: Pick<CaseRow, 'status'>[], deliveredAt: Date | string | null): BundleStatus {
  if (deliveredAt) return 'delivered';
  if (subs.some((c) => c.status === 'correction')) return 'correction';
  if (subs.every((c) => finalStatuses.includes(c.status))) return subs.some((c) => isComplete(c.status)) ? 'completed' : 'closed';
  if (subs.every((c) => c.status === 'submitted' || c.status === 'prereview' || c.status === 'waiting')) return 'submitted';
  return 'inProgress';
}

/** Sub-case entries: status, department, step, due date; and whether the actor may open it. */
async function presentSubCases(ctx: AppContext, actor: Actor, subs: CaseRow[], selection: SelectionEntry[]) {
  const names = await repo.departmentNames(ctx.db, [...new Set(subs.map((c) => c.department_id))]);
  const subOf = (key: string) => subs.find((x) => x.implementation_code === selection.find((s) => s.item === key)?.itemCode);
  const nameOf = (key: string) => subOf(key)?.item_name ?? key;
  // A waiting sub-case names the prerequisites still without a result.
  const open = (key: string) => !isComplete(subOf(key)?.status ?? 'submitted');
  return subs.map((c) => ({
    id: c.id,
    number: c.number,
    itemName: c.item_name,
    implementationCode: c.implementation_code,
    departmentId: c.department_id,
    departmentName: names.get(c.department_id) ?? '',
    status: c.status,
    decision: c.decision,
    // A denial's or refusal's reason, and why a waiting sub-case lapsed.
    decisionReason: c.decision === 'denied' || c.status === 'rejected' || c.status === 'withdrawn' ? c.decision_reason : null,
    step: currentStep(c).step.name,
    promisedDueOn: c.promised_due_on,
    warningLevel: c.warning_level,
    version: c.version,
    readable: can(actor, 'case.read', caseResource(c)),
    waitsFor:
      c.status === 'waiting'
        ? (selection.find((s) => s.itemCode === c.implementation_code)?.waitsFor ?? []).filter(open).map(nameOf)
        : ([] as string[]),
  }));
}

function selectionOfRow(bc: BundleCaseRow) {
  return bc.selection as SelectionEntry[];
}

/** The whole bundle case: status, clock, sub-cases, merged materials, open corrections, result package, timeline, allowed actions. */
export async function getBundleCaseDetail(ctx: AppContext, actor: Actor, id: string) {
  const { bc, subs } = await readableBundleCase(ctx, actor, id);
  const staff = actor.kind === 'staff';
  const [materials, events, subEvents, notices, licenses, loaded] = await Promise.all([
    repo.listBundleMaterials(ctx.db, bc.id),
    repo.listBundleEvents(ctx.db, bc.id),
    repo.listSubCaseEvents(ctx.db, bc.id, false),
    repo.listOpenNotices(
      ctx.db,
      subs.map((c) => c.id),
    ),
    repo.licensesOfCases(
      ctx.db,
      subs.map((c) => c.id),
    ),
    loadBundle(ctx, bc.bundle_id, { lenient: true }),
  ]);
  const status = bundleStatusOf(subs, bc.delivered_at);
  const today = shanghaiDate(ctx.now());
  const finished = status === 'completed' || status === 'closed' || status === 'delivered';
  const itemOf = (c: CaseRow) =>
    loaded.def.items.find((it) => it.key === selectionOfRow(bc).find((s) => s.itemCode === c.implementation_code)?.item);
  const corrections = subs
    .filter((c) => c.status === 'correction')
    .map((c) => {
      const n = notices.filter((x) => x.case_id === c.id).at(-1);
      const it = itemOf(c);
      const items = ((n?.items ?? []) as { requirementKey: string; name: string; problem: string; note?: string }[]).map((i) => ({
        key: it ? materialKeyOf(it, i.requirementKey) : i.requirementKey,
        requirementKey: i.requirementKey,
        name: i.name,
        problem: i.problem,
        note: i.note ?? null,
      }));
      return { caseId: c.id, number: c.number, itemName: c.item_name, issuedAt: iso(n?.issued_at ?? null), note: n?.note ?? null, items };
    });
  const toSupplement = [...new Map(corrections.flatMap((x) => x.items).map((i) => [i.key, { key: i.key, name: i.name }])).values()];
  const subCases = await presentSubCases(ctx, actor, subs, selectionOfRow(bc));
  const allowed: string[] = [];
  if (can(actor, 'case.applicantAct', bundleResource(bc)) && corrections.length > 0) allowed.push('supplement');
  if (
    staff &&
    status === 'completed' &&
    subs.filter((c) => c.status === 'completed' || c.status === 'issued').every((c) => can(actor, 'case.handOver', caseResource(c)))
  )
    allowed.push('handOver');
  const timeline = [
    ...events.map((e) => ({
      at: iso(e.at)!,
      action: e.action,
      itemName: null as string | null,
      caseId: null as string | null,
      actorName: e.actor_name,
      toStatus: null as string | null,
      note: e.note,
    })),
    ...subEvents.map((e) => ({
      at: iso(e.at)!,
      action: e.action,
      itemName: e.item_name,
      caseId: e.case_id,
      actorName: e.actor_name,
      toStatus: e.to_status,
      note: e.note,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const picks = selectionOfRow(bc)
    .map((s) => ({ item: loaded.def.items.find((i) => i.key === s.item), situationKey: s.situationKey }))
    .filter((s): s is { item: BundleItem; situationKey: string } => !!s.item && loaded.items.has(s.item.key));
  const materialNames = new Map(
    mergeMaterials(
      loaded.def,
      picks.map((s) => ({ ...s, guide: loaded.items.get(s.item.key)!.guide })),
    ).map((m) => [m.key, m.name]),
  );
  const latestSubDue =
    subs
      .map((c) => c.promised_due_on)
      .filter((d): d is string => !!d)
      .sort()
      .at(-1) ?? null;
  return {
    id: bc.id,
    number: bc.number,
    bundleId: bc.bundle_id,
    bundleName: bc.bundle_name,
    regionCode: bc.region_code,
    channel: bc.channel,
    applicantName: bc.applicant_name_masked,
    status,
    version: bc.version,
    submittedAt: iso(bc.submitted_at)!,
    clock: {
      promisedDays: bc.promised_days,
      startedOn: bc.submitted_on,
      promisedDueOn: bc.promised_due_on,
      latestSubCaseDueOn: latestSubDue,
      overdue: !finished && today > bc.promised_due_on,
    },
    answers: bc.answers,
    subCases,
    materials: materials.map((m) => ({
      key: m.material_key,
      label: materialNames.get(m.material_key) ?? m.material_key,
      materialId: m.material_id,
      name: m.name,
      filename: m.filename,
      kind: m.kind,
      size: Number(m.size),
      contentUrl: `/api/v1/materials/${m.material_id}/content`,
    })),
    corrections,
    toSupplement,
    attention: subCases
      .filter((c) => c.decision === 'denied' || c.status === 'rejected' || c.status === 'withdrawn' || c.status === 'revoked')
      .map((c) => ({ caseId: c.id, itemName: c.itemName, status: c.status, decision: c.decision, reason: c.decisionReason })),
    package: {
      ready: finished,
      entries: subs
        .filter((c) => c.decision !== null || isComplete(c.status))
        .map((c) => {
          const l = licenses.find((x) => x.case_id === c.id);
          return {
            caseId: c.id,
            number: c.number,
            itemName: c.item_name,
            status: c.status,
            decision: c.decision,
            license: l
              ? {
                  identifier: l.identifier,
                  typeName: l.type_name,
                  status: l.status,
                  holderName: l.holder_name_masked,
                  holderCode: l.holder_code_masked,
                }
              : null,
            documents: documentsOf(c, false)
              .filter((d) => d === 'decision')
              .map((kind) => ({ kind, url: `/api/v1/cases/${c.id}/documents/${kind}` })),
          };
        }),
    },
    delivery: bc.delivered_at ? { at: iso(bc.delivered_at)!, windowId: bc.delivered_window_id } : null,
    timeline,
    allowedActions: allowed,
  };
}

export function summaryOfBundleCase(bc: BundleCaseRow, subs: Pick<CaseRow, 'status'>[]) {
  return {
    id: bc.id,
    number: bc.number,
    bundleId: bc.bundle_id,
    bundleName: bc.bundle_name,
    status: bundleStatusOf(subs, bc.delivered_at),
    applicantName: bc.applicant_name_masked,
    subCaseCount: subs.length,
    doneCount: subs.filter((c) => finalStatuses.includes(c.status)).length,
    promisedDueOn: bc.promised_due_on,
    submittedAt: iso(bc.submitted_at)!,
    version: bc.version,
  };
}

async function withStatuses(ctx: AppContext, rows: BundleCaseRow[]) {
  const statuses = await repo.subCaseStatuses(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    summaryOfBundleCase(
      r,
      statuses.filter((s) => s.bundle_case_id === r.id),
    ),
  );
}

/** My bundle cases. */
export async function listMyBundleCases(ctx: AppContext, actor: Actor, q: { page: number; pageSize: number }) {
  const { items, total } = await repo.listBundleCasesOfParty(ctx.db, actor, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: await withStatuses(ctx, items), total };
}

/** Staff: bundle cases of my region (front desks, supervisors) or with a sub-case of my department; `toHandOver` = completed and not handed over. */
export async function listStaffBundleCases(
  ctx: AppContext,
  actor: Actor,
  q: { page: number; pageSize: number; queue: 'open' | 'toHandOver' | 'all' },
) {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const regionWide =
    (actor.hallId !== null && actor.roles.some((r) => r === 'clerk' || r === 'chiefRepresentative')) || actor.roles.includes('supervisor');
  const { items } = await repo.listBundleCasesForStaff(ctx.db, {
    regionPrefix: regionWide ? actor.regionCode : null,
    departmentId: actor.departmentId,
    undelivered: q.queue !== 'all',
    limit: 500,
    offset: 0,
  });
  let list = await withStatuses(ctx, items);
  if (q.queue === 'toHandOver') list = list.filter((x) => x.status === 'completed');
  if (q.queue === 'open') list = list.filter((x) => x.status !== 'completed' && x.status !== 'closed');
  return { items: list.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: list.length };
}

// ------------------------------------------------------------------ act

/** One supplement for every open one-time notice of the bundle: each listed material given once, however many sub-cases list it. */
export async function supplementBundle(ctx: AppContext, actor: Actor, id: string, input: BundleSupplementBody) {
  const detail = await getBundleCaseDetail(ctx, actor, id);
  const { bc, subs } = await readableBundleCase(ctx, actor, id);
  if (!can(actor, 'case.applicantAct', bundleResource(bc))) throw new AppError('FORBIDDEN');
  if (input.version !== bc.version) throw new AppError('VERSION_CONFLICT', { currentVersion: bc.version });
  if (detail.corrections.length === 0) throw new AppError('BUNDLE_SUPPLEMENT_INVALID', { reason: 'noCorrection' });
  const needed = new Set(detail.toSupplement.map((x) => x.key));
  const given = new Map(input.materials.map((m) => [m.key, m.materialId]));
  const missing = [...needed]
    .filter((k) => !given.has(k))
    .map((k) => ({ key: k, name: detail.toSupplement.find((x) => x.key === k)!.name }));
  const extra = [...given.keys()].filter((k) => !needed.has(k));
  if (missing.length || extra.length || given.size !== input.materials.length)
    throw new AppError('BUNDLE_SUPPLEMENT_INVALID', { missing, extra });
  const files = await requireOwnMaterials(ctx, actor, [...given.values()]);
  // Check every sub-case's part first, so that a wrong file leaves every sub-case as it was.
  const parts = detail.corrections.map((x) => ({
    caseId: x.caseId,
    refs: x.items.map((i) => ({ requirementKey: i.requirementKey, materialId: given.get(i.key)! })),
  }));
  for (const p of parts) {
    const c = subs.find((s) => s.id === p.caseId)!;
    checkApplication(
      await guideOf(ctx.db, c),
      { situationKey: c.situation_key, formData: {}, materials: p.refs, conditionCommitments: [] },
      files,
      false,
    );
  }
  for (const p of parts) {
    const c = subs.find((s) => s.id === p.caseId)!;
    await supplementCase(ctx, actor, c.id, c.version, p.refs);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    await repo.upsertBundleMaterials(
      trx,
      bc.id,
      [...given].map(([material_key, material_id]) => ({ material_key, material_id })),
      now,
    );
    await repo.touchBundleCase(trx, bc.id, now);
    const name = await actorName(trx, actor);
    await repo.insertBundleEvent(trx, {
      bundle_case_id: bc.id,
      at: now,
      action: 'supplement',
      actor_id: actor.accountId,
      actor_name: name,
      data: { materials: [...given.keys()], cases: parts.map((p) => p.caseId) },
    });
    await appendAudit(ctx, trx, [
      bundleAuditEvent(actor, 'supplement', bc.id, { materials: [...given.keys()], cases: parts.map((p) => p.caseId) }),
    ]);
  });
  return getBundleCaseDetail(ctx, actor, id);
}

/** 统一出件: the pickup window hands the whole result package over once; each sub-case with a result is recorded as delivered. */
export async function handOverBundle(ctx: AppContext, actor: Actor, id: string, input: BundleHandOverBody) {
  const { bc, subs } = await readableBundleCase(ctx, actor, id);
  if (input.version !== bc.version) throw new AppError('VERSION_CONFLICT', { currentVersion: bc.version });
  if (bundleStatusOf(subs, bc.delivered_at) !== 'completed')
    throw new AppError('BUNDLE_NOT_READY', { status: bundleStatusOf(subs, bc.delivered_at) });
  const results = subs.filter((c) => c.status === 'completed' || c.status === 'issued');
  for (const c of results) {
    if (!can(actor, 'case.handOver', caseResource(c)))
      throw new AppError(actor.kind === 'staff' && actor.window && !actor.window.pickup ? 'WINDOW_NOT_PICKUP' : 'FORBIDDEN');
  }
  for (const c of results)
    await handOverCase(ctx, actor, c.id, c.version, {
      version: c.version,
      recipientName: input.recipientName,
      method: input.method,
      note: `“一件事”${bc.number}统一出件`,
    });
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const locked = await repo.lockBundleCase(trx, bc.id);
    const done =
      locked &&
      (await repo.markDelivered(trx, bc.id, locked.version, now, {
        delivered_at: now,
        delivered_by: actor.accountId,
        delivered_window_id: actor.window?.id ?? null,
      }));
    if (!done) throw new AppError('BUNDLE_NOT_READY', { status: 'delivered' });
    const name = await actorName(trx, actor);
    await repo.insertBundleEvent(trx, {
      bundle_case_id: bc.id,
      at: now,
      action: 'handOver',
      actor_id: actor.accountId,
      actor_name: name,
      note: input.note ?? `领取人：${input.recipientName}`,
      data: {
        recipientName: input.recipientName,
        method: input.method,
        windowId: actor.window?.id ?? null,
        cases: results.map((c) => c.number),
      },
    });
    await notifyApplicant(
      ctx,
      trx,
      bc,
      'bundleDelivered',
      '“一件事”办理结果已交付',
      `“${bc.bundle_name}”（${bc.number}）的全部办理结果已${input.method === 'express' ? '寄出' : '在统一出件窗口交付'}。`,
    );
    await appendAudit(ctx, trx, [
      bundleAuditEvent(actor, 'handOver', bc.id, {
        windowId: actor.window?.id ?? null,
        method: input.method,
        cases: results.map((c) => c.number),
      }),
    ]);
  });
  return getBundleCaseDetail(ctx, actor, id);
}
