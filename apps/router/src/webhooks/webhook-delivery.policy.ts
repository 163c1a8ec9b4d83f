// The default retry policy of webhook pushes. 12 attempts, exponential from 60 s: the retries wait
// 1, 2, 4 … 1024 minutes, 2047 minutes ≈ 34 h 7 min from the first attempt to the last.
export const WEBHOOK_DELIVERY_ATTEMPTS = 12;
export const WEBHOOK_DELIVERY_BACKOFF_MS = 60_000;
export const WEBHOOK_DELIVERY_TIMEOUT_MS = 10_000;
export const WEBHOOK_DELIVERY_CONCURRENCY = 10;

/** Delay before retry `n` (1-based), as BullMQ's exponential backoff computes it. */
export function retryDelayMs(retry: number, backoffMs: number): number {
  return backoffMs * 2 ** (retry - 1);
}

/** Time from the first attempt to the last, if every attempt fails (request time not counted). */
export function totalScheduleMs(attempts: number, backoffMs: number): number {
  let total = 0;
  for (let retry = 1; retry < attempts; retry++) total += retryDelayMs(retry, backoffMs);
  return total;
}
