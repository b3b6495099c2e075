import type { Guide, MaterialRequirement, Situation } from './types.ts';

/** Answers to the situation questionnaire: question key → index of the chosen option. */
export type Answers = Record<string, number>;

/** The situations every answer allows (each answer keeps a subset; unanswered questions keep all). */
export function matchingSituations(guide: Pick<Guide, 'situations' | 'questionnaire'>, answers: Answers): Situation[] {
  let keys = new Set(guide.situations.map((situation) => situation.key));
  for (const question of guide.questionnaire) {
    const option = question.options[answers[question.key] ?? -1];
    if (!option) continue;
    const allowed = new Set(option.situationKeys);
    keys = new Set([...keys].filter((key) => allowed.has(key)));
  }
  return guide.situations.filter((situation) => keys.has(situation.key));
}

/**
 * The situation the applicant is in: the only one left by the answers, else the one picked among
 * those left; undefined while more than one remains.
 */
export function chosenSituation(candidates: Situation[], picked: string | undefined): Situation | undefined {
  if (candidates.length === 1) return candidates[0];
  return candidates.find((situation) => situation.key === picked);
}

/** The materials of a situation in the guide's order; every material when no situation is chosen. */
export function materialsFor(guide: Pick<Guide, 'materials'>, situation: Situation | undefined): MaterialRequirement[] {
  if (!situation) return guide.materials;
  const wanted = new Set(situation.materialKeys);
  return guide.materials.filter((material) => wanted.has(material.key));
}

/** True when every question has an answer. */
export function allAnswered(guide: Pick<Guide, 'questionnaire'>, answers: Answers): boolean {
  return guide.questionnaire.every((question) => answers[question.key] !== undefined);
}
