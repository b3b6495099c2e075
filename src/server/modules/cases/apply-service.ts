import type { Kysely, Selectable } from 'kysely';
import { hasRole, windowAccepts, type Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { maskIdNumber, maskName, maskPhone } from '../../platform/crypto.ts';
import type { DB, MaterialsTable } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { isPhoneNumber, validateIdNumber } from '../../platform/identifiers.ts';
import { authorize } from '../../platform/policies.ts';
import type { Guide } from '../catalog/guide-schema.ts';
import { validateFormData } from '../catalog/form-schema.ts';
import { getPublishedItem } from '../catalog/query-service.ts';
import * as catalogRepo from '../catalog/repo.ts';
import * as identityRepo from '../identity/repo.ts';
import { assignOwner } from '../materials/repo.ts';
import { licensesForRequirements } from '../licenses/reuse-service.ts';
import { requireOwnMaterials } from '../materials/service.ts';
import { deliver, runAction } from './engine.ts';
import * as repo from './repo.ts';
import { caseResource as caseResourceOf, type CaseRow } from './resource.ts';
import type { ApplyBody, DraftBody } from './schema.ts';
import { workflowOf } from './workflow.ts';
import { guideOf } from './guide-cache.ts';

type MaterialRef = { requirementKey: string; materialId: string };
type Material = Selectable<MaterialsTable>;

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
  licensed: Set<string> = new Set(),
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
  const promised = new Set(input.conditionCommitments.map((k) => allowedConditions.get(k)!.replacesMaterialKey).filter(Boolean));
  const missing = situation.materialKeys
    .map((k) => g.materials.find((m) => m.key === k)!)
    // A 容缺-allowed material may be missing at submission: the clerk decides at acceptance (容缺 or a notice).
    .filter((m) => m.required && !m.deferrable && !seen.has(m.key) && !promised.has(m.key) && !licensed.has(m.key))
    .map((m) => ({ key: m.key, name: m.name }));
  if (missing.length) throw new AppError('CASE_MATERIALS_MISSING', { missing });
  return situation;
}

export type Party = {
  channel: 'online' | 'window' | 'agency';
  applicant_kind: 'person' | 'organization';
  applicant_person_id: string | null;
  applicant_organization_id: string | null;
  applicant_account_id: string | null;
  applicant_name_masked: string;
  agent_account_id: string | null;
  hall_id: string | null;
  mandate: string | null;
};

/** Who applies, and through which channel: online for applicants, window for clerks, agency for agents with a mandate. */
export async function resolveParty(
  ctx: AppContext,
  actor: Actor,
  input: Pick<ApplyBody, 'applicant' | 'mandate' | 'organizationId'>,
  itemRegion: string,
): Promise<Party> {
  if (actor.kind === 'applicant') {
    if (input.applicant || input.mandate) throw new AppError('FORBIDDEN', { reason: 'onlyStaffFileForOthers' });
    if (!actor.personId) throw new AppError('PERSON_NOT_FOUND');
    const person = await identityRepo.findPersonById(ctx.db, actor.personId);
    if (!person) throw new AppError('PERSON_NOT_FOUND');
    if (input.organizationId) {
      authorize(actor, 'organization.actFor', { type: 'organization', id: input.organizationId }, 'ORGANIZATION_NOT_FOUND');
      const org = await identityRepo.findOrganizationById(ctx.db, input.organizationId);
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
  if (!input.applicant) throw new AppError('CASE_APPLICANT_REQUIRED');
  const asAgent = hasRole(actor, 'agent') && (input.mandate !== undefined || !hasRole(actor, 'clerk', 'chiefRepresentative'));
  if (asAgent && !input.mandate) throw new AppError('CASE_MANDATE_REQUIRED');
  if (input.mandate) await requireOwnMaterials(ctx, actor, [input.mandate.materialId]);
  const person = await findOrCreatePerson(ctx, input.applicant);
  return {
    channel: asAgent ? 'agency' : 'window',
    applicant_kind: 'person',
    applicant_person_id: person.id,
    applicant_organization_id: null,
    applicant_account_id: person.account_id,
    applicant_name_masked: person.name_masked,
    agent_account_id: asAgent ? actor.accountId : null,
    hall_id: asAgent ? null : actor.hallId,
    mandate: input.mandate ? JSON.stringify(input.mandate) : null,
  };
}

/** A walk-in applicant is found by the blind index of the ID number, or recorded (encrypted) on first visit. */
async function findOrCreatePerson(ctx: AppContext, a: { name: string; idNumber: string; phone: string }) {
  const id = validateIdNumber(a.idNumber);
  if (!id.ok) throw new AppError('ID_NUMBER_INVALID', { reason: id.reason });
  if (!isPhoneNumber(a.phone)) throw new AppError('PHONE_INVALID');
  const idIndex = ctx.cipher.blindIndex(`id:${a.idNumber}`);
  const existing = await identityRepo.findPersonByIdIndex(ctx.db, idIndex);
  if (existing) return existing;
  return identityRepo.insertPerson(ctx.db, {
    account_id: null,
    name_enc: ctx.cipher.encrypt(a.name),
    name_masked: maskName(a.name),
    id_number_enc: ctx.cipher.encrypt(a.idNumber),
    id_number_index: idIndex,
    id_number_masked: maskIdNumber(a.idNumber),
    phone_enc: ctx.cipher.encrypt(a.phone),
    phone_index: ctx.cipher.blindIndex(`phone:${a.phone}`),
    phone_masked: maskPhone(a.phone),
    region_code: null,
    real_name_level: 1,
  });
}

export const encryptForm = (ctx: AppContext, data: Record<string, unknown>) => ctx.cipher.encrypt(JSON.stringify(data), 'case.form');
export const decryptForm = (ctx: AppContext, c: CaseRow): Record<string, unknown> =>
  JSON.parse(ctx.cipher.decrypt(c.form_data_enc, 'case.form'));

/** The case's guide: the version it was filed under (kept in memory once that version is immutable). */
export { guideOf };

export function limitsOf(g: Guide, situationKey: string) {
  const s = g.situations.find((x) => x.key === situationKey);
  const promised = s?.promisedLimit ?? g.promisedLimit;
  return {
    limit_unit: promised.unit,
    promised_days: promised.value,
    legal_days: g.legalLimit.unit === promised.unit ? g.legalLimit.value : promised.value,
  };
}

/** Replaces a case's materials (`fresh`: the case was inserted in this transaction and has none yet). */
export async function writeMaterials(
  trx: Kysely<DB>,
  caseId: string,
  refs: MaterialRef[],
  licensed: Map<string, { id: string }> = new Map(),
  fresh = false,
) {
  if (!fresh) await repo.deleteCaseMaterials(trx, caseId);
  await repo.upsertCaseMaterials(trx, caseId, [
    ...refs.map((r) => ({ requirement_key: r.requirementKey, material_id: r.materialId, status: 'submitted' as const })),
    ...[...licensed].map(([key, l]) => ({ requirement_key: key, material_id: null, license_id: l.id, status: 'license' as const })),
  ]);
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

async function writeConditionCommitments(trx: Kysely<DB>, caseId: string, g: Guide, keys: string[], actor: Actor, now: Date) {
  await repo.insertCommitments(
    trx,
    keys.map((k) => ({
      case_id: caseId,
      kind: 'condition' as const,
      subject_key: k,
      text: g.commitmentConditions.find((c) => c.key === k)!.text,
      due_on: null,
      status: 'pending' as const,
      signed_at: now,
      signed_by: actor.accountId,
    })),
  );
}

const submittedNotice = (c: CaseRow) => ({
  to: 'applicant' as const,
  kind: 'submitted',
  title: '申请已提交',
  body: `您申请的“${c.item_name}”已提交，办件编号 ${c.number}，请留意受理结果。`,
  sms: true,
});

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
  const party = await resolveParty(ctx, actor, input, item.region_code);
  assertWindowAccepts(actor, party, item);
  const materials = await requireOwnMaterials(
    ctx,
    actor,
    input.materials.map((m) => m.materialId),
  );
  const licensed = await licensedRequirements(ctx, guide, input.situationKey, party, input.materials);
  checkApplication(guide, input, materials, input.submit, new Set(licensed.keys()));
  const now = ctx.now();
  // The number is taken in its own statement: the region's counter row is locked for that statement
  // only, not for the whole transaction (which serialised every submission of a region). A number is
  // skipped, never reused, when the transaction below fails after taking it.
  const number = input.submit ? await repo.nextCaseNumber(ctx.db, item.region_code, shanghaiDate(now)) : null;
  const filed = ctx.db.transaction().execute(async (trx) => {
    if (!input.submit && (await repo.lockAndCountDrafts(trx, actor.accountId)) >= ctx.config.draftLimit)
      throw new AppError('CASE_DRAFT_LIMIT', { limit: ctx.config.draftLimit });
    const c = await repo.insertCase(trx, {
      ...party,
      number,
      item_id: item.id,
      item_version_id: version.id,
      implementation_code: item.implementation_code,
      item_name: guide.name,
      situation_key: input.situationKey,
      department_id: item.department_id,
      region_code: item.region_code,
      accept_region_code: item.region_code,
      created_by: actor.accountId,
      form_data_enc: encryptForm(ctx, input.formData),
      status: input.submit ? 'submitted' : 'draft',
      workflow: JSON.stringify(workflowOf(guide)),
      handling_type: guide.handlingType,
      commitment_mode: input.conditionCommitments.length > 0,
      ...limitsOf(guide, input.situationKey),
      submitted_at: input.submit ? now : null,
      handler_id: party.channel === 'window' ? actor.accountId : null,
      window_id: party.channel === 'window' ? (actor.window?.id ?? null) : null,
      idempotency_key: idempotencyKey ?? null,
    });
    await writeMaterials(trx, c.id, input.materials, licensed, true);
    await writeConditionCommitments(trx, c.id, guide, input.conditionCommitments, actor, now);
    if (actor.kind === 'staff')
      await assignOwner(trx, [...input.materials.map((m) => m.materialId)], { personId: party.applicant_person_id, organizationId: null });
    await repo.insertEvent(trx, {
      case_id: c.id,
      at: now,
      action: input.submit ? 'submit' : 'createDraft',
      from_status: null,
      to_status: c.status,
      actor_id: actor.accountId,
      actor_name: await repo.actorName(trx, actor),
      data: { channel: party.channel },
    });
    if (input.submit) await deliver(ctx, trx, c, [submittedNotice(c)]);
    // Last: the audit head stays locked until commit.
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: input.submit ? 'case.submit' : 'case.createDraft',
      entityType: 'case',
      entityId: c.id,
      after: { status: c.status, number, item: item.implementation_code, channel: party.channel },
      ip: actor.ip,
    });
    return c;
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
    run: async (c, { trx }) => {
      await writeMaterials(trx, c.id, input.materials);
      await trx.deleteFrom('commitments').where('case_id', '=', c.id).execute();
      await writeConditionCommitments(trx, c.id, g, input.conditionCommitments, actor, ctx.now());
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
  const item = await catalogRepo.findItemByCode(ctx.db, c0.implementation_code);
  const { version: current, guide } = await getPublishedItem(ctx, item?.implementation_code ?? '');
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
  return runAction(ctx, actor, caseId, version, 'submit', {
    authorize: (c) => authorize(actor, 'case.applicantAct', caseResourceOf(c), 'CASE_NOT_FOUND'),
    run: async (c, { trx, now, today }) => {
      checkApplication(
        guide,
        { situationKey: c.situation_key, formData: decryptForm(ctx, c), materials: refs, conditionCommitments: conditions },
        materials,
        true,
        new Set(licensed.keys()),
      );
      await writeMaterials(trx, c.id, refs, licensed);
      const number = await repo.nextCaseNumber(trx, c.region_code, today);
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
    run: async (c, { trx }) => {
      if (c.status !== 'draft') await repo.closeSuspension(trx, c.id, shanghaiDate(ctx.now()), ctx.now());
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
      await repo.upsertCaseMaterials(trx, c.id, [{ requirement_key: ref.requirementKey, material_id: ref.materialId, status: 'supplied' }]);
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
