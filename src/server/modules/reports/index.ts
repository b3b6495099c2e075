/** The reports module's public face (考核通报): the jobs that write reports, and its routes. */
export { reportRoutes } from './routes.ts';
export { generateReport, scheduleReports } from './service.ts';
