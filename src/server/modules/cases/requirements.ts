import type { Guide } from '../catalog/index.ts';

/**
 * How a material requirement of a case is met — the one definition used at submission, at acceptance (and 容缺), in
 * bundles and on the case page (defects issue 25.1: a requirement met by a held license was "missing" at acceptance):
 * - `file`: a file was submitted, supplied or accepted;
 * - `license`: 免提交, a valid license of the applicant stands for it;
 * - `shared`: 一件事, another sub-case's result stands for it;
 * - `commitment`: 告知承诺, the applicant signed a commitment instead of proving it.
 */
export type RequirementMet = 'file' | 'license' | 'shared' | 'commitment';

/** How a case's stored materials meet its requirements (rows of case_materials). */
export function metByCaseMaterials(rows: { requirement_key: string; material_id: string | null; status: string }[]) {
  const met = new Map<string, RequirementMet>();
  for (const r of rows) {
    if (r.material_id && r.status !== 'deficient') met.set(r.requirement_key, 'file');
    else if (r.status === 'license') met.set(r.requirement_key, 'license');
    else if (r.status === 'shared') met.set(r.requirement_key, 'shared');
  }
  return met;
}

/** Adds the requirements that signed 告知承诺 conditions replace. */
export function withCommitments(g: Guide, met: Map<string, RequirementMet>, conditionKeys: string[]) {
  const out = new Map(met);
  for (const k of conditionKeys) {
    const replaced = g.commitmentConditions.find((c) => c.key === k)?.replacesMaterialKey;
    if (replaced && !out.has(replaced)) out.set(replaced, 'commitment');
  }
  return out;
}

/**
 * The required materials of a situation that nothing meets. `deferrable: 'excused'` (at submission) lets 容缺-allowed
 * materials be missing — the clerk decides at acceptance; `deferred` (at acceptance) are those the clerk defers now.
 */
export function missingRequirements(
  g: Guide,
  situationKey: string,
  met: Map<string, RequirementMet>,
  opts: { deferrable: 'excused' | 'required'; deferred?: string[] },
) {
  const situation = g.situations.find((s) => s.key === situationKey);
  return (situation?.materialKeys ?? [])
    .map((k) => g.materials.find((m) => m.key === k)!)
    .filter((m) => m.required && !met.has(m.key) && !(opts.deferrable === 'excused' && m.deferrable) && !opts.deferred?.includes(m.key))
    .map((m) => ({ key: m.key, name: m.name }));
}
