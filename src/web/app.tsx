import { createBrowserRouter } from 'react-router';
import type { RouteObject } from 'react-router';
import { AppLayout, PageLoading } from './ui/app-layout.tsx';
import { RouteError } from './ui/route-error.tsx';

/**
 * The routes of the one application. Each area is a lazily loaded chunk, so the first
 * visit to the portal does not download the workbench or the console.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    Component: AppLayout,
    HydrateFallback: PageLoading,
    ErrorBoundary: RouteError,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./portal/home-page.tsx')).HomePage }) },
      { path: 'search', lazy: async () => ({ Component: (await import('./portal/search-page.tsx')).SearchPage }) },
      { path: 'themes/:key', lazy: async () => ({ Component: (await import('./portal/browse-pages.tsx')).ThemePage }) },
      { path: 'departments/:id/items', lazy: async () => ({ Component: (await import('./portal/browse-pages.tsx')).DepartmentItemsPage }) },
      { path: 'items/:code', lazy: async () => ({ Component: (await import('./portal/guide-page.tsx')).GuidePage }) },
      // 办件进度查询: public, no login (issue 28).
      { path: 'progress', lazy: async () => ({ Component: (await import('./portal/progress-page.tsx')).ProgressPage }) },
      { path: 'login', lazy: async () => ({ Component: (await import('./auth/login-page.tsx')).LoginPage }) },
      { path: 'register', lazy: async () => ({ Component: (await import('./auth/register-page.tsx')).RegisterPage }) },
      { path: 'activate', lazy: async () => ({ Component: (await import('./auth/activate-page.tsx')).ActivatePage }) },
      { path: 'apply/:code', lazy: async () => ({ Component: (await import('./portal/apply/apply-page.tsx')).ApplyPage }) },
      { path: 'me', lazy: async () => ({ Component: (await import('./account/me-page.tsx')).MePage }) },
      { path: 'me/cases', lazy: async () => ({ Component: (await import('./account/my-cases-page.tsx')).MyCasesPage }) },
      { path: 'me/cases/:id', lazy: async () => ({ Component: (await import('./account/case-page.tsx')).MyCasePage }) },
      { path: 'me/licenses', lazy: async () => ({ Component: (await import('./account/my-licenses-page.tsx')).MyLicensesPage }) },
      { path: 'bundles', lazy: async () => ({ Component: (await import('./bundles/bundle-list-page.tsx')).BundleListPage }) },
      { path: 'bundles/:id', lazy: async () => ({ Component: (await import('./bundles/bundle-page.tsx')).BundlePage }) },
      { path: 'me/bundles', lazy: async () => ({ Component: (await import('./bundles/bundle-case-page.tsx')).MyBundleCasesPage }) },
      { path: 'me/bundles/:id', lazy: async () => ({ Component: (await import('./bundles/bundle-case-page.tsx')).BundleCasePage }) },
      // 好差评: the public rating page (window tablet / QR code 一次一评, SMS link).
      { path: 'rate/:token', lazy: async () => ({ Component: (await import('./evaluations/rate-page.tsx')).RatePage }) },
      { path: 'me/notifications', lazy: async () => ({ Component: (await import('./account/notifications-page.tsx')).NotificationsPage }) },
      {
        // 证照核验: public, no login (reached from the QR code on a license PDF and from 亮证).
        path: 'verify',
        children: [
          { index: true, lazy: async () => ({ Component: (await import('./verify/verify-pages.tsx')).VerifyHomePage }) },
          { path: 'present/:token', lazy: async () => ({ Component: (await import('./verify/verify-pages.tsx')).VerifyPresentationPage }) },
          { path: ':identifier', lazy: async () => ({ Component: (await import('./verify/verify-pages.tsx')).VerifyLicensePage }) },
        ],
      },
      {
        path: 'staff',
        children: [
          { index: true, lazy: async () => ({ Component: (await import('./staff/workbench-page.tsx')).WorkbenchPage }) },
          { path: 'cases/:id', lazy: async () => ({ Component: (await import('./staff/case-page.tsx')).StaffCasePage }) },
          {
            path: 'evaluations',
            lazy: async () => ({ Component: (await import('./evaluations/staff-evaluations-page.tsx')).StaffEvaluationsPage }),
          },
          { path: 'bundles', lazy: async () => ({ Component: (await import('./bundles/staff-bundles-page.tsx')).StaffBundlesPage }) },
          { path: 'bundles/:id', lazy: async () => ({ Component: (await import('./bundles/bundle-case-page.tsx')).BundleCasePage }) },
        ],
      },
      {
        path: 'admin',
        children: [
          { index: true, lazy: async () => ({ Component: (await import('./admin/console-page.tsx')).ConsolePage }) },
          { path: 'items', lazy: async () => ({ Component: (await import('./admin/items/items-page.tsx')).ItemsPage }) },
          { path: 'items/new', lazy: async () => ({ Component: (await import('./admin/items/new-item-page.tsx')).NewItemPage }) },
          { path: 'items/:code', lazy: async () => ({ Component: (await import('./admin/items/item-editor-page.tsx')).ItemEditorPage }) },
          { path: 'calendar', lazy: async () => ({ Component: (await import('./admin/calendar-page.tsx')).CalendarPage }) },
          { path: 'staff', lazy: async () => ({ Component: (await import('./admin/staff-page.tsx')).StaffPage }) },
          { path: 'licenses', lazy: async () => ({ Component: (await import('./admin/licenses-page.tsx')).LicensesAdminPage }) },
          { path: 'windows', lazy: async () => ({ Component: (await import('./bundles/windows-admin-page.tsx')).WindowsAdminPage }) },
        ],
      },
      // 监督看板: supervisors and system admins of a region.
      { path: 'dashboard', lazy: async () => ({ Component: (await import('./dashboard/dashboard-page.tsx')).DashboardPage }) },
      { path: 'dashboard/reports', lazy: async () => ({ Component: (await import('./reports/reports-page.tsx')).ReportsPage }) },
      { path: '*', lazy: async () => ({ Component: (await import('./ui/not-found-page.tsx')).NotFoundPage }) },
    ],
  },
];

/** Builds the browser router (a function so tests can build their own). */
export function createAppRouter() {
  return createBrowserRouter(routes);
}
