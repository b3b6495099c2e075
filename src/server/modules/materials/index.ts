/**
 * The materials module's public face: uploaded files, the Wallet, ownership. Other modules import only this file.
 */
export { assignOwner, findMaterial, insertFile as recordStoredFile } from './repo.ts';
export { requireOwnMaterials } from './service.ts';
export { materialRoutes } from './routes.ts';
