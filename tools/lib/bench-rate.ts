// The fixed-rate (open-loop) load of the pipeline benchmark (tools/bench-pipeline.ts --rate, --soak): send i
// starts at i / rate seconds whether or not earlier ones were answered, as clients that do not wait for each
// other would — so a slow answer shows as latency, not as a lower offered rate. In-flight sends are bounded so a
// stalled system does not pile up requests without end; a send due while the bound is reached waits for a free
// slot, and that is counted and its lateness reported.

export interface OpenLoopOptions {
  /** Sends a second. */
  rate: number;
  count: number;
  maxInFlight: number;
  /** The clock in ms (performance.now by default; a test's fake timers otherwise). */
  now?: () => number;
}

export interface OpenLoopResult {
  sent: number;
  /** Sends that were due while maxInFlight sends were unanswered, and so waited for one. */
  boundHits: number;
  /** The most sends unanswered at once. */
  peakInFlight: number;
  /** Per send, how many ms after its scheduled time it started (timer granularity, the bound, a busy loop). */
  lateMs: number[];
  /** From the first scheduled start to the last answer. */
  elapsedMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs `send(i, lateMs)` for i = 0 … count − 1 at `rate` a second, at most `maxInFlight` at once, lateMs being how
 * long after its scheduled time the send starts (so its latency can be counted from the schedule, as a client's
 * would); waits for all.
 */
export async function openLoop(
  o: OpenLoopOptions,
  send: (i: number, lateMs: number) => Promise<void>,
): Promise<OpenLoopResult> {
  if (!(o.rate > 0) || !(o.maxInFlight >= 1)) throw new Error('openLoop needs rate > 0 and maxInFlight ≥ 1');
  const now = o.now ?? (() => performance.now());
  const intervalMs = 1000 / o.rate;
  const inFlight = new Set<Promise<void>>();
  const lateMs: number[] = [];
  let boundHits = 0;
  let peakInFlight = 0;
  const start = now();
  for (let i = 0; i < o.count; i++) {
    const due = start + i * intervalMs;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    if (inFlight.size >= o.maxInFlight) {
      boundHits++;
      while (inFlight.size >= o.maxInFlight) await Promise.race(inFlight);
    }
    const late = Math.max(0, now() - due);
    lateMs.push(late);
    // A send that throws counts as answered; the caller records its own failures.
    const p: Promise<void> = send(i, late)
      .catch(() => undefined)
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    peakInFlight = Math.max(peakInFlight, inFlight.size);
  }
  await Promise.all(inFlight);
  return { sent: o.count, boundHits, peakInFlight, lateMs, elapsedMs: now() - start };
}

/** The default bound: two seconds' worth of sends, at least 16. */
export function defaultMaxInFlight(rate: number): number {
  return Math.max(16, Math.ceil(2 * rate));
}
