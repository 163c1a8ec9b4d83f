import {
  retryDelayMs,
  totalScheduleMs,
  WEBHOOK_DELIVERY_ATTEMPTS,
  WEBHOOK_DELIVERY_BACKOFF_MS,
} from './webhook-delivery.policy';

describe('webhook retry schedule', () => {
  it('doubles the wait before each retry', () => {
    expect([1, 2, 3, 11].map((n) => retryDelayMs(n, 60_000))).toEqual([60_000, 120_000, 240_000, 61_440_000]);
  });

  it('spreads the default 12 attempts over about a day and a half (2047 minutes)', () => {
    const total = totalScheduleMs(WEBHOOK_DELIVERY_ATTEMPTS, WEBHOOK_DELIVERY_BACKOFF_MS);
    expect(total).toBe(2047 * 60_000);
    expect(total / 3_600_000).toBeCloseTo(34.1, 1);
  });
});
