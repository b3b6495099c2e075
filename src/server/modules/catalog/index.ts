/**
 * The catalog module's public face (事项库: items, guides and their versions, search). Other modules import only this file.
 */
export { missingElements } from './completeness.ts';
export { validateFormData } from './form-schema.ts';
export { guideOfVersion } from './guide-cache.ts';
export { type FormField, type Guide, type MaterialRequirement, simpleField, tableField, type WorkflowStep } from './guide-schema.ts';
export { getPublishedItem } from './query-service.ts';
export { findItemsByCodes, findItemsByIdList } from './repo.ts';
export { indexSearchDocuments, type SearchDocument } from './search-documents.ts';
export { catalogRoutes } from './routes.ts';
