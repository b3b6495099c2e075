import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { ADMIN_ROLES } from '../api-types.ts';
import type { Account } from '../api-types.ts';
import { RequireAccount } from '../ui/require-account.tsx';

/** Who edits the catalog: a region's system admin, or a department admin for their department. */
export function isCatalogEditor(account: Account): boolean {
  return account.roles.includes('systemAdmin') || account.roles.includes('departmentAdmin');
}

/** Who publishes and withdraws: the region's system admin only. */
export function isCatalogPublisher(account: Account): boolean {
  return account.roles.includes('systemAdmin');
}

/** The console's sections: departments and halls, the service catalog (for its editors). */
export function AdminNav({ account }: { account: Account }) {
  const { t } = useTranslation();
  return (
    <nav className="tb-subnav" aria-label={t('itemAdmin.nav.label')}>
      <NavLink to="/admin" end>
        {t('itemAdmin.nav.organisation')}
      </NavLink>
      {isCatalogEditor(account) ? <NavLink to="/admin/items">{t('itemAdmin.nav.items')}</NavLink> : null}
      {account.roles.includes('systemAdmin') ? <NavLink to="/admin/calendar">{t('calendarAdmin.nav')}</NavLink> : null}
      {['securityAdmin', 'departmentAdmin', 'systemAdmin', 'auditAdmin', 'platformRoot'].some((r) => account.roles.includes(r)) ? (
        <NavLink to="/admin/staff">{t('orgAdmin.nav.staff')}</NavLink>
      ) : null}
      {['systemAdmin', 'departmentAdmin'].some((r) => account.roles.includes(r)) ? (
        <NavLink to="/admin/licenses">{t('orgAdmin.nav.licenses')}</NavLink>
      ) : null}
      {['systemAdmin', 'hallAdmin'].some((r) => account.roles.includes(r)) ? (
        <NavLink to="/admin/windows">{t('windows.title')}</NavLink>
      ) : null}
      {account.roles.includes('systemAdmin') ? <NavLink to="/dashboard">{t('dashboard.nav')}</NavLink> : null}
    </nav>
  );
}

/** Shows the page to catalog editors only; sends anonymous visitors to the login page. */
export function RequireCatalogEditor({ children }: { children: (account: Account) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <RequireAccount
      allow={(account) => account.roles.some((role) => ADMIN_ROLES.includes(role)) && isCatalogEditor(account)}
      deniedText={t('itemAdmin.noPermission')}
    >
      {children}
    </RequireAccount>
  );
}
