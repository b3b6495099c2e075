import { randomUUID } from 'node:crypto';
import type { CompiledQuery, Insertable, Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { AuditInput } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { executeAsOne } from '../../platform/batch.ts';
import type { CasesTable, DB } from '../../platform/db-types.ts';
import type { Guide } from '../catalog/index.ts';
import { actorName } from '../identity/index.ts';
import { assignOwner } from '../materials/index.ts';
import { caseAuditEvent, compileDelivery } from './engine.ts';
import * as repo from './repo.ts';
import type { CaseRow } from './resource.ts';
import { workflowOf } from './workflow.ts';

export type MaterialRef = { requirementKey: string; materialId: string };

/** Who applies, and through which channel: online for applicants, window for clerks, agency for agents with a mandate. */
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

/** The item version a case is filed under. */
export type FiledItem = { id: string; versionId: string; code: string; departmentId: string; regionCode: string; guide: Guide };

/**
 * A new case, checked before (`checkApplication`): the one shape in which single applications and the sub-cases of a
 * bundle (一件事) are created.
 */
export type NewCase = {
  item: FiledItem;
  situationKey: string;
  party: Party;
  formData: Record<string, unknown>;
  materials: MaterialRef[];
  /** 免提交: requirements met by a license the applicant holds. */
  licensed: Map<string, { id: string }>;
  /** 一件事: requirements met by another sub-case's result (requirement key → the item that provides it). */
  shared?: Map<string, string>;
  conditionCommitments: string[];
  submit: boolean;
  /** Taken before the transaction (`repo.nextCaseNumber`); null for a draft. */
  number: string | null;
  windowId: string | null;
  idempotencyKey?: string | null;
  bundle?: { caseId: string; number: string };
  /** 一件事: the items whose result this sub-case waits for; filed `waiting`, it reaches its department when they complete. */
  waitingFor?: string[];
};

export const encryptForm = (ctx: AppContext, data: Record<string, unknown>) => ctx.cipher.encrypt(JSON.stringify(data), 'case.form');
export const decryptForm = (ctx: AppContext, c: Pick<CaseRow, 'form_data_enc'>): Record<string, unknown> =>
  JSON.parse(ctx.cipher.decrypt(c.form_data_enc, 'case.form'));

/** The time limits of an item's situation (the situation's promised limit wins over the item's). */
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
  now: Date,
  licensed: Map<string, { id: string }> = new Map(),
  fresh = false,
) {
  if (!fresh) await repo.deleteCaseMaterials(trx, caseId);
  await repo.upsertCaseMaterials(
    trx,
    caseId,
    [
      ...refs.map((r) => ({ requirement_key: r.requirementKey, material_id: r.materialId, status: 'submitted' as const })),
      ...[...licensed].map(([key, l]) => ({ requirement_key: key, material_id: null, license_id: l.id, status: 'license' as const })),
    ],
    now,
  );
}

/** The 告知承诺 conditions the applicant signed instead of proving them. */
export async function writeConditionCommitments(trx: Kysely<DB>, caseId: string, g: Guide, keys: string[], actor: Actor, now: Date) {
  await repo.insertCommitments(trx, conditionCommitmentRows(caseId, g, keys, actor, now));
}

const conditionCommitmentRows = (caseId: string, g: Guide, keys: string[], actor: Actor, now: Date) =>
  keys.map((k) => ({
    case_id: caseId,
    kind: 'condition' as const,
    subject_key: k,
    text: g.commitmentConditions.find((c) => c.key === k)!.text,
    due_on: null,
    status: 'pending' as const,
    signed_at: now,
    signed_by: actor.accountId,
  }));

export const submittedNotice = (c: Pick<CaseRow, 'item_name' | 'number'>) => ({
  to: 'applicant' as const,
  kind: 'submitted',
  title: '申请已提交',
  body: `您申请的“${c.item_name}”已提交，办件编号 ${c.number}，请留意受理结果。`,
  sms: true,
});

/**
 * Creates one case in the caller's transaction: the row, its materials (files, 免提交 licenses, results shared within a
 * bundle), the signed 告知承诺 conditions, ownership of files a clerk scanned for the applicant, the first timeline
 * entry and — for a single application — the applicant's notice. Returns the audit event for the caller to append last.
 * The only path by which a case comes to exist (single applications and bundles alike).
 */
export async function createCase(
  ctx: AppContext,
  trx: Kysely<DB>,
  actor: Actor,
  n: NewCase,
  now: Date,
): Promise<{ case: CaseRow; audit: AuditInput }> {
  const prepared = await prepareCase(ctx, trx, actor, n, now);
  const [c] = await executeAsOne(trx, prepared.insert, prepared.writes);
  return { case: c, audit: prepared.audit };
}

/**
 * What `createCase` writes, as statements not sent (issue 24: a submission in one round trip): `insert` (the case row,
 * RETURNING it) and `writes` (its materials, commitments, timeline entry, notice and SMS job), for the caller to send as
 * one statement (platform/batch.ts) with the audit event appended last. The case's id is taken here, so every row can
 * name it. Reads only what the rows need (the actor's name; the applicant's phone for the SMS).
 */
export async function prepareCase(
  ctx: AppContext,
  db: Kysely<DB>,
  actor: Actor,
  n: NewCase,
  now: Date,
): Promise<{ insert: CompiledQuery<CaseRow>; writes: CompiledQuery[]; audit: AuditInput }> {
  const g = n.item.guide;
  const waiting = n.submit && (n.waitingFor?.length ?? 0) > 0;
  const status = !n.submit ? 'draft' : waiting ? 'waiting' : 'submitted';
  const id = randomUUID();
  const values = {
    id,
    ...n.party,
    number: n.number,
    item_id: n.item.id,
    item_version_id: n.item.versionId,
    implementation_code: n.item.code,
    item_name: g.name,
    situation_key: n.situationKey,
    department_id: n.item.departmentId,
    region_code: n.item.regionCode,
    accept_region_code: n.item.regionCode,
    created_by: actor.accountId,
    form_data_enc: encryptForm(ctx, n.formData),
    status,
    workflow: JSON.stringify(workflowOf(g)),
    handling_type: g.handlingType,
    commitment_mode: n.conditionCommitments.length > 0,
    ...limitsOf(g, n.situationKey),
    // A waiting sub-case is submitted to its department when it is released (its clock and the indicators start then).
    submitted_at: n.submit && !waiting ? now : null,
    handler_id: n.party.channel === 'window' ? actor.accountId : null,
    window_id: n.windowId,
    idempotency_key: n.idempotencyKey ?? null,
    bundle_case_id: n.bundle?.caseId ?? null,
  } satisfies Insertable<CasesTable>;
  const writes: CompiledQuery[] = [];
  // One row per requirement; a result shared within a bundle replaces what else named the same requirement.
  const byKey = new Map<string, Parameters<typeof repo.compileInsertCaseMaterials>[2][number]>();
  for (const r of n.materials)
    byKey.set(r.requirementKey, { requirement_key: r.requirementKey, material_id: r.materialId, status: 'submitted' });
  for (const [key, l] of n.licensed) byKey.set(key, { requirement_key: key, material_id: null, license_id: l.id, status: 'license' });
  for (const [rk, from] of n.shared ?? []) {
    byKey.set(rk, { requirement_key: rk, material_id: null, license_id: null, status: 'shared', note: `由“${from}”办理结果共享` });
  }
  const materialRows = [...byKey.values()];
  if (materialRows.length) writes.push(repo.compileInsertCaseMaterials(db, id, materialRows));
  const commitments = conditionCommitmentRows(id, g, n.conditionCommitments, actor, now);
  if (commitments.length) writes.push(repo.compileInsertCommitments(db, commitments));
  if (actor.kind === 'staff')
    await assignOwner(
      db,
      n.materials.map((m) => m.materialId),
      { personId: n.party.applicant_person_id, organizationId: null },
    );
  writes.push(
    repo.compileInsertEvent(db, {
      case_id: id,
      at: now,
      action: n.submit ? 'submit' : 'createDraft',
      from_status: null,
      to_status: status,
      actor_id: actor.accountId,
      actor_name: await actorName(db, actor),
      data: {
        channel: n.party.channel,
        ...(n.bundle ? { bundleCaseId: n.bundle.caseId, bundleNumber: n.bundle.number } : {}),
        ...(waiting ? { waitingFor: n.waitingFor } : {}),
      },
      note: waiting ? `待“${n.waitingFor!.join('”“')}”办结后办理` : null,
    }),
  );
  if (n.submit && !n.bundle) {
    const row = { ...values, agent_account_id: n.party.agent_account_id } as unknown as CaseRow;
    writes.push(...(await compileDelivery(ctx, db, row, [submittedNotice(values)])));
  }
  const audit = caseAuditEvent(actor, n.submit ? 'submit' : 'createDraft', id, undefined, {
    status,
    number: n.number,
    item: n.item.code,
    channel: n.party.channel,
    ...(n.bundle ? { bundleCaseId: n.bundle.caseId } : {}),
  });
  return { insert: repo.compileInsertCase(db, values), writes, audit };
}
