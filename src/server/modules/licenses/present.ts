import type { LicenseResource } from '../../platform/policies.ts';

/** The fields of a license that the policies read. */
export function licenseResource(l: {
  issuer_department_id: string;
  holder_person_id: string | null;
  holder_organization_id: string | null;
}): LicenseResource {
  return {
    type: 'license',
    issuerDepartmentId: l.issuer_department_id,
    holderPersonId: l.holder_person_id,
    holderOrganizationId: l.holder_organization_id,
  };
}
