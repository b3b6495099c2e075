import type { AppContext } from './platform/context.ts';
import type { JobHandlers } from './platform/jobs.ts';
import { onSubCaseSettled } from './modules/bundles/index.ts';
import { onCaseCompleted } from './modules/evaluations/index.ts';

/**
 * The consumers of the modules' events (jobs by name, written in the emitting transaction): the one wiring, for the
 * server (main.ts) and for tests that run it. The cases module emits `case.completed` (办结, 制证, 送达) and
 * `case.closed` (不予受理, 撤回, 撤销) without knowing who listens:
 * - bundles releases the sub-cases of a 一件事 that waited for this result, or lets them lapse (idempotent, first);
 * - evaluations invites the applicant to rate the completed case.
 */
export function caseEventHandlers(ctx: AppContext): Pick<JobHandlers, 'case.completed' | 'case.closed'> {
  return {
    'case.completed': async ({ caseId }) => {
      await onSubCaseSettled(ctx, caseId);
      await onCaseCompleted(ctx, caseId);
    },
    'case.closed': async ({ caseId }) => {
      await onSubCaseSettled(ctx, caseId);
    },
  };
}
