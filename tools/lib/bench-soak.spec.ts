import { levelOff, slope, type MemoryPoint } from './bench-soak';

/** A sample every 10 s for `seconds`, of mb(t). */
const series = (seconds: number, mb: (t: number) => number): MemoryPoint[] =>
  Array.from({ length: seconds / 10 + 1 }, (_, i) => ({ atSeconds: i * 10, mb: mb(i * 10) }));

describe('levelOff', () => {
  it('calls memory that grows while warming up, then saws around a level, levelled', () => {
    const warm = series(300, (t) => (t < 60 ? 150 + t : 210 + (t % 30 === 0 ? 8 : 0)));
    const l = levelOff(warm);
    expect(l.levelled).toBe(true);
    expect(l.beforeLastThirdMaxMB).toBe(218);
    expect(l.lastThirdMaxMB).toBe(218);
    expect(l.samples).toBe(31);
  });

  it('calls memory that keeps growing not levelled, with its growth a minute', () => {
    const leak = series(300, (t) => 200 + t / 6); // 10 MB a minute
    const l = levelOff(leak);
    expect(l.levelled).toBe(false);
    expect(l.lastHalfGrowthMBPerMin).toBeCloseTo(10, 5);
    expect(l.beforeLastThirdMaxMB).toBeCloseTo(231.7, 1);
    expect(l.lastThirdMaxMB).toBe(250);
  });

  it('calls a long saw levelled: its trough may fill the middle third, its peaks do not grow', () => {
    // As the archive's RSS in a 300 s soak: up to 350 MB, given back to 193, up to 325, given back again.
    const saw = series(300, (t) =>
      t <= 90 ? 190 + t * 1.8 : t <= 240 ? 193 + (t - 100) * 0.94 : 197 + (t - 250) * 1.6,
    );
    const l = levelOff(saw);
    expect(l.levelled).toBe(true);
    expect(l.beforeLastThirdMaxMB).toBe(352);
  });

  it('allows the last third 5 % or at least 10 MB above its peak before', () => {
    const step = (to: number) => series(300, (t) => (t > 250 ? to : 300));
    expect(levelOff(step(315)).levelled).toBe(true);
    expect(levelOff(step(316)).levelled).toBe(false);
    expect(levelOff(step(315)).toleranceMB).toBe(15);
    expect(levelOff(series(300, (t) => (t > 250 ? 110 : 100))).toleranceMB).toBe(10);
  });

  it('does not judge a series too short to have thirds', () => {
    expect(levelOff(series(40, () => 100)).levelled).toBeNull();
    expect(levelOff([]).levelled).toBeNull();
  });

  it('judges by time, whatever order the samples come in', () => {
    const leak = series(300, (t) => 200 + t / 6).reverse();
    expect(levelOff(leak).levelled).toBe(false);
  });
});

describe('slope', () => {
  it('is the least-squares MB a second', () => {
    expect(
      slope([
        { atSeconds: 0, mb: 1 },
        { atSeconds: 10, mb: 3 },
        { atSeconds: 20, mb: 5 },
      ]),
    ).toBeCloseTo(0.2);
    expect(slope([{ atSeconds: 5, mb: 1 }])).toBe(0);
  });
});
