import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { ProblemAlert } from '../components/Feedback';
import { CodeField, InputField } from '../components/Field';
import { SubmitButton } from '../components/FormPanel';
import { StandalonePage } from '../components/Page';
import { useAction } from '../lib/hooks';
import { safeNext } from '../session/next';
import { useSession } from '../session/session';

/** Name, password and the authenticator's 6-digit code. */
export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { signedIn } = useSession();
  const [form, setForm] = useState({ name: '', password: '', code: '' });
  const action = useAction();
  const expired = params.get('reason') === 'expired';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const session = await action.run(() => unwrap(api.POST('/ops/v1/session', { body: form })));
    if (session) {
      signedIn(session);
      void navigate(safeNext(params.get('next')), { replace: true });
    } else setForm((f) => ({ ...f, code: '' }));
  };

  return (
    <StandalonePage title={t('signIn.title')}>
      {expired ? (
        <p className="alert alert-info" role="status" data-testid="session-expired">
          {t('signIn.expired')}
        </p>
      ) : null}
      {/* 423: the account is locked for a while after repeated failures; the problem says for how long. */}
      <ProblemAlert
        problem={action.problem}
        testId={action.problem?.status === 423 ? 'sign-in-locked' : 'problem'}
      />
      <form className="form narrow" onSubmit={(e) => void submit(e)} data-testid="sign-in-form">
        <InputField
          id="sign-in-name"
          label={t('signIn.name')}
          name="username"
          autoComplete="username"
          required
          value={form.name}
          onValue={(v) => setForm({ ...form, name: v })}
        />
        <InputField
          id="sign-in-password"
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          required
          value={form.password}
          onValue={(v) => setForm({ ...form, password: v })}
        />
        <CodeField
          id="sign-in-code"
          label={t('signIn.code')}
          hint={t('signIn.codeHint')}
          value={form.code}
          onValue={(code) => setForm({ ...form, code })}
        />
        <SubmitButton busy={action.busy} testId="sign-in-submit">
          {t('signIn.submit')}
        </SubmitButton>
      </form>
    </StandalonePage>
  );
}
