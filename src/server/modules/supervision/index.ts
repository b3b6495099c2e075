/**
 * The supervision module's public face (效能监察: indicators, breakdowns, targets). Other modules import only this file.
 */
export type { IndicatorUnit, TargetBasis } from './indicators.ts';
export { getBreakdown, getIndicators } from './service.ts';
export { supervisionRoutes } from './routes.ts';
export { refillWorkdays } from './workdays-service.ts';
