import { useTranslation } from 'react-i18next';
import type { ShownProblem } from '../api/client';
import { useLang } from '../i18n';

/** A failed call: the problem's message in the page's language, and its code for support. */
export function ProblemAlert({
  problem,
  testId = 'problem',
}: {
  problem: ShownProblem | null;
  testId?: string;
}) {
  const lang = useLang();
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid={testId} data-code={problem.code}>
      <p>{problem.message[lang]}</p>
      <p className="alert-code">
        {t('common.problemCode')}: <code>{problem.code}</code>
      </p>
    </div>
  );
}

/** What an action achieved, announced politely. */
export function Notice({ message }: { message: string | null }) {
  return (
    <div className="notice-region" role="status" aria-live="polite">
      {message ? (
        <p className="alert alert-success" data-testid="notice">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** Feedback of one action: its success or its problem. */
export function ActionFeedback({
  action,
}: {
  action: { problem: ShownProblem | null; done: string | null };
}) {
  return (
    <>
      <Notice message={action.done} />
      <ProblemAlert problem={action.problem} />
    </>
  );
}

export function Loading({ when }: { when: boolean }) {
  const { t } = useTranslation();
  return when ? (
    <p className="loading" role="status" data-testid="loading">
      {t('common.loading')}
    </p>
  ) : null;
}
