import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Switch } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { api } from '../api.ts';
import { ADMIN_ROLES } from '../api-types.ts';
import type { Language } from '../i18n/index.ts';
import { queryKeys, useMe } from '../queries.ts';
import { useErrorText } from './error-text.ts';
import { NotificationBell } from './notification-bell.tsx';
import { usePreferences } from './preferences.tsx';
import { useFeedback } from './feedback.tsx';

/** The language switch: each language named in itself. */
const LANGUAGE_CHOICES: Array<{ value: Language; label: string }> = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

/** The page header: the 通办 name, main navigation, language and care-mode switches, login/logout. */
export function AppHeader() {
  const { t } = useTranslation();
  const { data: account } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const { language, setLanguage, careMode, setCareMode } = usePreferences();

  const isStaff = account?.kind === 'staff';
  const isAdmin = Boolean(account?.roles.some((role) => ADMIN_ROLES.includes(role)));
  const onLoginPage = location.pathname === '/login' || location.pathname === '/register';
  const inPortal = /^\/(search|items|themes|departments)(\/|$)/.test(location.pathname);
  const next = encodeURIComponent(location.pathname + location.search);

  async function logout() {
    try {
      await api.post('/auth/logout');
    } catch (error) {
      message.error(errorText(error));
      return;
    }
    // Leave the protected page first: clearing the account while still on it would redirect to /login.
    await navigate('/');
    queryClient.setQueryData(queryKeys.me, null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
    message.success(t('header.loggedOut'));
  }

  return (
    <header className="tb-header">
      <div className="tb-header-bar">
        <Link to="/" className="tb-brand">
          <span className="tb-brand-mark" aria-hidden="true">
            通
          </span>
          <span className="tb-brand-name">{t('app.name')}</span>
          <span className="tb-tagline">{t('app.tagline')}</span>
        </Link>
        <div className="tb-tools tb-prefs">
          <span className="tb-tool">
            <label htmlFor="care-mode-switch" className="tb-tool-label">
              {t('header.careMode')}
            </label>
            <Switch id="care-mode-switch" aria-label={t('header.careMode')} checked={careMode} onChange={setCareMode} />
          </span>
          <span className="tb-lang" role="group" aria-label={t('header.language')}>
            {LANGUAGE_CHOICES.map((choice) => (
              <button
                key={choice.value}
                type="button"
                lang={choice.value}
                aria-pressed={language === choice.value}
                onClick={() => setLanguage(choice.value)}
              >
                {choice.label}
              </button>
            ))}
          </span>
        </div>
        <div className="tb-tools tb-account">
          {account ? (
            <>
              <NotificationBell />
              <Link to="/me" className="tb-user">
                <UserOutlined aria-hidden="true" /> {account.displayName}
              </Link>
              <Button size="small" icon={<LogoutOutlined />} onClick={logout}>
                {t('header.logout')}
              </Button>
            </>
          ) : onLoginPage ? null : (
            <>
              <Link to={`/login?next=${next}`} className="tb-header-link">
                {t('header.login')}
              </Link>
              <Link to="/register" className="tb-header-link">
                {t('header.register')}
              </Link>
            </>
          )}
        </div>
      </div>
      <nav className="tb-nav" aria-label={t('nav.main')}>
        <div className="tb-nav-inner">
          <NavLink to="/" end className={({ isActive }) => (isActive || inPortal ? 'active' : undefined)}>
            {t('nav.portal')}
          </NavLink>
          <NavLink to="/me" end>
            {t('nav.me')}
          </NavLink>
          {!isStaff ? <NavLink to="/bundles">{t('bundles.nav')}</NavLink> : null}
          {account && !isStaff ? <NavLink to="/me/cases">{t('nav.myCases')}</NavLink> : null}
          {account && !isStaff ? <NavLink to="/me/licenses">{t('nav.myLicenses')}</NavLink> : null}
          {isStaff ? <NavLink to="/staff">{t('nav.staff')}</NavLink> : null}
          {isAdmin ? <NavLink to="/admin">{t('nav.admin')}</NavLink> : null}
          {account?.roles.some((role) => role === 'supervisor' || role === 'systemAdmin') ? (
            <NavLink to="/dashboard">{t('nav.dashboard')}</NavLink>
          ) : null}
        </div>
      </nav>
      {careMode ? (
        <p className="tb-care-note" role="status">
          {t('header.careModeOn')}
        </p>
      ) : null}
    </header>
  );
}
