import type {} from '@fastify/session';
import { timingSafeEqual } from 'node:crypto';
import type { ArchiveEnv } from '../config/archive.env';

/** The console's session cookie (HttpOnly, SameSite=Strict, Path=/). */
export const CONSOLE_COOKIE = 'cpx_console';

/** What a console session holds, in the store and on `req.session`. Times are epoch milliseconds. */
export interface ConsoleSessionData {
  operatorId: string;
  /** Sent back by the console as X-CSRF-Token on every unsafe request. */
  csrfToken: string;
  signedInAt: number;
  lastSeenAt: number;
}

declare module 'fastify' {
  interface Session {
    operatorId?: string;
    csrfToken?: string;
    signedInAt?: number;
    lastSeenAt?: number;
  }
}

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

/** Read at each use: the configuration object is the one source (a test may shorten it). */
export const sessionLimitsOf = (env: ArchiveEnv): SessionLimits => ({
  idleMs: env.CONSOLE_IDLE_MINUTES * 60_000,
  absoluteMs: env.CONSOLE_SESSION_HOURS * 3_600_000,
});

/** When the session ends without another request (idle), and at the latest (absolute). */
export function sessionEnds(d: ConsoleSessionData, limits: SessionLimits) {
  const absolute = d.signedInAt + limits.absoluteMs;
  return {
    idleExpiresAt: new Date(Math.min(d.lastSeenAt + limits.idleMs, absolute)),
    expiresAt: new Date(absolute),
  };
}

export const isLiveSession = (d: ConsoleSessionData, limits: SessionLimits, now: Date): boolean =>
  sessionEnds(d, limits).idleExpiresAt.getTime() > now.getTime();

/** The session's fields, when it is one the console signed in (not an empty one the library made). */
export function consoleSessionData(
  s: Partial<ConsoleSessionData> | null | undefined,
): ConsoleSessionData | null {
  if (!s || typeof s.operatorId !== 'string' || typeof s.csrfToken !== 'string') return null;
  if (typeof s.signedInAt !== 'number' || typeof s.lastSeenAt !== 'number') return null;
  return {
    operatorId: s.operatorId,
    csrfToken: s.csrfToken,
    signedInAt: s.signedInAt,
    lastSeenAt: s.lastSeenAt,
  };
}

/** Timing-safe: the comparison takes as long whatever the header shares with the token. */
export function csrfMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Methods that change something: with the cookie they need the CSRF header. */
export const isUnsafeMethod = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method);
