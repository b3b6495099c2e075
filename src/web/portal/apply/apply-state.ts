import type { Account } from '../../api-types.ts';
import type { FormField, Guide, MaterialRequirement, SimpleFormField } from '../../catalog/types.ts';
import type { CaseDetail, ChosenMaterial } from '../../cases/types.ts';

/** The steps of the apply page; the situation step only when the item has more than one situation. */
export type StepKey = 'situation' | 'form' | 'materials' | 'review';

/** The walk-in applicant a window clerk files for. */
export type WalkInApplicant = { name: string; idNumber: string; phone: string };

/** Everything the applicant has entered so far. */
export type ApplyValues = {
  situationKey?: string;
  formData: Record<string, unknown>;
  /** Requirement key → the chosen material. */
  materials: Record<string, ChosenMaterial>;
  /** Keys of the 告知承诺 conditions ticked. */
  commitments: string[];
  /** An enterprise user applying for their organisation. */
  organizationId?: string;
  applicant?: WalkInApplicant;
  /** A saved draft's applicant (masked name or organisation): fixed once the case exists. */
  fixedApplicant?: string;
};

export const emptyValues: ApplyValues = { formData: {}, materials: {}, commitments: [] };

export function stepsOf(guide: Pick<Guide, 'situations'>): StepKey[] {
  return guide.situations.length > 1 ? ['situation', 'form', 'materials', 'review'] : ['form', 'materials', 'review'];
}

/** The fields the web can fill in (tables are left to the window). */
export function simpleFields(fields: FormField[]): SimpleFormField[] {
  return fields.filter((field): field is SimpleFormField => field.type !== 'table');
}

/** Form values as the server wants them: only the form's own keys, no empty values, trimmed text, upper-case ID numbers. */
export function cleanFormData(fields: FormField[], values: Record<string, unknown> | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of simpleFields(fields)) {
    let value = values?.[field.key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') {
      value = value.trim();
      if (value === '') continue;
      if (field.type === 'idNumber' || field.type === 'creditCode') value = (value as string).toUpperCase();
    }
    result[field.key] = value;
  }
  return result;
}

/** Material requirements of the chosen situation in the guide's order. */
export function requirementsOf(guide: Guide, situationKey: string | undefined): MaterialRequirement[] {
  const situation = guide.situations.find((entry) => entry.key === situationKey);
  if (!situation) return [];
  const wanted = new Set(situation.materialKeys);
  return guide.materials.filter((material) => wanted.has(material.key));
}

/** Materials the ticked 告知承诺 conditions replace. */
export function replacedByCommitments(guide: Guide, commitments: string[]): Set<string> {
  const keys = (guide.commitmentConditions ?? [])
    .filter((condition) => commitments.includes(condition.key) && condition.replacesMaterialKey)
    .map((condition) => condition.replacesMaterialKey as string);
  return new Set(keys);
}

/** Required materials that must be there at submission: not deferrable, not chosen, not replaced by a commitment. */
export function missingRequired(guide: Guide, values: ApplyValues, heldLicenseTypes: Set<string> = new Set()): MaterialRequirement[] {
  const replaced = replacedByCommitments(guide, values.commitments);
  return requirementsOf(guide, values.situationKey).filter(
    (material) =>
      material.required &&
      !material.deferrable &&
      !values.materials[material.key] &&
      !replaced.has(material.key) &&
      !(material.replacedByLicenseType && heldLicenseTypes.has(material.replacedByLicenseType)),
  );
}

/** The body of POST /api/v1/cases (or, without the item and party, of PUT …/draft). */
export function applicationBody(guide: Guide, values: ApplyValues) {
  const replaced = replacedByCommitments(guide, values.commitments);
  const keys = new Set(requirementsOf(guide, values.situationKey).map((material) => material.key));
  return {
    situationKey: values.situationKey ?? '',
    formData: cleanFormData(guide.form, values.formData),
    materials: Object.entries(values.materials)
      .filter(([key]) => keys.has(key) && !replaced.has(key))
      .map(([requirementKey, material]) => ({ requirementKey, materialId: material.id })),
    conditionCommitments: values.commitments,
  };
}

/** Values of a person's or organisation's data the form may start with; masked values (张*) are not used. */
export function prefillValues(fields: FormField[], account: Account, organizationId: string | undefined): Record<string, string> {
  const organization = account.organizations.find((entry) => entry.id === organizationId);
  const sources: Record<string, string | undefined> = {
    'person.name': account.person?.name,
    'person.idNumber': account.person?.idNumber,
    'person.phone': account.person?.phone ?? undefined,
    'organization.name': organization?.name,
    'organization.creditCode': organization?.creditCode,
  };
  const result: Record<string, string> = {};
  if (account.kind !== 'applicant') return result;
  for (const field of simpleFields(fields)) {
    const value = field.prefill ? sources[field.prefill] : undefined;
    if (value && !value.includes('*')) result[field.key] = value;
  }
  return result;
}

/** The values of a saved draft. */
export function valuesFromDraft(c: CaseDetail): ApplyValues {
  const materials: Record<string, ChosenMaterial> = {};
  for (const entry of c.materials) {
    if (entry.material) {
      materials[entry.requirementKey] = {
        id: entry.material.id,
        filename: entry.material.filename ?? entry.name,
        kind: entry.material.kind ?? '',
        size: entry.material.size,
        contentUrl: entry.material.contentUrl,
      };
    }
  }
  return {
    situationKey: c.situationKey,
    formData: c.formData,
    materials,
    commitments: c.commitments.filter((commitment) => commitment.kind === 'condition').map((commitment) => commitment.subjectKey),
    fixedApplicant: c.applicantName,
  };
}
