import type { Kysely, Selectable } from 'kysely';
import { compileAuditEvents } from '../../platform/audit.ts';
import { executeAsOne } from '../../platform/batch.ts';
import { hasRole, windowAccepts, type Actor } from '../../platform/actor.ts';
import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB, MaterialsTable } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/policies.ts';
import { getPublishedItem, type Guide, validateFormData } from '../catalog/index.ts';
import { findOrganizationById, findPersonById, recordWalkInPerson } from '../identity/index.ts';
import { requireActiveMandate } from '../agency/index.ts';
import { licensesForRequirements } from '../licenses/index.ts';
import { requireOwnMaterials } from '../materials/index.ts';
import {
  prepareCase,
  decryptForm,
  encryptForm,
  limitsOf,
  type MaterialRef,
  type Party,
  submittedNotice,
  writeConditionCommitments,
  writeMaterials,
} from './create-case.ts';
import { runAction } from './engine.ts';
import { guideOf } from './guide.ts';
import * as repo from './repo.ts';
import { workflowOf } from './workflow.ts';
import { missingRequirements, type RequirementMet, withCommitments } from './requirements.ts';
import { caseResource as caseResourceOf } from './resource.ts';
import type { ApplyBody, DraftBody } from './schema.ts';

type Material = Selectable<MaterialsTable>;

/** Requirements 免提交 licenses meet, as `checkApplication` takes them. */
const metBy = (licensed: Map<string, unknown>) => new Map([...licensed.keys()].map((k) => [k, 'license' as RequirementMet]));

/**
 * Checks an application against the item's guide. Always: the situation exists, every material
 * belongs to a requirement of that situation and fits its file types and size, every 告知承诺
 * condition is one the item allows. On submission also: the form is valid and every required
 * material is there (or replaced by a signed commitment). Errors list every problem at once.
 */
export function checkApplication(
  g: Guide,
  input: { situationKey: string; formData: Record<string, unknown>; materials: MaterialRef[]; conditionCommitments: string[] },
  materials: Map<string, Material>,
  final: boolean,
  /** Requirements met otherwise than by a file: 免提交 licenses, results shared within a bundle. */
  licensed: Map<string, RequirementMet> = new Map(),
) {
  const situation = g.situations.find((s) => s.key === input.situationKey);
  if (!situation)
    throw new AppError('CASE_SITUATION_UNKNOWN', { situationKey: input.situationKey, allowed: g.situations.map((s) => s.key) });
  const allowedConditions = new Map(g.commitmentConditions.map((c) => [c.key, c]));
  const unknownConditions = input.conditionCommitments.filter((k) => !allowedConditions.has(k));
  if (unknownConditions.length) throw new AppError('CASE_CONDITION_UNKNOWN', { keys: unknownConditions });
  const problems: { requirementKey: string; reason: string; allowed?: unknown }[] = [];
  const seen = new Set<string>();
  for (const ref of input.materials) {
    const req = g.materials.find((m) => m.key === ref.requirementKey);
    if (!req || !situation.materialKeys.includes(ref.requirementKey)) {
      problems.push({ requirementKey: ref.requirementKey, reason: 'notRequired' });
      continue;
    }
    if (seen.has(ref.requirementKey)) problems.push({ requirementKey: ref.requirementKey, reason: 'duplicate' });
    seen.add(ref.requirementKey);
    const m = materials.get(ref.materialId)!;
    if (!req.fileTypes.includes(m.kind as never))
      problems.push({ requirementKey: ref.requirementKey, reason: 'fileType', allowed: req.fileTypes });
    if (Number(m.size) > req.maxSizeMb * 1024 * 1024)
      problems.push({ requirementKey: ref.requirementKey, reason: 'size', allowed: `${req.maxSizeMb} MB` });
  }
  if (problems.length) throw new AppError('CASE_MATERIAL_NOT_ACCEPTED', { problems });
  if (!final) return situation;
  const formErrors = validateFormData(g.form, input.formData);
  if (formErrors.length) throw new AppError('CASE_FORM_INVALID', { errors: formErrors });
  const met = new Map<string, RequirementMet>([...seen].map((k) => [k, 'file'] as const));
  for (const [k, how] of licensed) if (!met.has(k)) met.set(k, how);
  // A 容缺-allowed material may be missing at submission: the clerk decides at acceptance (容缺 or a notice).
  const missing = missingRequirements(g, input.situationKey, withCommitments(g, met, input.conditionCommitments), {
    deferrable: 'excused',
  });
  if (missing.length) throw new AppError('CASE_MATERIALS_MISSING', { missing });
  return situation;
}

/** Who applies, and through which channel: online for applicants, window for clerks, agency for agents with a mandate. */
export async function resolveParty(
  ctx: AppContext,
  actor: Actor,
  input: Pick<ApplyBody, 'applicant' | 'mandateId' | 'organizationId'>,
  itemRegion: string,
  itemCodes: string[],
): Promise<Party> {
  if (actor.kind === 'applicant') {
    if (input.applicant || input.mandateId) throw new AppError('FORBIDDEN', { reason: 'onlyStaffFileForOthers' });
    if (!actor.personId) throw new AppError('PERSON_NOT_FOUND');
    const person = await findPersonById(ctx.db, actor.personId);
    if (!person) throw new AppError('PERSON_NOT_FOUND');
    if (input.organizationId) {
      authorize(actor, 'organization.actFor', { type: 'organization', id: input.organizationId }, 'ORGANIZATION_NOT_FOUND');
      const org = await findOrganizationById(ctx.db, input.organizationId);
      if (!org) throw new AppError('ORGANIZATION_NOT_FOUND');
      return {
        channel: 'online',
        applicant_kind: 'organization',
        applicant_person_id: person.id,
        applicant_organization_id: org.id,
        applicant_account_id: actor.accountId,
        applicant_name_masked: org.name,
        agent_account_id: null,
        hall_id: null,
        mandate: null,
      };
    }
    return {
      channel: 'online',
      applicant_kind: 'person',
      applicant_person_id: person.id,
      applicant_organization_id: null,
      applicant_account_id: actor.accountId,
      applicant_name_masked: person.name_masked,
      agent_account_id: null,
      hall_id: null,
      mandate: null,
    };
  }
  authorize(actor, 'case.fileFor', { type: 'region', code: itemRegion });
  const asAgent = hasRole(actor, 'agent') && (input.mandateId !== undefined || !hasRole(actor, 'clerk', 'chiefRepresentative'));
  if (asAgent && !input.mandateId) throw new AppError('CASE_MANDATE_REQUIRED');
  // An agent files only under a mandate the person confirmed, for that person: nothing else of theirs is reachable.
  const mandate = asAgent ? await requireActiveMandate(ctx, actor, input.mandateId!, itemCodes) : null;
  if (!mandate && !input.applicant) throw new AppError('CASE_APPLICANT_REQUIRED');
  const person = mandate ? await findPersonById(ctx.db, mandate.principalPersonId) : await recordWalkInPerson(ctx, input.applicant!);
  if (!person) throw new AppError('PERSON_NOT_FOUND');
  if (mandate && input.applicant) {
    const named = await recordWalkInPerson(ctx, input.applicant);
    if (named.id !== person.id) throw new AppError('MANDATE_SCOPE_EXCEEDED', { reason: 'otherApplicant' });
  }
  return {
    channel: asAgent ? 'agency' : 'window',
    applicant_kind: 'person',
    applicant_person_id: person.id,
    applicant_organization_id: null,
    applicant_account_id: person.account_id,
    applicant_name_masked: person.name_masked,
    agent_account_id: asAgent ? actor.accountId : null,
    hall_id: asAgent ? null : actor.hallId,
    mandate: mandate ? JSON.stringify(mandate) : null,
  };
}

/** 免提交: requirements the applicant's valid licenses meet, unless a file was attached for them. */
export async function licensedRequirements(
  ctx: AppContext,
  g: Guide,
  situationKey: string,
  party: { applicant_person_id: string | null; applicant_organization_id: string | null },
  refs: MaterialRef[],
) {
  const found = await licensesForRequirements(ctx, ctx.db, g, situationKey, {
    personId: party.applicant_person_id,
    organizationId: party.applicant_organization_id,
  });
  for (const r of refs) found.delete(r.requirementKey);
  return found;
}

/** A clerk seated at a window files only the items the window accepts (一窗受理 scope). */
export function assertWindowAccepts(
  actor: Actor,
  party: Pick<Party, 'channel'>,
  item: { id: string; department_id: string; implementation_code: string; name?: string },
) {
  if (party.channel !== 'window' || !actor.window) return;
  if (!windowAccepts(actor.window, { departmentId: item.department_id, itemId: item.id })) {
    throw new AppError('WINDOW_NOT_ACCEPTED', { windowId: actor.window.id, itemCode: item.implementation_code, itemName: item.name });
  }
}

/** Files an application: a draft (`submit: false`) or a submission. Idempotent through the route's Idempotency-Key. */
export async function applyForItem(ctx: AppContext, actor: Actor, input: ApplyBody, idempotency?: { key: string; takenOver: boolean }) {
  const idempotencyKey = idempotency?.key;
  // A retry that took over the key of a request that never answered (the server died): the case that
  // request committed, if it did, not a second one.
  const earlier = idempotency?.takenOver ? await repo.findCaseByIdempotencyKey(ctx.db, actor.accountId, idempotency.key) : undefined;
  if (earlier) return earlier;
  const { item, version, guide } = await getPublishedItem(ctx, input.itemCode);
  const party = await resolveParty(ctx, actor, input, item.region_code, [item.implementation_code]);
  assertWindowAccepts(actor, party, item);
  const materials = await requireOwnMaterials(
    ctx,
    actor,
    input.materials.map((m) => m.materialId),
  );
  const licensed = await licensedRequirements(ctx, guide, input.situationKey, party, input.materials);
  checkApplication(guide, input, materials, input.submit, metBy(licensed));
  const now = ctx.now();
  // The number is taken in its own statement: the region's counter row is locked for that statement
  // only, not for the whole transaction (which serialised every submission of a region). A number is
  // skipped, never reused, when the transaction below fails after taking it.
  const number = input.submit ? await repo.nextCaseNumber(ctx.db, item.region_code, shanghaiDate(now)) : null;
  const newCase = {
    item: {
      id: item.id,
      versionId: version.id,
      code: item.implementation_code,
      departmentId: item.department_id,
      regionCode: item.region_code,
      guide,
    },
    situationKey: input.situationKey,
    party,
    formData: input.formData,
    materials: input.materials,
    licensed,
    conditionCommitments: input.conditionCommitments,
    submit: input.submit,
    number,
    windowId: party.channel === 'window' ? (actor.window?.id ?? null) : null,
    idempotencyKey: idempotencyKey ?? null,
  };
  // The case, its materials, commitments, timeline entry, notice, SMS job and audit event: one statement (one round trip,
  // atomic by itself). A draft takes a transaction that counts the applicant's drafts under a lock; a clerk's submission
  // one that also gives the scanned files to the applicant.
  const write = async (db: Kysely<DB>) => {
    const { insert, writes, audit } = await prepareCase(ctx, db, actor, newCase, now);
    const [c] = await executeAsOne(db, insert, [...writes, compileAuditEvents(db, [audit])]);
    return c;
  };
  const filed =
    input.submit && actor.kind !== 'staff'
      ? write(ctx.db)
      : ctx.db.transaction().execute(async (trx) => {
          if (!input.submit && (await repo.lockAndCountDrafts(trx, actor.accountId)) >= ctx.config.draftLimit)
            throw new AppError('CASE_DRAFT_LIMIT', { limit: ctx.config.draftLimit });
          return write(trx);
        });
  // The same key after its record expired (24 h): the case it made, found by the case's own unique key.
  return filed.catch(async (error: unknown) => {
    const earlierCase =
      idempotencyKey && (error as { constraint?: string }).constraint === 'cases_idempotency'
        ? await repo.findCaseByIdempotencyKey(ctx.db, actor.accountId, idempotencyKey)
        : undefined;
    if (earlierCase) return earlierCase;
    throw error;
  });
}

/** Saves a draft (replaces its form, materials and commitments). */
export async function saveDraft(ctx: AppContext, actor: Actor, caseId: string, input: DraftBody, version: number) {
  const c0 = await repo.findCase(ctx.db, caseId);
  if (!c0) throw new AppError('CASE_NOT_FOUND');
  // Who asks comes first: someone else's case is not found, whatever the draft says.
  authorize(actor, 'case.applicantAct', caseResourceOf(c0), 'CASE_NOT_FOUND');
  const g = await guideOf(ctx.db, c0);
  const materials = await requireOwnMaterials(
    ctx,
    actor,
    input.materials.map((m) => m.materialId),
  );
  checkApplication(g, input, materials, false);
  return runAction(ctx, actor, caseId, version, 'saveDraft', {
    authorize: (c) => authorize(actor, 'case.applicantAct', caseResourceOf(c), 'CASE_NOT_FOUND'),
    run: async (c, { trx, now }) => {
      await writeMaterials(trx, c.id, input.materials, now);
      await repo.deleteCommitments(trx, c.id);
      await writeConditionCommitments(trx, c.id, g, input.conditionCommitments, actor, now);
      return {
        patch: {
          situation_key: input.situationKey,
          form_data_enc: encryptForm(ctx, input.formData),
          commitment_mode: input.conditionCommitments.length > 0,
          ...limitsOf(g, input.situationKey),
        },
        note: '保存草稿',
        internal: true,
      };
    },
  });
}

/** draft → submitted: the full check runs against the item's current published guide. */
export async function submitDraft(ctx: AppContext, actor: Actor, caseId: string, version: number) {
  const c0 = await repo.findCase(ctx.db, caseId);
  if (!c0) throw new AppError('CASE_NOT_FOUND');
  authorize(actor, 'case.applicantAct', caseResourceOf(c0), 'CASE_NOT_FOUND');
  const { version: current, guide } = await getPublishedItem(ctx, c0.implementation_code);
  const refs = (await repo.listCaseMaterials(ctx.db, caseId))
    .filter((m) => m.material_id)
    .map((m) => ({ requirementKey: m.requirement_key, materialId: m.material_id! }));
  const conditions = (await repo.listCommitments(ctx.db, caseId)).filter((x) => x.kind === 'condition').map((x) => x.subject_key);
  const materials = await requireOwnMaterials(
    ctx,
    actor,
    refs.map((r) => r.materialId),
  );
  const licensed = await licensedRequirements(ctx, guide, c0.situation_key, c0, refs);
  // The number is taken before the step's transaction (a failed submission skips one, never reuses it).
  const number = c0.status === 'draft' ? await repo.nextCaseNumber(ctx.db, c0.region_code, shanghaiDate(ctx.now())) : null;
  return runAction(ctx, actor, caseId, version, 'submit', {
    authorize: (c) => authorize(actor, 'case.applicantAct', caseResourceOf(c), 'CASE_NOT_FOUND'),
    run: async (c, { trx, now }) => {
      checkApplication(
        guide,
        { situationKey: c.situation_key, formData: decryptForm(ctx, c), materials: refs, conditionCommitments: conditions },
        materials,
        true,
        metBy(licensed),
      );
      await writeMaterials(trx, c.id, refs, now, licensed);
      return {
        patch: {
          number,
          submitted_at: now,
          item_version_id: current.id,
          workflow: JSON.stringify(workflowOf(guide)),
          handling_type: guide.handlingType,
          ...limitsOf(guide, c.situation_key),
        },
        notify: [submittedNotice({ ...c, number })],
      };
    },
  });
}

/** Withdraws an application before the decision (撤回). */
export async function withdrawCase(ctx: AppContext, actor: Actor, caseId: string, version: number, reason: string | undefined) {
  return runAction(ctx, actor, caseId, version, 'withdraw', {
    authorize: (c) => authorize(actor, 'case.applicantAct', caseResourceOf(c), 'CASE_NOT_FOUND'),
    run: async (c, { trx, now, today }) => {
      if (c.status !== 'draft') await repo.closeSuspension(trx, c.id, today, now);
      return {
        note: reason ?? null,
        patch: { clock_paused: false, warning_level: 'none' },
        notify:
          c.status === 'draft'
            ? []
            : [{ to: 'handler', kind: 'withdrawn', title: '申请人已撤回申请', body: `${c.item_name}（${c.number}）已由申请人撤回。` }],
      };
    },
  });
}

/** After a one-time notice: the applicant supplies every listed material; the case returns to the clerk who issued the notice. */
export async function supplementCase(ctx: AppContext, actor: Actor, caseId: string, version: number, refs: MaterialRef[]) {
  const materials = await requireOwnMaterials(
    ctx,
    actor,
    refs.map((r) => r.materialId),
  );
  return runAction(ctx, actor, caseId, version, 'supplement', {
    authorize: (c) => authorize(actor, 'case.applicantAct', caseResourceOf(c), 'CASE_NOT_FOUND'),
    run: async (c, { trx, now }) => {
      const g = await guideOf(trx, c);
      const notice = (await repo.listNotices(trx, c.id)).filter((n) => !n.supplemented_at).at(-1);
      const listed = ((notice?.items ?? []) as { requirementKey: string }[]).map((i) => i.requirementKey);
      const given = new Set(refs.map((r) => r.requirementKey));
      const missing = listed.filter((k) => !given.has(k)).map((k) => ({ key: k, name: g.materials.find((m) => m.key === k)?.name ?? k }));
      if (missing.length) throw new AppError('CASE_MATERIALS_MISSING', { missing });
      const extra = refs.filter((r) => !listed.includes(r.requirementKey));
      if (extra.length)
        throw new AppError('CASE_MATERIAL_NOT_ACCEPTED', {
          problems: extra.map((r) => ({ requirementKey: r.requirementKey, reason: 'notInNotice' })),
        });
      checkApplication(g, { situationKey: c.situation_key, formData: {}, materials: refs, conditionCommitments: [] }, materials, false);
      await repo.upsertCaseMaterials(
        trx,
        c.id,
        refs.map((r) => ({ requirement_key: r.requirementKey, material_id: r.materialId, status: 'submitted' as const })),
        now,
      );
      await repo.markNoticeSupplemented(trx, c.id, now);
      const clerk = c.accept_clerk_id;
      return {
        patch: { handler_id: clerk, submitted_at: now },
        data: { supplied: refs.map((r) => r.requirementKey) },
        notify: clerk
          ? [
              {
                to: { accountId: clerk },
                kind: 'supplemented',
                title: '申请人已补正材料',
                body: `${c.item_name}（${c.number}）已按一次性告知补正，请审核。`,
              },
            ]
          : [],
      };
    },
  });
}

/** The applicant signs a 容缺 commitment proposed at acceptance. */
export async function signCommitment(ctx: AppContext, actor: Actor, caseId: string, version: number, commitmentId: string) {
  return runAction(ctx, actor, caseId, version, 'signCommitment', {
    authorize: (c) => authorize(actor, 'case.applicantAct', caseResourceOf(c), 'CASE_NOT_FOUND'),
    run: async (c, { trx, now }) => {
      const cm = (await repo.listCommitments(trx, c.id)).find((x) => x.id === commitmentId);
      if (!cm) throw new AppError('NOT_FOUND');
      if (cm.status !== 'awaitingSignature')
        throw new AppError('CASE_STATE_INVALID', { action: 'signCommitment', status: cm.status, allowedFrom: ['awaitingSignature'] });
      await repo.updateCommitment(trx, cm.id, { status: 'pending', signed_at: now, signed_by: actor.accountId });
      return { note: `签署容缺承诺：${cm.subject_key}`, data: { commitmentId: cm.id } };
    },
  });
}

/** Supplies a material deferred at acceptance (容缺); a case suspended for the missed deadline resumes. */
export async function supplyDeferred(ctx: AppContext, actor: Actor, caseId: string, version: number, ref: MaterialRef) {
  const materials = await requireOwnMaterials(ctx, actor, [ref.materialId]);
  return runAction(ctx, actor, caseId, version, 'supplyDeferred', {
    authorize: (c) => {
      const staffAtWindow = actor.kind === 'staff';
      authorize(actor, staffAtWindow ? 'case.accept' : 'case.applicantAct', caseResourceOf(c), 'CASE_NOT_FOUND');
    },
    run: async (c, { trx, now, today }) => {
      const g = await guideOf(trx, c);
      const cm = (await repo.listCommitments(trx, c.id)).find((x) => x.kind === 'deficiency' && x.subject_key === ref.requirementKey);
      if (!cm || cm.status === 'fulfilled')
        throw new AppError('CASE_MATERIAL_NOT_ACCEPTED', { problems: [{ requirementKey: ref.requirementKey, reason: 'notDeferred' }] });
      checkApplication(g, { situationKey: c.situation_key, formData: {}, materials: [ref], conditionCommitments: [] }, materials, false);
      await repo.updateCommitment(trx, cm.id, {
        status: 'fulfilled',
        fulfilled_at: now,
        ...(cm.signed_at ? {} : { signed_at: now, signed_by: actor.accountId }),
      });
      await repo.upsertCaseMaterials(
        trx,
        c.id,
        [{ requirement_key: ref.requirementKey, material_id: ref.materialId, status: 'supplied' }],
        now,
      );
      const open = await repo.countOpenDeficiencies(trx, c.id);
      const resume = c.status === 'suspended' && open === 0;
      if (resume) await repo.closeSuspension(trx, c.id, today, now);
      return {
        to: resume ? (c.resume_status ?? 'review') : undefined,
        clock: resume,
        patch: { deficiency_open: open > 0, ...(resume ? { resume_status: null } : {}) },
        data: { requirementKey: ref.requirementKey, resumed: resume },
        notify: c.handler_id
          ? [{ to: 'handler', kind: 'deferredSupplied', title: '容缺材料已补齐', body: `${c.item_name}（${c.number}）的容缺材料已提交。` }]
          : [],
      };
    },
  });
}
