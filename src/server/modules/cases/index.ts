/**
 * The cases module's public face (办件): filing (the one `createCase`), the staff steps other modules drive (补正 of a
 * bundle, 统一出件), reads, and the facts about a case other modules need (its policy resource, its state sets).
 * Other modules import only this file; the module emits `case.completed` (a job by name) instead of calling them.
 */
export {
  assertWindowAccepts,
  checkApplication,
  licensedRequirements,
  resolveParty,
  supplementCase,
} from './apply-service.ts';
export { defaultThresholds } from './clock.ts';
export { createCase, encryptForm, type MaterialRef, type NewCase, type Party } from './create-case.ts';
export { appendAudit, caseAuditEvent, currentStep } from './engine.ts';
export { guideOf } from './guide.ts';
export { handOverCase } from './handle-service.ts';
export { documentsOf, materialVisibleThroughCase } from './query-service.ts';
export { findCase, nextCaseNumber } from './repo.ts';
export type { RequirementMet } from './requirements.ts';
export { caseResource, type CaseRow } from './resource.ts';
export { completeStatuses, finalStatuses, isComplete, workflowOf } from './workflow.ts';
export { sweepCases } from './sweep.ts';
export { lapseWaitingCase, releaseWaitingCase, type Release } from './waiting-service.ts';
export { caseRoutes } from './routes.ts';
