import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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
