import type { Clock } from './clock.ts';
import { currentStep } from './engine.ts';
import type { CaseRow } from './resource.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** A case in lists: masked applicant name, step, due date and warning colour. */
export function presentCaseSummary(c: CaseRow) {
  const { step } = currentStep(c);
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    itemName: c.item_name,
    implementationCode: c.implementation_code,
    situationKey: c.situation_key,
    departmentId: c.department_id,
    regionCode: c.region_code,
    channel: c.channel,
    applicantName: c.applicant_name_masked,
    applicantKind: c.applicant_kind,
    handlingType: c.handling_type,
    step: { ...step, index: c.step_index },
    commitmentMode: c.commitment_mode,
    deficiencyOpen: c.deficiency_open,
    deemedAccepted: c.deemed_accepted,
    decision: c.decision,
    submittedAt: iso(c.submitted_at),
    acceptedOn: c.accepted_on,
    promisedDueOn: c.promised_due_on,
    clockPaused: c.clock_paused,
    warningLevel: c.warning_level,
    handlerId: c.handler_id,
    version: c.version,
    createdAt: iso(c.created_at)!,
    updatedAt: iso(c.updated_at)!,
  };
}

export function presentClock(c: CaseRow, clock: Clock | null) {
  if (!clock) return null;
  return { ...clock, unit: c.limit_unit, promisedDays: c.promised_days, legalDays: c.legal_days, extensionDays: c.extension_days };
}
