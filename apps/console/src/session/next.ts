// Where sign-in sends the operator afterwards: only a path of this console, never another site.

/** The sign-in page, remembering where to go back to (`expired`: say that the session ended). */
export function signInPath(next: string, expired = false): string {
  const q = new URLSearchParams();
  if (next && next !== '/' && next !== '/sign-in') q.set('next', next);
  if (expired) q.set('reason', 'expired');
  const s = q.toString();
  return s ? `/sign-in?${s}` : '/sign-in';
}

/** The in-console path to go to after sign-in: `next` if it is one ("/offices?x=1"), else the overview. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/sign-in' || next.startsWith('/sign-in?') || next.startsWith('/setup/')) return '/';
  return next;
}
