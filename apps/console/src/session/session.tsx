// Who is signed in. The session itself is the HttpOnly cookie; the console keeps what GET /ops/v1/session says
// (the operator, the CSRF token) and follows the API when it says the session has ended: the protected pages
// (RequireSession) then send the operator to sign in, and back afterwards; the public ones stay.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setCsrfToken, setSessionLostHandler, unwrap, type Schemas } from '../api/client';
import { signInPath } from './next';

type Status = 'checking' | 'signed-in' | 'signed-out';

interface SessionState {
  status: Status;
  session: Schemas['SessionDto'] | null;
  /** Signed out because the session expired (the sign-in page says so). */
  expired: boolean;
}

interface SessionContextValue extends SessionState {
  /** After sign-in or set-up: the session the API answered with. */
  signedIn: (session: Schemas['SessionDto']) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [state, setState] = useState<SessionState>({ status: 'checking', session: null, expired: false });

  const signedIn = useCallback((session: Schemas['SessionDto']) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session, expired: false });
  }, []);

  useEffect(() => {
    let live = true;
    unwrap(api.GET('/ops/v1/session')).then(
      (session) => {
        if (live) signedIn(session);
      },
      (e: unknown) => {
        // A cookie whose session ended (idle, absolute limit, revoked) says so on the sign-in page.
        const expired = e instanceof ApiError && e.problem.code === 'CONSOLE_SESSION_EXPIRED';
        if (live) setState({ status: 'signed-out', session: null, expired });
      },
    );
    return () => {
      live = false;
    };
  }, [signedIn]);

  // The middleware tells of a 401 that means "sign in again": RequireSession then sends the operator to sign in.
  useEffect(
    () =>
      setSessionLostHandler((code) => {
        setCsrfToken(null);
        setState({ status: 'signed-out', session: null, expired: code === 'CONSOLE_SESSION_EXPIRED' });
      }),
    [],
  );

  const signOut = useCallback(async () => {
    try {
      await unwrap(api.DELETE('/ops/v1/session'));
    } finally {
      setCsrfToken(null);
      setState({ status: 'signed-out', session: null, expired: false });
      void navigate('/sign-in', { replace: true });
    }
  }, [navigate]);

  const value = useMemo(() => ({ ...state, signedIn, signOut }), [state, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in operator's session; only inside RequireSession. */
export function useSignedIn(): Schemas['SessionDto'] {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn outside RequireSession');
  return session;
}

/** Renders its children for a signed-in operator; sends anyone else to sign in, coming back here after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { status, expired } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (status === 'checking')
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  if (status === 'signed-out')
    return <Navigate to={signInPath(location.pathname + location.search, expired)} replace />;
  return <>{children}</>;
}
