/**
 * The hall module's public face (网上预约, 排队叫号). Other modules import only this file.
 */
import type { AppContext } from '../../platform/context.ts';
import type { JobHandlers } from '../../platform/jobs.ts';
import { remindAppointment } from './appointment-service.ts';

export { ticketOfCase } from './queue-repo.ts';
export { hallRoutes } from './routes.ts';

/** The hall's job handlers: the reminder SMS the day before an appointment. */
export function hallJobHandlers(ctx: AppContext): JobHandlers {
  return { 'hall.remind': (data) => remindAppointment(ctx, data) };
}
