/**
 * The licenses module's public face (电子证照 and 电子印章): issuing a case's license, 免提交 lookups, 用证 reads.
 * It knows no case: callers pass what it needs. Other modules import only this file.
 */
export { ensureLicenseTypes } from './catalog-service.ts';
export { canSeal } from './delegation-service.ts';
export { issueLicense, type LicenseRequest } from './issue-service.ts';
export { licenseResultOfCase, licensesForRequirements, readLicenseForCase } from './reuse-service.ts';
export { withdrawLicenseOfCase } from './status-service.ts';
export { licenseRoutes } from './routes.ts';
