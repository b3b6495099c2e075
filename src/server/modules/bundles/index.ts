/**
 * The bundles module's public face (一件事一次办): its routes, and the consumer of the cases module's events that
 * releases waiting sub-cases (办理顺序). It drives cases only through the cases module's index.
 */
export { bundleRoutes } from './routes.ts';
export { onSubCaseSettled } from './sequence-service.ts';
