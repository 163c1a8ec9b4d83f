import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useLang } from '../i18n';
import { prefectureLabel } from '../lib/prefectures';
import { useSession, useSignedIn } from '../session/session';
import { LanguageSwitch } from './LanguageSwitch';

/** The signed-in frame: header (who, language, sign-out), navigation, and the page. */
export function Layout() {
  const { t } = useTranslation();
  const lang = useLang();
  const { operator } = useSignedIn();
  const { signOut } = useSession();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const seen = useRef<string | null>(null);

  // A new page moves focus to its heading (as a page load would), not on the first one.
  useEffect(() => {
    if (seen.current !== null && seen.current !== pathname)
      (main.current?.querySelector<HTMLElement>('#page-title') ?? main.current)?.focus();
    seen.current = pathname;
  }, [pathname]);

  const items: { to: string; label: string; testId: string; end?: boolean }[] = [
    { to: '/', label: t('nav.overview'), testId: 'nav-overview', end: true },
    { to: '/offices', label: t('nav.offices'), testId: 'nav-offices' },
    { to: '/licenses', label: t('nav.licenses'), testId: 'nav-licenses' },
    { to: '/campaigns', label: t('nav.campaigns'), testId: 'nav-campaigns' },
    { to: '/billing', label: t('nav.billing'), testId: 'nav-billing' },
    { to: '/adoption', label: t('nav.adoption'), testId: 'nav-adoption' },
    { to: '/dead-letters', label: t('nav.deadLetters'), testId: 'nav-dead-letters' },
    { to: '/audit', label: t('nav.audit'), testId: 'nav-audit' },
  ];
  if (operator.role === 'central')
    items.push({ to: '/operators', label: t('nav.operators'), testId: 'nav-operators' });

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <p className="app-name">{t('app.title')}</p>
        <div className="app-user" data-testid="current-operator">
          <span className="app-user-name">{operator.name}</span>
          <span className="app-user-scope">
            {operator.role === 'central'
              ? t('operators.roles.central')
              : `${t('operators.roles.prefecture')} · ${prefectureLabel(operator.prefecture, lang)}`}
          </span>
        </div>
        <LanguageSwitch />
        <button
          type="button"
          className="button-secondary"
          onClick={() => void signOut()}
          data-testid="sign-out"
        >
          {t('app.signOut')}
        </button>
      </header>
      <nav className="app-nav" aria-label={t('nav.label')}>
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end} data-testid={item.testId}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
