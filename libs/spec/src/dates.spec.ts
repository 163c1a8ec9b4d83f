import { daysInMonth, isRealDate, isRealMonth, isRealTimestamp } from './dates';

describe('dates', () => {
  it('knows real calendar dates', () => {
    expect(isRealDate('20260230')).toBe(false);
    expect(isRealDate('20240229')).toBe(true);
    expect(isRealDate('21000229')).toBe(false);
    expect(isRealDate('20000229')).toBe(true);
    expect(isRealDate('20250431')).toBe(false);
    expect(isRealDate('00000000')).toBe(false);
    expect(isRealDate('2025041')).toBe(false);
    expect(daysInMonth(2025, 6)).toBe(30);
  });
  it('knows months and timestamps', () => {
    expect(isRealMonth('202513')).toBe(false);
    expect(isRealMonth('202500')).toBe(false);
    expect(isRealMonth('202512')).toBe(true);
    expect(isRealMonth('000001')).toBe(false); // no year 0, as for dates
    expect(isRealMonth('20251a')).toBe(false);
    expect(isRealTimestamp('20250425103000')).toBe(true);
    expect(isRealTimestamp('20250425246000')).toBe(false);
  });
});
