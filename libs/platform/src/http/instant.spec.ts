import { parseInstant } from './instant';

describe('parseInstant', () => {
  it('reads a date alone as 00:00 Japan time of that day', () => {
    expect(parseInstant('2026-11-01')).toEqual({ at: new Date('2026-10-31T15:00:00Z'), dateOnly: true });
  });

  it('reads a timestamp with its zone', () => {
    expect(parseInstant('2026-11-01T10:00:00Z')?.at).toEqual(new Date('2026-11-01T10:00:00Z'));
    expect(parseInstant('2026-11-01T10:00:00.250+09:00')?.at).toEqual(new Date('2026-11-01T01:00:00.250Z'));
    expect(parseInstant('2026-11-01T10:00-05:30')?.dateOnly).toBe(false);
  });

  it('refuses a timestamp without a zone, impossible dates and anything else', () => {
    for (const value of [
      '2026-11-01T10:00:00',
      '2026-11-01T10:00',
      '2026-02-30',
      '2026-02-30T10:00:00Z',
      '2026-13-01',
      '2026-11-01T25:00:00Z',
      'yesterday',
      '1730419200',
      '',
      // Years PostgreSQL cannot hold: 0000-01-01 JST is in year 0 UTC.
      '0000-01-01',
      '0000-06-01T00:00:00Z',
      '0001-01-01',
    ])
      expect({ value, parsed: parseInstant(value) }).toEqual({ value, parsed: null });
  });

  it('takes the first and last days PostgreSQL and four-digit ISO 8601 both hold', () => {
    expect(parseInstant('0001-01-02')?.at).toEqual(new Date('0001-01-01T15:00:00Z'));
    expect(parseInstant('9999-12-31T23:59:59Z')?.at).toEqual(new Date('9999-12-31T23:59:59Z'));
  });
});
