/** The audit module's public face: the audit log's routes (the chain itself is platform/audit.ts). */
export { auditRoutes } from './routes.ts';
