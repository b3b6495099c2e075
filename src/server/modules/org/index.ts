/**
 * The org module's public face (regions, departments, halls, windows). Other modules import only this file.
 */
export { countRegions, findDepartmentByCreditCode, findDepartmentById, findDepartmentByKey, findHallById, findRegion } from './repo.ts';
export { regionCode } from './schema.ts';
export { orgRoutes } from './routes.ts';
