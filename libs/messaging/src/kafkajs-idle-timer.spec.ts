import { createRequire } from 'node:module';
import { stopIdleRequestQueueTimer } from './kafkajs-idle-timer';

// kafkajs's own queue, as each broker connection has one; none of these tests connects anywhere.
type Queue = {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
};
const RequestQueue = createRequire(require.resolve('kafkajs'))('./src/network/requestQueue/index.js') as new (
  options: object,
) => Queue;
const logger = {
  debug: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  info: () => undefined,
};

describe('stopIdleRequestQueueTimer', () => {
  let queue: Queue;

  beforeAll(() => stopIdleRequestQueueTimer());
  beforeEach(() => {
    jest.useFakeTimers();
    queue = new RequestQueue({ maxInFlightRequests: 1, logger, isConnected: () => true });
  });
  afterEach(() => jest.useRealTimers());

  it('arms no timer for an empty queue that is not throttled (kafkajs re-armed one every 1 ms)', () => {
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still looks at queued requests again 10 ms later', () => {
    queue.pending.push({});
    const check = jest.spyOn(queue, 'checkPendingRequests');
    // One request in flight already: the queued one waits (maxInFlightRequests: 1).
    (queue as unknown as { inflight: Map<number, unknown> }).inflight.set(1, {});
    queue.checkPendingRequests();
    expect(check).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(9);
    expect(check).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1);
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('still waits out a throttle, with or without queued requests', () => {
    queue.throttledUntil = Date.now() + 500;
    const check = jest.spyOn(queue, 'checkPendingRequests');
    queue.checkPendingRequests();
    jest.advanceTimersByTime(499);
    expect(check).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1);
    expect(check).toHaveBeenCalledTimes(2);
    // The throttle is over and nothing is queued: no further timer.
    expect(jest.getTimerCount()).toBe(0);
  });
});
