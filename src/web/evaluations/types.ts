/**
 * API shapes of 好差评, 整改, 申诉 and 督办函: aliases of the types generated from the server's OpenAPI
 * document (`npm run gen:api-types`; the schemas are in src/server/modules/evaluations/schema.ts).
 */
import type { Answer, Body, Schemas } from '../api-types.ts';

export type TagCatalog = CaseEvaluationStatus['tags'];

export type Evaluation = Schemas['Evaluation'];

export type CaseEvaluationStatus = Schemas['CaseEvaluationStatus'];

export type TokenInfo = Schemas['TokenInfo'];

export type IssuedToken = Schemas['IssuedToken'];

export type RectificationStatus = Rectification['status'];
export type RectificationStep = Rectification['allowedActions'][number];

export type Rectification = Schemas['Rectification'];

export type RectificationDetail = Schemas['RectificationDetail'];

export type AppealStatus = Appeal['status'];
export type Appeal = Schemas['Appeal'];

export type Letter = Schemas['SupervisionLetter'];

/** A window of my hall, for the one-visit rating code (`seated`: a clerk works there now). */
export type HallWindow = Answer<'/api/v1/evaluations/windows', 'get'>['items'][number];

/** What a rater sends (one-visit code, SMS link, or online). */
export type RatingInput = Body<'/api/v1/rate/{token}', 'post'>;
