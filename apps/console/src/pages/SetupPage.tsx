import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { Loading, ProblemAlert } from '../components/Feedback';
import { CodeField, InputField } from '../components/Field';
import { SubmitButton } from '../components/FormPanel';
import { StandalonePage } from '../components/Page';
import { useAction, useLoad } from '../lib/hooks';
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
  const action = useAction();
  const tooShort = form.password.length > 0 && form.password.length < MIN_PASSWORD;
  const mismatch = form.again.length > 0 && form.again !== form.password;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (tooShort || mismatch) return;
    const session = await action.run(() =>
      unwrap(
        api.POST('/ops/v1/setup/{token}', {
          params: { path: { token } },
          body: { password: form.password, code: form.code },
        }),
      ),
    );
    if (session) {
      signedIn(session);
      void navigate('/', { replace: true });
    }
  };

  return (
    <StandalonePage title={t('setup.title')}>
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
            <ProblemAlert problem={action.problem} />
            <form className="form narrow" onSubmit={(e) => void submit(e)} data-testid="setup-form">
              <input
                type="text"
                name="username"
                autoComplete="username"
                value={info.data.name}
                readOnly
                hidden
              />
              <InputField
                id="setup-password"
                label={t('setup.password')}
                type="password"
                autoComplete="new-password"
                minLength={MIN_PASSWORD}
                required
                aria-invalid={tooShort}
                hint={t('setup.passwordHint', { min: MIN_PASSWORD })}
                hintError={tooShort}
                value={form.password}
                onValue={(v) => setForm({ ...form, password: v })}
              />
              <InputField
                id="setup-password-again"
                label={t('setup.passwordAgain')}
                type="password"
                autoComplete="new-password"
                required
                aria-invalid={mismatch}
                aria-describedby={mismatch ? 'setup-mismatch' : undefined}
                value={form.again}
                onValue={(v) => setForm({ ...form, again: v })}
              >
                {mismatch ? (
                  <p className="hint hint-error" id="setup-mismatch" data-testid="setup-mismatch">
                    {t('setup.mismatch')}
                  </p>
                ) : null}
              </InputField>
              <CodeField
                id="setup-code"
                label={t('setup.code')}
                value={form.code}
                onValue={(code) => setForm({ ...form, code })}
              />
              <SubmitButton busy={action.busy} disabled={tooShort || mismatch} testId="setup-submit">
                {t('setup.submit')}
              </SubmitButton>
            </form>
          </section>
        </>
      ) : null}
    </StandalonePage>
  );
}
