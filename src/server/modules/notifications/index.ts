/**
 * The notifications module's public face: in-app notices and SMS (through the job queue) — the one place that
 * writes notifications and formats SMS text. Other modules import only this file.
 */
export { compileNotices, notifyAccounts, smsPerson, type Message } from './service.ts';
export { smsSinkHandler } from './sms.ts';
export { notificationRoutes } from './routes.ts';
