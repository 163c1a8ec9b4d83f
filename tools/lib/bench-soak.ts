// Whether a service's resident memory levelled off over a soak (tools/bench-pipeline.ts --soak): its samples
// are split in thirds by time, and memory that levelled off peaks no higher in the last third than it did before
// it (warm-up included: heaps and pools grow to their working size, then saw under it). Garbage collection makes
// RSS saw up and down, by some MB and, when the heap gives pages back, by 100 MB or more over minutes — a saw whose
// trough can fill a whole third, so the middle third alone is no reference. Hence the peak of the first two
// thirds, and a tolerance; the growth over the last half (least squares) is reported too.
import { round } from './bench-stats';

export interface MemoryPoint {
  /** Seconds since the soak started. */
  atSeconds: number;
  mb: number;
}

export interface LevelOff {
  samples: number;
  /** The peak of the first two thirds. */
  beforeLastThirdMaxMB: number | null;
  lastThirdMaxMB: number | null;
  /** Slope of a least-squares line through the last half's samples. */
  lastHalfGrowthMBPerMin: number | null;
  /** How much higher the last third may peak than before it: 5 % of the earlier peak, at least 10 MB. */
  toleranceMB: number | null;
  /** null: too few samples to say (fewer than 6, two a third). */
  levelled: boolean | null;
}

export const TOLERANCE_SHARE = 0.05;
export const TOLERANCE_MIN_MB = 10;
const MIN_SAMPLES = 6;

export function levelOff(points: readonly MemoryPoint[]): LevelOff {
  const sorted = [...points].sort((a, b) => a.atSeconds - b.atSeconds);
  const none: LevelOff = {
    samples: sorted.length,
    beforeLastThirdMaxMB: null,
    lastThirdMaxMB: null,
    lastHalfGrowthMBPerMin: null,
    toleranceMB: null,
    levelled: null,
  };
  if (sorted.length < MIN_SAMPLES) return none;
  const from = sorted[0].atSeconds;
  const span = sorted[sorted.length - 1].atSeconds - from;
  if (span <= 0) return none;
  const within = (a: number, b: number) =>
    sorted.filter((p) => p.atSeconds - from >= a * span && p.atSeconds - from <= b * span);
  const before = sorted.filter((p) => p.atSeconds - from < (2 / 3) * span);
  const last = within(2 / 3, 1);
  if (before.length === 0 || last.length === 0) return none;
  const beforeMax = Math.max(...before.map((p) => p.mb));
  const lastMax = Math.max(...last.map((p) => p.mb));
  const tolerance = Math.max(TOLERANCE_SHARE * beforeMax, TOLERANCE_MIN_MB);
  return {
    samples: sorted.length,
    beforeLastThirdMaxMB: round(beforeMax, 1),
    lastThirdMaxMB: round(lastMax, 1),
    lastHalfGrowthMBPerMin: round(slope(within(1 / 2, 1)) * 60, 2),
    toleranceMB: round(tolerance, 1),
    levelled: lastMax <= beforeMax + tolerance,
  };
}

/** MB a second of a least-squares line; 0 for fewer than two distinct times. */
export function slope(points: readonly MemoryPoint[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mt = points.reduce((s, p) => s + p.atSeconds, 0) / n;
  const mm = points.reduce((s, p) => s + p.mb, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.atSeconds - mt) * (p.mb - mm);
    den += (p.atSeconds - mt) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
