import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** A page: its <title> and its one <h1>. */
export function Page({ title, children, intro }: { title: string; children: ReactNode; intro?: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} | ${t('app.title')}`;
  }, [title, t]);
  return (
    <>
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {intro ? <p className="intro">{intro}</p> : null}
      {children}
    </>
  );
}

/** A page outside the signed-in layout (sign-in, set-up): the console's name and the language switch above it. */
export function StandalonePage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="standalone">
      <header className="standalone-header">
        <p className="app-name">{t('app.title')}</p>
        <LanguageSwitch />
      </header>
      <main id="main" className="standalone-main">
        <Page title={title}>{children}</Page>
      </main>
    </div>
  );
}
