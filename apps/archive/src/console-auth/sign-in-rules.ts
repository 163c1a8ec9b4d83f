/** Consecutive failures with one name that lock it. */
export const MAX_FAILURES = 5;
/** A run of failures older than this is forgotten: "in a row" means within a day. */
export const FAILURE_MEMORY_MS = 24 * 3_600_000;

export interface FailureState {
  failures: number;
  lastFailureAt: Date | null;
  lockedUntil: Date | null;
}

export const NO_FAILURES: FailureState = { failures: 0, lastFailureAt: null, lockedUntil: null };

export const isLocked = (s: FailureState, now: Date): boolean =>
  s.lockedUntil !== null && s.lockedUntil.getTime() > now.getTime();

/**
 * The state after one more failure, and whether it is the one that locks. A lock ends the run: after it, the
 * name has MAX_FAILURES tries again. A failure while locked (requests that raced the lock) changes nothing.
 */
export function afterFailure(
  s: FailureState,
  now: Date,
  lockMs: number,
): { state: FailureState; lockedNow: boolean } {
  if (isLocked(s, now)) return { state: s, lockedNow: false };
  const stale = s.lastFailureAt === null || now.getTime() - s.lastFailureAt.getTime() > FAILURE_MEMORY_MS;
  const ended = s.lockedUntil !== null;
  const failures = (stale || ended ? 0 : s.failures) + 1;
  if (failures >= MAX_FAILURES)
    return {
      state: { failures: 0, lastFailureAt: now, lockedUntil: new Date(now.getTime() + lockMs) },
      lockedNow: true,
    };
  return { state: { failures, lastFailureAt: now, lockedUntil: null }, lockedNow: false };
}
