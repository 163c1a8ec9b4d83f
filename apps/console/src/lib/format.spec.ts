import {
  formatDate,
  formatHour,
  formatInstant,
  formatMonth,
  formatYen,
  tokyoFiscalYear,
  tokyoMonth,
} from './format';

describe('format', () => {
  it('writes instants in Japan time whatever the language', () => {
    // 2026-05-31T15:30:00Z is already 1 June in Tokyo (UTC+9).
    expect(formatInstant('2026-05-31T15:30:00Z', 'ja')).toBe('2026/06/01 00:30:00');
    expect(formatInstant('2026-05-31T15:30:00Z', 'en')).toBe('01/06/2026, 00:30:00');
    expect(formatHour('2026-05-31T23:00:00Z', 'ja')).toBe('08:00');
  });

  it('says nothing for no instant and keeps what it cannot read', () => {
    expect(formatInstant(null, 'ja')).toBe('—');
    expect(formatInstant('soon', 'en')).toBe('soon');
  });

  it('writes calendar dates as the day they name, never shifted by a time zone', () => {
    expect(formatDate('2026-06-01', 'ja')).toBe('2026/06/01');
    expect(formatDate('2027-03-31', 'en')).toBe('31/03/2027');
    expect(formatMonth('2026-06', 'ja')).toBe('2026年6月');
    expect(formatMonth('2026-06', 'en')).toBe('June 2026');
  });

  it('writes yen with separators', () => {
    expect(formatYen(21000)).toMatch(/^[¥￥]21,000$/);
    expect(formatYen(0)).toMatch(/^[¥￥]0$/);
  });

  it('takes the month and fiscal year in Japan time', () => {
    const newYearInTokyo = new Date('2026-12-31T15:00:00Z');
    expect(tokyoMonth(newYearInTokyo)).toBe('2027-01');
    expect(tokyoFiscalYear(newYearInTokyo)).toBe(2026);
    expect(tokyoFiscalYear(new Date('2026-03-31T15:00:00Z'))).toBe(2026);
    expect(tokyoFiscalYear(new Date('2026-03-31T14:59:59Z'))).toBe(2025);
  });
});
