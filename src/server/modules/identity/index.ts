/**
 * The identity module's public face: people (persons, organisations), accounts and the lookups other modules make
 * (staff to notify, supervisors, display names, phones). Other modules import only this file.
 */
export { authenticate } from './auth-service.ts';
export {
  actorName,
  findAccountName,
  findOrganizationById,
  findPersonById,
  findPersonByIdIndex,
  personPhoneEnc,
  staffOfDepartment,
  supervisorsOf,
} from './repo.ts';
export { findOrRecordPerson, recordWalkInPerson } from './person-service.ts';
export { identityRoutes } from './routes.ts';
export { ensureInitialAdmin, reissueInitialAdminCode } from './bootstrap-service.ts';
