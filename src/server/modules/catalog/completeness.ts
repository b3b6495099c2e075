import type { Guide } from './guide-schema.ts';

/** A problem with a guide: a required element missing (blocks publishing) or an inconsistency (blocks saving). */
export type GuideProblem = { element: string; reason: string };

const days = (l: Guide['legalLimit']) => (l.unit === 'workday' ? l.value : (l.value * 5) / 7);

/**
 * Inconsistencies that make a guide wrong whatever its completeness: references to materials or
 * situations that do not exist, duplicate keys, a promised limit longer than the legal one.
 */
export function checkGuideConsistency(g: Guide): GuideProblem[] {
  const problems: GuideProblem[] = [];
  const dup = (list: { key: string }[], where: string) => {
    const seen = new Set<string>();
    for (const x of list) {
      if (seen.has(x.key)) problems.push({ element: `${where}[${x.key}]`, reason: 'duplicateKey' });
      seen.add(x.key);
    }
  };
  dup(g.materials, 'materials');
  dup(g.situations, 'situations');
  dup(g.form, 'form');
  const materialKeys = new Set(g.materials.map((m) => m.key));
  const situationKeys = new Set(g.situations.map((s) => s.key));
  for (const s of g.situations) {
    for (const k of s.materialKeys)
      if (!materialKeys.has(k)) problems.push({ element: `situations[${s.key}].materialKeys`, reason: `unknownMaterial:${k}` });
    if (s.promisedLimit && g.legalLimit.value > 0 && days(s.promisedLimit) > days(g.legalLimit)) {
      problems.push({ element: `situations[${s.key}].promisedLimit`, reason: 'promisedExceedsLegal' });
    }
  }
  for (const q of g.questionnaire) {
    for (const o of q.options)
      for (const k of o.situationKeys) {
        if (!situationKeys.has(k)) problems.push({ element: `questionnaire[${q.key}]`, reason: `unknownSituation:${k}` });
      }
  }
  if (g.legalLimit.value > 0 && days(g.promisedLimit) > days(g.legalLimit))
    problems.push({ element: 'promisedLimit', reason: 'promisedExceedsLegal' });
  if (g.handlingType === 'immediate' && g.promisedLimit.value > 1)
    problems.push({ element: 'promisedLimit', reason: 'immediateItemsFinishOnTheSpot' });
  if (g.result.type === 'license' && !g.result.licenseType) problems.push({ element: 'result.licenseType', reason: 'missing' });
  problems.push(...checkWorkflow(g));
  for (const c of g.commitmentConditions) {
    if (c.replacesMaterialKey && !materialKeys.has(c.replacesMaterialKey))
      problems.push({ element: `commitmentConditions[${c.key}]`, reason: `unknownMaterial:${c.replacesMaterialKey}` });
  }
  dup(g.commitmentConditions, 'commitmentConditions');
  for (const f of g.fees)
    if (f.amountYuan === undefined && !f.formula) problems.push({ element: `fees[${f.name}]`, reason: 'amountOrFormulaRequired' });
  return problems;
}

/**
 * A workflow is accept, then 0–3 reviews or countersigns, then decide; keys unique. A countersign names at least one
 * department, each once, and a quorum no larger than its departments; no other step names departments.
 */
function checkWorkflow(g: Guide): GuideProblem[] {
  const w = g.workflow;
  if (w.length === 0) return [];
  const problems: GuideProblem[] = [];
  const kinds = w.map((s) => s.kind);
  const shapeOk =
    kinds[0] === 'accept' &&
    kinds.at(-1) === 'decide' &&
    w.length >= 2 &&
    kinds.slice(1, -1).every((k) => k === 'review' || k === 'countersign');
  if (!shapeOk) problems.push({ element: 'workflow', reason: 'acceptFirstDecideLastReviewsBetween' });
  if (new Set(w.map((s) => s.key)).size !== w.length) problems.push({ element: 'workflow', reason: 'duplicateKey' });
  if (g.handlingType === 'immediate' && kinds.includes('countersign'))
    problems.push({ element: 'workflow', reason: 'immediateItemsHaveNoCountersign' });
  for (const s of w) {
    const element = `workflow[${s.key}]`;
    const parts = s.participants ?? [];
    if (s.kind !== 'countersign') {
      if (s.participants || s.quorum !== undefined) problems.push({ element, reason: 'participantsOnlyInCountersign' });
      continue;
    }
    if (parts.length === 0) problems.push({ element, reason: 'countersignNeedsDepartments' });
    if (new Set(parts.map((p) => p.departmentKey)).size !== parts.length) problems.push({ element, reason: 'duplicateDepartment' });
    if (typeof s.quorum === 'number' && s.quorum > parts.length) problems.push({ element, reason: 'quorumExceedsDepartments' });
  }
  return problems;
}

/** The department keys a guide's 会签 steps name (the catalog checks they exist in the item's region). */
export const countersignDepartmentKeys = (g: Guide): string[] => [
  ...new Set(g.workflow.flatMap((s) => (s.participants ?? []).map((p) => p.departmentKey))),
];

/** The guide elements every published guide must have (办事指南完整率 counts guides with none missing). */
export function missingElements(g: Guide): GuideProblem[] {
  const missing: GuideProblem[] = [];
  const need = (ok: boolean, element: string) => {
    if (!ok) missing.push({ element, reason: 'missing' });
  };
  need(g.legalBasis.length >= 4, 'legalBasis');
  need(g.conditions.length >= 4, 'conditions');
  need(g.process.length >= 4, 'process');
  need(g.places.length >= 2, 'places');
  need(g.hours.length >= 2, 'hours');
  need(g.consultPhone.length >= 5, 'consultPhone');
  need(g.complaintPhone.length >= 5, 'complaintPhone');
  need(g.result.name.length >= 2 || g.result.type === 'none', 'result.name');
  need(g.materials.length > 0 || g.situations.every((s) => s.materialKeys.length === 0), 'materials');
  need(g.form.length > 0 || g.onlineDepth < 3, 'form');
  for (const m of g.materials) need(m.source.length > 0, `materials[${m.key}].source`);
  return missing;
}
