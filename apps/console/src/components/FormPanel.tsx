// The one way the console lays out a form that creates something: a titled panel, the action's feedback, the
// form, and a submit button that says it is working while the change runs.
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Action } from '../lib/hooks';
import { ActionFeedback } from './Feedback';

export function FormPanel({
  title,
  titleId,
  action,
  onSubmit,
  testId,
  children,
}: {
  title: string;
  /** The heading's id, which labels the panel. */
  titleId: string;
  action: Action;
  onSubmit: (e: FormEvent) => Promise<void>;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <ActionFeedback action={action} />
      <form className="form" onSubmit={(e) => void onSubmit(e)} data-testid={testId}>
        {children}
      </form>
    </section>
  );
}

/** A form's submit button: disabled while busy (or when told), and saying so. */
export function SubmitButton({
  busy,
  disabled = false,
  testId,
  children,
}: {
  busy: boolean;
  disabled?: boolean;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <button type="submit" disabled={busy || disabled} data-testid={testId}>
      {busy ? t('common.working') : children}
    </button>
  );
}
