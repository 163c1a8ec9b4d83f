import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, problemFrom, unwrap, type ShownProblem } from '../api/client';
import { Loading, ProblemAlert } from '../components/Feedback';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Page } from '../components/Page';
import { useLoad } from '../lib/hooks';
import { useSession } from '../session/session';

const MIN_PASSWORD = 12;

/** The one-time set-up link: enrol the authenticator (QR or URI), choose a password, prove the code. */
export function SetupPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const { signedIn } = useSession();
  const info = useLoad(token, () =>
    unwrap(api.GET('/ops/v1/setup/{token}', { params: { path: { token } } })),
  );
  const [form, setForm] = useState({ password: '', again: '', code: '' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const tooShort = form.password.length > 0 && form.password.length < MIN_PASSWORD;
  const mismatch = form.again.length > 0 && form.again !== form.password;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (tooShort || mismatch) return;
    setBusy(true);
    setProblem(null);
    try {
      const session = await unwrap(
        api.POST('/ops/v1/setup/{token}', {
          params: { path: { token } },
          body: { password: form.password, code: form.code },
        }),
      );
      signedIn(session);
      void navigate('/', { replace: true });
    } catch (err) {
      setProblem(problemFrom(err));
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
        <Page title={t('setup.title')}>
          <Loading when={info.loading} />
          <ProblemAlert problem={info.problem} testId="setup-invalid" />
          {info.data ? (
            <>
              <p>{t('setup.welcome', { name: info.data.name })}</p>
              <section aria-labelledby="setup-step1">
                <h2 id="setup-step1">{t('setup.step1')}</h2>
                <p>{t('setup.scan')}</p>
                <img
                  className="qr"
                  src={info.data.qrDataUrl}
                  alt={t('setup.qrAlt')}
                  width={200}
                  height={200}
                  data-testid="setup-qr"
                />
                <p>{t('setup.orUri')}</p>
                <code className="mono uri" data-testid="setup-otpauth-uri">
                  {info.data.otpauthUri}
                </code>
              </section>
              <section aria-labelledby="setup-step2">
                <h2 id="setup-step2">{t('setup.step2')}</h2>
                <ProblemAlert problem={problem} />
                <form className="form narrow" onSubmit={(e) => void submit(e)} data-testid="setup-form">
                  <input
                    type="text"
                    name="username"
                    autoComplete="username"
                    value={info.data.name}
                    readOnly
                    hidden
                  />
                  <div className="field">
                    <label htmlFor="setup-password">{t('setup.password')}</label>
                    <input
                      id="setup-password"
                      type="password"
                      autoComplete="new-password"
                      minLength={MIN_PASSWORD}
                      required
                      aria-invalid={tooShort}
                      aria-describedby="setup-password-hint"
                      value={form.password}
                      onChange={(e) => setForm({ ...form, password: e.target.value })}
                    />
                    <p className={tooShort ? 'hint hint-error' : 'hint'} id="setup-password-hint">
                      {t('setup.passwordHint', { min: MIN_PASSWORD })}
                    </p>
                  </div>
                  <div className="field">
                    <label htmlFor="setup-password-again">{t('setup.passwordAgain')}</label>
                    <input
                      id="setup-password-again"
                      type="password"
                      autoComplete="new-password"
                      required
                      aria-invalid={mismatch}
                      aria-describedby={mismatch ? 'setup-mismatch' : undefined}
                      value={form.again}
                      onChange={(e) => setForm({ ...form, again: e.target.value })}
                    />
                    {mismatch ? (
                      <p className="hint hint-error" id="setup-mismatch" data-testid="setup-mismatch">
                        {t('setup.mismatch')}
                      </p>
                    ) : null}
                  </div>
                  <div className="field">
                    <label htmlFor="setup-code">{t('setup.code')}</label>
                    <input
                      id="setup-code"
                      className="mono code-input"
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      pattern="\d{6}"
                      maxLength={6}
                      required
                      value={form.code}
                      onChange={(e) => setForm({ ...form, code: e.target.value.replace(/\D/g, '') })}
                    />
                  </div>
                  <button type="submit" disabled={busy || tooShort || mismatch} data-testid="setup-submit">
                    {busy ? t('common.working') : t('setup.submit')}
                  </button>
                </form>
              </section>
            </>
          ) : null}
        </Page>
      </main>
    </div>
  );
}
