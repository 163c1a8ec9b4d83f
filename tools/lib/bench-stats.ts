// Figures of the pipeline benchmark (tools/bench-pipeline.ts): percentiles and rounding.

export interface Latency {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** Nearest-rank percentiles of the samples, in the samples' unit, rounded to 0.1. */
export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number | null => {
    if (sorted.length === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
    return round(sorted[rank - 1], 1);
  };
  return {
    count: sorted.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.length ? round(sorted[sorted.length - 1], 1) : null,
  };
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** count per second over ms milliseconds, 0 when no time passed. */
export function rate(count: number, ms: number, digits = 1): number {
  return ms > 0 ? round(count / (ms / 1000), digits) : 0;
}

export function megabytes(bytes: number): number {
  return round(bytes / 1e6, 1);
}
