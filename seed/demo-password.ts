/** The demo password of every demo account (demo mode only). */
export const DEMO_PASSWORD = 'Tongban@2026';
