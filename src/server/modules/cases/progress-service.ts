import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { validateIdNumber } from '../../platform/identifiers.ts';
import { can } from '../../platform/policies.ts';
import { findOrganizationById, findPersonById, findPersonByIdIndex } from '../identity/index.ts';
import { findDepartmentById } from '../org/index.ts';
import { currentStep } from './engine.ts';
import { readableCase } from './query-service.ts';
import * as repo from './repo.ts';
import { caseResource } from './resource.ts';
import { CASE_NUMBER } from './search.ts';
import { finalStatuses } from './workflow.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/**
 * 办件进度查询 without login: the case whose number is given and whose applicant (a person) has the ID number given.
 * Malformed input is refused with its own code; a wrong number and a wrong ID number get the same 404, and every
 * lookup (found or not) is audited with the source address. Answers status, stage, dates and the department only.
 */
export async function lookupProgress(ctx: AppContext, input: { number: string; idNumber: string; ip: string | null }) {
  const number = input.number.replace(/\s+/g, '').toUpperCase();
  const idNumber = input.idNumber.replace(/\s+/g, '').toUpperCase();
  if (!CASE_NUMBER.test(number)) throw new AppError('CASE_NUMBER_INVALID');
  const id = validateIdNumber(idNumber);
  if (!id.ok) throw new AppError('ID_NUMBER_INVALID', { reason: id.reason });
  const [c, person] = await Promise.all([
    repo.findCaseByNumber(ctx.db, number),
    findPersonByIdIndex(ctx.db, ctx.cipher.blindIndex(`id:${idNumber}`)),
  ]);
  const found = c && person && c.applicant_person_id === person.id && c.status !== 'draft' ? c : null;
  await appendAuditEvent(ctx.db, ctx.auditKey, {
    actor: null,
    action: 'case.progress.lookup',
    entityType: 'case',
    entityId: found?.id ?? null,
    after: { number, found: found !== null },
    outcome: found ? 'success' : 'failure',
    ip: input.ip,
    regionCode: found?.region_code ?? null,
  });
  if (!found) throw new AppError('CASE_PROGRESS_NOT_FOUND');
  const department = await findDepartmentById(ctx.db, found.department_id);
  const { step } = currentStep(found);
  return {
    number: found.number!,
    itemName: found.item_name,
    departmentName: department?.name ?? '',
    applicantName: found.applicant_name_masked,
    status: found.status,
    stepKind: step.kind,
    stepName: step.name,
    submittedAt: iso(found.submitted_at),
    acceptedOn: found.accepted_on,
    promisedDueOn: found.promised_due_on,
    decidedAt: iso(found.decided_at),
    updatedAt: iso(found.updated_at)!,
  };
}

/**
 * 查看完整姓名: the full name and ID number (or organisation name and credit code) of a case's applicant, for staff who
 * may handle or accept the case while it is open (not for a supervisor or a countersigning department, nor after the
 * end), never for staff on the applicant's side. Audited with the reason given; others get the same 404 as for a case
 * they cannot see.
 */
export async function revealApplicant(ctx: AppContext, actor: Actor, caseId: string, reason: string) {
  const c = await readableCase(ctx, actor, caseId);
  const r = caseResource(c);
  if (
    actor.kind !== 'staff' ||
    !(can(actor, 'case.handle', r) || can(actor, 'case.accept', r)) ||
    !can(actor, 'case.impartial', r) ||
    finalStatuses.includes(c.status) ||
    c.status === 'draft'
  )
    throw new AppError('CASE_NOT_FOUND');
  let answer: { kind: 'person' | 'organization'; name: string; identifier: string };
  if (c.applicant_kind === 'organization' && c.applicant_organization_id) {
    const org = await findOrganizationById(ctx.db, c.applicant_organization_id);
    if (!org) throw new AppError('CASE_NOT_FOUND');
    answer = { kind: 'organization', name: org.name, identifier: org.credit_code };
  } else {
    const person = c.applicant_person_id ? await findPersonById(ctx.db, c.applicant_person_id) : undefined;
    if (!person) throw new AppError('CASE_NOT_FOUND');
    answer = { kind: 'person', name: ctx.cipher.decrypt(person.name_enc), identifier: ctx.cipher.decrypt(person.id_number_enc) };
  }
  await appendAuditEvent(ctx.db, ctx.auditKey, {
    actor: { accountId: actor.accountId, kind: actor.kind },
    action: 'case.applicant.reveal',
    entityType: 'case',
    entityId: c.id,
    after: { reason, applicantKind: answer.kind },
    ip: actor.ip,
    regionCode: c.region_code,
  });
  return answer;
}
