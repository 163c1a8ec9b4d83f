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
    ])
      expect({ value, parsed: parseInstant(value) }).toEqual({ value, parsed: null });
  });
});
