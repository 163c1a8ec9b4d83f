import { ConsumerStoppingError, RetryState, waitOrStop } from './consumer-retry';

describe('RetryState', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 5000, logEveryMs: 30_000 };

  it('doubles the delay from the base up to the cap', () => {
    const retry = new RetryState(policy);
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      retry.failed();
      delays.push(retry.nextDelayMs());
    }
    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
  });

  it('asks for a log line on the first failure, then at most once per interval', () => {
    const retry = new RetryState(policy);
    const t0 = 1_000_000;
    const logged = [0, 1000, 5000, 29_999, 30_000, 31_000, 60_000].map((dt) => retry.failed(t0 + dt));
    expect(logged).toEqual([true, false, false, false, true, false, true]);
    expect(retry.attempts).toBe(7);
  });
});

describe('waitOrStop', () => {
  it('ends the wait at once and throws when the consumer stops', async () => {
    const stopping = new AbortController();
    const started = Date.now();
    const waiting = waitOrStop(10_000, stopping.signal);
    stopping.abort();
    await expect(waiting).rejects.toBeInstanceOf(ConsumerStoppingError);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
