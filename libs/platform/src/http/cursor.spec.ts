import { decodeCursor, encodeCursor } from './cursor';

describe('cursor', () => {
  it('round-trips a position', () => {
    const at = new Date('2026-11-01T09:30:00.123Z');
    expect(decodeCursor(encodeCursor({ at, id: 'abc' }))).toEqual({ at, id: 'abc' });
  });

  it('round-trips a position with the microseconds PostgreSQL keeps', () => {
    const at = new Date('2026-11-01T09:30:00.123Z');
    expect(decodeCursor(encodeCursor({ at, id: 'abc', micros: 45 }))).toEqual({ at, id: 'abc', micros: 45 });
    expect(decodeCursor(Buffer.from('2026-11-01T09:30:00.123045Z|abc').toString('base64url'))).toEqual({
      at,
      id: 'abc',
      micros: 45,
    });
  });

  it.each([
    '',
    'not-base64-!!',
    Buffer.from('2026-13-01|x').toString('base64url'),
    Buffer.from('a|b|c').toString('base64url'),
    Buffer.from('2026-11-01T09:30:00.1234Z|x').toString('base64url'),
    // Valid for Date, not for PostgreSQL (the query failed: "time zone displacement out of range").
    Buffer.from('+275760-09-13T00:00:00.000Z|x').toString('base64url'),
    Buffer.from('-000001-01-01T00:00:00.000Z|x').toString('base64url'),
    Buffer.from('0000-01-01T00:00:00.000Z|x').toString('base64url'),
    Buffer.from('+010000-01-01T00:00:00.000Z|x').toString('base64url'),
  ])('rejects %p', (raw) => expect(decodeCursor(raw)).toBeNull());
});
