import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, problemFrom, unwrap, type ShownProblem } from '../api/client';
import { ProblemAlert } from '../components/Feedback';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Page } from '../components/Page';
import { safeNext } from '../session/next';
import { useSession } from '../session/session';

/** Name, password and the authenticator's 6-digit code. */
export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { signedIn } = useSession();
  const [form, setForm] = useState({ name: '', password: '', code: '' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const expired = params.get('reason') === 'expired';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const session = await unwrap(api.POST('/ops/v1/session', { body: form }));
      signedIn(session);
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      setProblem(problemFrom(err));
      setForm((f) => ({ ...f, code: '' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="standalone">
      <header className="standalone-header">
        <p className="app-name">{t('app.title')}</p>
        <LanguageSwitch />
      </header>
      <main id="main" className="standalone-main">
        <Page title={t('signIn.title')}>
          {expired ? (
            <p className="alert alert-info" role="status" data-testid="session-expired">
              {t('signIn.expired')}
            </p>
          ) : null}
          {/* 423: the account is locked for a while after repeated failures; the problem says for how long. */}
          <ProblemAlert problem={problem} testId={problem?.status === 423 ? 'sign-in-locked' : 'problem'} />
          <form className="form narrow" onSubmit={(e) => void submit(e)} data-testid="sign-in-form">
            <div className="field">
              <label htmlFor="sign-in-name">{t('signIn.name')}</label>
              <input
                id="sign-in-name"
                name="username"
                autoComplete="username"
                required
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="sign-in-password">{t('signIn.password')}</label>
              <input
                id="sign-in-password"
                type="password"
                autoComplete="current-password"
                required
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="sign-in-code">{t('signIn.code')}</label>
              <input
                id="sign-in-code"
                className="mono code-input"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="\d{6}"
                maxLength={6}
                required
                aria-describedby="sign-in-code-hint"
                value={form.code}
                onChange={(e) => setForm({ ...form, code: e.target.value.replace(/\D/g, '') })}
              />
              <p className="hint" id="sign-in-code-hint">
                {t('signIn.codeHint')}
              </p>
            </div>
            <button type="submit" disabled={busy} data-testid="sign-in-submit">
              {busy ? t('common.working') : t('signIn.submit')}
            </button>
          </form>
        </Page>
      </main>
    </div>
  );
}
