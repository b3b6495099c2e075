/**
 * The evaluations module's public face (好差评). It consumes the cases module's `case.completed` event (wired in
 * main.ts) and is used by no other module.
 */
export { sendRatingInvitation as onCaseCompleted } from './rating-service.ts';
export { sweepEvaluations } from './sweep.ts';
export { evaluationRoutes } from './routes.ts';
