// Whether a service's resident memory levelled off over a soak (tools/bench-pipeline.ts --soak): its samples
// are split in thirds by time; the first third is warm-up (heaps and pools growing to their working size), and
// memory that levelled off peaks no higher in the last third than in the middle one. Garbage collection makes RSS
// saw up and down by some MB, hence a tolerance; the growth over the last half (least squares) is reported too.
import { round } from './bench-stats';

export interface MemoryPoint {
  /** Seconds since the soak started. */
  atSeconds: number;
  mb: number;
}

export interface LevelOff {
  samples: number;
  middleThirdMaxMB: number | null;
  lastThirdMaxMB: number | null;
  /** Slope of a least-squares line through the last half's samples. */
  lastHalfGrowthMBPerMin: number | null;
  /** How much higher the last third may peak than the middle one: 5 % of the middle's peak, at least 10 MB. */
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
    middleThirdMaxMB: null,
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
  const middle = within(1 / 3, 2 / 3);
  const last = within(2 / 3, 1);
  if (middle.length === 0 || last.length === 0) return none;
  const middleMax = Math.max(...middle.map((p) => p.mb));
  const lastMax = Math.max(...last.map((p) => p.mb));
  const tolerance = Math.max(TOLERANCE_SHARE * middleMax, TOLERANCE_MIN_MB);
  return {
    samples: sorted.length,
    middleThirdMaxMB: round(middleMax, 1),
    lastThirdMaxMB: round(lastMax, 1),
    lastHalfGrowthMBPerMin: round(slope(within(1 / 2, 1)) * 60, 2),
    toleranceMB: round(tolerance, 1),
    levelled: lastMax <= middleMax + tolerance,
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
