import type { Selectable } from 'kysely';
import type { CasesTable } from '../../platform/db-types.ts';
import type { CaseResource } from '../../platform/policies.ts';

export type CaseRow = Selectable<CasesTable>;

/** The fields of a case that the policies read. */
export function caseResource(c: CaseRow): CaseResource {
  return {
    type: 'case',
    departmentId: c.department_id,
    regionCode: c.region_code,
    acceptRegionCode: c.accept_region_code,
    createdBy: c.created_by,
    applicantAccountId: c.applicant_account_id,
    applicantPersonId: c.applicant_person_id,
    applicantOrganizationId: c.applicant_organization_id,
    agentAccountId: c.agent_account_id,
    itemId: c.item_id,
    channel: c.channel,
    acceptClerkId: c.accept_clerk_id,
    handlingType: c.handling_type,
    coDepartmentIds: c.co_department_ids,
  };
}
