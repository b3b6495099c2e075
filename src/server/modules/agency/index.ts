/**
 * The agency module's public face (委托代办): the mandate under which an agent files for a person, and its routes.
 * Other modules import only this file.
 */
export { agencyRoutes } from './routes.ts';
export { requireActiveMandate } from './service.ts';
