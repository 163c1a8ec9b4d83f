import { createRequire } from 'node:module';

interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs's CHECK_PENDING_REQUESTS_INTERVAL: how soon queued requests are looked at again. */
const CHECK_PENDING_MS = 10;

/**
 * kafkajs 2.2.4 (its last release) re-arms a 1 ms timer on every broker connection for good once it has sent
 * a request, with nothing queued (tulios/kafkajs#1704, #1751): each service woke ~1000 times a second per
 * connection, idle or not (issue 12, the gateway's profile). Its own check, without the timer for an empty,
 * unthrottled queue: a queued request, or a throttle, still schedules one as before.
 */
export function stopIdleRequestQueueTimer(): void {
  const load = createRequire(require.resolve('kafkajs'));
  const { prototype } = load('./src/network/requestQueue/index.js') as { prototype: RequestQueue };
  prototype.scheduleCheckPendingRequests = function (this: RequestQueue) {
    if (this.throttleCheckTimeoutId) return;
    const untilUnthrottled = this.throttledUntil - Date.now();
    if (this.pending.length === 0 && untilUnthrottled <= 0) return;
    const delay = this.pending.length > 0 && untilUnthrottled <= 0 ? CHECK_PENDING_MS : untilUnthrottled;
    this.throttleCheckTimeoutId = setTimeout(() => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    }, delay);
  };
}
