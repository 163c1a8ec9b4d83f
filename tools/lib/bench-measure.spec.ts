import { cpuDelta, cpuMsOf, cpuSnapshot, parsePids } from './bench-measure';
import { byService } from './bench-instances';

describe('parsePids', () => {
  it('reads name=pid pairs, several pids of one name in one group', () => {
    expect(parsePids('gateway=12,router=13,router-2=14,kafka=9,kafka=10')).toEqual({
      gateway: [12],
      router: [13],
      'router-2': [14],
      kafka: [9, 10],
    });
    expect(parsePids('')).toEqual({});
  });

  it('refuses anything but name=pid', () => {
    expect(() => parsePids('gateway=12,router')).toThrow('"router" is not name=pid');
    expect(() => parsePids('gateway=x')).toThrow('is not name=pid');
  });
});

describe('cpuDelta', () => {
  it('adds up the pids of a group, a pid new since the first snapshot from zero', () => {
    const before = { router: new Map([[13, 100]]), 'router-2': new Map([[14, 50]]) };
    const after = {
      router: new Map([[13, 160]]),
      'router-2': new Map([
        [14, 90],
        [15, 7],
      ]),
    };
    expect(cpuDelta(before, after)).toEqual({ router: 60, 'router-2': 47 });
    // What PhaseCost reports per service: both instances together.
    expect(byService(cpuDelta(before, after))).toEqual({ router: 107 });
  });

  it('reads this process’s own CPU from /proc, and nothing for a pid that is gone', () => {
    const snap = cpuSnapshot({ me: [process.pid], gone: [2 ** 22 + 1] });
    const mine = snap.me.get(process.pid) ?? -1;
    expect(mine).toBeGreaterThan(0);
    expect(mine).toBeLessThanOrEqual(cpuMsOf(process.pid) ?? 0);
    expect(snap.gone.size).toBe(0);
  });
});
