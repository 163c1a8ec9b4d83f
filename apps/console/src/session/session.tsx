// Who is signed in. The session itself is the HttpOnly cookie; the console keeps what GET /ops/v1/session says
// (the operator, the CSRF token) and follows the API when it says the session has ended.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { setCsrfToken, setSessionLostHandler, unwrap } from '../api/client';
import { pendingApi, type PendingSessionDto } from '../api/pending';
import { signInPath } from './next';

type Status = 'checking' | 'signed-in' | 'signed-out';

interface SessionContextValue {
  status: Status;
  session: PendingSessionDto | null;
  /** After sign-in or set-up: the session the API answered with. */
  signedIn: (session: PendingSessionDto) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Paths that need no session (and where an ended session sends nobody elsewhere). */
const isPublicPath = (pathname: string) => pathname === '/sign-in' || pathname.startsWith('/setup/');

export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [state, setState] = useState<{ status: Status; session: PendingSessionDto | null }>({
    status: 'checking',
    session: null,
  });

  const signedIn = useCallback((session: PendingSessionDto) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
  }, []);

  useEffect(() => {
    let live = true;
    unwrap(pendingApi.GET('/ops/v1/session')).then(
      (session) => {
        if (live) signedIn(session);
      },
      () => {
        if (live) setState({ status: 'signed-out', session: null });
      },
    );
    return () => {
      live = false;
    };
  }, [signedIn]);

  // The middleware tells of a 401 that means "sign in again"; the router is here.
  useEffect(
    () =>
      setSessionLostHandler((code) => {
        setCsrfToken(null);
        setState({ status: 'signed-out', session: null });
        const here = window.location.pathname.replace(/^\/console(?=\/|$)/, '') || '/';
        if (!isPublicPath(here))
          void navigate(signInPath(here + window.location.search, code === 'CONSOLE_SESSION_EXPIRED'), {
            replace: true,
          });
      }),
    [navigate],
  );

  const signOut = useCallback(async () => {
    try {
      await unwrap(pendingApi.DELETE('/ops/v1/session'));
    } finally {
      setCsrfToken(null);
      setState({ status: 'signed-out', session: null });
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
export function useSignedIn(): PendingSessionDto {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn outside RequireSession');
  return session;
}

/** Renders its children for a signed-in operator; sends anyone else to sign in, coming back here after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (status === 'checking')
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  if (status === 'signed-out')
    return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  return <>{children}</>;
}
