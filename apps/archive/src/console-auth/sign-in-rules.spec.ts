import {
  afterFailure,
  FAILURE_MEMORY_MS,
  FailureState,
  isLocked,
  MAX_FAILURES,
  NO_FAILURES,
} from './sign-in-rules';

const LOCK_MS = 15 * 60_000;
const t0 = new Date('2026-12-01T09:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

/** The state after `n` failures a second apart from t0, and whether the last one locked. */
function fail(n: number, from: FailureState = NO_FAILURES, start = 0) {
  let state = from;
  let lockedNow = false;
  for (let i = 0; i < n; i++) ({ state, lockedNow } = afterFailure(state, later(start + i * 1000), LOCK_MS));
  return { state, lockedNow };
}

describe('console sign-in lock-out', () => {
  it('locks on the fifth failure in a row, for the lock time', () => {
    expect(MAX_FAILURES).toBe(5);
    const four = fail(4);
    expect(four).toEqual({
      state: expect.objectContaining({ failures: 4, lockedUntil: null }),
      lockedNow: false,
    });
    expect(isLocked(four.state, later(4000))).toBe(false);
    const five = fail(1, four.state, 4000);
    expect(five.lockedNow).toBe(true);
    expect(five.state.lockedUntil).toEqual(later(4000 + LOCK_MS));
    expect(isLocked(five.state, later(4000 + LOCK_MS - 1))).toBe(true);
    expect(isLocked(five.state, later(4000 + LOCK_MS))).toBe(false);
  });

  it('does not count failures while locked (requests that raced the lock)', () => {
    const locked = fail(5).state;
    expect(afterFailure(locked, later(10_000), LOCK_MS)).toEqual({ state: locked, lockedNow: false });
  });

  it('gives the full five tries again once a lock has run out', () => {
    const locked = fail(5).state;
    const after = fail(4, locked, 4000 + LOCK_MS);
    expect(after).toEqual({
      state: expect.objectContaining({ failures: 4, lockedUntil: null }),
      lockedNow: false,
    });
    expect(fail(1, after.state, 10_000 + LOCK_MS).lockedNow).toBe(true);
  });

  it('forgets a run of failures after a quiet day', () => {
    const four = fail(4).state;
    expect(afterFailure(four, later(3000 + FAILURE_MEMORY_MS + 1), LOCK_MS).state.failures).toBe(1);
    expect(afterFailure(four, later(3000 + FAILURE_MEMORY_MS), LOCK_MS).lockedNow).toBe(true);
  });
});
