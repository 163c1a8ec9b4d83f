import { setTimeout as delay } from 'node:timers/promises';
import { KafkaJSError } from 'kafkajs';

export interface RetryPolicy {
  /** First delay between tries, doubled after each until `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A retry is logged on the first failure, then at most once per this interval. */
  logEveryMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 100, maxDelayMs: 5000, logEveryMs: 30_000 };

/**
 * Thrown out of `eachMessage` when the consumer stops while a message waits for a retry: kafkajs then
 * leaves that message's offset uncommitted, so whoever owns the partition next handles it again.
 * A (retriable) KafkaJSError, so kafkajs neither logs it as a handler failure nor treats it as a crash.
 */
export class ConsumerStoppingError extends KafkaJSError {
  override readonly name = 'ConsumerStoppingError';

  constructor() {
    super('consumer stopping; the message is left for redelivery', { retriable: true });
  }
}

/** The retries of one step (a handler, a dead-letter send, a hook) on one message. */
export class RetryState {
  attempts = 0;
  readonly startedAt = Date.now();
  private loggedAt = 0;

  constructor(private readonly policy: RetryPolicy) {}

  /** Counts a failure; true when it should be logged (the first, then one per `logEveryMs`). */
  failed(now = Date.now()): boolean {
    this.attempts++;
    if (this.attempts > 1 && now - this.loggedAt < this.policy.logEveryMs) return false;
    this.loggedAt = now;
    return true;
  }

  /** Delay before the next try: base, doubling, capped. */
  nextDelayMs(): number {
    const { baseDelayMs, maxDelayMs } = this.policy;
    return Math.min(baseDelayMs * 2 ** Math.min(this.attempts - 1, 30), maxDelayMs);
  }

  elapsedMs(now = Date.now()): number {
    return now - this.startedAt;
  }
}

/** Waits `ms` unless `signal` aborts first; then throws ConsumerStoppingError. */
export async function waitOrStop(ms: number, signal: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal }).catch(() => undefined);
  if (signal.aborted) throw new ConsumerStoppingError();
}
