import {
  consoleSessionData,
  csrfMatches,
  isLiveSession,
  isUnsafeMethod,
  sessionEnds,
} from './console-session';

const limits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
const t0 = Date.parse('2026-12-01T09:00:00Z');
const session = (lastSeenAt: number) => ({ operatorId: 'o', csrfToken: 't', signedInAt: t0, lastSeenAt });

describe('console session rules', () => {
  it('ends a session idle for the idle time, and at the absolute end however busy', () => {
    expect(sessionEnds(session(t0), limits)).toEqual({
      idleExpiresAt: new Date(t0 + limits.idleMs),
      expiresAt: new Date(t0 + limits.absoluteMs),
    });
    expect(isLiveSession(session(t0), limits, new Date(t0 + limits.idleMs - 1))).toBe(true);
    expect(isLiveSession(session(t0), limits, new Date(t0 + limits.idleMs))).toBe(false);
    // Busy until the end: the idle end never passes the absolute one.
    const busy = session(t0 + limits.absoluteMs - 60_000);
    expect(sessionEnds(busy, limits).idleExpiresAt).toEqual(new Date(t0 + limits.absoluteMs));
    expect(isLiveSession(busy, limits, new Date(t0 + limits.absoluteMs))).toBe(false);
  });

  it('takes a session for a signed-in one only when every field is there', () => {
    expect(consoleSessionData(session(t0))).toEqual(session(t0));
    expect(consoleSessionData({})).toBeNull();
    expect(consoleSessionData(null)).toBeNull();
    expect(consoleSessionData({ ...session(t0), csrfToken: undefined })).toBeNull();
  });

  it('compares the CSRF header exactly, and asks it of unsafe methods only', () => {
    expect(csrfMatches('abc', 'abc')).toBe(true);
    expect(csrfMatches('abc', 'abd')).toBe(false);
    expect(csrfMatches('abc', 'abcd')).toBe(false);
    expect(csrfMatches('abc', undefined)).toBe(false);
    expect(csrfMatches('abc', ['abc'])).toBe(false);
    expect(['GET', 'HEAD', 'OPTIONS'].map(isUnsafeMethod)).toEqual([false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(isUnsafeMethod)).toEqual([true, true, true, true]);
  });
});
