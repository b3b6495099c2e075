/**
 * The calendar module's public face: the working calendar of a region (national calendar, notices, overrides).
 * Other modules import only this file.
 */
export { calendarRegions, loadCalendar, loadCalendarUncached, remindProvisionalYear } from './service.ts';
export { calendarRoutes } from './routes.ts';
