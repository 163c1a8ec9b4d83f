import { defaultMaxInFlight, openLoop } from './bench-rate';

describe('openLoop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Runs the loop on fake time; each send answers after answerMs and records when it started. */
  async function run(o: { rate: number; count: number; maxInFlight: number }, answerMs: number) {
    const starts: number[] = [];
    const late: number[] = [];
    const t0 = Date.now();
    const done = openLoop({ ...o, now: () => Date.now() }, async (_, lateMs) => {
      starts.push(Date.now() - t0);
      late.push(lateMs);
      await new Promise((r) => setTimeout(r, answerMs));
    });
    await jest.advanceTimersByTimeAsync(60_000);
    return { starts, late, result: await done };
  }

  it('starts a send every 1/rate s', async () => {
    const { starts, result } = await run({ rate: 100, count: 5, maxInFlight: 10 }, 1);
    expect(starts).toEqual([0, 10, 20, 30, 40]);
    expect(result).toMatchObject({ sent: 5, boundHits: 0, peakInFlight: 1 });
    expect(Math.max(...result.lateMs)).toBe(0);
  });

  it('keeps to the schedule while answers are slower than the interval (open loop)', async () => {
    const { starts, result } = await run({ rate: 100, count: 6, maxInFlight: 10 }, 35);
    expect(starts).toEqual([0, 10, 20, 30, 40, 50]);
    expect(result.boundHits).toBe(0);
    expect(result.peakInFlight).toBe(4);
    expect(result.elapsedMs).toBe(50 + 35);
  });

  it('waits for a free slot at the bound, counts it and reports how late the send started', async () => {
    const { starts, late, result } = await run({ rate: 100, count: 4, maxInFlight: 2 }, 50);
    // 0 and 10 fill the bound; 20 waits for the first answer (50), 30 for the second (60).
    expect(starts).toEqual([0, 10, 50, 60]);
    expect(result.boundHits).toBe(2);
    expect(result.peakInFlight).toBe(2);
    expect(result.lateMs).toEqual([0, 0, 30, 30]);
    // Each send is told its own lateness.
    expect(late).toEqual([0, 0, 30, 30]);
  });

  it('catches up after a late start instead of shifting the schedule', async () => {
    const { starts } = await run({ rate: 100, count: 5, maxInFlight: 1 }, 25);
    // 10 waits until 25, 20 until 50; 30 is due before 75 and starts then; 40 is due before 100.
    expect(starts).toEqual([0, 25, 50, 75, 100]);
  });

  it('counts a send that throws as answered', async () => {
    const result = openLoop({ rate: 1000, count: 3, maxInFlight: 1, now: () => Date.now() }, () =>
      Promise.reject(new Error('refused')),
    );
    await jest.advanceTimersByTimeAsync(100);
    await expect(result).resolves.toMatchObject({ sent: 3, peakInFlight: 1 });
  });

  it('refuses a rate or bound that cannot run', async () => {
    await expect(openLoop({ rate: 0, count: 1, maxInFlight: 1 }, async () => {})).rejects.toThrow('rate > 0');
    await expect(openLoop({ rate: 1, count: 1, maxInFlight: 0 }, async () => {})).rejects.toThrow(
      'maxInFlight',
    );
  });

  it('bounds in-flight sends to two seconds of the rate, at least 16', () => {
    expect(defaultMaxInFlight(100)).toBe(200);
    expect(defaultMaxInFlight(2)).toBe(16);
  });
});
